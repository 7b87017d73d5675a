"""The checks report opened in a real browser (headless Chromium, from Debian's packages through
`make system-deps`): the page renders, and the picture of the page region behind a failure shows
with its cells outlined. Skipped where Chromium is absent, except in CI, which installs it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pipeline.report import report_path
from pipeline.report.pictures import COLOURS
from tests.conftest import extract_folder
from tests.fixtures.build_all import PLANTED_DIR

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
BROWSER = next((path for name in BROWSERS if (path := shutil.which(name))), None)
pytestmark = pytest.mark.skipif(
    BROWSER is None and not os.environ.get("CI"), reason="Chromium is not installed (make system-deps)"
)
WIDTH, HEIGHT = 1200, 5000
SCREENSHOT = os.environ.get("REPORT_SCREENSHOT")  # set to keep the screenshot, to look at it


def screenshot(page: Path, target: Path, profile: Path) -> Image.Image:
    assert BROWSER is not None, "CI installs Chromium with make system-deps"
    subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--window-size={WIDTH},{HEIGHT}",
            f"--screenshot={target}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    return Image.open(target).convert("RGB")


def pixels_near(image: Image.Image, colour: tuple[int, int, int], distance: int = 40) -> int:
    gaps = np.abs(np.asarray(image, dtype=np.int32) - np.array(colour, dtype=np.int32)).sum(axis=2)
    return int((gaps < distance).sum())


def test_the_report_renders_with_its_page_pictures_in_chromium(tmp_path: Path) -> None:
    pdf = PLANTED_DIR / "swapped_and_cross_table" / "swapped_and_cross_table.pdf"
    extract_folder([pdf], tmp_path).close()
    target = Path(SCREENSHOT) if SCREENSHOT else tmp_path / "report.png"
    image = screenshot(report_path(tmp_path / "out"), target, tmp_path / "profile")
    assert image.size == (WIDTH, HEIGHT)
    white = pixels_near(image, (255, 255, 255), 10)
    assert white < image.width * image.height * 0.97  # text and tables, not a blank page
    # The parts' blue outline is drawn only in the embedded pictures: they were decoded and shown.
    assert pixels_near(image, COLOURS["part"]) > 200
    assert pixels_near(image, COLOURS["stated"]) > 200
