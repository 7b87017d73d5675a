"""Cell F1 of the pipeline on generated plan documents, grouped by layout feature.

    python -m benchmarks.layouts [--documents 200] [--seed 0] [--producers alternate|all] [--no-classes]
                                 [--jobs 2] [--work FOLDER]

Generates documents with `tests.fixtures.generator` (seeds S .. S+N-1, plus the hand-built class
fixtures), writes each as DOCX and as PDF (alternate: LibreOffice for even seeds, ReportLab for odd
ones; all: both), extracts the whole folder with one `run_extract`, and scores every file against
its tables' transcriptions with `tests.transcriptions.score_document`. Scores are summed per table
and grouped by each feature the table or its document has (and by producer), so a weakness shows as
a feature value with a low F1. Writes the section "Layout generator: cell F1 by feature" of
benchmarks/results.md; with --work the files and the extraction are kept there.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from benchmarks.results import write_section
from pipeline.readers.libreoffice import soffice_path
from pipeline.run import DATABASE_NAME, run_extract
from tests.fixtures.builder import build_docx
from tests.fixtures.generator import CLASS_FIXTURES, GeneratedDoc, generate
from tests.fixtures.reportlab_pdf import build_reportlab_pdf
from tests.transcriptions import DocumentScore, TableScore, score_document

LOG = logging.getLogger(__name__)
SECTION = "Layout generator: cell F1 by feature"
CONVERSION_CHUNK = 20  # DOCX files per soffice call: one start-up for many files, a bounded loss if one hangs
CHUNK_TIMEOUT_S = 60 + 15 * CONVERSION_CHUNK
WORST = 10
SUMMARY_FEATURES = ("kind", "axis", "unit_level", "markers", "header_depth", "measure", "split", "column_numbers")


@dataclass
class Sample:
    """One file given to the pipeline: its document, producer, transcriptions and per-table features."""

    name: str
    producer: str
    source_file: str
    transcriptions: list[Path]
    table_features: list[dict[str, str]]
    score: DocumentScore | None = None


@dataclass
class Tally:
    """Cells summed over the tables that share a feature value."""

    documents: set[str] = field(default_factory=set)
    expected: int = 0
    extracted: int = 0
    matched: int = 0

    def add(self, document: str, table: TableScore) -> None:
        self.documents.add(document)
        self.expected += table.expected
        self.extracted += table.extracted
        self.matched += table.matched

    @property
    def f1(self) -> float:
        total = self.expected + self.extracted
        return 2 * self.matched / total if total else 1.0


@dataclass
class Timings:
    seconds: dict[str, float] = field(default_factory=dict)

    def run(self, step: str, started: float) -> None:
        self.seconds[step] = self.seconds.get(step, 0.0) + time.perf_counter() - started


# --------------------------------------------------------------------------------------------
# Documents on disk
# --------------------------------------------------------------------------------------------


def documents(count: int, first_seed: int, with_classes: bool) -> list[tuple[int, GeneratedDoc]]:
    """(index, document): the seeded documents, then the class fixtures (index decides the PDF producer)."""
    generated = [(seed, generate(seed)) for seed in range(first_seed, first_seed + count)]
    fixtures = [(n, make()) for n, make in enumerate(CLASS_FIXTURES.values())] if with_classes else []
    return generated + fixtures


def producers_of(index: int, mode: str) -> list[str]:
    """The PDF producers of a document: LibreOffice for even indexes and ReportLab for odd ones, or both."""
    if mode == "all":
        return ["libreoffice", "reportlab"]
    return ["libreoffice" if index % 2 == 0 else "reportlab"]


def write_truth(doc: GeneratedDoc, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, text in enumerate(doc.tables, start=1):
        path = folder / f"table_{number}.csv"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def table_features(doc: GeneratedDoc, producer: str) -> list[dict[str, str]]:
    """Each table's features with its document's own (era, issuer, ...) and the producer."""
    own = {k: v for k, v in doc.features.items() if not any(k in t for t in doc.table_features)}
    return [{**own, **features, "producer": producer} for features in doc.table_features]


def write_files(docs: Sequence[tuple[int, GeneratedDoc]], work: Path, mode: str, timings: Timings) -> list[Sample]:
    """DOCX and ReportLab PDFs straight into raw/; DOCX to convert by LibreOffice are listed, not yet converted."""
    raw, truth = work / "raw", work / "truth"
    raw.mkdir(parents=True, exist_ok=True)
    samples: list[Sample] = []
    for index, doc in docs:
        started = time.perf_counter()
        tables = write_truth(doc, truth / doc.name)
        docx = build_docx(doc.plan, raw / f"{doc.name}.docx")
        samples.append(Sample(doc.name, "docx", docx.name, tables, table_features(doc, "docx")))
        timings.run("generate + DOCX", started)
        for producer in producers_of(index, mode):
            started = time.perf_counter()
            if producer == "reportlab":
                pdf = build_reportlab_pdf(doc.plan, raw / f"{doc.name}.reportlab.pdf")
                timings.run("ReportLab PDF", started)
            else:
                pdf = raw / f"{doc.name}.pdf"
            samples.append(Sample(doc.name, producer, pdf.name, tables, table_features(doc, producer)))
    return samples


def convert_all(docx: Sequence[Path], out_dir: Path) -> None:
    """DOCX -> PDF with LibreOffice, many files per call, one call at a time, each with a private profile."""
    soffice = soffice_path()
    if soffice is None:
        raise FileNotFoundError("LibreOffice (soffice) is not installed")
    for start in range(0, len(docx), CONVERSION_CHUNK):
        chunk = docx[start : start + CONVERSION_CHUNK]
        with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
            command = [
                soffice,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                *map(str, chunk),
            ]
            process = subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
            )
            try:
                process.communicate(timeout=CHUNK_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.communicate()
                LOG.error("LibreOffice timed out on %s .. %s", chunk[0].name, chunk[-1].name)
        missing = [p.name for p in chunk if not (out_dir / f"{p.stem}.pdf").exists()]
        if missing:
            LOG.error("LibreOffice wrote no PDF for %s", ", ".join(missing))


# --------------------------------------------------------------------------------------------
# Scoring and report
# --------------------------------------------------------------------------------------------


def extract_and_score(samples: list[Sample], work: Path, jobs: int, timings: Timings) -> None:
    started = time.perf_counter()
    out = work / "out"
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as executor:
            run_extract(work / "raw", out, executor=executor, use_cache=False)
    else:
        run_extract(work / "raw", out, use_cache=False)
    timings.run("extraction", started)
    started = time.perf_counter()
    with duckdb.connect(str(out / DATABASE_NAME), read_only=True) as con:
        for sample in samples:
            sample.score = score_document(con, sample.source_file, sample.transcriptions)
    timings.run("scoring", started)


def tallies(samples: Iterable[Sample]) -> dict[tuple[str, str], Tally]:
    """(feature, value) -> the cells of every table having it."""
    found: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for sample in samples:
        if sample.score is None:
            continue
        for table, features in zip(sample.score.tables, sample.table_features, strict=True):
            for key, value in features.items():
                found[(key, value)].add(sample.source_file, table)
    return found


def feature_table(found: dict[tuple[str, str], Tally]) -> str:
    lines = [
        "| feature | value | documents | cells expected | extracted | matched | F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for (key, value), tally in sorted(found.items(), key=lambda item: (item[0][0], item[1].f1)):
        lines.append(
            f"| {key} | {value} | {len(tally.documents)} | {tally.expected} | {tally.extracted} "
            f"| {tally.matched} | {tally.f1:.3f} |"
        )
    return "\n".join(lines)


def worst_table(samples: Sequence[Sample], docs: dict[str, GeneratedDoc]) -> str:
    scored = [s for s in samples if s.score is not None]
    worst = sorted(scored, key=lambda s: (s.score.f1 if s.score else 0.0, s.name))[:WORST]
    lines = ["| document | producer | features | cells expected | matched | F1 |", "|---|---|---|---|---|---|"]
    for sample in worst:
        features = docs[sample.name].features
        summary = ", ".join(f"{k}={features[k]}" for k in SUMMARY_FEATURES if k in features)
        score = sample.score
        assert score is not None
        lines.append(
            f"| {sample.name} | {sample.producer} | {summary} | {score.expected} | {score.matched} | {score.f1:.3f} |"
        )
    return "\n".join(lines)


def overall(samples: Sequence[Sample]) -> str:
    expected = sum(s.score.expected for s in samples if s.score)
    extracted = sum(s.score.extracted for s in samples if s.score)
    matched = sum(s.score.matched for s in samples if s.score)
    f1 = 2 * matched / (expected + extracted) if expected + extracted else 1.0
    return f"{len(samples)} files, {expected} cells expected, {extracted} extracted, {matched} matched: F1 {f1:.3f}"


def report(samples: Sequence[Sample], docs: dict[str, GeneratedDoc], timings: Timings, command: str) -> str:
    times = ", ".join(f"{step} {seconds:.0f} s" for step, seconds in timings.seconds.items())
    return (
        f"`{command}`: {len(docs)} documents; {overall(samples)}.\n\n"
        f"Time: {times}; total {sum(timings.seconds.values()):.0f} s.\n\n"
        "Cells are summed per table over every table having the feature value (a table has its own features, "
        "its document's and the producer's); *documents* counts the files. F1 = 2 x matched / (expected + "
        "extracted), as in tests/transcriptions.py.\n\n"
        f"{feature_table(tallies(samples))}\n\n"
        f"### The {WORST} worst files\n\n{worst_table(samples, docs)}\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--producers", choices=("alternate", "all"), default="alternate")
    parser.add_argument("--no-classes", action="store_true", help="leave out the hand-built class fixtures")
    parser.add_argument("--jobs", type=int, default=2, help="extraction processes")
    parser.add_argument("--work", type=Path, help="keep the documents, truth and extraction in this folder")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    timings = Timings()
    with tempfile.TemporaryDirectory(prefix="layouts-") as temporary:
        work = args.work or Path(temporary)
        if (work / "raw").exists():
            shutil.rmtree(work / "raw")
        started = time.perf_counter()
        docs = documents(args.documents, args.seed, not args.no_classes)
        timings.run("generate + DOCX", started)
        samples = write_files(docs, work, args.producers, timings)
        started = time.perf_counter()
        to_convert = [work / "raw" / f"{s.name}.docx" for s in samples if s.producer == "libreoffice"]
        convert_all(to_convert, work / "raw")
        timings.run("LibreOffice PDF", started)
        extract_and_score(samples, work, args.jobs, timings)
    command = f"python -m benchmarks.layouts --documents {args.documents} --seed {args.seed}"
    text = report(samples, {doc.name: doc for _, doc in docs}, timings, command)
    print(text)
    write_section(SECTION, text)


if __name__ == "__main__":
    main()
