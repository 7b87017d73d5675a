"""Repository-level pytest set-up: the notebooks run against an extraction of raw/.

Unless PLANS_DB is set, the seed documents in raw/ are extracted once into a temporary folder
before the session, and PLANS_DB points the notebooks (run by nbmake) at that database.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from pipeline.run import DATABASE_NAME, run_extract

REPO = Path(__file__).resolve().parent


def pytest_configure(config: pytest.Config) -> None:
    if "PLANS_DB" in os.environ or not config.getoption("nbmake", default=False):
        return
    folder = Path(tempfile.mkdtemp(prefix="plans-notebooks-"))
    run_extract(REPO / "raw", folder)
    os.environ["PLANS_DB"] = str(folder / DATABASE_NAME)
