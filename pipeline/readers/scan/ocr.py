"""OCR engine: a page or cell image -> words with their boxes and confidence, via Tesseract.

Runs the `tesseract` command (Debian packages tesseract-ocr and tesseract-ocr-vie, installed by
`make system-deps`) with its Vietnamese model and reads its TSV output. Nothing here knows about
tables or plan documents; `pipeline.readers.scan` decides what to read.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache

import numpy as np
from PIL import Image

LANGUAGE = "vie"
TIMEOUT_S = 120
# One page or cell at a time is small work: Tesseract's own threads only compete with the
# process pool for the same cores.
ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}


class OcrUnavailable(RuntimeError):
    """Tesseract or its Vietnamese model is not installed."""


@dataclass(frozen=True)
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float  # 0-100, as Tesseract reports it
    line: tuple[int, int, int]  # (block, paragraph, line) numbers: words of one text line share it

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


@cache
def ocr_status() -> str | None:
    """None when OCR can run; otherwise what is missing and how to install it."""
    if shutil.which("tesseract") is None:
        return "Tesseract is not installed (run `make system-deps`, or apt-get install tesseract-ocr tesseract-ocr-vie)"
    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30, env=ENV)
    if LANGUAGE not in listed.stdout.split():
        return "Tesseract's Vietnamese model is not installed (apt-get install tesseract-ocr-vie)"
    return None


def read_words(image: np.ndarray, psm: int = 6, allowed: str | None = None) -> list[Word]:
    """Words Tesseract finds in a grayscale image (ink dark), in reading order.

    psm 6 reads the image as one block of text (a table cell); psm 4 as a column of lines of
    different sizes (a whole page); psm 7 one line, psm 8 one word. `allowed` restricts the
    characters (digits and separators for a figure)."""
    status = ocr_status()
    if status is not None:
        raise OcrUnavailable(status)
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, format="PNG")
    options = ["-c", f"tessedit_char_whitelist={allowed}"] if allowed else []
    result = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", LANGUAGE, "--psm", str(psm), *options, "tsv"],
        input=buffer.getvalue(),
        capture_output=True,
        timeout=TIMEOUT_S,
        env=ENV,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"tesseract failed: {result.stderr.decode(errors='replace')[:300]}")
    return _parse_tsv(result.stdout.decode("utf-8", errors="replace"))


def _parse_tsv(tsv: str) -> list[Word]:
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        words.append(
            Word(
                text=text,
                left=int(row["left"]),
                top=int(row["top"]),
                width=int(row["width"]),
                height=int(row["height"]),
                confidence=float(row["conf"]),
                line=(int(row["block_num"]), int(row["par_num"]), int(row["line_num"])),
            )
        )
    return words
