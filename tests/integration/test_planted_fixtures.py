"""The fixed planted documents (tests/fixtures/planted/): every planted error is a failed check at its
table, row and unit, and no failed check is left that a planted error does not explain.

Each folder holds a DOCX, its LibreOffice PDF and planted.csv, the records `tests.fixtures.planting`
wrote when it planted the errors (from the printed figures, never from pipeline output); judging
follows `tests.planted_findings`, as the benchmark benchmarks/planted_errors.py does.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.conftest import extract_folder
from tests.fixtures.build_all import PLANTED_DIR
from tests.fixtures.planting import KINDS, PLANTED_FIXTURES, read_planted
from tests.planted_findings import Judgement, failed_checks, judge

FILES = sorted(path for name in PLANTED_FIXTURES for path in (PLANTED_DIR / name).glob(f"{name}.*"))


@pytest.fixture(scope="module")
def planted_db(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    """One extraction of every planted fixture file."""
    return extract_folder(FILES, tmp_path_factory.mktemp("planted"))


def judged(con: duckdb.DuckDBPyConnection, path: Path) -> Judgement:
    return judge(read_planted(path.parent / "planted.csv"), failed_checks(con, path.name))


def test_the_fixtures_plant_every_kind() -> None:
    assert {path.suffix for path in FILES} == {".docx", ".pdf"}
    assert len(FILES) == 2 * len(PLANTED_FIXTURES)
    planted = {error.kind for name in PLANTED_FIXTURES for error in read_planted(PLANTED_DIR / name / "planted.csv")}
    assert planted == set(KINDS)


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_every_planted_error_is_a_failed_check_at_its_row_and_unit(
    planted_db: duckdb.DuckDBPyConnection, path: Path
) -> None:
    missed = judged(planted_db, path).missed
    assert not missed, "\n".join(error.summary() for error in missed)


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_no_failed_check_is_left_unexplained(planted_db: duckdb.DuckDBPyConnection, path: Path) -> None:
    alarms = judged(planted_db, path).false_alarms
    assert not alarms, "\n".join(f"{failure.summary()}: {failure.detail}" for failure in alarms)
