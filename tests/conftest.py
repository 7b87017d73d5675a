"""Shared fixtures: the seed documents, and a session-wide extraction of them."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.run import DATABASE_NAME, run_extract

REPO = Path(__file__).resolve().parent.parent
RAW = REPO / "raw"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_DOCX = RAW / "meo-vac-30-CTr-HU-2022.docx"
SEED_PDF = RAW / "meo-vac-30-CTr-HU-2022.pdf"


def generated_fixtures(suffix: str) -> list[Path]:
    """The documents the fixture builder wrote (folders with golden files), not the real ones."""
    return sorted(p for p in FIXTURES.glob(f"*/*{suffix}") if (p.parent / "annex_cells.golden.csv").exists())


def extract_folder(files: list[Path], folder: Path) -> duckdb.DuckDBPyConnection:
    """Copy `files` into folder/raw, run the extract command, and open the result read-only."""
    raw = folder / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for path in files:
        shutil.copy(path, raw / path.name)
    run_extract(raw, folder / "out")
    return duckdb.connect(str(folder / "out" / DATABASE_NAME), read_only=True)


@pytest.fixture(scope="session")
def seed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding raw/ (the seed DOCX and PDF) and out/ (their extraction)."""
    folder = tmp_path_factory.mktemp("seed")
    extract_folder([SEED_DOCX, SEED_PDF], folder).close()
    return folder


@pytest.fixture(scope="session")
def seed_db(seed_folder: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(seed_folder / "out" / DATABASE_NAME), read_only=True)


@pytest.fixture(scope="session")
def seed_docx_id(seed_db: duckdb.DuckDBPyConnection) -> str:
    row = seed_db.execute("SELECT doc_id FROM documents WHERE format = 'docx'").fetchone()
    assert row is not None
    return str(row[0])
