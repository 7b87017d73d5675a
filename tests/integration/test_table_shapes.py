"""The other annex shapes (tests/fixtures/shapes.py): districts with their communes, period totals,
item tables with rounding. A figure changed in a copy fails the right check at the right row and unit."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.conftest import FIXTURES, extract_folder
from tests.fixtures.plant import replace_in_part, set_row_cell

PROVINCE = FIXTURES / "province_sections" / "province_sections.docx"
COSTS = FIXTURES / "item_costs" / "item_costs.docx"
PLAN_2023 = "Kế hoạch giai đoạn 2022 - 2025 / Năm 2023"
PLAN_TOTAL = "Kế hoạch giai đoạn 2022 - 2025 / Tổng"


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    folder = tmp_path_factory.mktemp("province")
    return extract_folder([PROVINCE, PROVINCE.with_suffix(".pdf")], folder)


def test_communes_resolve_within_their_district_row(province: duckdb.DuckDBPyConnection) -> None:
    ta_lung = province.execute(
        "SELECT DISTINCT row_path, unit_scope_raw, unit_code FROM annex_cells WHERE unit_name_raw = 'Xã Tả Lủng' "
        "ORDER BY row_path"
    ).fetchall()
    assert ta_lung == [("I.6", "Huyện Đồng Văn", "00742"), ("II.5", "Huyện Mèo Vạc", "00796")]
    levels = province.execute(
        "SELECT unit_level, count(DISTINCT row_path), count(DISTINCT unit_code) FROM annex_cells "
        "WHERE table_no = 1 GROUP BY ALL ORDER BY 1"
    ).fetchall()
    assert levels == [("commune", 27, 27), ("district", 4, 4), ("province", 1, 1)]
    unresolved = province.execute("SELECT count(*) FROM unit_names WHERE unit_code IS NULL").fetchone()
    assert unresolved == (0,)


def test_every_sum_is_checked_and_passes(province: duckdb.DuckDBPyConnection) -> None:
    counts = dict(
        province.execute(
            "SELECT check_name, count(*) FROM checks WHERE check_name IN "
            "('total_vs_units', 'parent_vs_children', 'total_vs_periods') AND status = 'pass' "
            "AND doc_id IN (SELECT doc_id FROM documents WHERE format = 'docx') GROUP BY ALL"
        ).fetchall()
    )
    # Biểu 01: 7 columns x (4 district rows + the total row), blanks left out; 36 rows' period
    # totals; Biểu 02: its total and section rows over their items, and 8 rows' period totals.
    assert counts["total_vs_units"] == 35
    assert counts["total_vs_periods"] == 40
    assert counts["parent_vs_children"] == 15
    assert province.execute("SELECT count(*) FROM checks WHERE status = 'fail'").fetchone() == (0,)


def test_a_changed_commune_fails_its_district_and_its_period_total(tmp_path: Path) -> None:
    planted = set_row_cell(PROVINCE, tmp_path / "planted.docx", "Huyện, xã", "Xã Tả Lủng", "Năm 2023", "2",
                           after_label="Huyện Mèo Vạc")  # fmt: skip
    con = extract_folder([planted], tmp_path / "run")
    failed = con.execute(
        "SELECT check_name, row_path, column_label, unit_code, expected, actual FROM checks WHERE status = 'fail' "
        "ORDER BY check_name"
    ).fetchall()
    assert failed == [
        ("total_vs_periods", "II.5", PLAN_TOTAL, "00796", 2.0, 3.0),
        ("total_vs_units", "II", PLAN_2023, "027", 4.0, 5.0),
    ]


def test_item_costs_round_within_their_stated_tolerances(tmp_path: Path) -> None:
    con = extract_folder([COSTS, COSTS.with_suffix(".pdf")], tmp_path)
    statuses = con.execute(
        "SELECT DISTINCT row_path, column_label, status, tolerance FROM checks "
        "WHERE check_name NOT LIKE 'claim%' AND (status <> 'pass' OR row_path = 'TOTAL') ORDER BY ALL"
    ).fetchall()
    assert statuses == [
        ("A.I", "Giá trị sau thuế", "warn", 2.0),  # half a đồng for each of its 3 items and itself
        ("A.I", "Thuế VAT", "warn", 2.0),
        ("TOTAL", "Giá trị sau thuế", "pass", 1000.0),
        ("TOTAL", "Giá trị trước thuế", "pass", 1000.0),
        ("TOTAL", "Thuế VAT", "pass", 100.0),  # 4.650.000 against 4.650.026
        ("TOTAL", "Thành tiền", "pass", 1e-9 * 56_650_000),
    ]


def test_a_changed_item_fails_its_section(tmp_path: Path) -> None:
    planted = set_row_cell(COSTS, tmp_path / "planted.docx", "Công thức tính", "Khảo sát hiện trạng thôn",
                           "Giá trị trước thuế", "21.312.125")  # fmt: skip
    con = extract_folder([planted], tmp_path / "run")
    failed = con.execute("SELECT check_name, row_path, column_label, difference FROM checks WHERE status = 'fail'")
    assert failed.fetchall() == [("parent_vs_children", "A.II", "Giá trị trước thuế", 100_000.0)]


def test_a_narrative_figure_is_checked_against_the_total_row(
    province: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    passed = province.execute(
        "SELECT DISTINCT row_path, column_label, expected FROM checks WHERE check_name = 'claim_vs_annex' "
        "AND status = 'pass' ORDER BY expected"
    ).fetchall()
    assert passed == [("TOTAL", PLAN_TOTAL, 63.0), ("TOTAL", "Tổng số thôn", 270.0)]
    planted = replace_in_part(PROVINCE, tmp_path / "planted.docx", "word/document.xml", "có thêm 63 thôn",
                              "có thêm 64 thôn")  # fmt: skip
    con = extract_folder([planted], tmp_path / "run")
    failed = con.execute(
        "SELECT check_name, row_path, column_label, expected, actual FROM checks WHERE status = 'fail'"
    )
    assert failed.fetchall() == [("claim_vs_annex", "TOTAL", PLAN_TOTAL, 63.0, 64.0)]
