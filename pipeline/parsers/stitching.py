"""One table printed as two: a document's grids -> its grids with continued tables joined.

Offices split a long table into two Word tables (or a PDF shows it so): the second follows the
first with nothing but blank lines or a "(tiếp theo)" line between, has the same columns, and
either repeats the header or goes straight on with data (a figure where the first has figures,
or the next row number). Joined, it is parsed as one table; the repeated header is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.document import Block, Cell, Document, Paragraph, Table
from pipeline.parsers.rows import read_marker
from pipeline.text import normalize_text, parse_cell_number
from pipeline.vocabulary import document_part_words

CONTINUATION_MAX_CHARS = 40  # "(tiếp theo)", "Biểu 01 (tiếp)": a short line
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
         "XVIII", "XIX", "XX")  # fmt: skip


@dataclass
class Grid:
    """A grid of the document: its number (the first Word table's), and the table, joined if continued."""

    grid_no: int
    table: Table
    first: Table  # the document's own table the grid starts with (for its caption above)


def _row_texts(table: Table, row: int) -> list[str]:
    return [normalize_text(c.text) for c in table.row_cells(row)]


def _is_continuation_line(paragraph: Paragraph) -> bool:
    text = normalize_text(paragraph.text).lower()
    if not text:
        return True
    return len(text) <= CONTINUATION_MAX_CHARS and any(word in text for word in document_part_words("continued"))


def _repeats_header(first: Table, second: Table) -> int:
    """How many of `second`'s leading rows repeat `first`'s header rows (0 if they do not)."""
    rows = first.header_rows
    if rows == 0 or second.n_rows <= rows:
        return 0
    same = all(_row_texts(first, r) == _row_texts(second, r) for r in range(rows))
    return rows if same else 0


def _goes_on_with_data(first: Table, second: Table) -> bool:
    """`second` opens with a data row of `first`: figures where `first` has them, or the next number."""
    opening = {c.col: normalize_text(c.text) for c in second.row_cells(0)}
    last = {c.col: normalize_text(c.text) for c in first.row_cells(first.n_rows - 1)}
    numeric_columns = [
        col for col, text in last.items() if text and parse_cell_number(text) is not None and col > 0
    ]  # fmt: skip
    figures = sum(1 for col in numeric_columns if opening.get(col) and parse_cell_number(opening[col]) is not None)
    if numeric_columns and figures >= max(1, len(numeric_columns) // 2):
        return True
    return _next_marker(first, opening.get(0, ""))


def _next_marker(first: Table, text: str) -> bool:
    """Whether `text` is the row number after the last one of its style in `first`'s first column
    ('5.' after '4.', 'II.' after the section 'I.')."""
    after = read_marker(text)
    if after is None or not after.parts:
        return False
    for row in range(first.n_rows - 1, first.header_rows - 1, -1):
        cell = first.cell_at(row, 0)
        before = read_marker(normalize_text(cell.text)) if cell is not None and cell.row == row else None
        if before is not None and before.style == after.style and len(before.parts) == len(after.parts):
            return before.parts[:-1] == after.parts[:-1] and _successor(before.parts[-1], after.parts[-1], after.style)
    return False


def _successor(before: str, after: str, style: str) -> bool:
    if style == "1":
        return int(after) == int(before) + 1
    if style == "I":
        return ROMAN.index(after) == ROMAN.index(before) + 1 if before in ROMAN and after in ROMAN else False
    return len(before) == len(after) == 1 and ord(after) == ord(before) + 1


def continues(first: Table, second: Table) -> int | None:
    """How many leading rows of `second` to drop when it continues `first`; None if it does not."""
    if first.is_layout or second.is_layout or first.n_cols != second.n_cols:
        return None
    repeated = _repeats_header(first, second)
    if repeated:
        return repeated
    return 0 if _goes_on_with_data(first, second) else None


def join(first: Table, second: Table, skip: int) -> Table:
    moved = [
        Cell(c.row - skip + first.n_rows, c.col, c.text, c.row_span, c.col_span, c.confidence)
        for c in second.cells
        if c.row >= skip
    ]
    pages = first.row_pages + second.row_pages[skip:] if first.row_pages and second.row_pages else []
    return Table(
        cells=first.cells + moved, n_rows=first.n_rows + second.n_rows - skip, n_cols=first.n_cols,
        header_rows=first.header_rows, page=first.page, last_page=second.last_page or first.last_page,
        row_pages=pages,
    )  # fmt: skip


def document_grids(doc: Document) -> list[Grid]:
    """The document's tables in order, numbered as printed, with continued tables joined."""
    grids: list[Grid] = []
    open_grid: Grid | None = None
    table_no = 0
    between: list[Block] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            between.append(block)
            continue
        table_no += 1
        quiet = all(isinstance(b, Paragraph) and _is_continuation_line(b) for b in between)
        skip = continues(open_grid.table, block) if open_grid is not None and quiet else None
        if open_grid is not None and skip is not None:
            open_grid.table = join(open_grid.table, block, skip)
        else:
            open_grid = Grid(table_no, block, block)
            grids.append(open_grid)
        between = []
    return grids
