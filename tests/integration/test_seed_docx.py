"""The seed DOCX end to end: golden annex cells and footnote items, metadata, and all-pass checks."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from tests.conftest import FIXTURES

GOLDEN = FIXTURES / "seed"


def read_golden(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_annex_cells_match_golden(seed_db: duckdb.DuckDBPyConnection, seed_docx_id: str) -> None:
    rows = seed_db.execute(
        "SELECT row_path, column_label, coalesce(unit_name_raw, ''), is_total, value FROM annex_cells WHERE doc_id = ?",
        [seed_docx_id],
    ).fetchall()
    got = {(r[0], r[1], r[2], r[3], r[4]) for r in rows}
    golden = {
        (g["row_path"], g["column_label"], g["unit_name_raw"], g["is_total"] == "True", float(g["value"]))
        for g in read_golden(GOLDEN / "annex_cells.golden.csv")
    }
    assert len(rows) == 46
    assert got == golden


def test_annex_rows_and_raw_text(seed_db: duckdb.DuckDBPyConnection, seed_docx_id: str) -> None:
    paths = [
        r[0]
        for r in seed_db.execute(
            "SELECT DISTINCT row_path FROM annex_cells WHERE doc_id = ? ORDER BY row_path", [seed_docx_id]
        ).fetchall()
    ]
    assert paths == ["I", "I.1", "I.2", "II", "II.1", "II.2"]
    mismatched = seed_db.execute(
        "SELECT count(*) FROM annex_cells WHERE doc_id = ? AND CAST(value AS BIGINT)::VARCHAR <> value_text",
        [seed_docx_id],
    ).fetchone()
    assert mismatched == (0,)


def test_footnote_items_match_golden(seed_db: duckdb.DuckDBPyConnection, seed_docx_id: str) -> None:
    rows = seed_db.execute(
        "SELECT footnote_no, item_no, unit_name_raw, value, measure, unit_code FROM footnote_items "
        "WHERE doc_id = ? ORDER BY footnote_no, item_no",
        [seed_docx_id],
    ).fetchall()
    golden = [
        (int(g["footnote_no"]), int(g["item_no"]), g["unit_name_raw"], float(g["value"]), g["measure"], g["unit_code"])
        for g in read_golden(GOLDEN / "footnote_items.golden.csv")
    ]
    assert rows == golden
    sums = seed_db.execute(
        "SELECT footnote_no, count(*), sum(value) FROM footnote_items WHERE doc_id = ? GROUP BY ALL ORDER BY 1",
        [seed_docx_id],
    ).fetchall()
    assert sums == [(1, 16, 109.0), (2, 3, 51.0)]


def test_footnotes_anchor_and_stated_total(seed_db: duckdb.DuckDBPyConnection, seed_docx_id: str) -> None:
    rows = seed_db.execute(
        "SELECT footnote_no, anchor_value, anchor_measure, stated_total FROM footnotes WHERE doc_id = ? ORDER BY 1",
        [seed_docx_id],
    ).fetchall()
    assert rows == [(1, 109.0, "thôn", None), (2, None, None, 51.0)]


def test_documents_row(seed_db: duckdb.DuckDBPyConnection, seed_docx_id: str) -> None:
    row = seed_db.execute(
        "SELECT source_file, format, doc_type, doc_number, issued_date::VARCHAR, issuer, signer, province, district, "
        "status, n_tables, n_cells, sha256 FROM documents WHERE doc_id = ?",
        [seed_docx_id],
    ).fetchone()
    assert row is not None
    assert row[:12] == (
        "meo-vac-30-CTr-HU-2022.docx",
        "docx",
        "Chương trình",
        "30-CTr/HU",
        "2022-10-10",
        "HUYỆN ỦY MÈO VẠC",
        "Vương Ngọc Hà",
        "Hà Giang",
        "Mèo Vạc",
        "ok",
        1,
        46,
    )
    assert row[12].startswith(seed_docx_id)


def test_every_check_passes_on_the_seed(seed_db: duckdb.DuckDBPyConnection, seed_docx_id: str) -> None:
    counts = dict(
        seed_db.execute(
            "SELECT check_name, count(*) FROM checks WHERE doc_id = ? AND status = 'pass' GROUP BY ALL",
            [seed_docx_id],
        ).fetchall()
    )
    failed = seed_db.execute(
        "SELECT check_name, detail FROM checks WHERE doc_id = ? AND status = 'fail'", [seed_docx_id]
    ).fetchall()
    assert failed == []
    # Only the claims nothing can check warn: three shares (100%, 70%, 80%) and '01 - 02 cụm'.
    warned = seed_db.execute(
        "SELECT check_name, count(*) FROM checks WHERE doc_id = ? AND status = 'warn' GROUP BY ALL", [seed_docx_id]
    ).fetchall()
    assert warned == [("unchecked_claims", 4)]
    # 16 footnote-1 units against row II.2; 2 footnote sums; 6 rows of total vs units.
    assert counts["footnote_vs_annex"] == 16
    assert counts["footnote_sum"] == 2
    assert counts["total_vs_units"] == 6
    assert counts["parent_vs_children"] > 0


def test_footnote_one_explains_row_ii_2(seed_db: duckdb.DuckDBPyConnection, seed_docx_id: str) -> None:
    rows = seed_db.execute(
        "SELECT DISTINCT table_no, row_path FROM checks WHERE doc_id = ? AND check_name = 'footnote_vs_annex'",
        [seed_docx_id],
    ).fetchall()
    assert rows == [(1, "II.2")]


def test_every_seed_unit_carries_its_official_code_in_both_formats(seed_db: duckdb.DuckDBPyConnection) -> None:
    expected = {g["unit_name_raw"]: g["unit_code"] for g in read_golden(GOLDEN / "unit_codes.golden.csv")}
    for fmt in ("docx", "pdf"):
        annex = seed_db.execute(
            "SELECT DISTINCT unit_name_raw, unit_code FROM annex_cells JOIN documents USING (doc_id) "
            "WHERE format = ? AND unit_name_raw IS NOT NULL",
            [fmt],
        ).fetchall()
        items = seed_db.execute(
            "SELECT unit_name_raw, unit_code FROM footnote_items JOIN documents USING (doc_id) WHERE format = ?",
            [fmt],
        ).fetchall()
        assert len(annex) == 17 and len(items) == 19
        assert all(code == expected[name] for name, code in annex + items), fmt
    sung_tra = seed_db.execute(
        "SELECT DISTINCT unit_code FROM unit_names WHERE unit_name_raw IN ('Sung Trà', 'Sùng Trà')"
    ).fetchall()
    assert sung_tra == [("00787",)]
