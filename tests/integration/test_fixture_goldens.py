"""Every built fixture, as DOCX and as PDF, extracts exactly against its golden CSV files."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from tests.conftest import FIXTURES, extract_folder

DOCUMENTS = sorted(p for p in FIXTURES.glob("*/*") if p.suffix in (".docx", ".pdf"))


def golden(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def number(text: str) -> float:
    return float(text.replace(",", "."))


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return extract_folder(DOCUMENTS, tmp_path_factory.mktemp("fixtures"))


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_annex_cells_match_golden(extracted: duckdb.DuckDBPyConnection, document: Path) -> None:
    rows = extracted.execute(
        "SELECT table_no, row_path, column_label, coalesce(unit_name_raw, ''), is_total, value FROM annex_cells "
        "WHERE source_file = ?",
        [document.name],
    ).fetchall()
    expected = {
        (
            int(g["table_no"]),
            g["row_path"],
            g["column_label"],
            g["unit_name_raw"],
            g["is_total"] == "True",
            number(g["value"]),
        )
        for g in golden(document.parent / "annex_cells.golden.csv")
    }
    assert len(rows) == len(expected)
    assert set(rows) == expected


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
