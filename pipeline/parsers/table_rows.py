"""Annex rows: a table grid's data rows -> Rows with their marker, label, path, parent and total flag.

A row's marker comes from the marker column, or from the start of its label when the table has
none or the cell spans both ("I. Cụm công nghiệp ...", "1- Nhà làm việc"). A total row ("Tổng
cộng", "Toàn tỉnh") becomes the parent of the top-level rows it sums: those after it when it comes
first, those since the previous total when it comes last. A table that numbers no row keys its
rows by their labels.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.document import Table
from pipeline.parsers.grids import cell_text
from pipeline.parsers.rows import RowPathBuilder, split_marker
from pipeline.text import normalize_text
from pipeline.vocabulary import is_total_anywhere, is_total_label

TOTAL_PATH = "TOTAL"


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


def read_rows(table: Table, first_row: int, label_col: int | None, marker_col: int | None) -> list[Row]:
    """Every data row with its path; see the module's docstring."""
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
    _hang_under_totals(rows)
    return rows


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
