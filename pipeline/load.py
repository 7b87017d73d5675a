"""Load stage: validated frames -> one DuckDB file, written atomically, with the checks run in it.

The database is built in a temporary file beside the target and renamed over it only when
complete, so a failed or killed run leaves the previous database intact.
"""

from __future__ import annotations

import logging
import os
import shutil
from importlib import resources
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.schemas import all_specs, comment_sql, create_table_sql, table_spec

log = logging.getLogger(__name__)


def sql_files(folder_name: str) -> list[tuple[str, str]]:
    """(name, SQL) of every .sql file in a package folder, set-up files ('_' first) first."""
    folder = resources.files("pipeline") / folder_name
    files = sorted(
        (f for f in folder.iterdir() if f.name.endswith(".sql")),
        key=lambda f: (not f.name.startswith("_"), f.name),
    )
    return [(f.name.removesuffix(".sql"), f.read_text(encoding="utf-8")) for f in files]


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    for spec in all_specs():
        con.execute(create_table_sql(spec))
        for statement in comment_sql(spec):
            con.execute(statement)


def insert_frame(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    con.register("incoming", frame)
    columns = ", ".join(table_spec(name).column_names)
    con.execute(f"INSERT INTO {name} ({columns}) SELECT {columns} FROM incoming")
    con.unregister("incoming")


def run_checks(con: duckdb.DuckDBPyConnection) -> None:
    """Run every check file and store its comparisons in the checks table."""
    for name, sql in sql_files("checks"):
        if name.startswith("_"):
            con.execute(sql)
            continue
        con.execute(f"INSERT INTO checks BY NAME SELECT * FROM ({sql})")
        log.debug("check %s done", name)


def recheck_database(target: Path) -> None:
    """Run the checks again on an existing database (after editing a check), replacing it atomically."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.copyfile(target, temporary)
    try:
        with duckdb.connect(str(temporary)) as con:
            con.execute("DELETE FROM checks")
            run_checks(con)
            for _name, sql in sql_files("views"):
                con.execute(sql)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def write_database(frames: dict[str, pd.DataFrame], target: Path) -> None:
    """Build the whole database in a temporary file, then rename it over `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".{target.name}.*.tmp"):
        stale.unlink(missing_ok=True)  # left by a run that was killed before it could clean up
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    try:
        with duckdb.connect(str(temporary)) as con:
            create_schema(con)
            for name, frame in frames.items():
                insert_frame(con, name, frame)
            run_checks(con)
            for _name, sql in sql_files("views"):
                con.execute(sql)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
