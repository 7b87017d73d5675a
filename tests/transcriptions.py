"""Score extracted annex tables against hand transcriptions (table_N.csv beside a real document).

A transcription is a CSV: the printed column headers (two header rows joined with " / "), then one
line per printed row; the first two columns are the row marker (TT, STT) and the row label, as
printed; section rows put their roman marker in the first column; a label merged down over several
rows is given on the first only. Figures are kept exactly as printed.

A cell is (row position, column, text): the n-th data row of the table, the column's header path,
and the cell's text with whitespace folded. The extracted cells come from annex_cells and
annex_texts (and the row's marker and label); each transcribed table is matched with the
extracted table of the same document that shares most cells with it. Cell F1 is computed over all
transcribed tables of a document together.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipeline.text import normalize_text

MARKER, LABEL = "#marker", "#label"
Cell = tuple[int, str, str]
# A label printed with its marker inside ("1- Nhà làm việc", "a) Xây mới", "- Trường học"): one
# convention writes it in the label column, another splits it; both count as the same row.
MARKER_IN_LABEL = re.compile(r"^((?:[IVXLC]+|[A-Z]|\d+(?:\.\d+)*|[a-zđ])\s*[.)\-–:]|[-–+•])\s+(\S.*)$", re.DOTALL)


@dataclass(frozen=True)
class TableScore:
    transcription: str
    table_no: int | None
    expected: int
    extracted: int
    matched: int


@dataclass(frozen=True)
class DocumentScore:
    document: str
    tables: list[TableScore]

    @property
    def expected(self) -> int:
        return sum(t.expected for t in self.tables)

    @property
    def extracted(self) -> int:
        return sum(t.extracted for t in self.tables)

    @property
    def matched(self) -> int:
        return sum(t.matched for t in self.tables)

    @property
    def f1(self) -> float:
        if not self.expected and not self.extracted:
            return 1.0
        return 2 * self.matched / (self.expected + self.extracted) if self.expected + self.extracted else 0.0


def _key(text: str) -> str:
    return normalize_text(text)


def transcribed_cells(path: Path) -> Counter[Cell]:
    """The cells of one transcription, with the marker and label columns as MARKER and LABEL."""
    with path.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    cells: Counter[Cell] = Counter()
    for row_no, row in enumerate((r for r in rows if any(c.strip() for c in r)), start=1):
        marker, label = _row_key(row[0] if row else "", row[1] if len(row) > 1 else "")
        if marker:
            cells[(row_no, MARKER, marker)] += 1
        if label:
            cells[(row_no, LABEL, label)] += 1
        for column, text in list(zip(header, row, strict=False))[2:]:
            if text.strip():
                cells[(row_no, _key(column), _key(text))] += 1
    return cells


def _row_key(marker: str, label: str) -> tuple[str, str]:
    """A row's marker and label, with a marker printed inside the label set apart."""
    marker, label = _key(marker), _key(label)
    if not marker:
        inside = MARKER_IN_LABEL.match(label)
        if inside:
            return inside.group(1).strip(), inside.group(2).strip()
    return marker, label


def extracted_cells(con: duckdb.DuckDBPyConnection, doc_id: str, table_no: int) -> Counter[Cell]:
    """The cells of one extracted table: figures, texts, and each row's marker and label (from
    annex_rows, so that a section row without figures counts too)."""
    rows = con.execute(
        """
        SELECT row_no, column_label, value_text FROM annex_cells WHERE doc_id = ? AND table_no = ?
        UNION ALL
        SELECT row_no, column_label, text FROM annex_texts WHERE doc_id = ? AND table_no = ?
        """,
        [doc_id, table_no, doc_id, table_no],
    ).fetchall()
    cells: Counter[Cell] = Counter((row_no, _key(column), _key(text)) for row_no, column, text in rows)
    labels = con.execute(
        "SELECT row_no, row_marker, row_label FROM annex_rows WHERE doc_id = ? AND table_no = ?", [doc_id, table_no]
    ).fetchall()
    for row_no, marker, label in labels:
        marker, label = _row_key(marker or "", label or "")
        if marker:
            cells[(row_no, MARKER, marker)] += 1
        if label:
            cells[(row_no, LABEL, label)] += 1
    return cells


def _matched(expected: Counter[Cell], extracted: Counter[Cell]) -> int:
    # A label merged down over rows is transcribed on its first row only: the extraction may repeat
    # it on the rows beneath, which is neither right nor wrong.
    return sum((expected & extracted).values())


def score_document(con: duckdb.DuckDBPyConnection, source_file: str, transcriptions: list[Path]) -> DocumentScore:
    """Each transcription against the extracted table of the document that matches it best."""
    query = "SELECT doc_id FROM documents WHERE source_file = ? AND status = 'ok'"
    found = con.execute(query, [source_file]).fetchone()
    tables: list[TableScore] = []
    if found is None:
        return DocumentScore(source_file, [TableScore(p.name, None, sum(transcribed_cells(p).values()), 0, 0)
                                           for p in transcriptions])  # fmt: skip
    doc_id = str(found[0])
    numbers = [row[0] for row in con.execute("SELECT table_no FROM annex_tables WHERE doc_id = ?", [doc_id]).fetchall()]
    candidates = {n: extracted_cells(con, doc_id, n) for n in numbers}
    used: set[int] = set()
    for path in transcriptions:
        expected = transcribed_cells(path)
        best = max(
            (n for n in numbers if n not in used),
            key=lambda n: (_matched(expected, candidates[n]), -n),
            default=None,
        )
        if best is None:
            tables.append(TableScore(path.name, None, sum(expected.values()), 0, 0))
            continue
        used.add(best)
        extracted = candidates[best]
        # Labels repeated on continuation rows are not counted as extra.
        repeated = sum(
            count for (row_no, column, text), count in extracted.items()
            if column == LABEL and (row_no, column, text) not in expected
            and any(c == LABEL and t == text for (_r, c, t) in expected)
        )  # fmt: skip
        tables.append(
            TableScore(path.name, best, sum(expected.values()), sum(extracted.values()) - repeated,
                       _matched(expected, extracted))
        )  # fmt: skip
    return DocumentScore(source_file, tables)
