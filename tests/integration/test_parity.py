"""The PDF and the DOCX of one document give identical tables (apart from page numbers)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipeline.document import Document
from pipeline.readers.pdf.reader import read_pdf
from pipeline.readers.word.docx import read_docx
from pipeline.text import normalize_text
from tests.conftest import FIXTURES, SEED_DOCX, SEED_PDF, extract_folder

COMPARED = {
    "annex_cells": "table_no, row_path, parent_path, row_label, column_label, column_whole, unit_name_raw, "
    "unit_scope_raw, unit_code, unit_level, is_total, value, value_text, period, measure",
    "annex_tables": "table_no, annex_label, title, measure, n_rows, n_cols, header_rows, unit_axis, grid_first_row",
    "annex_texts": "table_no, row_path, row_label, column_label, column_role, text",
    "footnotes": "footnote_no, text, anchor_value, anchor_measure, stated_total, stated_measure",
    "footnote_items": "footnote_no, item_no, unit_name_raw, unit_code, value, measure, item_text",
    "checks": "check_name, table_no, row_path, column_label, unit_code, unit_name_raw, footnote_no, expected, actual, "
    "status",
}


def pairs() -> list[tuple[Path, Path]]:
    """The seed, and every fixture folder holding the same document as DOCX and PDF."""
    found = [(SEED_DOCX, SEED_PDF)]
    for docx in sorted(FIXTURES.glob("*/*.docx")):
        pdf = docx.with_suffix(".pdf")
        if pdf.exists():
            found.append((docx, pdf))
    return found


def rows(con: duckdb.DuckDBPyConnection, table: str, fmt: str) -> list[tuple[object, ...]]:
    return con.execute(
        f"SELECT {COMPARED[table]} FROM {table} "
        "WHERE doc_id IN (SELECT doc_id FROM documents WHERE format = ?) ORDER BY ALL",
        [fmt],
    ).fetchall()


@pytest.mark.parametrize(("docx", "pdf"), pairs(), ids=lambda p: p.stem)
def test_pdf_and_docx_give_identical_tables(tmp_path: Path, docx: Path, pdf: Path) -> None:
    con = extract_folder([docx, pdf], tmp_path)
    statuses = con.execute("SELECT format, status, error FROM documents ORDER BY format").fetchall()
    assert [s[:2] for s in statuses] == [("docx", "ok"), ("pdf", "ok")], statuses
    for table in COMPARED:
        from_docx, from_pdf = rows(con, table, "docx"), rows(con, table, "pdf")
        assert from_docx or table not in ("annex_cells", "annex_tables", "checks"), table
        assert from_pdf == from_docx, table


def test_pdf_rows_carry_their_page(seed_db: duckdb.DuckDBPyConnection) -> None:
    pages = seed_db.execute(
        "SELECT DISTINCT c.page FROM annex_cells c JOIN documents d USING (doc_id) WHERE d.format = 'pdf'"
    ).fetchall()
    assert pages == [(13,)]
    notes = seed_db.execute(
        "SELECT footnote_no, page FROM footnotes JOIN documents USING (doc_id) WHERE format = 'pdf' ORDER BY 1"
    ).fetchall()
    assert notes == [(1, 4), (2, 5)]
    docx_pages = seed_db.execute(
        "SELECT count(*) FROM annex_cells JOIN documents USING (doc_id) WHERE format = 'docx' AND page IS NOT NULL"
    ).fetchone()
    assert docx_pages == (0,)


@pytest.mark.parametrize(("docx", "pdf"), pairs(), ids=lambda p: p.stem)
def test_pdf_paragraphs_match_the_docx(docx: Path, pdf: Path) -> None:
    """Paragraphs rejoined across lines and page breaks, header and signature blocks kept apart."""
    from_docx = read_docx(docx, docx.name, "0" * 64)
    from_pdf = read_pdf(pdf, pdf.name, "0" * 64)

    def texts(doc: Document) -> list[str]:
        return [normalize_text(p.text) for p in doc.paragraphs if p.text.strip()]

    assert texts(from_pdf) == texts(from_docx)
    assert [t.is_layout for t in from_pdf.tables] == [t.is_layout for t in from_docx.tables]
    refs = [(r.number, p.text[: r.offset][-12:]) for p in from_pdf.paragraphs for r in p.footnote_refs]
    assert refs == [(r.number, p.text[: r.offset][-12:]) for p in from_docx.paragraphs for r in p.footnote_refs]
