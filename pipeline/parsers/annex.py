"""Annex parser: Document tables -> annex tables, tidy annex cells and annex texts.

Finds annex tables by structure (a ruled table with header rows, a label column and numeric
cells). A grid may start with a measure caption row ("Đơn vị tính: VN Đồng") and may hold a
second table under its own "TT" header row; each becomes its own annex table. Columns are
classified in `pipeline.parsers.columns`; rows get hierarchical paths (`pipeline.parsers.rows`),
and a total row ("Tổng cộng", "Toàn tỉnh") becomes the parent of the top-level rows it sums.
Units are columns under a group header that speaks of units, or rows where the label column
does; in a table of districts with their communes beneath, each commune is named within its
district row (`unit_scope_raw`). Every numeric cell becomes an annex cell with its raw text;
every text cell outside the label columns (notes, formulas, measures) an annex text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.document import Document, Paragraph, Table
from pipeline.parsers.columns import (
    FIGURE_ROLES,
    TEXT_ROLES,
    Column,
    classify_columns,
    measure_caption,
    mentions_units,
)
from pipeline.parsers.grids import TablePart, cell_text, join_page_broken_rows, split_grid
from pipeline.parsers.lines import classify_lines
from pipeline.parsers.rows import RowPathBuilder
from pipeline.records import AnnexCellRow, AnnexTableRow, AnnexTextRow
from pipeline.text import normalize_text, parse_cell_number, uses_comma_thousands
from pipeline.vocabulary import (
    alternation,
    document_part_words,
    is_total_anywhere,
    is_total_label,
    measure_of,
    unit_type_words,
)

TOTAL_PATH = "TOTAL"
# A column-number cell under the header: "A", "(3)", or a formula of column numbers "1=2+3", "(4)=(1)-(2)".
COLUMN_NUMBER_RE = re.compile(r"^\(?([A-Z]|\d{1,2})\)?(?:\s*[=+\-x*]\s*\(?([A-Z]|\d{1,2})\)?)*$")
PERIOD_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s*[-–]\s*((?:19|20)\d{2}))?(?!\d)")
ANNEX_LABEL_RE = re.compile(
    rf"\b({alternation(document_part_words('annex'))})(?:\s+số)?\s*:?\s*([0-9]+[a-z]?|[IVXLC]+)\b", re.I
)
# "Tân Lập, huyện Bảo Lâm", "Hòa Bình, thành phố Tân An"; "Xã Tân Lập". A name is short: a text cell
# of prose that happens to hold a comma and "huyện" is not a place.
PLACE_IN_DISTRICT_RE = re.compile(
    rf"^(?P<name>[^,;:()]{{2,40}}),\s*(?P<district>(?:{alternation(unit_type_words('district'))})\s+[^,;:()]{{2,40}})$",
    re.I,
)
PLACE_RE = re.compile(rf"^(?:{alternation(unit_type_words('commune'))})\s+[^,;:()]{{2,40}}$", re.I)
TITLE_MAX_PARAGRAPHS = 3
FALLBACK_TITLE_MAX_CHARS = 150


@dataclass
class Row:
    index: int  # in the grid
    number: int  # among the data rows, from 1
    marker: str
    label: str
    path: str
    parent: str | None
    is_total: bool


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


def annex_label(title: str) -> str | None:
    """'BIỂU SỐ 02 ...' -> 'Biểu 02'; 'Phụ lục II' -> 'Phụ lục II'."""
    match = ANNEX_LABEL_RE.search(title)
    return f"{match.group(1).capitalize()} {match.group(2).upper()}" if match else None


@dataclass
class AnnexRecords:
    """What the annex tables of one document give: a row per table, numeric cell and text cell."""

    tables: list[AnnexTableRow]
    cells: list[AnnexCellRow]
    texts: list[AnnexTextRow]


def parse_annex_tables(doc: Document) -> AnnexRecords:
    """All annex tables of a document, with every cell classified (see pipeline.parsers.lines)."""
    found = AnnexRecords([], [], [])
    for grid_no, grid in enumerate(doc.tables, start=1):
        if grid.is_layout or grid.n_rows <= grid.header_rows:
            continue
        title, title_measure = _table_title(doc, grid)
        for part in split_grid(grid):
            parsed = _parse_part(doc, part, table_no=len(found.tables) + 1)
            if parsed is None:
                continue
            table, cells, texts = parsed
            table.title = title if part.first_row == 0 else (part.caption or title)
            table.annex_label = annex_label(table.title)
            table.measure = part.measure or title_measure
            scale = measure_of(table.measure)
            table.measure_kind, table.measure_scale = (scale.kind, scale.scale) if scale else (None, None)
            table.grid_no, table.grid_first_row = grid_no, part.first_row
            for cell in cells:
                cell.measure = cell.measure or table.measure
            classify_lines(table, cells)
            found.tables.append(table)
            found.cells.extend(cells)
            found.texts.extend(texts)
    return found


def _is_column_number_row(table: Table, row: int) -> bool:
    """A row of column numbers under the header (A, B, 1, 2, 3 ...), not data."""
    texts = [normalize_text(c.text) for c in table.row_cells(row)]
    filled = [t for t in texts if t]
    return len(filled) >= max(3, len(texts) // 2) and all(COLUMN_NUMBER_RE.match(t) for t in filled)


def read_rows(table: Table, first_row: int, label_col: int, marker_col: int | None) -> list[Row]:
    """Row paths of the data rows; a total row becomes the parent of the top-level rows it sums
    (those after it when it comes first, those since the previous total when it comes last)."""
    builder = RowPathBuilder()
    rows: list[Row] = []
    totals = 0
    labelled = []
    for index in range(first_row, table.n_rows):
        label = cell_text(table, index, label_col)
        marker = cell_text(table, index, marker_col) if marker_col is not None else ""
        if marker_col is not None and table.cell_at(index, marker_col) is table.cell_at(index, label_col):
            marker = ""  # one cell spanning TT and the label ('Tổng Kinh phí' over three columns)
        if not label and not marker and any(normalize_text(c.text) for c in table.row_cells(index)):
            # A row under a label merged down from the row above (the afternoon under its date).
            covering = table.cell_at(index, label_col)
            label = normalize_text(covering.text) if covering is not None else ""
            labelled.append((index, label, ""))
        elif label or marker:
            labelled.append((index, label, marker))
    for position, (index, label, marker) in enumerate(labelled):
        at_edge = position in (0, len(labelled) - 1)
        if not marker and is_total_label(label) and (at_edge or is_total_anywhere(label)):
            totals += 1
            path = TOTAL_PATH if totals == 1 else f"{TOTAL_PATH}#{totals}"
            rows.append(Row(index, position + 1, "", label, path, None, True))
            continue
        path, parent = builder.next_path(marker)
        rows.append(Row(index, position + 1, marker, label, path, parent, False))
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
    return rows


def _parse_part(
    doc: Document, part: TablePart, table_no: int
) -> tuple[AnnexTableRow, list[AnnexCellRow], list[AnnexTextRow]] | None:
    table = part.table
    header_rows = table.header_rows
    first_data_row = header_rows + (1 if _is_column_number_row(table, header_rows) else 0)
    comma_thousands = uses_comma_thousands(c.text for c in table.cells if c.row >= first_data_row)
    columns = classify_columns(table, header_rows, first_data_row, comma_thousands)
    label_col = next((c for c in columns if c.role == "label"), None)
    if label_col is None:
        return None
    marker_col = next((c for c in columns if c.role == "marker"), None)
    roles = {c.role for c in columns}
    units_as_rows = "unit" not in roles and mentions_units(label_col.label)
    if units_as_rows:
        # With units as rows the total is a row; a column headed "Tổng số thôn" is a measure.
        columns = [Column(c.index, c.path, "value", c.label, c.measure, c.whole) if c.role == "total" else c
                   for c in columns]  # fmt: skip
    table = join_page_broken_rows(table, first_data_row, columns, comma_thousands)
    rows = read_rows(table, first_data_row, label_col.index, marker_col.index if marker_col else None)
    by_path = {r.path: r for r in rows}
    measure_col = next((c for c in columns if c.role == "measure"), None)
    cells: list[AnnexCellRow] = []
    texts: list[AnnexTextRow] = []
    for row in rows:
        page = table.row_pages[row.index] if table.row_pages else table.page
        unit_name, unit_scope = None, None
        if units_as_rows and not row.is_total:
            unit_name = row.label
            parent = by_path.get(row.parent or "")
            unit_scope = parent.label if parent is not None and not parent.is_total else None
        row_measure = cell_text(table, row.index, measure_col.index) if measure_col else ""
        for column in columns:
            cell = table.cell_at(row.index, column.index)
            if cell is None or cell.row != row.index or cell.col != column.index or not normalize_text(cell.text):
                continue
            parsed = parse_cell_number(cell.text, comma_thousands) if column.role in FIGURE_ROLES else None
            if parsed is None:
                if column.role in TEXT_ROLES or column.role in FIGURE_ROLES:
                    role = column.role if column.role in TEXT_ROLES else "value"
                    place = place_in_text(cell.text) if role == "text" else None
                    texts.append(
                        AnnexTextRow(
                            doc_id=doc.doc_id, table_no=table_no, row_path=row.path, row_no=row.number,
                            row_marker=row.marker or None, row_label=row.label,
                            column_label=column.label, column_index=column.index, column_role=role, text=cell.text,
                            unit_name_raw=place[0] if place else None, unit_scope_raw=place[1] if place else None,
                            ocr_confidence=cell.confidence, page=page, source_file=doc.source_file,
                        )
                    )  # fmt: skip
                continue
            cells.append(
                AnnexCellRow(
                    doc_id=doc.doc_id, table_no=table_no, row_path=row.path, row_no=row.number, parent_path=row.parent,
                    row_marker=row.marker or None, row_label=row.label, column_label=column.label,
                    column_index=column.index, column_whole=column.whole,
                    unit_name_raw=column.leaf if column.role == "unit" else unit_name,
                    unit_scope_raw=None if column.role == "unit" else unit_scope,
                    unit_axis="column" if column.role == "unit" else ("row" if unit_name else None),
                    is_total=row.is_total or column.role == "total", row_is_total=row.is_total,
                    column_is_total=column.role == "total", value=parsed.value, value_kind=parsed.kind,
                    value_text=cell.text, period=period_of(column.label),
                    measure=column.measure or row_measure or None,
                    ocr_confidence=cell.confidence, page=page, source_file=doc.source_file,
                )
            )  # fmt: skip
    if not cells and not texts:
        return None
    record = AnnexTableRow(
        doc_id=doc.doc_id, table_no=table_no, n_rows=table.n_rows, n_cols=table.n_cols, header_rows=header_rows,
        unit_axis="row" if units_as_rows else ("column" if "unit" in roles else None),
        page=table.page, last_page=table.last_page, source_file=doc.source_file,
    )  # fmt: skip
    return record, cells, texts


def _table_title(doc: Document, table: Table) -> tuple[str, str | None]:
    """The caption paragraphs right above a table (title, 'Kèm theo ...' line, 'Biểu số ...'),
    and the measure a caption line states ('Đơn vị tính: VNĐ'). With no caption-like line, the
    short paragraph right above ('Bảng tổng hợp dự toán') is the title."""
    index = next(i for i, block in enumerate(doc.blocks) if block is table)
    lines: list[str] = []
    measure: str | None = None
    nearest: str | None = None
    for block in reversed(doc.blocks[:index]):
        if not isinstance(block, Paragraph):
            break
        text = normalize_text(block.text)
        if not text:
            if lines:
                break
            continue
        stated = measure_caption(text)
        if stated:
            measure = measure or stated
            continue
        nearest = nearest or text
        is_caption = (
            block.alignment == "center" or block.bold or text.isupper() or text.startswith("(")
            or annex_label(text) is not None
        )  # fmt: skip
        if not is_caption or len(lines) == TITLE_MAX_PARAGRAPHS:
            break
        lines.insert(0, text)
    if not lines and nearest and len(nearest) <= FALLBACK_TITLE_MAX_CHARS:
        lines = [nearest]
    return " ".join(lines), measure
