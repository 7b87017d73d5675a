"""Planted errors: does a failed check report each one on its table, row and unit, and nothing else?

    python -m benchmarks.planted_errors [--documents 60] [--seed 0] [--jobs 2] [--work FOLDER]

Generates documents with every optional part (`generate(seed, ALL_EXTRAS)`: a narrative stating totals,
an equation, an annex repeating another's line per unit), plants one or two errors of varied kinds in
each with `tests.fixtures.planting` (every sixth document with a place for an error, and any without
one, stays clean), writes each as DOCX and as PDF (LibreOffice for even seeds, ReportLab for odd ones), extracts
them all with one `run_extract`, and judges every file's failed checks against its planted errors with
`tests.planted_findings`: found, found with a diagnosis, missed, and failed checks no planted error
explains (false alarms; a clean document must have none). Writes the section "Planted errors: found
and false alarms" of benchmarks/results.md; with --work the files and the extraction are kept there.
"""

from __future__ import annotations

import argparse
import logging
import random
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb

from benchmarks.layouts import Timings, convert_all, producers_of
from benchmarks.results import write_section
from pipeline.run import DATABASE_NAME, run_extract
from tests.fixtures.builder import build_docx
from tests.fixtures.generator import ALL_EXTRAS, GeneratedDoc, generate
from tests.fixtures.planting import KINDS, PlantedError, plant, possible_kinds
from tests.fixtures.reportlab_pdf import build_reportlab_pdf
from tests.planted_findings import Judgement, failed_checks, judge

SECTION = "Planted errors: found and false alarms"
CLEAN_EVERY = 6  # every sixth document is left clean
TWO_ERRORS_SHARE = 0.4
WORST = 10
EXAMPLES = 3  # seeds shown for each kind missed and each check that raised a false alarm


@dataclass
class Planted:
    """A generated document with the errors planted in it (none: a clean document)."""

    seed: int
    doc: GeneratedDoc
    errors: list[PlantedError]


@dataclass
class Sample:
    """One file given to the pipeline, and what its failed checks made of its planted errors."""

    planted: Planted
    producer: str
    source_file: str
    judgement: Judgement | None = None

    @property
    def trouble(self) -> int:
        """Missed errors and false alarms: what makes a file one of the worst."""
        if self.judgement is None:
            return len(self.planted.errors)
        return len(self.judgement.missed) + len(self.judgement.false_alarms)


# --------------------------------------------------------------------------------------------
# Documents with their planted errors
# --------------------------------------------------------------------------------------------


def plant_errors(seed: int, counts: Counter[str]) -> Planted:
    """The document of `seed` with one or two errors of the kinds planted least so far (every
    `CLEAN_EVERY`-th document that has a place for one, none); errors of one document stay out of
    each other's tables."""
    doc = generate(seed, ALL_EXTRAS)
    if not possible_kinds(doc):
        return Planted(seed, doc, [])
    counts["documents with a place"] += 1
    if counts["documents with a place"] % CLEAN_EVERY == 0:
        return Planted(seed, doc, [])
    rng = random.Random(f"planted-{seed}")
    errors: list[PlantedError] = []
    for _ in range(2 if rng.random() < TWO_ERRORS_SHARE else 1):
        avoid = {number for error in errors for number in error.tables}
        kinds = possible_kinds(doc, avoid)
        if not kinds:
            break
        kind = min(kinds, key=lambda k: (counts[k], rng.random()))
        error = plant(doc, rng, kind, avoid)
        if error is not None:
            errors.append(error)
            counts[kind] += 1
    return Planted(seed, doc, errors)


def write_files(planted: Sequence[Planted], raw: Path, timings: Timings) -> list[Sample]:
    """DOCX and ReportLab PDFs into raw/; the DOCX of even seeds are listed for LibreOffice, not yet converted."""
    raw.mkdir(parents=True, exist_ok=True)
    samples: list[Sample] = []
    for item in planted:
        started = time.perf_counter()
        name = item.doc.name
        build_docx(item.doc.plan, raw / f"{name}.docx")
        samples.append(Sample(item, "docx", f"{name}.docx"))
        producer = producers_of(item.seed, "alternate")[0]
        if producer == "reportlab":
            build_reportlab_pdf(item.doc.plan, raw / f"{name}.reportlab.pdf")
            samples.append(Sample(item, producer, f"{name}.reportlab.pdf"))
        else:
            samples.append(Sample(item, producer, f"{name}.pdf"))
        timings.run("plant + DOCX + ReportLab PDF", started)
    return samples


def extract_and_judge(samples: Sequence[Sample], work: Path, jobs: int, timings: Timings) -> None:
    started = time.perf_counter()
    out = work / "out"
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as executor:
            run_extract(work / "raw", out, executor=executor, use_cache=False)
    else:
        run_extract(work / "raw", out, use_cache=False)
    timings.run("extraction", started)
    with duckdb.connect(str(out / DATABASE_NAME), read_only=True) as con:
        for sample in samples:
            sample.judgement = judge(sample.planted.errors, failed_checks(con, sample.source_file))


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def seeds_of(samples: Sequence[Sample]) -> str:
    """The first few (seed, producer) of some samples, for a reader to rerun."""
    shown = list(dict.fromkeys(f"{s.planted.seed} ({s.producer})" for s in samples))
    return ", ".join(shown[:EXAMPLES]) + (" ..." if len(shown) > EXAMPLES else "")


