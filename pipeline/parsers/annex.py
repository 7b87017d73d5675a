"""Annex parser: Document tables -> annex tables, rows, columns, tidy cells and texts, and the tables
it set aside with the reason.

Tables are understood from what their cells contain. A grid may open with caption rows and hold
a second table under its own "TT" header row (pipeline.parsers.grids); the header gives each
column its path, number and formula (header); columns get their role from their content
(columns), rows their marker, label and path (table_rows). Units are found by the gazetteer: a
column per unit when its header names one, a row per unit when most labels do; in a table of
districts with their communes beneath, each commune is named within its district row
(`unit_scope_raw`). Every figure becomes an annex cell with its raw text, every other text outside
the marker and label columns an annex text. A grid that gives nothing is listed in
skipped_tables with the reason, never dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from pipeline.document import Document, Table
from pipeline.parsers.captions import annex_label, table_title
from pipeline.parsers.columns import (
    FIGURE_ROLES,
    TEXT_ROLES,
    Column,
    classify_columns,
    figure_at,
    inherit_measures,
    link_total_parts,
    total_parts,
)
from pipeline.parsers.grids import cell_text, join_page_broken_rows, split_grid
from pipeline.parsers.header import Header, read_header
from pipeline.parsers.kinds import table_kind
from pipeline.parsers.lines import column_counted, column_kind, is_rounded, row_counted, row_kind
from pipeline.parsers.stitching import document_grids
from pipeline.parsers.table_rows import Row, read_rows
from pipeline.records import AnnexCellRow, AnnexColumnRow, AnnexRowRow, AnnexTableRow, AnnexTextRow, SkippedTableRow
from pipeline.text import normalize_text, parse_cell_number, uses_comma_thousands
from pipeline.vocabulary import alternation, measure_of, unit_type_words

PERIOD_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s*[-–]\s*((?:19|20)\d{2}))?(?!\d)")
# "Tân Lập, huyện Bảo Lâm", "Hòa Bình, thành phố Tân An"; "Xã Tân Lập". A name is short: a text cell
# of prose that happens to hold a comma and "huyện" is not a place.
PLACE_IN_DISTRICT_RE = re.compile(
    rf"^(?P<name>[^,;:()]{{2,40}}),\s*(?P<district>(?:{alternation(unit_type_words('district'))})\s+[^,;:()]{{2,40}})$",
    re.I,
)
PLACE_RE = re.compile(rf"^(?:{alternation(unit_type_words('commune'))})\s+[^,;:()]{{2,40}}$", re.I)
UNITS_AS_ROWS_SHARE = 0.5  # of the non-total rows whose label names a unit
SAMPLE_CHARS = 120
LAYOUT_REASON = "a layout table (a header or signature block)"

UnitLevel = Callable[[str], str | None]


@dataclass
class AnnexRecords:
    """What the tables of one document give."""

    tables: list[AnnexTableRow] = field(default_factory=list)
    rows: list[AnnexRowRow] = field(default_factory=list)
    columns: list[AnnexColumnRow] = field(default_factory=list)
    cells: list[AnnexCellRow] = field(default_factory=list)
    texts: list[AnnexTextRow] = field(default_factory=list)
    skipped: list[SkippedTableRow] = field(default_factory=list)


@dataclass
class _Understood:
    """One table as understood: its grid (rows joined), header, columns, rows and unit axis."""

    table: Table
    header: Header
    columns: list[Column]
    rows: list[Row]
    unit_axis: str | None
    comma_thousands: bool


def place_in_text(text: str) -> tuple[str, str | None] | None:
    """A place a text cell names, with the district it names it in: 'Tân Lập, huyện Bảo Lâm'
    -> ('Tân Lập', 'huyện Bảo Lâm'); 'Xã Tân Lập' -> ('Xã Tân Lập', None); prose -> None."""
    match = PLACE_IN_DISTRICT_RE.match(normalize_text(text))
    if match:
        return match["name"].strip(), match["district"].strip()
    return (normalize_text(text), None) if PLACE_RE.match(normalize_text(text)) else None


def period_of(text: str) -> str | None:
    """'Năm 2023' -> '2023'; 'Kế hoạch từ năm 2022 - 2025' -> '2022-2025'."""
    matches = list(PERIOD_RE.finditer(text))
    if not matches:
        return None
    last = matches[-1]
    return f"{last.group(1)}-{last.group(2)}" if last.group(2) else last.group(1)


def parse_annex_tables(doc: Document, unit_level: UnitLevel) -> AnnexRecords:
    """All annex tables of a document; `unit_level` says whether a text names an official unit."""
    found = AnnexRecords()
    for printed in document_grids(doc):
        grid, grid_no = printed.table, printed.grid_no
        if grid.is_layout or grid.n_rows <= grid.header_rows:
            reason = LAYOUT_REASON if grid.is_layout else "a header with no rows"
            found.skipped.append(_skipped(doc, grid, grid_no, 0, reason))
            continue
        title, title_measure = table_title(doc, printed.first)
        for part in split_grid(grid):
            understood = _understand(part.table, unit_level)
            if isinstance(understood, str):
                found.skipped.append(_skipped(doc, part.table, grid_no, part.first_row, understood))
                continue
            part_title = title if part.first_row == 0 else (part.caption or title)
            table = _table_record(doc, understood, len(found.tables) + 1, part_title, part.measure or title_measure)
            table.grid_no, table.grid_first_row = grid_no, part.first_row
            _emit(doc, understood, table, found)
    return found


def _skipped(doc: Document, table: Table, grid_no: int, first_row: int, reason: str) -> SkippedTableRow:
    texts = [normalize_text(c.text) for c in sorted(table.cells, key=lambda c: (c.row, c.col))]
    numbers = sum(1 for t in texts if t and parse_cell_number(t) is not None)
    return SkippedTableRow(
        doc_id=doc.doc_id, grid_no=grid_no, grid_first_row=first_row, page=table.page, n_rows=table.n_rows,
        n_cols=table.n_cols, numeric_cells=numbers, skip_reason=reason,
        sample_text=" | ".join(t for t in texts if t)[:SAMPLE_CHARS] or None, source_file=doc.source_file,
    )  # fmt: skip


def _understand(table: Table, unit_level: UnitLevel) -> _Understood | str:
    """The table's header, columns, rows and unit axis; or why it holds no annex table."""
    header = read_header(table)
    comma_thousands = uses_comma_thousands(c.text for c in table.cells if c.row >= header.first_data_row)
    columns = classify_columns(table, header, comma_thousands, unit_level)
    label = next((c for c in columns if c.role == "label"), None)
    marker = next((c for c in columns if c.role == "marker"), None)
    if label is None and marker is None:
        return "no column of row labels or row numbers (every column holds figures or nothing)"
    table = join_page_broken_rows(table, header.first_data_row, columns, comma_thousands)
    # A table of figures with row numbers and no labels (a rate table: 'TT | Chi phí chung | ...')
    # keys its rows by their numbers.
    label_index = label.index if label is not None else None
    figure_columns = [c.index for c in columns if c.role in FIGURE_ROLES and c.kind != "percent"]
    rows = read_rows(
        table,
        header.first_data_row,
        label_index,
        marker.index if marker else None,
        lambda row: [figure_at(table, row, col, comma_thousands) for col in figure_columns],
        unit_level,
    )
    if not rows:
        return "no data rows under the header"
    axis = "column" if any(c.role == "unit" for c in columns) else None
    if axis is None and _units_as_rows(rows, unit_level):
        axis = "row"
        # With units as rows the total is a row; a column headed "Tổng số thôn" is a measure, unless
        # its figures are the sum of the columns beside it ('Tổng kinh phí' over its sources).
        columns = [
            c if c.role != "total" or total_parts(table, header.first_data_row, columns, c, comma_thousands)
            else replace(c, role="value")
            for c in columns
        ]  # fmt: skip
    columns = inherit_measures(link_total_parts(table, header.first_data_row, columns, comma_thousands))
    return _Understood(table, header, columns, rows, axis, comma_thousands)


