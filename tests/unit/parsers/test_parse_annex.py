"""The annex parser on small hand-built tables: row paths, header paths, units, kinds, measures."""

from __future__ import annotations

from pipeline.parsers.annex import parse_annex_tables
from tests.fixtures.small_documents import document, grid, para, units

UNITS = units("Tân Lập", "Bản Mù", "Xã Mường So", "Xã Bản Lang")

UNITS_AS_COLUMNS = grid(
    [
        [("TT", 2, 1), ("Nội dung", 2, 1), ("Tổng số", 2, 1), ("Trong đó các xã", 1, 2), ("Ghi chú", 2, 1)],
        ["Tân Lập", "Bản Mù"],
        ["I", "Thôn đạt chuẩn nông thôn mới", "7", "3", "4", ""],
        ["1", "Kết quả đến hết năm 2020", "2", "1", "1", ""],
        ["2", "Kế hoạch giai đoạn 2021 - 2025", "5", "2", "3", "dự kiến"],
    ],
    header_rows=2,
)


def cells_by(records: list, *keys: str) -> dict:
    return {tuple(getattr(r, k) for k in keys): r for r in records}


def test_units_as_columns_give_one_cell_per_unit_with_its_row_path_and_whole() -> None:
    annex = parse_annex_tables(document(para("KẾ HOẠCH THỰC HIỆN", center=True), UNITS_AS_COLUMNS), UNITS)
    (table,) = annex.tables
    assert (table.unit_axis, table.title, table.header_rows) == ("column", "KẾ HOẠCH THỰC HIỆN", 2)
    cells = cells_by(annex.cells, "row_path", "column_label")
    assert len(annex.cells) == 9
    part = cells[("I.2", "Trong đó các xã / Bản Mù")]
    assert (part.value, part.parent_path, part.unit_name_raw, part.unit_axis) == (3, "I", "Bản Mù", "column")
    assert part.column_whole == "Tổng số" and not part.is_total
    assert cells[("I.2", "Tổng số")].column_is_total
    (note,) = annex.texts
    assert (note.row_path, note.column_role, note.text) == ("I.2", "notes", "dự kiến")


def test_each_line_knows_its_kind_and_what_it_counts() -> None:
    annex = parse_annex_tables(document(UNITS_AS_COLUMNS), UNITS)
    cells = cells_by(annex.cells, "row_path", "column_label")
    assert cells[("I.1", "Tổng số")].row_kind == "baseline"
    assert cells[("I.2", "Tổng số")].row_kind == "target"
    assert cells[("I", "Tổng số")].row_kind is None
    assert {c.counted for c in annex.cells} == {"thôn"}  # 'nông thôn' is rural, not villages
    assert cells[("I", "Tổng số")].column_kind == "total"


def test_a_column_number_row_is_not_data_and_a_caption_states_the_measure() -> None:
    table = grid(
        [
            ["STT", "Danh mục", "Tổng", "Năm 2024", "Năm 2025"],
            ["A", "B", "1=2+3", "2", "3"],
            ["1", "Đường giao thông", "1.500,5", "700,5", "800"],
        ]
    )
    annex = parse_annex_tables(document(para("Đơn vị tính: triệu đồng"), table), UNITS)
    (record,) = annex.tables
    assert (record.measure, record.measure_kind, record.measure_scale) == ("triệu đồng", "money", 1e6)
    values = {c.column_label: (c.value, c.period) for c in annex.cells}
    assert values == {"Tổng": (1500.5, None), "Năm 2024": (700.5, "2024"), "Năm 2025": (800.0, "2025")}
    assert all(c.row_path == "1" and c.measure_kind == "money" for c in annex.cells)


def test_units_as_rows_with_the_total_row_first() -> None:
    table = grid(
        [
            ["TT", "Tên xã", "Số hộ nghèo"],
            ["", "Tổng cộng", "30"],
            ["1", "Xã Mường So", "12"],
            ["2", "Xã Bản Lang", "18"],
        ]
    )
    annex = parse_annex_tables(document(table), UNITS)
    (record,) = annex.tables
    assert record.unit_axis == "row"
    cells = cells_by(annex.cells, "row_path")
    assert cells[("TOTAL",)].row_is_total and cells[("TOTAL",)].row_kind == "total"
    assert (cells[("1",)].unit_name_raw, cells[("1",)].parent_path) == ("Xã Mường So", "TOTAL")
    assert {c.counted for c in annex.cells} == {"hộ"}


def test_a_layout_table_or_a_table_without_labels_gives_nothing() -> None:
    figures_only = grid([["2024", "2025"], ["1", "2"]])
    assert parse_annex_tables(document(figures_only), UNITS).tables == []