def kind_table(samples: Sequence[Sample]) -> str:
    """Planted, found, found with a diagnosis and missed by kind, counted per file."""
    lines = [
        "| kind | planted | found | found with a diagnosis | missed | missed in (seed, producer) |",
        "|---|---|---|---|---|---|",
    ]
    totals = [0, 0, 0, 0]
    for kind in KINDS:
        findings = [(s, f) for s in samples if s.judgement for f in s.judgement.findings if f.error.kind == kind]
        planted, found = len(findings), sum(f.found for _s, f in findings)
        diagnosed = sum(f.diagnosed for _s, f in findings)
        missed = [s for s, f in findings if not f.found]
        lines.append(f"| {kind} | {planted} | {found} | {diagnosed} | {len(missed)} | {seeds_of(missed)} |")
        totals = [a + b for a, b in zip(totals, (planted, found, diagnosed, len(missed)), strict=True)]
    lines.append(f"| **all** | {totals[0]} | {totals[1]} | {totals[2]} | {totals[3]} | |")
    return "\n".join(lines)


def false_alarm_table(samples: Sequence[Sample]) -> str:
    """False alarms by check name: how many, in how many files, how many in clean documents."""
    by_check: dict[str, list[Sample]] = defaultdict(list)
    in_clean: Counter[str] = Counter()
    for sample in samples:
        for failure in sample.judgement.false_alarms if sample.judgement else []:
            by_check[failure.check_name].append(sample)
            in_clean[failure.check_name] += not sample.planted.errors
    lines = [
        "| check | false alarms | files | in clean documents | for example (seed, producer) |",
        "|---|---|---|---|---|",
    ]
    for check, hit in sorted(by_check.items(), key=lambda item: -len(item[1])):
        files = len({s.source_file for s in hit})
        lines.append(f"| {check} | {len(hit)} | {files} | {in_clean[check]} | {seeds_of(hit)} |")
    if not by_check:
        lines.append("| (none) | 0 | 0 | 0 | |")
    return "\n".join(lines)


def worst_table(samples: Sequence[Sample]) -> str:
    """The files with the most missed errors and false alarms: what was planted, what was reported."""
    worst = sorted((s for s in samples if s.trouble), key=lambda s: (-s.trouble, s.planted.seed, s.producer))
    lines = ["| seed | producer | planted | missed | false alarms reported |", "|---|---|---|---|---|"]
    for sample in worst[:WORST]:
        judgement = sample.judgement
        assert judgement is not None
        planted = "; ".join(e.summary() for e in sample.planted.errors) or "nothing (clean)"
        missed = "; ".join(e.kind for e in judgement.missed) or "-"
        alarms = "; ".join(f.summary() for f in judgement.false_alarms[:4])
        more = len(judgement.false_alarms) - 4
        alarms += f"; and {more} more" if more > 0 else ""
        lines.append(f"| {sample.planted.seed} | {sample.producer} | {planted} | {missed} | {alarms or '-'} |")
    return "\n".join(lines)


def report(samples: Sequence[Sample], planted: Sequence[Planted], timings: Timings, command: str) -> str:
    clean = [p for p in planted if not p.errors]
    clean_files = [s for s in samples if not s.planted.errors]
    failing_clean = [s for s in clean_files if s.judgement and s.judgement.false_alarms]
    times = ", ".join(f"{step} {seconds:.0f} s" for step, seconds in timings.seconds.items())
    errors = sum(len(p.errors) for p in planted)
    return (
        f"`{command}`: {len(planted)} documents ({len(clean)} clean), {errors} errors planted, "
        f"{len(samples)} files (DOCX, and a PDF by LibreOffice for even seeds or ReportLab for odd ones); "
        f"{len(failing_clean)} of the {len(clean_files)} files of clean documents have a failed check.\n\n"
        f"Time: {times}; total {sum(timings.seconds.values()):.0f} s.\n\n"
        "Each planted error is counted once per file. Found: a failed check names its table and row (or a "
        "diagnosis names the cell) and, for a unit's figure, a failed check it explains names the unit; a "
        "cross-table error is found by table_vs_table naming the unit in either table of the pair, a footnote "
        "item by footnote_vs_annex naming the unit, a stated total or an equation by the claim check of its "
        "sentence. With a diagnosis: a failed check it explains names the cause (the swapped digits, the "
        "thousandfold slip, the part left out; for other kinds any cause but \"no single slip explains it\"). "
        "A false alarm is a failed check no planted error explains (tests/planted_findings.py).\n\n"
        f"{kind_table(samples)}\n\n### False alarms by check\n\n{false_alarm_table(samples)}\n\n"
        f"### The {WORST} worst files\n\n{worst_table(samples)}\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=60)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2, help="extraction processes")
    parser.add_argument("--work", type=Path, help="keep the documents and the extraction in this folder")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    timings = Timings()
    counts: Counter[str] = Counter()
    with tempfile.TemporaryDirectory(prefix="planted-") as temporary:
        work = args.work or Path(temporary)
        for stale in (work / "raw", work / "out"):
            shutil.rmtree(stale, ignore_errors=True)
        started = time.perf_counter()
        seeds = range(args.seed, args.seed + args.documents)
        planted = [plant_errors(seed, counts) for seed in seeds]
        timings.run("generate + plant", started)
        samples = write_files(planted, work / "raw", timings)
        started = time.perf_counter()
        convert_all([work / "raw" / f"{p.doc.name}.docx" for p in planted if p.seed % 2 == 0], work / "raw")
        timings.run("LibreOffice PDF", started)
        extract_and_judge(samples, work, args.jobs, timings)
    command = f"python -m benchmarks.planted_errors --documents {args.documents} --seed {args.seed}"
    text = report(samples, planted, timings, command)
    print(text)
    write_section(SECTION, text)


if __name__ == "__main__":
    main()
