"""The make targets an analyst types: `make extract` says where the report is when a check failed
and keeps the exit code; `make clean` removes everything a run wrote and never raw/."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import EXIT_CHECKS_FAILED, main
from pipeline.report import report_path
from tests.fixtures.build_all import PLANTED_DIR

REPO = Path(__file__).resolve().parents[2]
PLANTED_PDF = PLANTED_DIR / "thousandfold_and_footnote" / "thousandfold_and_footnote.pdf"
pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def make(*arguments: str) -> subprocess.CompletedProcess[str]:
    """make in the repository, with this interpreter's bin folder, the virtual environment taken as
    set up (-o: the test runs inside it already)."""
    bin_folder = str(Path(sys.executable).parent)
    return subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", *arguments, f"BIN={bin_folder}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_make_extract_says_where_the_report_is_when_checks_fail(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(PLANTED_PDF, raw)
    result = make("extract", f"RAW={raw}", f"OUT={out}")
    assert result.returncode != 0  # make stops: its own status is 2, the pipeline's code is in its message
    assert f"Error {EXIT_CHECKS_FAILED}" in result.stderr
    assert result.stdout.rstrip().endswith(f"checks failed, see {report_path(out)}")
    assert "thousandfold_and_footnote.pdf: 3 checks failed" in result.stdout
    assert report_path(out).is_file()


def test_make_clean_removes_what_a_run_writes_and_never_raw(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(PLANTED_PDF, raw)
    assert main(["extract", "--raw", str(raw), "--out", str(out)]) == EXIT_CHECKS_FAILED
    assert main(["publish", "--out", str(out)]) == 0
    written = {p.name for p in out.iterdir()}
    assert {"plans.duckdb", "csv", "report", "publish", "cache"} <= written
    result = make("clean", f"RAW={raw}", f"OUT={out}")
    assert result.returncode == 0, result.stderr
    assert list(out.iterdir()) == []
    assert [p.name for p in raw.iterdir()] == [PLANTED_PDF.name]
    assert (raw / PLANTED_PDF.name).read_bytes() == PLANTED_PDF.read_bytes()
