"""The package works installed as a wheel, from any folder: schemas, SQL, vocabulary and data are
package data found through importlib.resources, not paths of the source tree."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import duckdb

from tests.conftest import REPO, SEED_DOCX


def test_a_wheel_installed_elsewhere_extracts_the_seed(tmp_path: Path) -> None:
    source = tmp_path / "source"  # built from a copy: a build leaves a build/ folder behind
    shutil.copytree(REPO / "pipeline", source / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)],
        check=True, capture_output=True,
    )  # fmt: skip
    wheel = next(wheels.glob("*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    target = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True, capture_output=True, text=True,
        ).stdout.strip()
    )  # fmt: skip
    # The wheel alone in the new environment; its dependencies from this one (a path in a .pth file
    # adds the folder without running the editable install's own .pth hooks).
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    (target / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "raw").mkdir(parents=True)
    (elsewhere / "raw" / SEED_DOCX.name).write_bytes(SEED_DOCX.read_bytes())
    where = subprocess.run(
        [str(python), "-c", "import pipeline; print(pipeline.__file__)"],
        cwd=elsewhere, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    assert where.startswith(str(target)), where
    result = subprocess.run(
        [str(python), "-m", "pipeline", "extract", "--raw", "raw", "--out", "out"],
        cwd=elsewhere, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    with duckdb.connect(str(elsewhere / "out" / "plans.duckdb"), read_only=True) as con:
        cells = con.execute("SELECT count(*) FROM annex_cells").fetchone()
        constants = con.execute("SELECT count(*) FROM programme_constants").fetchone()
    assert cells is not None and cells[0] > 0
    assert constants is not None and constants[0] > 0
