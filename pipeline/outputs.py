"""The output folder: one run at a time, and its database and CSVs from the same run.

A lock file (<out>/.pipeline.lock, held with flock while a command writes) keeps a second run off
a folder another is writing: two runs would store each document twice in the cache and swap
their outputs over each other. The lock goes with its process, so a killed run never leaves the
folder locked. Each extraction records its run id in the database (`runs`) and in csv/runs.csv;
the database is replaced first and the CSVs after, so a run killed between the two leaves CSVs of
the previous run beside the new database: the next command sees the ids differ and rewrites them.
"""

from __future__ import annotations

import csv
import fcntl
import logging
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

log = logging.getLogger(__name__)
LOCK_NAME = ".pipeline.lock"
_held: set[Path] = set()  # folders this process holds already: the lock is re-entrant within it


class OutputBusy(RuntimeError):
    """Another run is writing the output folder."""


class OutputUnwritable(RuntimeError):
    """The output folder cannot be created or written (a file in its place, no permission)."""


def new_run_id() -> str:
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def prepare_output(out: Path) -> None:
    """Create the output folder, or say in one sentence why it cannot be used."""
    if out.exists() and not out.is_dir():
        raise OutputUnwritable(f"the output path {out} is a file, not a folder: give --out a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputUnwritable(f"cannot create the output folder {out}: {exc.strerror}") from exc
    if not os.access(out, os.W_OK | os.X_OK):
        raise OutputUnwritable(f"the output folder {out} is not writable: choose another --out or fix its permissions")


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold <out>/.pipeline.lock for the block; OutputBusy at once if another process holds it."""
    prepare_output(out)
    key = out.resolve()
    if key in _held:
        yield
        return
    try:
        handle = (out / LOCK_NAME).open("a+", encoding="utf-8")
    except OSError as exc:
        raise OutputUnwritable(f"cannot write in the output folder {out}: {exc.strerror}") from exc
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise OutputBusy(
                f"another run (process {holder}) is writing {out}: wait for it to finish, or give another --out"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        _held.add(key)
        try:
            yield
        finally:
            _held.discard(key)
            fcntl.flock(handle, fcntl.LOCK_UN)


def database_run_id(database: Path) -> str | None:
    try:
        with duckdb.connect(str(database), read_only=True) as con:
            row = con.execute("SELECT run_id FROM runs").fetchone()
    except duckdb.Error:
        return None
    return str(row[0]) if row else None


def csv_run_id(csv_folder: Path) -> str | None:
    try:
        with (csv_folder / "runs.csv").open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError:
        return None
    return rows[0].get("run_id") if rows else None


def csvs_match(database: Path, csv_folder: Path) -> bool:
    """True when the CSVs were written by the run that wrote the database."""
    return database_run_id(database) is not None and database_run_id(database) == csv_run_id(csv_folder)


def replace_folder(folder: Path, fill: Callable[[Path], object]) -> None:
    """Fill a staging folder, then put it in place of `folder` in two renames: readers see the old
    folder or the new one, never half of either."""
    staging = folder.with_name(folder.name + ".new")
    retired = folder.with_name(folder.name + ".old")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    fill(staging)
    shutil.rmtree(retired, ignore_errors=True)
    if folder.exists():
        folder.rename(retired)
    staging.rename(folder)
    shutil.rmtree(retired, ignore_errors=True)
