"""Publish stage: the DuckDB tables -> one CSV per table in <out>/csv, swapped in atomically."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from pipeline.schemas import TABLE_ORDER


def write_csvs(database: Path, folder: Path) -> list[Path]:
    """Write every table as UTF-8 CSV with a header row into `folder`, replacing it as a whole."""
    staging = folder.with_name(folder.name + ".new")
    retired = folder.with_name(folder.name + ".old")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with duckdb.connect(str(database), read_only=True) as con:
        for name in TABLE_ORDER:
            path = staging / f"{name}.csv"
            con.execute(f"COPY (SELECT * FROM {name}) TO '{path.as_posix()}' (HEADER, DELIMITER ',')")
    shutil.rmtree(retired, ignore_errors=True)
    if folder.exists():
        folder.rename(retired)
    staging.rename(folder)
    shutil.rmtree(retired, ignore_errors=True)
    return sorted(folder.glob("*.csv"))