def _units_as_rows(rows: list[Row], unit_level: UnitLevel) -> bool:
    labels = [r.label for r in rows if not r.is_total and r.label]
    return bool(labels) and sum(1 for label in labels if unit_level(label)) > len(labels) * UNITS_AS_ROWS_SHARE


def _table_record(doc: Document, found: _Understood, table_no: int, title: str, measure: str | None) -> AnnexTableRow:
    scale = measure_of(measure)
    return AnnexTableRow(
        doc_id=doc.doc_id, table_no=table_no, title=title, annex_label=annex_label(title), measure=measure,
        measure_kind=scale.kind if scale else None, measure_scale=scale.scale if scale else None,
        table_kind=table_kind(found.columns, found.unit_axis, scale.kind if scale else None),
        n_rows=found.table.n_rows, n_cols=found.table.n_cols, header_rows=found.header.rows,
        unit_axis=found.unit_axis, page=found.table.page, last_page=found.table.last_page,
        source_file=doc.source_file,
    )  # fmt: skip


def _emit(doc: Document, found: _Understood, table: AnnexTableRow, out: AnnexRecords) -> None:
    """The table's rows, columns, cells and texts, in the records of `out`."""
    by_path = {r.path: r for r in found.rows}
    title = table.title or ""
    measure_col = next((c for c in found.columns if c.role == "measure"), None)
    row_records = {r.path: _row_record(doc, found, table, r, by_path) for r in found.rows}
    column_records = {c.index: _column_record(doc, found, table, c, title) for c in found.columns}
    cells: list[AnnexCellRow] = []
    texts: list[AnnexTextRow] = []
    for row in found.rows:
        row_record = row_records[row.path]
        row_measure = cell_text(found.table, row.index, measure_col.index) if measure_col else ""
        for column in found.columns:
            cell = found.table.cell_at(row.index, column.index)
            if cell is None or cell.row != row.index or cell.col != column.index or not normalize_text(cell.text):
                continue
            if column.role not in FIGURE_ROLES and column.role not in TEXT_ROLES:
                continue
            parsed = parse_cell_number(cell.text, found.comma_thousands) if column.role in FIGURE_ROLES else None
            if parsed is None or parsed.kind == "period":
                texts.append(_text_record(doc, table, row, column, cell.text, cell.confidence, row_record.page))
                continue
            column_record = column_records[column.index]
            measure = column.measure or row_measure or table.measure
            stated = measure_of(measure)
            cells.append(
                AnnexCellRow(
                    doc_id=doc.doc_id, table_no=table.table_no, row_path=row.path, row_no=row.number,
                    parent_path=row.parent, row_marker=row.marker or None, row_label=row.label,
                    column_label=column.label, column_index=column.index, column_whole=column.whole,
                    unit_name_raw=column.leaf if column.role == "unit" else row_record.unit_name_raw,
                    unit_scope_raw=None if column.role == "unit" else row_record.unit_scope_raw,
                    unit_axis="column" if column.role == "unit" else ("row" if row_record.unit_name_raw else None),
                    is_total=row.is_total or column.role == "total", row_is_total=row.is_total,
                    column_is_total=column.role == "total", row_kind=row_record.row_kind,
                    column_kind=column_record.column_kind, value=parsed.value, value_kind=parsed.kind,
                    value_decimals=parsed.decimals, value_notation=parsed.notation, value_negative=parsed.negative,
                    value_text=cell.text, period=column_record.period, measure=measure,
                    measure_kind=stated.kind if stated else column.kind,
                    measure_scale=stated.scale if stated else None,
                    counted=column_record.counted if found.unit_axis == "row" else row_record.counted,
                    is_rounded=is_rounded(row.label, column.label),
                    ocr_confidence=cell.confidence, page=row_record.page, source_file=doc.source_file,
                )
            )  # fmt: skip
    if not cells and not texts and not any(row.label for row in found.rows):
        out.skipped.append(_skipped(doc, found.table, table.grid_no or 0, table.grid_first_row or 0,
                                    "no figure, text or row label under the header"))  # fmt: skip
        return
    out.tables.append(table)
    out.rows.extend(row_records.values())
    out.columns.extend(column_records.values())
    out.cells.extend(cells)
    out.texts.extend(texts)


