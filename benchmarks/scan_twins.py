"""Scan twins against their born-digital originals: how many annex cells and footnote items a scan gives back.

    python -m benchmarks.scan_twins [--documents seed[,seed_like,...]] [--degradations clean_300,...]
                                    [--pages 1,4,5,13] [--jobs 1] [--work FOLDER]

For each document (the seed PDF, or a generated fixture named by its file stem) and each degradation
of tests/fixtures/scan_twins.py, builds the scan twin, extracts the twin and the original with the
real pipeline (`extract_document`) and matches what they give; values are always compared exactly:

- annex cells by (table_no, row_path, column_label, value), the strict key that a misread header or
  row label breaks, and by (table_no, row_no, column_index, value), the cell's place in the grid,
  which a misspelt header does not change;
- footnote items by (footnote_no, unit_name_raw, value), and by (footnote_no, unit_code, value): a
  name a letter off still resolves to its commune (the printed name where no code was found).

With --pages only those pages (numbered from 1) of each document are printed, and the twin is
compared with the original cut to the same pages. Writes the section "Scan twins: parity with the
born-digital original" of benchmarks/results.md: one line per twin, and what each twin holds at the
places of the first cells it missed. With --work the twins are kept there.
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path

from benchmarks.results import write_section
from pipeline.extract import extract_document
from pipeline.records import AnnexCellRow, AnnexTextRow, FootnoteItemRow
from pipeline.text import normalize_text
from pipeline.version import pipeline_version
from tests.conftest import FIXTURES, SEED_PDF
from tests.fixtures.scan_twins import DEGRADATIONS, build_twin, cut_pages

SECTION = "Scan twins: parity with the born-digital original"
SEED_PARITY_PAGES = (1, 4, 5, 13)  # the seed's header block, its two footnotes and its annex
MISSES_SHOWN = 6  # cells, then footnote items, shown for each twin
Place = tuple[int, int | None, int | None]  # table_no, row_no, column_index


# --------------------------------------------------------------------------------------------
# What a file gives, and how two files' outputs match
# --------------------------------------------------------------------------------------------


@dataclass
class Extraction:
    """What the pipeline made of one file, and how long it took."""

    status: str
    pages: int
    seconds: float
    cells: list[AnnexCellRow] = field(default_factory=list)
    texts: list[AnnexTextRow] = field(default_factory=list)
    items: list[FootnoteItemRow] = field(default_factory=list)
    footnotes: int = 0
    grids: list[str] = field(default_factory=list)  # each annex table's rows x columns

    @property
    def seconds_per_page(self) -> float:
        return self.seconds / self.pages if self.pages else 0.0


def extract_timed(path: Path) -> Extraction:
    started = time.perf_counter()
    result = extract_document(path, path.parent)
    seconds = time.perf_counter() - started
    records, row = result.records, result.document
    return Extraction(
        status=f"{row.status}: {row.error}" if row.error else row.status,
        pages=row.pages or 0,
        seconds=seconds,
        cells=records.get("annex_cells", []),
        texts=records.get("annex_texts", []),
        items=records.get("footnote_items", []),
        footnotes=len(records.get("footnotes", [])),
        grids=[f"{t.n_rows}x{t.n_cols}" for t in records.get("annex_tables", [])],
    )


@dataclass(frozen=True)
class Match:
    """Keys of the original (expected) and of the twin (found), and how many agree."""

    expected: int
    found: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        total = self.expected + self.found
        return 2 * self.matched / total if total else 1.0


def match(expected: Iterable[Hashable], found: Iterable[Hashable]) -> Match:
    """Multisets: a key the original has twice must be found twice."""
    wanted, got = Counter(expected), Counter(found)
    return Match(sum(wanted.values()), sum(got.values()), sum((wanted & got).values()))


def cells_by_label(cells: Iterable[AnnexCellRow]) -> list[Hashable]:
    return [(c.table_no, c.row_path, normalize_text(c.column_label), c.value) for c in cells]


def cells_by_position(cells: Iterable[AnnexCellRow]) -> list[Hashable]:
    return [(c.table_no, c.row_no, c.column_index, c.value) for c in cells]


def items_by_name(items: Iterable[FootnoteItemRow]) -> list[Hashable]:
    return [(i.footnote_no, normalize_text(i.unit_name_raw or ""), i.value) for i in items]


def items_by_unit(items: Iterable[FootnoteItemRow]) -> list[Hashable]:
    return [(i.footnote_no, i.unit_code or normalize_text(i.unit_name_raw or ""), i.value) for i in items]


# --------------------------------------------------------------------------------------------
# A twin against its original
# --------------------------------------------------------------------------------------------


@dataclass
class Parity:
    document: str
    degradation: str
    original: Extraction
    twin: Extraction
    cells_by_label: Match
    cells_by_position: Match
    items_by_name: Match
    items_by_unit: Match
    missed: Counter[str]  # missed cells by what the twin holds at their place: nothing, another figure, text
    examples: list[str]


def compare(document: str, degradation: str, original: Extraction, twin: Extraction) -> Parity:
    missed, examples = explain_misses(original, twin)
    examples += explain_missed_items(original, twin)
    return Parity(
        document,
        degradation,
        original,
        twin,
        match(cells_by_label(original.cells), cells_by_label(twin.cells)),
        match(cells_by_position(original.cells), cells_by_position(twin.cells)),
        match(items_by_name(original.items), items_by_name(twin.items)),
        match(items_by_unit(original.items), items_by_unit(twin.items)),
        missed,
        examples,
    )


def explain_misses(original: Extraction, twin: Extraction) -> tuple[Counter[str], list[str]]:
    """Missed cells by what the twin holds at their place (another figure, text, nothing), and a few
    of them described: first the figures most often missed, then examples of each kind in turn, so
    that one common slip does not hide the others."""
    twin_figures: dict[Place, AnnexCellRow] = {(c.table_no, c.row_no, c.column_index): c for c in twin.cells}
    twin_texts: dict[Place, AnnexTextRow] = {(t.table_no, t.row_no, t.column_index): t for t in twin.texts}
    found = set(cells_by_position(twin.cells))
    by_kind: dict[str, list[str]] = {}
    printed: Counter[str] = Counter()
    for cell in original.cells:
        if (cell.table_no, cell.row_no, cell.column_index, cell.value) in found:
            continue
        place = (cell.table_no, cell.row_no, cell.column_index)
        if place in twin_figures:
            kind, held = "other figure", f"read {twin_figures[place].value_text!r}"
        elif place in twin_texts:
            kind, held = "text", f"read as text {twin_texts[place].text!r}"
        else:
            kind, held = "nothing", "nothing there"
        printed[cell.value_text] += 1
        by_kind.setdefault(kind, []).append(
            f"table {cell.table_no} row {cell.row_no} ({cell.row_path}) column {cell.column_index} "
            f"'{cell.column_label.rsplit(' / ', 1)[-1]}' = {cell.value_text}: {held}"
        )
    kinds = Counter({kind: len(described) for kind, described in by_kind.items()})
    if not printed:
        return kinds, []
    most_missed = ", ".join(f"'{text}' x{count}" for text, count in printed.most_common(5))
    in_turn = [text for turn in zip_longest(*by_kind.values()) for text in turn if text]
    return kinds, [f"figures missed most: {most_missed}", *in_turn[:MISSES_SHOWN]]


def explain_missed_items(original: Extraction, twin: Extraction) -> list[str]:
    """The first footnote items the twin lacks (by unit code), or that it found no footnote at all."""
    if original.items and not twin.footnotes:
        return [f"no footnote found (the original has {original.footnotes})"]
    found = set(items_by_unit(twin.items))
    missing = [i for i, key in zip(original.items, items_by_unit(original.items), strict=True) if key not in found]
    return [f"footnote {i.footnote_no} item '{i.item_text}' ({i.unit_code}): not found" for i in missing[:MISSES_SHOWN]]


# --------------------------------------------------------------------------------------------
# Running: build, extract, compare, report
# --------------------------------------------------------------------------------------------


def document_path(name: str) -> Path:
    """'seed', or the stem of a generated fixture PDF (seed_like, no_stt_column, ...)."""
    if name == "seed":
        return SEED_PDF
    found = sorted(p for p in FIXTURES.glob(f"**/{name}.pdf") if "real" not in p.relative_to(FIXTURES).parts)
    if not found:
        raise FileNotFoundError(f"no fixture PDF named {name}.pdf under {FIXTURES}")
    return found[0]


@dataclass(frozen=True)
class TwinSet:
    """A document (see `document_path`), the degradations to print it with, and its pages (None: all)."""

    document: str
    degradations: tuple[str, ...]
    pages: tuple[int, ...] | None = None


@dataclass
class DocumentResult:
    """A document's original extraction and its twins' parity with it."""

    name: str
    original: Extraction
    parities: list[Parity]


def twins_of(twin_set: TwinSet, work: Path) -> tuple[Path, list[Path]]:
    """The original (cut to the set's pages if given) and its twins, written under `work`."""
    pages = twin_set.pages
    folder = work / (twin_set.document + (f"-pages-{'-'.join(map(str, pages))}" if pages else ""))
    original = document_path(twin_set.document)
    if pages:
        original = cut_pages(original, pages, folder / "original")
    return original, [build_twin(original, name, folder / "twins") for name in twin_set.degradations]


def run(twin_sets: Sequence[TwinSet], jobs: int, work: Path) -> list[DocumentResult]:
    """Build every set's twins, extract them and their originals (`jobs` at a time), compare."""
    files = [twins_of(twin_set, work) for twin_set in twin_sets]
    paths = [path for original, twins in files for path in (*twins, original)]  # the slow OCR first
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        extracted = dict(zip(paths, pool.map(extract_timed, paths), strict=True))
    results = []
    for twin_set, (original, twins) in zip(twin_sets, files, strict=True):
        parities = [
            compare(twin_set.document, degradation, extracted[original], extracted[twin])
            for degradation, twin in zip(twin_set.degradations, twins, strict=True)
        ]
        results.append(DocumentResult(twin_set.document, extracted[original], parities))
    return results


def parity_table(results: Sequence[DocumentResult]) -> str:
    lines = [
        "| document | degradation | pages | s/page | annex grids | cells F1 (labels) | cells F1 (places) "
        "| P / R (places) | missed: nothing / other figure / text | footnotes | items F1 (names) | items F1 (codes) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        name, original = result.name, result.original
        lines.append(
            f"| {name} | born-digital | {original.pages} | {original.seconds_per_page:.2f} "
            f"| {', '.join(original.grids)} | {len(original.cells)} cells | | | | {original.footnotes} "
            f"| {len(original.items)} items | |"
        )
        for p in result.parities:
            twin, missed = p.twin, p.missed
            lines.append(
                f"| {name} | {p.degradation} | {twin.pages} | {twin.seconds_per_page:.2f} "
                f"| {', '.join(twin.grids) or '-'} | {p.cells_by_label.f1:.2f} | {p.cells_by_position.f1:.2f} "
                f"| {p.cells_by_position.precision:.2f} / {p.cells_by_position.recall:.2f} "
                f"| {missed['nothing']} / {missed['other figure']} / {missed['text']} | {twin.footnotes} "
                f"| {p.items_by_name.f1:.2f} | {p.items_by_unit.f1:.2f} |"
            )
    return "\n".join(lines)


def misses_text(results: Sequence[DocumentResult]) -> str:
    blocks = []
    for result in results:
        for p in result.parities:
            if p.examples:
                shown = "\n".join(f"  - {example}" for example in p.examples)
                blocks.append(f"- {result.name} / {p.degradation}:\n{shown}")
    return "\n".join(blocks) or "None: every twin gave every cell and footnote item."


def tesseract_version() -> str:
    try:
        shown = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, timeout=30).stdout
    except OSError:
        return "not installed"
    return shown.splitlines()[0] if shown else "unknown"


def report(results: Sequence[DocumentResult], command: str, seconds: float) -> str:
    return (
        f"`{command}`: {seconds:.0f} s; pipeline {pipeline_version()}, {tesseract_version()}.\n\n"
        "Each twin is its original printed to images by tests/fixtures/scan_twins.py and read by OCR. "
        "F1 = 2 x matched / (original's + twin's). Cells by *labels*: (table_no, row_path, column_label, "
        "value); by *places*: (table_no, row_no, column_index, value), P / R their precision and recall; "
        "*missed* counts the original's cells absent at their place by what the twin holds there. Items "
        "by *names*: (footnote_no, unit_name_raw, value); by *codes*: (footnote_no, unit_code, value). "
        "s/page: extraction time over pages, OCR included.\n\n"
        f"{parity_table(results)}\n\n### First cells and footnote items missed, and what the twin holds there\n\n"
        f"{misses_text(results)}\n"
    )


def page_list(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part]


def twin_sets_of(args: argparse.Namespace, parser: argparse.ArgumentParser) -> list[TwinSet]:
    """The command line's documents, degradations and pages; a name that is none exits with an error."""
    degradations, pages = tuple(args.degradations.split(",")), tuple(args.pages) if args.pages else None
    unknown = sorted(set(degradations) - DEGRADATIONS.keys())
    if unknown:
        parser.error(f"unknown degradation {', '.join(unknown)}: choose among {', '.join(DEGRADATIONS)}")
    for document in args.documents.split(","):
        try:
            document_path(document)
        except FileNotFoundError as exc:
            parser.error(str(exc))
    return [TwinSet(document, degradations, pages) for document in args.documents.split(",")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", default="seed", help="comma-separated: seed, or fixture PDF stems")
    parser.add_argument("--degradations", default=",".join(DEGRADATIONS), help="comma-separated names")
    parser.add_argument("--pages", type=page_list, help="only these pages of each document (1,4,5,13)")
    parser.add_argument("--jobs", type=int, default=1, help="extraction processes")
    parser.add_argument("--work", type=Path, help="keep the twins in this folder")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    twin_sets = twin_sets_of(args, parser)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="scan-twins-") as temporary:
        results = run(twin_sets, args.jobs, args.work or Path(temporary))
    command = f"python -m benchmarks.scan_twins --documents {args.documents} --degradations {args.degradations}"
    if args.pages:
        command += " --pages " + ",".join(map(str, args.pages))
    text = report(results, command, time.perf_counter() - started)
    print(text)
    write_section(SECTION, text)


if __name__ == "__main__":
    main()
