"""Extraction cache: the validated records of every document read, in one DuckDB file.

Records are keyed by `cache_key`: the document's sha256 and the pipeline version (the release and
a fingerprint of every input that changes results: code, schemas, vocabulary, data tables). A rerun
with nothing changed parses nothing and the records go from this file to the output database in
SQL, without passing through Python; changing one document re-parses only that one; changing any
of those inputs makes every key new, and a cache written by another version is started afresh, so
a schema change re-extracts instead of meeting tables of the old shape. A small index remembers
each file's size and modification time, so unchanged files are not even hashed again.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from pipeline.schemas import create_table_sql, table_spec
from pipeline.version import pipeline_version

log = logging.getLogger(__name__)
INDEX_NAME = "index.json"
DATABASE_NAME = "extractions.duckdb"
META_TABLE = "cache_meta"


def cache_key(sha256: str) -> str:
    return f"{sha256}-{pipeline_version()}"


class ExtractionCache:
    def __init__(self, folder: Path, tables: tuple[str, ...]) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.database = folder / DATABASE_NAME
        self.tables = tables
        self.index_path = folder / INDEX_NAME
        self.index: dict[str, list[Any]] = self._load_index()
        if self.database.exists() and self._written_by() != pipeline_version():
            # Every key of another version is stale, and its tables may have another shape.
            log.info("the extraction cache was written by another pipeline version: starting it afresh")
            self.database.unlink()
        with duckdb.connect(str(self.database)) as con:
            existing = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
            if META_TABLE not in existing:
                con.execute(f"CREATE TABLE {META_TABLE} AS SELECT ? AS pipeline_version", [pipeline_version()])
            for name in tables:
                if name not in existing:
                    # No NOT NULL here: the records were validated before they were stored.
                    con.execute(create_table_sql(table_spec(name)).replace(" NOT NULL", ""))
                    con.execute(f"ALTER TABLE {name} ADD COLUMN cache_key VARCHAR")

    def _written_by(self) -> str | None:
        try:
            with duckdb.connect(str(self.database), read_only=True) as con:
                row = con.execute(f"SELECT pipeline_version FROM {META_TABLE}").fetchone()
        except duckdb.CatalogException:
            return None  # no meta table: a cache from before versions were recorded
        return str(row[0]) if row else None

    def _load_index(self) -> dict[str, list[Any]]:
        try:
            data = json.loads(self.index_path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def sha256_of(self, path: Path, file_sha256: Callable[[Path], str]) -> str:
        """The file's sha256, from the index when its size and modification time are unchanged."""
        stat = path.stat()
        key = str(path.resolve())
        known = self.index.get(key)
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            return str(known[2])
        sha = file_sha256(path)
        self.index[key] = [stat.st_size, stat.st_mtime_ns, sha]
        return sha

    def stored_keys(self) -> set[str]:
        with duckdb.connect(str(self.database), read_only=True) as con:
            return {row[0] for row in con.execute("SELECT cache_key FROM documents").fetchall()}

    def store(self, frames: dict[str, pd.DataFrame]) -> None:
        """Add validated records of successful extractions, each row carrying its `cache_key`
        (failures are not stored: they are retried next run, the fix may be outside the file).

        One transaction per batch: a run killed while storing leaves none of the batch's rows, so
        a key in `documents` always means all of its rows are there. A key already stored (by a
        run that was racing this one) is replaced, never taken twice."""
        keys = sorted({key for frame in frames.values() if not frame.empty for key in frame["cache_key"]})
        with duckdb.connect(str(self.database)) as con:
            con.execute("BEGIN TRANSACTION")
            try:
                con.register("incoming_keys", pd.DataFrame({"cache_key": keys}, dtype="object"))
                for name in self.tables:
                    con.execute(f"DELETE FROM {name} WHERE cache_key IN (SELECT cache_key FROM incoming_keys)")
                for name, frame in frames.items():
                    if frame.empty:
                        continue
                    con.register("incoming", frame)
                    con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM incoming")
                    con.unregister("incoming")
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def save_index(self) -> None:
        temporary = self.index_path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(self.index), encoding="utf-8")
        temporary.replace(self.index_path)
