"""Benchmark: pages per second of the PDF reader against bare pdfplumber word extraction.

    python -m benchmarks.pdf_reader [--repeat N]

Both are timed on the same pages (the seed PDF and every PDF fixture), in one process, best of
N runs; the reader's figure includes table finding, footnotes and paragraph assembly.
"""

from __future__ import annotations

import argparse
import logging
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber

from benchmarks.results import write_section
from pipeline.readers.pdf.reader import read_pdf

REPO = Path(__file__).resolve().parent.parent
LOG = logging.getLogger(__name__)


def pdf_files() -> list[Path]:
    generated = [p for p in REPO.glob("tests/fixtures/*/*.pdf") if (p.parent / "annex_cells.golden.csv").exists()]
    return sorted(REPO.glob("raw/**/*.pdf")) + sorted(generated)  # born-digital only: scans are benchmarks.ocr


def bare_words(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
        return len(pdf.pages)


def reader(path: Path) -> int:
    return read_pdf(path, path.name, "0" * 64).pages or 0


def best_time(run: Callable[[Path], int], files: list[Path], repeat: int) -> tuple[float, int]:
    best, pages = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        pages = sum(run(path) for path in files)
        best = min(best, time.perf_counter() - start)
    return best, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    files = pdf_files()
    bare_seconds, pages = best_time(bare_words, files, args.repeat)
    reader_seconds, _ = best_time(reader, files, args.repeat)
    ratio = reader_seconds / bare_seconds
    body = f"""
| what | pages | seconds (best of {args.repeat}) | pages per second |
|---|---|---|---|
| pdfplumber `page.extract_words()` | {pages} | {bare_seconds:.2f} | {pages / bare_seconds:.1f} |
| `pipeline.readers.pdf.read_pdf` | {pages} | {reader_seconds:.2f} | {pages / reader_seconds:.1f} |

The reader costs **{ratio:.2f}x** bare word extraction on the same {len(files)} files (aim: at most 2x).
Files: {", ".join(p.name for p in files)}.
"""
    LOG.info(body)
    write_section("PDF reader speed", body)


if __name__ == "__main__":
    main()
