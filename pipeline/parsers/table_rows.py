"""Annex rows: a table grid's data rows -> Rows with their marker, label, path, parent and total flag.

A row's marker comes from the marker column, or from the start of its label when the table has
none or the cell spans both ("I. Cụm công nghiệp ...", "1- Nhà làm việc"). A total row ("Tổng
cộng", "Toàn tỉnh") becomes the parent of the top-level rows it sums: those after it when it comes
first, those since the previous total when it comes last. A table that numbers no row keys its
rows by their labels, and finds its tree from what the rows are: a district row is the parent of
the communes listed under it, a row whose figures are the sum of the rows right below it (a
section printed in bold: 'Phát triển lâm nghiệp' over its kinds of forest) is theirs.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.document import Table
from pipeline.parsers.grids import cell_text
from pipeline.parsers.rows import RowPathBuilder, split_marker
from pipeline.text import normalize_text
from pipeline.vocabulary import is_total_anywhere, is_total_label

TOTAL_PATH = "TOTAL"
MIN_SUMMED_COLUMNS = 2
SECTION_AGREEMENT = 0.6  # share of a section row's figures that must equal the sum of its rows
Figures = Callable[[int], list[float | None]]


@dataclass
class Row:
    index: int  # in the grid
    number: int  # among the data rows, from 1
    marker: str
    label: str
    path: str
    parent: str | None
    is_total: bool


def _labelled(
    table: Table, first_row: int, label_col: int | None, marker_col: int | None
) -> list[tuple[int, str, str]]:
    """(grid row, label, marker) of every data row that holds anything."""
    labelled = []
    for index in range(first_row, table.n_rows):
        label = cell_text(table, index, label_col) if label_col is not None else ""
        marker = cell_text(table, index, marker_col) if marker_col is not None else ""
        covering = table.cell_at(index, label_col) if label_col is not None else None
        spans_marker = covering is not None and marker_col is not None and covering is table.cell_at(index, marker_col)
        if spans_marker:
            marker = ""  # one cell spanning TT and the label ('I. Cụm công nghiệp ...' over the whole row)
        if not marker and label:
            heading = covering is not None and (spans_marker or covering.col_span * 2 > table.n_cols)
            marker, label = split_marker(label, heading)
        if not label and not marker and any(normalize_text(c.text) for c in table.row_cells(index)):
            # A row under a label merged down from the row above (the afternoon under its date).
            label = normalize_text(covering.text) if covering is not None else ""
            labelled.append((index, label, ""))
        elif label or marker:
            labelled.append((index, label, marker))
    return labelled


def read_rows(
    table: Table,
    first_row: int,
    label_col: int | None,
    marker_col: int | None,
    figures: Figures | None = None,
    level_of: Callable[[str], str | None] | None = None,
) -> list[Row]:
    """Every data row with its path; see the module's docstring. `figures` gives a grid row's
    figures (None where blank), `level_of` the level of the unit a label names."""
    builder = RowPathBuilder()
    rows: list[Row] = []
    totals = 0
    labelled = _labelled(table, first_row, label_col, marker_col)
    keyed_by_label = not any(marker for _index, _label, marker in labelled)
    for position, (index, label, marker) in enumerate(labelled):
        at_edge = position in (0, len(labelled) - 1)
        if not marker and is_total_label(label) and (at_edge or is_total_anywhere(label)):
            totals += 1
            path = TOTAL_PATH if totals == 1 else f"{TOTAL_PATH}#{totals}"
            rows.append(Row(index, position + 1, "", label, path, None, True))
            continue
        if keyed_by_label and label:
            path, parent = builder.unique(label), None
        else:
            path, parent = builder.next_path(marker)
        rows.append(Row(index, position + 1, marker, label, path, parent, False))
    if keyed_by_label:
        _nest_keyed_rows(rows, figures, level_of)
    _hang_under_totals(rows)
    return rows


def _nest_keyed_rows(rows: list[Row], figures: Figures | None, level_of: Callable[[str], str | None] | None) -> None:
    """The tree of rows that carry no numbers: districts over their communes, else sections over
    the rows they sum."""
    body = [r for r in rows if not r.is_total]
    levels = [level_of(r.label) if level_of else None for r in body]
    # Communes listed by district: several communes to a district. A list of districts with a
    # name or two that is also a town's ('Đắk Mil') is no such list.
    if 0 < levels.count("district") < levels.count("commune"):
        district: Row | None = None
        for row, level in zip(body, levels, strict=True):
            if level in ("district", "province"):
                district = row
            elif district is not None:
                row.parent = district.path
        return
    if figures is None:
        return
    vectors = [figures(r.index) for r in body]
    start = 0
    while start < len(body):
        children = 0 if levels[start] == "commune" else _rows_summed(vectors, start)
        for child in body[start + 1 : start + 1 + children]:
            child.parent = body[start].path
        start += children + 1


def _rows_summed(vectors: list[list[float | None]], start: int) -> int:
    """How many rows right below row `start` it is the sum of (two or more, agreeing in most of
    its figures: a slip in one part does not break the tree), or 0."""
    whole = vectors[start]
    columns = [i for i, v in enumerate(whole) if v is not None]
    if len(columns) < MIN_SUMMED_COLUMNS:
        return 0  # one figure equal to the sum of the next rows is too easily a coincidence
    needed = max(1, math.ceil(len(columns) * SECTION_AGREEMENT))
    sums = [0.0] * len(whole)
    for count, vector in enumerate(vectors[start + 1 :], start=1):
        if all(v is None for v in vector):
            return 0  # a row without figures ends the run
        for i, value in enumerate(vector):
            sums[i] += value or 0.0
        agree = sum(1 for i in columns if abs(sums[i] - (whole[i] or 0.0)) <= _tolerance(whole[i] or 0.0))
        if count >= 2 and agree >= needed:
            return count
        if all(sums[i] > (whole[i] or 0.0) + _tolerance(whole[i] or 0.0) for i in columns if (whole[i] or 0.0) >= 0):
            return 0  # past the whole in every figure: no run below sums to it
    return 0


def _tolerance(value: float) -> float:
    return max(abs(value) * 1e-6, 0.005)


def _hang_under_totals(rows: list[Row]) -> None:
    for position, total in enumerate(rows):
        if not total.is_total:
            continue
        leads = all(r.is_total for r in rows[:position])
        span = rows[position + 1 :] if leads else reversed(rows[:position])
        for row in span:
            if row.is_total:
                break
            if row.parent is None:
                row.parent = total.path
