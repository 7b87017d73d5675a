"""Package data: the files under pipeline/data, pipeline/checks and pipeline/views, found through
importlib.resources so that an installed wheel reads them from any working folder.

Input: a path inside the package. Output: its text, its CSV rows (comment lines skipped), or
every data file with its bytes (for the cache fingerprint).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from importlib import resources
from importlib.resources.abc import Traversable

PACKAGE = "pipeline"
COMMENT = "#"


def package_file(*parts: str) -> Traversable:
    """A file or folder of the installed package: package_file('data', 'vocabulary', 'units.csv')."""
    return resources.files(PACKAGE).joinpath(*parts)


def read_text(*parts: str) -> str:
    return package_file(*parts).read_text(encoding="utf-8")


def read_csv_rows(*parts: str) -> list[dict[str, str]]:
    """Rows of a packaged CSV file: a header line, then data; lines starting with '#' are comments
    (each data file opens with one saying what its columns mean)."""
    lines = [line for line in read_text(*parts).splitlines() if not line.startswith(COMMENT)]
    rows = []
    for number, row in enumerate(csv.DictReader(io.StringIO("\n".join(lines), newline="")), start=2):
        if None in row or any(value is None for value in row.values()):
            raise ValueError(f"{'/'.join(parts)}: data line {number} has the wrong number of fields: {row}")
        rows.append(dict(row))
    return rows


def walk_files(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    """(relative path, file) for every file below `folder`, in a stable order, caches skipped."""
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__" or entry.name.startswith("."):
            continue
        name = f"{prefix}{entry.name}"
        if entry.is_dir():
            yield from walk_files(entry, name + "/")
        else:
            yield name, entry


def sql_files(folder: str) -> list[tuple[str, str]]:
    """(name, SQL) of every .sql file of a package folder, set-up files ('_' first) first."""
    files = sorted(
        (f for f in package_file(folder).iterdir() if f.name.endswith(".sql")),
        key=lambda f: (not f.name.startswith("_"), f.name),
    )
    return [(f.name.removesuffix(".sql"), f.read_text(encoding="utf-8")) for f in files]
