"""The command line as an analyst runs it: python -m pipeline extract on a folder."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from pipeline.cli import EXIT_DOCUMENTS_FAILED, EXIT_OK
from pipeline.schemas import TABLE_ORDER, table_spec
from tests.conftest import SEED_DOCX


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, timeout=300)


def test_extract_writes_database_and_csvs(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(SEED_DOCX, raw)
    before = sorted(p.read_bytes() for p in raw.iterdir())
    result = run_cli("extract", "--raw", str(raw), "--out", str(out))
    assert result.returncode == EXIT_OK, result.stderr
    assert "documents: 1 ok, 0 failed" in result.stdout
    assert "cells: 46" in result.stdout
    assert sorted(p.read_bytes() for p in raw.iterdir()) == before  # raw/ is never modified
    with duckdb.connect(str(out / "plans.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM annex_cells").fetchone() == (46,)
    for table in TABLE_ORDER:
        with (out / "csv" / f"{table}.csv").open(encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert header == table_spec(table).column_names
    with (out / "csv" / "annex_cells.csv").open(encoding="utf-8") as handle:
        assert sum(1 for _ in csv.DictReader(handle)) == 46


def test_unsupported_file_fails_alone(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(SEED_DOCX, raw)
    (raw / "notes.xlsx").write_bytes(b"not a plan")
    result = run_cli("extract", "--raw", str(raw), "--out", str(out))
    assert result.returncode == EXIT_DOCUMENTS_FAILED
    with duckdb.connect(str(out / "plans.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT source_file, status, error FROM documents ORDER BY source_file").fetchall()
    assert [r[:2] for r in rows] == [("meo-vac-30-CTr-HU-2022.docx", "ok"), ("notes.xlsx", "failed")]
    assert "unsupported file type '.xlsx'" in rows[1][2]


def test_help_lists_extract() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    assert "extract" in result.stdout
