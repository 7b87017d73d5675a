"""Benchmark: OCR speed (pages per minute) and cell accuracy against hand transcriptions.

    python -m benchmarks.ocr

For every real scan in tests/fixtures/real with transcriptions (`<name>.table_N.csv`), the PDF
reader runs once (OCR, grid finding, stitching); each transcribed table is compared with the
document's Nth table, row by row. A transcription row is matched to the unused table row
sharing most cell texts (rows keep their order); within it, a transcribed cell counts as exact
when some cell of the row has the same text (whitespace and Unicode form normalised), and its
similarity is the best character-level ratio (rapidfuzz) among the row's cells.
"""

from __future__ import annotations

import csv
import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from benchmarks.results import write_section
from pipeline.document import Table
from pipeline.readers.pdf.reader import read_pdf
from pipeline.text import normalize_text

REPO = Path(__file__).resolve().parent.parent
REAL = REPO / "tests" / "fixtures" / "real"
LOG = logging.getLogger(__name__)
FIGURE_RE = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:\s|$)")  # 1.500.000.000, also with a note after it


@dataclass
class Accuracy:
    cells: int = 0
    exact: int = 0
    similarity: float = 0.0  # sum over cells, 0-1 each
    figures: int = 0  # transcribed cells holding a number (what the checks add up) ...
    figures_exact: int = 0  # ... and those read exactly

    def add(self, other: Accuracy) -> None:
        self.cells += other.cells
        self.exact += other.exact
        self.similarity += other.similarity
        self.figures += other.figures
        self.figures_exact += other.figures_exact

    @property
    def exact_share(self) -> float:
        return self.exact / self.cells if self.cells else 0.0

    @property
    def mean_similarity(self) -> float:
        return self.similarity / self.cells if self.cells else 0.0


def transcriptions(pdf: Path) -> list[Path]:
    return sorted(pdf.parent.glob(f"{pdf.stem}.table_*.csv"), key=lambda p: int(p.stem.rsplit("_", 1)[1]))


def read_transcription(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as handle:
        return [[normalize_text(cell) for cell in row] for row in csv.reader(handle)]


def table_rows(table: Table) -> list[list[str]]:
    """Each grid row's cell texts (cells anchored in that row), normalised."""
    return [[normalize_text(c.text) for c in table.row_cells(row)] for row in range(table.n_rows)]


def score_table(expected: list[list[str]], table: Table) -> Accuracy:
    found = table_rows(table)
    accuracy = Accuracy()
    start = 0
    for row in expected:
        wanted = [cell for cell in row if cell]
        if not wanted:
            continue
        best_index, best_hits = None, -1
        for index in range(start, len(found)):
            hits = sum(1 for cell in wanted if cell in found[index])
            if hits > best_hits:
                best_index, best_hits = index, hits
        candidates = found[best_index] if best_index is not None else []
        if best_index is not None and best_hits > 0:
            start = best_index + 1
        for cell in wanted:
            accuracy.cells += 1
            accuracy.exact += cell in candidates
            if FIGURE_RE.match(cell):
                accuracy.figures += 1
                accuracy.figures_exact += cell in candidates
            accuracy.similarity += max((fuzz.ratio(cell, c) / 100 for c in candidates), default=0.0)
    return accuracy


def score_document(pdf: Path) -> tuple[Accuracy, list[Accuracy], int, float]:
    """(whole-document accuracy, per-table accuracy, pages, seconds) for one scan."""
    start = time.perf_counter()
    document = read_pdf(pdf, pdf.name, "0" * 64)
    seconds = time.perf_counter() - start
    tables = [t for t in document.tables if not t.is_layout]
    total, per_table = Accuracy(), []
    for number, path in enumerate(transcriptions(pdf), start=1):
        accuracy = score_table(read_transcription(path), tables[number - 1]) if number <= len(tables) else Accuracy()
        per_table.append(accuracy)
        total.add(accuracy)
    return total, per_table, document.pages or 0, seconds


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    lines = [
        "| document | pages | seconds | pages per minute | tables | cells | exact cells | mean similarity | "
        "exact figures |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for pdf in sorted(REAL.glob("*.pdf")):
        if not transcriptions(pdf):
            continue
        total, per_table, pages, seconds = score_document(pdf)
        tables = ", ".join(f"{a.exact}/{a.cells}" for a in per_table)
        lines.append(
            f"| {pdf.name} | {pages} | {seconds:.1f} | {60 * pages / seconds:.1f} | {tables} | {total.cells} | "
            f"{total.exact_share:.1%} | {total.mean_similarity:.1%} | {total.figures_exact}/{total.figures} |"
        )
        LOG.info(lines[-1])
    body = "\n".join(lines) + (
        "\n\nOne process, Tesseract 5 with its `vie` model, one thread per call, 300 dpi. *exact cells*: "
        "transcribed cells whose text the OCR'd table row holds exactly; *mean similarity*: the character-level "
        "ratio of each transcribed cell to its best match in the row, averaged. The tables column gives exact/"
        "transcribed cells per table; *exact figures*: amounts (1.500.000.000) read digit for digit, which the total "
        "checks depend on."
    )
    write_section("OCR of real scans", body)


if __name__ == "__main__":
    main()
