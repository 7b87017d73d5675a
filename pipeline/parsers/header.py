"""Annex headers: a table's leading rows -> each column's header path, its printed number and formula.

The header is the block of leading rows the reader marked (Word's repeated header rows) or that
merged cells tie together. Under it a row of column numbers is often printed ("A | B | 1 | 2 | 3",
"(1) | (2) | (3)=(1)+(2)", "1=2+3+4"): not data, but a statement of how columns add up, kept as
each column's `number` and `formula` for the checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.document import Table
from pipeline.text import normalize_text

PATH_SEPARATOR = " / "
# One column-number cell: "A", "(3)", or a formula of column numbers "1=2+3", "(4)=(1)-(2)", "3=1x2".
NUMBER_TOKEN = r"\(?(?:[A-Z]|\d{1,2})\)?"
COLUMN_NUMBER_RE = re.compile(rf"^{NUMBER_TOKEN}(?:\s*[=+\-x*:/]\s*{NUMBER_TOKEN})*$")
FORMULA_RE = re.compile(rf"^(?P<number>{NUMBER_TOKEN})\s*=\s*(?P<formula>.+)$")


@dataclass(frozen=True)
class Header:
    rows: int  # header rows
    first_data_row: int  # after the column-number row, if any
    paths: list[tuple[str, ...]]  # per grid column: the header texts above it, top to bottom
    numbers: list[str | None]  # per grid column: its printed number ('1', 'A'), if a number row is printed
    formulas: list[str | None]  # per grid column: what its number row says it equals ('2+3+4')

    def label(self, column: int) -> str:
        return PATH_SEPARATOR.join(self.paths[column])


def column_paths(table: Table, header_rows: int) -> list[tuple[str, ...]]:
    """For each grid column, the texts of the header cells above it, top to bottom, once each."""
    paths = []
    for col in range(table.n_cols):
        texts: list[str] = []
        seen: set[int] = set()
        for row in range(header_rows):
            cell = table.cell_at(row, col)
            if cell is None or id(cell) in seen:
                continue
            seen.add(id(cell))
            text = normalize_text(cell.text)
            if text:
                texts.append(text)
        paths.append(tuple(texts))
    return paths


def is_column_number_row(table: Table, row: int) -> bool:
    """A row of column numbers under the header (A, B, 1, 2, 3 ..., 1=2+3), not data: every cell a
    column number, each number at most the count of columns ('1 | 65 | 6' is a row of rates)."""
    if row >= table.n_rows:
        return False
    texts = [normalize_text(c.text) for c in table.row_cells(row)]
    filled = [t for t in texts if t]
    if len(filled) < max(3, len(texts) // 2) or not all(COLUMN_NUMBER_RE.match(t) for t in filled):
        return False
    numbers = [int(n) for t in filled for n in re.findall(r"\d+", t)]
    return all(n <= table.n_cols for n in numbers)


def read_header(table: Table) -> Header:
    rows = table.header_rows
    paths = column_paths(table, rows)
    numbers: list[str | None] = [None] * table.n_cols
    formulas: list[str | None] = [None] * table.n_cols
    first = rows
    if is_column_number_row(table, rows):
        first = rows + 1
        for cell in table.row_cells(rows):
            text = normalize_text(cell.text).replace(" ", "")
            if not text:
                continue
            formula = FORMULA_RE.match(text)
            numbers[cell.col] = (formula["number"] if formula else text).strip("()")
            formulas[cell.col] = formula["formula"] if formula else None
    return Header(rows, first, paths, numbers, formulas)
