"""One home per check: its SQL file's header is its only description; the README's list and the
report's glossary are generated from it, and a test fails when they drift."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from pipeline.checks import catalog, read_header, readme_section
from pipeline.resources import sql_files

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_lists_the_checks_as_their_headers_describe_them() -> None:
    assert readme_section() in README.read_text(encoding="utf-8"), "run `python -m pipeline.checks README.md`"


def test_every_check_file_declares_the_checks_it_returns() -> None:
    macros = dict(sql_files("checks"))["_macros"]
    for name, sql in sql_files("checks"):
        if name.startswith("_"):
            continue
        for info in read_header(name, sql):
            assert f"'{info.name}'" in sql or f"'{info.name}'" in macros, (name, info.name)


def test_a_check_file_without_a_header_is_an_error() -> None:
    with pytest.raises(ValueError, match="no '-- check:' header"):
        read_header("new_check", "-- compares two things\nSELECT 1")
    with pytest.raises(ValueError, match="has no failure, vi"):
        read_header("new_check", "-- check: new_check\n--   en: two things\nSELECT 1")


def test_every_check_the_seed_runs_is_in_the_catalog(seed_db: duckdb.DuckDBPyConnection) -> None:
    names = {row[0] for row in seed_db.execute("SELECT DISTINCT check_name FROM checks").fetchall()}
    assert names and names <= set(catalog())


def test_checks_and_views_read_only_documents_that_were_read() -> None:
    """A duplicate's row shares its original's doc_id: any join to documents must keep status 'ok',
    or every figure of a copied document counts twice."""
    for folder in ("checks", "views"):
        for name, sql in sql_files(folder):
            joins = re.findall(r"JOIN documents (\w+)", sql)
            for alias in joins:
                assert re.search(rf"\b{alias}\.status = 'ok'", sql), f"{folder}/{name}.sql joins documents {alias}"
