"""Benchmark: the whole extract command on corpora of 10, 100 and 1,000 documents.

    python -m benchmarks.pipeline_scale [--sizes 10 100 1000] [--work /tmp/plan-bench]

For each size: a cold run serially and with --jobs 2 (empty cache), then a warm rerun with
nothing changed. Each run is a separate `python -m pipeline extract` process, timed on the wall
clock, its peak memory (max RSS) read from the operating system. A PDF-only corpus compares the
pipeline with bare pdfplumber word extraction on the same pages. Figures go to results.md.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pdfplumber

from benchmarks.corpus import build_corpus
from benchmarks.results import write_section

LOG = logging.getLogger(__name__)


def run_extract(raw: Path, out: Path, *extra: str) -> tuple[float, float]:
    """(wall seconds, peak resident memory in MiB) of one extract run in its own process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "extract", "--raw", str(raw), "--out", str(out), *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 3, 4):
        raise RuntimeError(f"extract failed on {raw}")
    return seconds, usage.ru_maxrss / 1024


def pdf_pages(out: Path) -> int:
    with duckdb.connect(str(out / "plans.duckdb"), read_only=True) as con:
        row = con.execute("SELECT coalesce(sum(pages), 0) FROM documents WHERE format = 'pdf'").fetchone()
    return int(row[0]) if row else 0


def bare_word_seconds(files: list[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_words()
    return time.perf_counter() - start


def measure_size(size: int, work: Path) -> dict[str, float]:
    raw = work / f"corpus-{size}"
    build_corpus(size, raw)
    figures: dict[str, float] = {}
    for label, extra in (("serial", ()), ("jobs2", ("--jobs", "2"))):
        out = work / f"out-{size}-{label}"
        shutil.rmtree(out, ignore_errors=True)
        figures[f"cold_{label}_s"], figures[f"cold_{label}_mib"] = run_extract(raw, out, *extra)
        LOG.info("%d documents, cold %s: %.1f s", size, label, figures[f"cold_{label}_s"])
    out = work / f"out-{size}-serial"
    figures["warm_s"], figures["warm_mib"] = run_extract(raw, out)
    figures["pages"] = pdf_pages(out)
    LOG.info("%d documents, warm: %.1f s", size, figures["warm_s"])
    return figures


def pdf_only(work: Path, copies: int) -> tuple[float, float, int]:
    """(pipeline seconds, bare word extraction seconds, pages) on a corpus of PDFs only."""
    raw = work / "corpus-pdf"
    files = build_corpus(copies, raw, pdf_share=1.0)
    out = work / "out-pdf"
    shutil.rmtree(out, ignore_errors=True)
    pipeline_seconds, _ = run_extract(raw, out)
    return pipeline_seconds, bare_word_seconds(files), pdf_pages(out)


def _rates(documents: int, pages: float, seconds: float) -> str:
    return f"{seconds:.1f} ({documents / seconds:.1f}, {pages / seconds:.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description="Measure the extract command at several corpus sizes.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/plan-bench"))
    parser.add_argument("--pdf-copies", type=int, default=20)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args.work.mkdir(parents=True, exist_ok=True)
    rows = [
        "| documents | PDF pages | cold serial s (docs/s, PDF pages/s) | cold --jobs 2 s (docs/s, PDF pages/s) "
        "| warm rerun s | peak MiB cold serial / jobs 2 / warm |",
        "|---|---|---|---|---|---|",
    ]
    for size in args.sizes:
        f = measure_size(size, args.work)
        rows.append(
            f"| {size} | {f['pages']:.0f} | {_rates(size, f['pages'], f['cold_serial_s'])} "
            f"| {_rates(size, f['pages'], f['cold_jobs2_s'])} | {f['warm_s']:.1f} "
            f"| {f['cold_serial_mib']:.0f} / {f['cold_jobs2_mib']:.0f} / {f['warm_mib']:.0f} |"
        )
    pipeline_s, bare_s, pages = pdf_only(args.work, args.pdf_copies)
    body = (
        "\n".join(rows)
        + f"""

Corpora from `benchmarks/corpus.py`: about 20% PDFs (the seed and the three generated fixtures,
2 to 13 pages) and 80% DOCX, each made distinct (own document number, or a trailing PDF comment).
Cold runs start with an empty cache; the warm rerun changes nothing, so it parses nothing and
rebuilds the database, checks and CSVs from the cache. Peak memory is the process's max RSS (for
--jobs 2 the parent's; each worker holds one document at a time). Each figure is one run.

PDF-only corpus of {args.pdf_copies} files ({pages} pages): the whole pipeline took {pipeline_s:.1f} s,
bare pdfplumber `extract_words()` on the same pages {bare_s:.1f} s: **{pipeline_s / bare_s:.2f}x**
(aim: at most 2x; the pipeline also finds tables, footnotes, paragraphs, loads DuckDB and runs the checks).
"""
    )
    LOG.info(body)
    write_section("Pipeline at scale", body)


if __name__ == "__main__":
    main()
