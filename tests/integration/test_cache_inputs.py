"""The extraction cache knows its inputs: editing a schema, the vocabulary or a data table changes
the pipeline version, and a warm rerun re-extracts with the new shape instead of crashing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from tests.conftest import REPO, SEED_DOCX

EXTRACT = [sys.executable, "-m", "pipeline", "extract", "--raw", "raw", "--out", "out"]


def run_copy(package_root: Path, folder: Path) -> str:
    """Extract folder/raw with the package copied under `package_root`; the summary line."""
    environment = {**os.environ, "PYTHONPATH": str(package_root)}
    result = subprocess.run(EXTRACT, cwd=folder, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_schema_edit_with_a_warm_cache_re_extracts(tmp_path: Path) -> None:
    code = tmp_path / "code"
    shutil.copytree(REPO / "pipeline", code / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    folder = tmp_path / "work"
    (folder / "raw").mkdir(parents=True)
    shutil.copy(SEED_DOCX, folder / "raw" / SEED_DOCX.name)
    assert "(1 parsed, 0 from cache)" in run_copy(code, folder)
    assert "(0 parsed, 1 from cache)" in run_copy(code, folder)
    with duckdb.connect(str(folder / "out" / "plans.duckdb"), read_only=True) as con:
        first_version = con.execute("SELECT DISTINCT pipeline_version FROM annex_cells").fetchall()
    # A maintainer adds a column (already defined in columns.toml) to a table: no code changes.
    table = code / "pipeline" / "data" / "schemas" / "tables" / "footnote_items.toml"
    table.write_text(table.read_text(encoding="utf-8").replace('"item_text",', '"item_text", "candidates",'))
    assert "(1 parsed, 0 from cache)" in run_copy(code, folder)
    with duckdb.connect(str(folder / "out" / "plans.duckdb"), read_only=True) as con:
        columns = {row[0] for row in con.execute("DESCRIBE footnote_items").fetchall()}
        versions = con.execute("SELECT DISTINCT pipeline_version FROM annex_cells").fetchall()
    assert "candidates" in columns
    assert len(versions) == 1 and versions != first_version
    # Editing a data table (one vocabulary word) is an input too.
    measures = code / "pipeline" / "data" / "vocabulary" / "measures.csv"
    measures.write_text(measures.read_text(encoding="utf-8") + "điểm,count,điểm,1,1\n", encoding="utf-8")
    assert "(1 parsed, 0 from cache)" in run_copy(code, folder)


def test_every_extracted_row_carries_the_pipeline_version(seed_db: duckdb.DuckDBPyConnection) -> None:
    tables = [
        row[0]
        for row in seed_db.execute(
            "SELECT DISTINCT table_name FROM duckdb_columns() WHERE column_name = 'pipeline_version'"
        ).fetchall()
    ]
    assert {"documents", "annex_cells", "annex_tables", "footnotes", "claims", "unit_names"} <= set(tables)
    for table in tables:
        versions = seed_db.execute(f"SELECT DISTINCT pipeline_version FROM {table}").fetchall()
        assert len(versions) <= 1 and all(v[0] and "+" in v[0] for v in versions), table
