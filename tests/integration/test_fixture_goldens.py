"""Every built fixture, as DOCX and as PDF, extracts exactly against its golden CSV files."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from tests.conftest import FIXTURES, extract_folder

DOCUMENTS = sorted(
    p for p in FIXTURES.glob("*/*") if p.suffix in (".docx", ".pdf") and (p.parent / "annex_cells.golden.csv").exists()
)


def golden(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def number(text: str) -> float:
    return float(text.replace(",", "."))


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return extract_folder(DOCUMENTS, tmp_path_factory.mktemp("fixtures"))


def as_golden(value: object) -> str:
    """A database value in the golden files' spelling: NULL is empty, booleans True/False."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def golden_rows(con: duckdb.DuckDBPyConnection, table: str, document: Path) -> tuple[set[tuple[str, ...]], int]:
    """The golden file's rows as a set, the extracted rows of the same columns, and their count."""
    rows = golden(document.parent / f"{table}.golden.csv")
    columns = list(rows[0]) if rows else []
    expected = {tuple(str(number(r[c])) if c == "value" else r[c] for c in columns) for r in rows}
    found = con.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE source_file = ?", [document.name]).fetchall()
    assert len(found) == len(rows), table
    return expected, len({tuple(as_golden(v) for v in row) for row in found} ^ expected)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_annex_cells_match_golden(extracted: duckdb.DuckDBPyConnection, document: Path) -> None:
    """Every column a golden file holds matches, row for row (value compared as a number)."""
    _, differing = golden_rows(extracted, "annex_cells", document)
    assert differing == 0


TEXT_GOLDENS = ("annex_texts", "annex_tables")


@pytest.mark.parametrize("table", TEXT_GOLDENS)
@pytest.mark.parametrize(
    "document", [d for d in DOCUMENTS if (d.parent / "annex_texts.golden.csv").exists()], ids=lambda p: p.name
)
def test_annex_texts_and_tables_match_golden(extracted: duckdb.DuckDBPyConnection, document: Path, table: str) -> None:
    _, differing = golden_rows(extracted, table, document)
    assert differing == 0


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_footnote_items_match_golden(extracted: duckdb.DuckDBPyConnection, document: Path) -> None:
    rows = extracted.execute(
        "SELECT footnote_no, item_no, unit_name_raw, value, measure FROM footnote_items WHERE source_file = ? "
        "ORDER BY footnote_no, item_no",
        [document.name],
    ).fetchall()
    expected = [
        (int(g["footnote_no"]), int(g["item_no"]), g["unit_name_raw"], number(g["value"]), g["measure"])
        for g in golden(document.parent / "footnote_items.golden.csv")
    ]
    assert rows == expected


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_checks_pass_on_consistent_fixtures(extracted: duckdb.DuckDBPyConnection, document: Path) -> None:
    failed = extracted.execute(
        "SELECT check_name, row_path, column_label, detail FROM checks JOIN documents USING (doc_id) "
        "WHERE source_file = ? AND checks.status = 'fail'",
        [document.name],
    ).fetchall()
    assert failed == []
