"""Ruled PDF tables -> document-model tables with spans, and continued tables stitched together.

pdfplumber's table finder gives one bounding box per visible cell, a merged cell being one box;
the grid comes from the distinct cell edges, and each box's span from the grid lines it covers.
Cell text is rebuilt from the glyphs inside the box, horizontal or rotated.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.document import Cell, Table, infer_header_rows
from pipeline.readers.pdf.lines import Char, build_line, group_lines, join_wrapped

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 2}
EDGE_TOLERANCE = 1.5  # points: cell edges closer than this are one grid line
COLUMN_MATCH_TOLERANCE = 3.0  # points: continued tables must share their column edges ...
SCAN_MATCH_SHARE = 0.01  # ... or, when wider, within 1% of the table's width


@dataclass
class PageTable:
    """A table found on one page, with the geometry needed to stitch it to its continuation."""

    table: Table
    bbox: tuple[float, float, float, float]
    column_edges: list[float]


def _edges(values: Sequence[float]) -> list[float]:
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > EDGE_TOLERANCE:
            edges.append(value)
    return edges


def _index(edges: list[float], value: float) -> int:
    position = bisect.bisect_left(edges, value - EDGE_TOLERANCE)
    return min(position, len(edges) - 1)


def char_inside(char: Char, box: tuple[float, float, float, float]) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return bool(box[0] <= x <= box[2] and box[1] <= y <= box[3])


def cell_text(chars: list[Char], page: int) -> str:
    """Text of one cell: horizontal lines rejoined, or rotated glyphs read along their direction."""
    visible = [c for c in chars if c["text"].strip()]
    if not visible:
        return ""
    if sum(1 for c in visible if not c["upright"]) > len(visible) / 2:
        return _rotated_text(chars)
    lines = [build_line(line, page).text for line in group_lines(c for c in chars if c["upright"])]
    return join_wrapped(lines)


def _rotated_text(chars: list[Char]) -> str:
    """Vertical text: glyphs grouped into columns by x; bottom-to-top text reads left to right."""
    rotated = [c for c in chars if not c["upright"]]
    upward = sum(1 for c in rotated if c["matrix"][1] > 0) >= len(rotated) / 2
    columns: list[list[Char]] = []
    for char in sorted(rotated, key=lambda c: c["x0"]):
        if columns and abs(char["x0"] - columns[-1][0]["x0"]) < 0.5 * char["size"]:
            columns[-1].append(char)
        else:
            columns.append([char])
    if not upward:
        columns.reverse()
    lines = []
    for column in columns:
        ordered = sorted(column, key=lambda c: -c["bottom"] if upward else c["top"])
        lines.append("".join(c["text"] for c in ordered))
    return join_wrapped(lines)


def find_tables(page: Any) -> list[PageTable]:
    """Every ruled table of a pdfplumber page, as a document-model table with spans."""
    found = []
    for candidate in page.find_tables(TABLE_SETTINGS):
        boxes = [tuple(box) for box in candidate.cells]
        xs = _edges([b[0] for b in boxes] + [b[2] for b in boxes])
        ys = _edges([b[1] for b in boxes] + [b[3] for b in boxes])
        if len(xs) < 3 or len(ys) < 3:
            continue
        chars = [c for c in page.chars if char_inside(c, candidate.bbox)]
        cells = []
        for box in boxes:
            row, last_row = _index(ys, box[1]), _index(ys, box[3]) - 1
            col, last_col = _index(xs, box[0]), _index(xs, box[2]) - 1
            text = cell_text([c for c in chars if char_inside(c, box)], page.page_number)
            cells.append(Cell(row, col, text, max(1, last_row - row + 1), max(1, last_col - col + 1)))
        n_rows, n_cols = len(ys) - 1, len(xs) - 1
        table = Table(
            cells=cells,
            n_rows=n_rows,
            n_cols=n_cols,
            header_rows=infer_header_rows(cells, n_rows),
            page=page.page_number,
            last_page=page.page_number,
            row_pages=[page.page_number] * n_rows,
        )
        found.append(PageTable(table, tuple(candidate.bbox), xs))
    return found


def continues(previous: PageTable, following: PageTable) -> bool:
    """Whether `following` (at the top of the next page) is the rest of `previous`: the same
    column widths. Edges are compared after aligning the tables' left sides, since scanned pages
    sit a few points apart on the glass."""
    a, b = previous.column_edges, following.column_edges
    if len(a) != len(b) or not a:
        return False
    shift = b[0] - a[0]
    tolerance = max(COLUMN_MATCH_TOLERANCE, SCAN_MATCH_SHARE * (a[-1] - a[0]))
    return all(abs(x + shift - y) <= tolerance for x, y in zip(a, b, strict=True))


def stitch(previous: PageTable, following: PageTable) -> PageTable:
    """Append the continuation's rows, dropping its repeated header rows."""
    first, rest = previous.table, following.table
    header = [_row_texts(first, r) for r in range(first.header_rows)]
    skip = 0
    while skip < len(header) and skip < rest.n_rows and _row_texts(rest, skip) == header[skip]:
        skip += 1
    moved = [
        Cell(c.row - skip + first.n_rows, c.col, c.text, c.row_span, c.col_span, c.confidence)
        for c in rest.cells
        if c.row >= skip
    ]
    added_rows = rest.n_rows - skip
    table = Table(
        cells=first.cells + moved,
        n_rows=first.n_rows + added_rows,
        n_cols=first.n_cols,
        header_rows=first.header_rows,
        page=first.page,
        last_page=rest.page,
        row_pages=first.row_pages + rest.row_pages[skip:],
    )
    return PageTable(table, previous.bbox, previous.column_edges)


def _row_texts(table: Table, row: int) -> list[str]:
    return [" ".join(c.text.split()) for c in table.row_cells(row)]
