"""Annex grids before parsing: a Word or PDF table grid -> the annex tables it holds, whole rows.

A grid may open with caption rows ("Đơn vị tính: VN Đồng", a full-width title) and hold a second
table under its own "TT" header row; each becomes its own part. A row that a page end broke in
two (the rest on the next page, with no TT and no figure) is joined back into one.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.document import Cell, Table
from pipeline.parsers.columns import FIGURE_ROLES, Column, measure_caption
from pipeline.text import normalize_text, parse_cell_number
from pipeline.vocabulary import column_role_of, is_total_label


def cell_text(table: Table, row: int, col: int) -> str:
    """The text of the cell anchored in `row` that covers `col` ('' if none, or merged from above)."""
    cell = table.cell_at(row, col)
    return normalize_text(cell.text) if cell is not None and cell.row == row else ""


@dataclass
class TablePart:
    """One annex table inside a grid: rows `table` of the grid from `first_row`, with its captions."""

    table: Table
    first_row: int
    measure: str | None
    caption: str


def _row_texts(table: Table, row: int) -> list[str]:
    return [t for t in (normalize_text(c.text) for c in table.row_cells(row)) if t]


def _is_restart(table: Table, row: int) -> bool:
    """A row that opens a second table inside the grid: 'TT' or 'STT' in its first cell."""
    cell = table.cell_at(row, 0)
    return cell is not None and cell.row == row and column_role_of(cell.text) == "marker"


def split_grid(grid: Table) -> list[TablePart]:
    """The annex tables of one grid: caption rows above a header are dropped (the measure they
    state kept); a 'TT' row below the data starts the next table."""
    parts = []
    start = 0
    while start < grid.n_rows:
        first, measure, captions = start, None, []
        while first < grid.n_rows:
            texts = _row_texts(grid, first)
            if len(texts) != 1 or not (measure_caption(texts[0]) or _spans_most(grid, first)):
                break
            measure = measure or measure_caption(texts[0])
            captions.append(texts[0])
            first += 1
        if first >= grid.n_rows:
            break
        body = grid if first == 0 else grid.rows_slice(first)
        restart = next((r for r in range(body.header_rows + 1, body.n_rows) if _is_restart(body, r)), None)
        if restart is not None:
            body = body.rows_slice(0, restart, header_rows=body.header_rows)
        if start > 0:
            # A second table's caption is the full-width text row right above its header.
            above = _row_texts(grid, start - 1)
            captions = above if len(above) == 1 and not measure_caption(above[0]) else captions
        parts.append(TablePart(body, first, measure, " ".join(c for c in captions if not measure_caption(c))))
        start = first + body.n_rows
    return parts


def _spans_most(table: Table, row: int) -> bool:
    return any(c.col_span * 2 > table.n_cols and normalize_text(c.text) for c in table.row_cells(row))


def join_page_broken_rows(table: Table, first_row: int, columns: list[Column], comma_thousands: bool) -> Table:
    """A row the page end broke in two: the first row of a page with no TT, no figure and no
    total label is the rest of the row above it, when that row has a TT. Its texts are appended."""
    if not table.row_pages:
        return table
    marker = next((c.index for c in columns if c.role == "marker"), None)
    label = next((c.index for c in columns if c.role == "label"), marker)
    figures = {c.index for c in columns if c.role in FIGURE_ROLES}
    broken = set()
    for row in range(first_row + 1, table.n_rows):
        if marker is None or table.row_pages[row] == table.row_pages[row - 1]:
            continue
        cells = [c for c in table.row_cells(row) if normalize_text(c.text)]
        has_figure = any(c.col in figures and parse_cell_number(c.text, comma_thousands) for c in cells)
        continues_above = not cell_text(table, row, marker) and bool(cell_text(table, row - 1, marker))
        label_text = cell_text(table, row, label) if label is not None else ""
        if cells and continues_above and not has_figure and not is_total_label(label_text):
            broken.add(row)
    if not broken:
        return table
    return _merge_rows(table, broken)


def _merge_rows(table: Table, broken: set[int]) -> Table:
    rest = {(c.row, c.col): c for c in table.cells if c.row in broken}
    cells = []
    for cell in table.cells:
        if cell.row in broken:
            continue
        shift = sum(1 for b in broken if b < cell.row)
        text = cell.text
        tail = rest.get((cell.row + 1, cell.col)) if cell.row + 1 in broken else None
        if tail is not None and normalize_text(tail.text):
            text = f"{text} {tail.text}".strip()
        cells.append(Cell(cell.row - shift, cell.col, text, cell.row_span, cell.col_span, cell.confidence))
    pages = [page for row, page in enumerate(table.row_pages) if row not in broken]
    return Table(cells, table.n_rows - len(broken), table.n_cols, table.header_rows, table.is_layout, table.page,
                 table.last_page, pages)  # fmt: skip
