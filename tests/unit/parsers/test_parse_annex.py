"""The annex parser on small hand-built tables: row paths, header paths, units, kinds, measures."""

from __future__ import annotations

from collections.abc import Callable

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


def levels(**named: str) -> Callable[[str], str | None]:
    """A stand-in for the gazetteer that knows each name's level."""
    return lambda name: named.get(name.removeprefix("Huyện ").removeprefix("Xã ").replace(" ", "_"))


def test_rows_without_numbers_nest_districts_over_their_communes() -> None:
    table = grid(
        [
            ["Huyện, xã", "Tổng số thôn", "Kế hoạch"],
            ["Tổng số", "30", "12"],
            ["Huyện Bảo Lâm", "17", "7"],
            ["Tân Lập", "9", "4"],
            ["Bản Mù", "8", "3"],
            ["Huyện Văn Yên", "13", "5"],
            ["Mường So", "6", "2"],
            ["Bản Lang", "7", "3"],
        ]
    )
    names = levels(Bảo_Lâm="district", Văn_Yên="district", Tân_Lập="commune", Bản_Mù="commune",
                   Mường_So="commune", Bản_Lang="commune")  # fmt: skip
    rows = {r.row_label: r.parent_path for r in parse_annex_tables(document(table), names).rows}
    assert rows["Tân Lập"] == rows["Bản Mù"] == "Huyện Bảo Lâm"
    assert rows["Mường So"] == "Huyện Văn Yên"
    assert rows["Huyện Bảo Lâm"] == rows["Huyện Văn Yên"] == "TOTAL"


def test_rows_without_numbers_nest_sections_over_the_rows_they_sum() -> None:
    table = grid(
        [
            ["Danh mục", "Tổng cộng", "Xã A", "Xã B"],
            ["Tổng cộng", "100,5", "60,25", "40,25"],
            ["Phát triển lâm nghiệp", "70,5", "40,25", "30,25"],
            ["Khoanh nuôi tái sinh rừng", "30", "20", "10"],
            ["Trồng rừng phòng hộ", "40,5", "20,25", "20,25"],
            ["Cây dược liệu", "30", "20", "10"],
            ["Trồng mới quế", "12", "8", "4"],
            ["Trồng mới thảo quả", "18", "12", "6"],
        ]
    )
    rows = {r.row_label: r.parent_path for r in parse_annex_tables(document(table), units()).rows}
    assert rows["Khoanh nuôi tái sinh rừng"] == rows["Trồng rừng phòng hộ"] == "Phát triển lâm nghiệp"
    assert rows["Trồng mới quế"] == rows["Trồng mới thảo quả"] == "Cây dược liệu"
    assert rows["Phát triển lâm nghiệp"] == rows["Cây dược liệu"] == "TOTAL"


def test_a_total_column_of_its_neighbours_stays_a_total_where_units_are_rows() -> None:
    table = grid(
        [
            ["Huyện, thành phố", "Tổng kinh phí (tỷ đồng)", "Ngân sách tỉnh (tỷ đồng)", "Ngân sách huyện (tỷ đồng)"],
            ["Tân Lập", "10,5", "6,25", "4,25"],
            ["Bản Mù", "8", "5", "3"],
        ]
    )
    columns = {c.column_label: c for c in parse_annex_tables(document(table), UNITS).columns}
    assert columns["Tổng kinh phí (tỷ đồng)"].column_role == "total"
    assert columns["Ngân sách tỉnh (tỷ đồng)"].column_whole == "Tổng kinh phí (tỷ đồng)"
    measure = grid(
        [
            ["Xã", "Tổng số thôn", "Số thôn đạt chuẩn", "Số thôn chưa đạt"],
            ["Tân Lập", "12", "5", "4"],
            ["Bản Mù", "9", "3", "3"],
        ]
    )
    columns = {c.column_label: c for c in parse_annex_tables(document(measure), UNITS).columns}
    assert columns["Tổng số thôn"].column_role == "value"  # not the sum of its neighbours: a measure


def test_a_measure_stated_on_a_header_group_or_on_the_whole_applies_to_its_columns() -> None:
    table = grid(
        [
            [("TT", 2, 1), ("Nội dung", 2, 1), ("Kế hoạch vốn (tỷ đồng)", 1, 2)],
            ["Tổng cộng", "Ngân sách tỉnh"],
            ["1", "Giao thông", "5,5", "5,5"],
        ],
        header_rows=2,
    )
    cells = {c.column_label: c for c in parse_annex_tables(document(table), UNITS).cells}
    assert cells["Kế hoạch vốn (tỷ đồng) / Tổng cộng"].measure_kind == "money"
    assert cells["Kế hoạch vốn (tỷ đồng) / Tổng cộng"].measure_scale == 1e9
    by_units = parse_annex_tables(
        document(grid([["TT", "Chỉ tiêu", "Tổng cộng (ha)", "Tân Lập", "Bản Mù"], ["1", "Trồng rừng", "5", "2", "3"]])),
        UNITS,
    )
    assert {c.measure for c in by_units.cells} == {"ha"}
