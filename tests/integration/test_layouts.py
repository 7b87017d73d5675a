"""Annex tables of any layout (tests/fixtures/layouts: one hand-built document per class, each as a
DOCX, a LibreOffice PDF and a ReportLab PDF that draws every word alone): every cell of their
transcriptions is extracted, in every producer, and units carry official codes at every level."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.conftest import FIXTURES, extract_folder
from tests.transcriptions import score_document

LAYOUTS = FIXTURES / "layouts"
DOCUMENTS = sorted(p for p in LAYOUTS.glob("*/*") if p.suffix in (".docx", ".pdf"))


@pytest.fixture(scope="module")
def layouts(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return extract_folder(DOCUMENTS, tmp_path_factory.mktemp("layouts"))


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_every_transcribed_cell_is_extracted(layouts: duckdb.DuckDBPyConnection, document: Path) -> None:
    score = score_document(layouts, document.name, sorted(document.parent.glob("table_*.csv")))
    assert score.tables and (score.matched, score.extracted) == (score.expected, score.expected), score


def test_there_is_a_fixture_per_class_and_producer() -> None:
    classes = {p.name for p in LAYOUTS.iterdir() if p.is_dir()}
    assert len(classes) >= 10
    for name in classes:
        assert {p.name for p in (LAYOUTS / name).iterdir()} >= {f"{name}.docx", f"{name}.pdf", f"{name}.reportlab.pdf"}


def docs_of(name: str) -> str:
    return f"(SELECT doc_id FROM documents WHERE source_file LIKE '{name}.%')"


def test_units_resolve_at_every_level(layouts: duckdb.DuckDBPyConnection) -> None:
    levels = layouts.execute(
        f"SELECT DISTINCT unit_level FROM annex_rows WHERE doc_id IN {docs_of('city_sections')} "
        "AND unit_code IS NOT NULL"
    ).fetchall()
    assert {row[0] for row in levels} == {"province", "district", "commune"}
    unresolved = layouts.execute(
        f"SELECT count(*) FROM annex_rows WHERE doc_id IN {docs_of('city_sections')} "
        "AND NOT row_is_total AND unit_code IS NULL"
    ).fetchone()
    assert unresolved == (0,)


def test_a_decision_after_the_reform_names_the_2025_units(layouts: duckdb.DuckDBPyConnection) -> None:
    editions = layouts.execute(
        f"SELECT DISTINCT unit_edition FROM documents WHERE doc_id IN {docs_of('scorecard_2025')}"
    )
    assert editions.fetchall() == [("2025",)]
    rows = layouts.execute(
        f"SELECT count(*), count(u.unit_code) FROM annex_rows r LEFT JOIN admin_units_2025 u USING (unit_code) "
        f"WHERE r.doc_id IN {docs_of('scorecard_2025')} AND NOT r.row_is_total"
    ).fetchone()
    assert rows is not None and rows[0] > 0 and rows[0] == rows[1]
    kinds = layouts.execute(f"SELECT DISTINCT table_kind FROM annex_tables WHERE doc_id IN {docs_of('scorecard_2025')}")
    assert kinds.fetchall() == [("scorecard",)]


def test_a_name_that_reads_like_a_total_is_a_unit(layouts: duckdb.DuckDBPyConnection) -> None:
    totals = layouts.execute(
        f"SELECT DISTINCT row_label FROM annex_rows WHERE doc_id IN {docs_of('lookalike_names')} AND row_is_total"
    ).fetchall()
    assert all(label.lower().startswith(("tổng", "cộng", "toàn")) for (label,) in totals)


def test_periods_are_text_never_values(layouts: duckdb.DuckDBPyConnection) -> None:
    as_values = layouts.execute(
        f"SELECT count(*) FROM annex_cells WHERE doc_id IN {docs_of('periods_as_text')} "
        "AND regexp_matches(value_text, '^(19|20)[0-9]{2} ?[-–] ?(19|20)[0-9]{2}$')"
    ).fetchone()
    as_texts = layouts.execute(
        f"SELECT count(*) FROM annex_texts WHERE doc_id IN {docs_of('periods_as_text')} AND column_role = 'period'"
    ).fetchone()
    assert as_values == (0,) and as_texts is not None and as_texts[0] > 0


def test_column_numbers_and_formulas_are_kept(layouts: duckdb.DuckDBPyConnection) -> None:
    formulas = layouts.execute(
        f"SELECT column_number, column_formula FROM annex_columns WHERE doc_id IN {docs_of('money_resolution')} "
        "AND column_formula IS NOT NULL"
    ).fetchall()
    assert formulas and all(number and "+" in formula for number, formula in formulas)
