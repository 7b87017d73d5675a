"""Load stage: validated frames -> one DuckDB file, written atomically, with its views (and, through
the caller's `finish`, the checks) in it.

The database is built in a temporary file beside the target and renamed over it only when
complete, so a failed or killed run leaves the previous database intact.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.resources import sql_files
from pipeline.schemas import (
    all_specs,
    column_description,
    comment_sql,
    conform,
    create_table_sql,
    sql_literal,
    table_spec,
)

log = logging.getLogger(__name__)


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    for spec in all_specs():
        con.execute(create_table_sql(spec))
        for statement in comment_sql(spec):
            con.execute(statement)


def insert_frame(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    frame = conform(frame, table_spec(name))
    con.register("incoming", frame)
    columns = ", ".join(table_spec(name).column_names)
    con.execute(f"INSERT INTO {name} ({columns}) SELECT {columns} FROM incoming")
    con.unregister("incoming")


@contextmanager
def atomic_database(target: Path, start_from: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a temporary copy (or a new file) that replaces `target` only when the
    block ends without error; a failed or killed run leaves the previous database intact."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".{target.name}.*.tmp"):
        stale.unlink(missing_ok=True)  # left by a run that was killed before it could clean up
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    if start_from is not None:
        shutil.copyfile(start_from, temporary)
    try:
        with duckdb.connect(str(temporary)) as con:
            yield con
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    for _name, sql in sql_files("views"):
        con.execute(sql)
    describe_view_columns(con)


def describe_view_columns(con: duckdb.DuckDBPyConnection) -> None:
    """A view column its SQL file leaves undescribed is a table's column under its own name
    (doc_id, check_name): it takes that column's description from the schemas, defined once."""
    undescribed = con.execute(
        "SELECT c.table_name, c.column_name FROM duckdb_columns() c "
        "JOIN duckdb_views() v ON v.view_name = c.table_name AND v.schema_name = c.schema_name "
        "WHERE NOT v.internal AND NOT v.temporary AND (c.comment IS NULL OR c.comment = '')"
    ).fetchall()
    for view, column in undescribed:
        description = column_description(column)
        if description is not None:
            con.execute(f"COMMENT ON COLUMN {view}.{column} IS {sql_literal(description)}")


def copy_cached(con: duckdb.DuckDBPyConnection, cache_database: Path, run_files: pd.DataFrame) -> None:
    """Copy this run's documents from the extraction cache, in SQL, under their current names."""
    con.execute(f"ATTACH {sql_literal(cache_database.as_posix())} AS cache (READ_ONLY)")
    con.register("run_files", run_files)
    for spec in all_specs():
        if not _cached(con, spec.name):
            continue
        columns = ", ".join(spec.column_names)
        chosen = ", ".join("r.source_file" if c == "source_file" else f"c.{c}" for c in spec.column_names)
        con.execute(
            f"INSERT INTO {spec.name} ({columns}) SELECT {chosen} FROM cache.{spec.name} c "
            "JOIN run_files r USING (cache_key)"
        )
    con.unregister("run_files")
    con.execute("DETACH cache")


def _cached(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    # fetchall, not fetchone: DuckDB 2 refuses further work on a connection with a result left unread.
    found = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = 'cache' AND table_name = ?", [name]
    ).fetchall()
    return bool(found and found[0][0])


def write_database(
    target: Path,
    cache_database: Path,
    run_files: pd.DataFrame,
    frames: dict[str, pd.DataFrame],
    finish: Callable[[duckdb.DuckDBPyConnection], None],
) -> None:
    """Build the output database: this run's documents from the cache, the other frames (failed
    documents, reference tables) from memory, the views, then `finish` (the checks); atomically."""
    with atomic_database(target) as con:
        create_schema(con)
        copy_cached(con, cache_database, run_files)
        for name, frame in frames.items():
            insert_frame(con, name, frame)
        create_views(con)
        finish(con)
