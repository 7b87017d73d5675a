"""The cross-checks: one SQL file each in this folder, run on a loaded database.

Each check file returns one row per comparison and opens with a header naming the checks it
returns, what each compares (English and Vietnamese) and what a failure usually means:

    -- check: footnote_sum
    --   en: a footnote's items against the total it explains
    --   vi: tổng các mục trong chú thích so với con số được chú thích
    --   failure: an item left out or mistyped in the footnote

The report's glossary and the README's list of checks are generated from these headers. Files
whose name starts with '_' are set-up (macros, views) and run first; checks run in name order.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from pipeline.load import atomic_database
from pipeline.resources import sql_files

log = logging.getLogger(__name__)
FOLDER = "checks"
HEADER_RE = re.compile(r"^--\s+check:\s*(?P<name>\w+)\s*$")
FIELD_RE = re.compile(r"^--\s+(?P<key>en|vi|failure):\s*(?P<value>.+?)\s*$")
README_BEGIN = "<!-- checks: generated from the headers of pipeline/checks/*.sql by `python -m pipeline.checks` -->"
README_END = "<!-- end of generated checks -->"


@dataclass(frozen=True)
class CheckInfo:
    name: str
    file: str
    en: str
    vi: str
    failure: str


def read_header(file: str, sql: str) -> list[CheckInfo]:
    """The checks a file's leading comment names; a check file without a complete header is an error."""
    found: list[dict[str, str]] = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        header = HEADER_RE.match(line)
        if header:
            found.append({"name": header["name"]})
            continue
        field = FIELD_RE.match(line)
        if field and found:
            found[-1][field["key"]] = field["value"]
    infos = []
    for entry in found:
        missing = {"en", "vi", "failure"} - set(entry)
        if missing:
            raise ValueError(f"pipeline/checks/{file}.sql: check {entry['name']} has no {', '.join(sorted(missing))}")
        infos.append(CheckInfo(entry["name"], f"{file}.sql", entry["en"], entry["vi"], entry["failure"]))
    if not infos:
        raise ValueError(f"pipeline/checks/{file}.sql opens with no '-- check:' header")
    return infos


@cache
def catalog() -> dict[str, CheckInfo]:
    """Every check by name, in file order, from the headers of the check files."""
    checks = [(name, sql) for name, sql in sql_files(FOLDER) if not name.startswith("_")]
    return {info.name: info for name, sql in checks for info in read_header(name, sql)}


def run_checks(con: duckdb.DuckDBPyConnection) -> None:
    """Run every check file and store its comparisons in the checks table."""
    for name, sql in sql_files(FOLDER):
        if name.startswith("_"):
            con.execute(sql)
            continue
        con.execute(f"INSERT INTO checks BY NAME SELECT * FROM ({sql})")
        log.debug("check %s done", name)


def recheck_database(target: Path) -> None:
    """Run the checks again on an existing database (after editing a check), replacing it atomically."""
    with atomic_database(target, start_from=target) as con:
        con.execute("DELETE FROM checks")
        run_checks(con)


def readme_section() -> str:
    """The README's list of checks, between its markers."""
    lines = [README_BEGIN, "", "| check | compares | đối chiếu | a failure usually means | file |"]
    lines.append("|---|---|---|---|---|")
    for info in catalog().values():
        lines.append(f"| `{info.name}` | {info.en} | {info.vi} | {info.failure} | `{info.file}` |")
    return "\n".join([*lines, "", README_END])


def replace_readme_section(readme: str) -> str:
    """`readme` with its generated list of checks brought up to date."""
    start, end = readme.index(README_BEGIN), readme.index(README_END) + len(README_END)
    return readme[:start] + readme_section() + readme[end:]
