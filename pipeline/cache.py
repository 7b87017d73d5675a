"""Extraction cache: the validated records of every document read, in one DuckDB file.

Records are keyed by `cache_key`: the document's sha256 and a fingerprint of the code that read
it. A rerun with nothing changed parses nothing and the records go from this file to the output
database in SQL, without passing through Python; changing one document re-parses only that one;
changing the readers or parsers (or the version) makes every key new. A small index remembers each
file's size and modification time, so unchanged files are not even hashed again.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from pipeline.schemas import create_table_sql, table_spec
from pipeline.version import PIPELINE_VERSION

PACKAGE = Path(__file__).resolve().parent
INDEX_NAME = "index.json"
DATABASE_NAME = "extractions.duckdb"


@cache
def code_fingerprint() -> str:
    """Version plus a hash of every module that turns a file into records (not the checks: those
    run on the output database every time)."""
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    for path in sorted((PACKAGE.parent / "schemas").rglob("*.csv")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(sha256: str) -> str:
    return f"{sha256}-{code_fingerprint()}"


class ExtractionCache:
    def __init__(self, folder: Path, tables: tuple[str, ...]) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.database = folder / DATABASE_NAME
        self.tables = tables
        self.index_path = folder / INDEX_NAME
        self.index: dict[str, list[Any]] = self._load_index()
        with duckdb.connect(str(self.database)) as con:
            existing = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
            for name in tables:
                if name not in existing:
                    # No NOT NULL here: the records were validated before they were stored.
                    con.execute(create_table_sql(table_spec(name)).replace(" NOT NULL", ""))
                    con.execute(f"ALTER TABLE {name} ADD COLUMN cache_key VARCHAR")

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
        (failures are not stored: they are retried next run, the fix may be outside the file)."""
        with duckdb.connect(str(self.database)) as con:
            for name, frame in frames.items():
                if frame.empty:
                    continue
                con.register("incoming", frame)
                con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM incoming")
                con.unregister("incoming")

    def save_index(self) -> None:
        temporary = self.index_path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(self.index), encoding="utf-8")
        temporary.replace(self.index_path)