def _row_record(
    doc: Document, found: _Understood, table: AnnexTableRow, row: Row, by_path: dict[str, Row]
) -> AnnexRowRow:
    unit_name, unit_scope = None, None
    if found.unit_axis == "row" and not row.is_total:
        unit_name = row.label
        parent = by_path.get(row.parent or "")
        unit_scope = parent.label if parent is not None and not parent.is_total else None
    return AnnexRowRow(
        doc_id=doc.doc_id, table_no=table.table_no, row_no=row.number, row_path=row.path, parent_path=row.parent,
        row_marker=row.marker or None, row_label=row.label, row_kind=row_kind(row, by_path),
        row_is_total=row.is_total, counted=row_counted(row, by_path), unit_name_raw=unit_name,
        unit_scope_raw=unit_scope,
        page=found.table.row_pages[row.index] if found.table.row_pages else found.table.page,
        source_file=doc.source_file,
    )  # fmt: skip


def _column_record(
    doc: Document, found: _Understood, table: AnnexTableRow, column: Column, title: str
) -> AnnexColumnRow:
    stated = measure_of(column.measure)
    return AnnexColumnRow(
        doc_id=doc.doc_id, table_no=table.table_no, column_index=column.index, column_label=column.label,
        column_role=column.role, column_kind=column_kind(column, title), column_whole=column.whole,
        column_is_total=column.role == "total", column_number=column.number, column_formula=column.formula,
        period=period_of(column.label), measure=column.measure, measure_kind=stated.kind if stated else column.kind,
        measure_scale=stated.scale if stated else None, counted=column_counted(column, title),
        unit_name_raw=column.leaf if column.role == "unit" else None, source_file=doc.source_file,
    )  # fmt: skip


def _text_record(doc: Document, table: AnnexTableRow, row: Row, column: Column, text: str,
                 confidence: float | None, page: int | None) -> AnnexTextRow:  # fmt: skip
    role = column.role if column.role in TEXT_ROLES else "value"
    place = place_in_text(text) if role == "text" else None
    return AnnexTextRow(
        doc_id=doc.doc_id, table_no=table.table_no, row_path=row.path, row_no=row.number,
        row_marker=row.marker or None, row_label=row.label, column_label=column.label, column_index=column.index,
        column_role=role, text=text, unit_name_raw=place[0] if place else None,
        unit_scope_raw=place[1] if place else None, ocr_confidence=confidence, page=page,
        source_file=doc.source_file,
    )  # fmt: skip
