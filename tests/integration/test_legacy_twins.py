"""A TCVN3 (.VnTime) DOCX and a Word .doc made from one fixture extract like their Unicode DOCX.

The twins are written by tests/fixtures/legacy.py (`make fixtures`). The .doc is read through
LibreOffice: where it is missing the .doc is skipped (status 'skipped'), except in CI.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import duckdb
import pytest

from pipeline.readers.libreoffice import soffice_path
from pipeline.readers.word.docx import read_docx
from tests.conftest import FIXTURES, extract_folder

FOLDER = FIXTURES / "units_as_rows"
UNICODE = FOLDER / "units_as_rows.docx"
TCVN3 = FOLDER / "units_as_rows_tcvn3.docx"
DOC = FOLDER / "units_as_rows.doc"
COMPARED = {
    "annex_tables": "table_no, title, n_rows, n_cols, unit_axis",
    "annex_cells": "table_no, row_path, parent_path, row_label, column_label, unit_name_raw, unit_code, value, "
    "value_text, period",
    "annex_texts": "table_no, row_path, column_label, text",
    "footnotes": "footnote_no, text, anchor_value, stated_total",
    "footnote_items": "footnote_no, item_no, unit_name_raw, unit_code, value, measure",
    "claims": "claim_no, value, measure, kind, clause",
    "checks": "check_name, table_no, row_path, column_label, unit_code, expected, actual, status",
}
LIBREOFFICE = soffice_path() is not None or bool(os.environ.get("CI"))


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return extract_folder([UNICODE, TCVN3, DOC], tmp_path_factory.mktemp("twins"))


def rows(con: duckdb.DuckDBPyConnection, table: str, source: Path) -> list[tuple[object, ...]]:
    return con.execute(
        f"SELECT {COMPARED[table]} FROM {table} WHERE doc_id = (SELECT doc_id FROM documents WHERE source_file = ?) "
        "ORDER BY ALL",
        [source.name],
    ).fetchall()


@pytest.mark.parametrize(
    "twin",
    [TCVN3, pytest.param(DOC, marks=pytest.mark.skipif(not LIBREOFFICE, reason="LibreOffice is not installed"))],
    ids=lambda p: p.name,
)
def test_twin_extracts_like_the_unicode_docx(twins: duckdb.DuckDBPyConnection, twin: Path) -> None:
    status = twins.execute("SELECT status, error, read_method FROM documents WHERE source_file = ?", [twin.name])
    assert status.fetchone() == ("ok", None, "converted")
    for table in COMPARED:
        expected = rows(twins, table, UNICODE)
        assert expected or table == "annex_texts", table
        assert rows(twins, table, twin) == expected, table


def test_reading_notes_say_what_was_converted(twins: duckdb.DuckDBPyConnection) -> None:
    notes = dict(twins.execute("SELECT source_file, read_notes FROM documents").fetchall())
    assert "legacy TCVN3 font .VnTime converted to Unicode" in notes[TCVN3.name]
    assert "legacy TCVN3 font .VnTimeH converted to Unicode" in notes[TCVN3.name]
    assert notes[UNICODE.name] is None
    if LIBREOFFICE:
        assert notes[DOC.name].startswith("legacy .doc converted to .docx by LibreOffice (3 tables)")


def test_paragraphs_of_the_tcvn3_twin_read_as_unicode() -> None:
    def texts(path: Path) -> list[str]:
        return [p.text for p in read_docx(path, path.name, "0" * 64).paragraphs]

    converted = texts(TCVN3)
    assert converted == texts(UNICODE)
    assert any("Ủy ban nhân dân" in text for text in converted)  # a capital from the .VnTimeH font


def test_text_in_legacy_codes_without_a_legacy_font_is_found_by_content(tmp_path: Path) -> None:
    """The TCVN3 twin with its font names lost (pasted into Times New Roman): the text itself
    gives the encoding away. Capitals drawn by .VnTimeH come back in lower case: that font's
    only trace was its name."""
    pasted = tmp_path / "pasted.docx"
    with zipfile.ZipFile(TCVN3) as src, zipfile.ZipFile(pasted, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.endswith(".xml"):
                data = data.replace(b".VnTimeH", b"Times New Roman").replace(b".VnTime", b"Times New Roman")
            dst.writestr(item, data)
    document = read_docx(pasted, pasted.name, "0" * 64)
    unicode_texts = [p.text.lower() for p in read_docx(UNICODE, UNICODE.name, "0" * 64).paragraphs]
    assert [p.text.lower() for p in document.paragraphs] == unicode_texts
    assert document.read_method == "converted"
    assert document.read_notes == ["text in the legacy TCVN3 encoding (found by its content) converted to Unicode"]
