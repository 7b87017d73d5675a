"""The real born-digital Hà Tĩnh cost-estimate annex (tests/fixtures/real/README.md).

Its first two tables extract exactly against the hand transcriptions beside it (figures as
annex cells, formulas and notes as annex texts), and its checks report the one real error (section
V's stated subtotal leaves out item V.1) and nothing else: the rounded grand total passes within
its stated rounding, section IV's one-đồng tax rounding is a warning.
"""

from __future__ import annotations

import csv

import duckdb
import pytest

from pipeline.text import normalize_text, parse_cell_number
from tests.conftest import FIXTURES, extract_folder

REAL = FIXTURES / "real"
ANNEX = REAL / "hatinh_phu-luc-du-toan_nang-cap-cong-TTDT_2016-06-29.docx"
LABEL_COLUMNS = 2  # TT and the item's name


def transcription(table_no: int) -> tuple[list[str], list[list[str]]]:
    path = ANNEX.with_suffix(f".table_{table_no}.csv")
    with path.open(encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    return header, rows


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return extract_folder([ANNEX], tmp_path_factory.mktemp("hatinh"))


def extracted_grid(con: duckdb.DuckDBPyConnection, table_no: int) -> dict[tuple[str, str, str], str]:
    """(TT, item name, column) -> the cell's text, from annex_cells and annex_texts together."""
    cells = con.execute(
        "SELECT coalesce(row_marker, ''), row_label, column_label, value_text, value FROM annex_cells "
        "WHERE table_no = ?",
        [table_no],
    ).fetchall()
    texts = con.execute(
        "SELECT t.row_path, t.row_label, t.column_label, t.text FROM annex_texts t WHERE table_no = ?", [table_no]
    ).fetchall()
    markers = dict(
        con.execute(
            "SELECT DISTINCT row_path, coalesce(row_marker, '') FROM annex_cells WHERE table_no = ?", [table_no]
        ).fetchall()
    )
    grid: dict[tuple[str, str, str], str] = {}
    for marker, label, column, text, value in cells:
        parsed = parse_cell_number(text)
        assert parsed is not None and parsed.value == value, (label, column, text, value)
        grid[(marker, label, column)] = normalize_text(text)
    for row_path, label, column, text in texts:
        grid[(markers.get(row_path, ""), label, column)] = normalize_text(text)
    return grid


@pytest.mark.parametrize("table_no", [1, 2])
def test_tables_extract_exactly(db: duckdb.DuckDBPyConnection, table_no: int) -> None:
    header, rows = transcription(table_no)
    expected = {
        (row[0], normalize_text(row[1]), column): normalize_text(text)
        for row in rows
        for column, text in zip(header[LABEL_COLUMNS:], row[LABEL_COLUMNS:], strict=True)
        if text.strip()
    }
    assert extracted_grid(db, table_no) == expected


def test_table_shape_and_provenance(db: duckdb.DuckDBPyConnection) -> None:
    table = db.execute(
        "SELECT title, measure, unit_axis, grid_no, grid_first_row FROM annex_tables WHERE table_no = 1"
    ).fetchone()
    assert table == ("2. Bảng tổng hợp dự toán", "VNĐ", None, 1, 0)  # Word numbers the heading "2."
    rows = db.execute(
        "SELECT DISTINCT row_path, parent_path FROM annex_cells WHERE table_no = 1 ORDER BY row_path"
    ).fetchall()
    sections = {path: parent for path, parent in rows if "." not in path}
    assert sections == {"TOTAL": None, "I": "TOTAL", "II": "TOTAL", "III": "TOTAL", "IV": "TOTAL", "V": "TOTAL",
                        "VI": "TOTAL"}  # fmt: skip
    assert {parent for path, parent in rows if path.startswith("V.")} == {"V"}
    formulas = db.execute(
        "SELECT text FROM annex_texts WHERE table_no = 1 AND row_path = 'III.1' AND column_role = 'formula'"
    ).fetchall()
    assert formulas == [("2,13% x Gpm",)]
    zero_beside_blank = db.execute(
        "SELECT column_label, value FROM annex_cells WHERE table_no = 1 AND row_path = 'V.4' ORDER BY column_index"
    ).fetchall()
    assert zero_beside_blank == [("Thuế VAT", 0.0), ("Giá trị sau thuế", 0.0)]


def test_only_section_v_fails(db: duckdb.DuckDBPyConnection) -> None:
    failed = db.execute(
        "SELECT check_name, table_no, row_path, column_label, expected, actual FROM checks WHERE status = 'fail' "
        "ORDER BY column_label"
    ).fetchall()
    assert failed == [
        ("parent_vs_children", 1, "V", "Giá trị sau thuế", 27773298.0, 28110591.0),
        ("parent_vs_children", 1, "V", "Giá trị trước thuế", 25785053.0, 26122346.0),
    ]
    warned = db.execute("SELECT table_no, row_path, column_label, difference, detail FROM checks WHERE status = 'warn'")
    for table_no, row_path, _column, difference, detail in warned.fetchall():
        assert (table_no, row_path) == (1, "IV")
        assert abs(difference) == 1
        assert "rounding" in detail


def test_rounded_total_passes_with_its_stated_tolerance(db: duckdb.DuckDBPyConnection) -> None:
    totals = db.execute(
        "SELECT column_label, expected, actual, tolerance, status FROM checks "
        "WHERE table_no = 1 AND row_path = 'TOTAL' ORDER BY column_label"
    ).fetchall()
    assert totals == [
        ("Giá trị sau thuế", 1927069000.0, 1927069229.0, 1000.0, "pass"),
        ("Giá trị trước thuế", 1891054000.0, 1891054068.0, 100.0, "pass"),
        ("Thuế VAT", 36015000.0, 36015161.0, 1000.0, "pass"),
    ]


def test_equipment_total_matches_table_1(db: duckdb.DuckDBPyConnection) -> None:
    """Table 2 (the equipment list) totals to row II of table 1, as the README says."""
    pairs = db.execute(
        "SELECT a.value, b.value FROM annex_cells a JOIN annex_cells b ON a.doc_id = b.doc_id "
        "WHERE a.table_no = 2 AND a.row_path = 'TOTAL' AND a.column_label = 'Thành tiền trước VAT' "
        "AND b.table_no = 1 AND b.row_path = 'II' AND b.column_label = 'Giá trị trước thuế'"
    ).fetchall()
    assert pairs == [(298515830.0, 298515830.0)]


def test_no_unit_names_in_an_item_annex(db: duckdb.DuckDBPyConnection) -> None:
    """'Đơn vị tính' (unit of measure) is not 'tỉnh' (province): no row is taken for a place."""
    assert db.execute("SELECT count(*) FROM unit_names").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM quarantine").fetchone() == (0,)
