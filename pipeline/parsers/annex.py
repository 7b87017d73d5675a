"""Annex parser: Document tables -> tidy annex cells and a list of annex tables.

Finds annex tables by structure (a ruled table with header rows, a label column and numeric
cells), rebuilds the header tree into column paths joined by " / ", gives each row a
hierarchical `row_path`, and emits one record per non-empty numeric cell with its raw text.
Units are the columns under a group header that speaks of units ("Trong đó các xã ...") or,
where the label column names units, the rows. Names are resolved later (pipeline.places).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pipeline.document import Document, Paragraph, Table
from pipeline.parsers.rows import RowPathBuilder, read_marker
from pipeline.text import fold_diacritics, normalize_text, parse_cell_number

PATH_SEPARATOR = " / "
MARKER_HEADERS = frozenset({"tt", "stt", "sott", "thutu"})
NOTES_HEADERS = ("ghi chu",)
MEASURE_HEADERS = frozenset({"dvt", "don vi tinh", "don vi"})
TOTAL_WORDS = ("tong cong", "tong so", "tong", "cong", "toan huyen", "toan tinh", "toan xa", "toan thanh pho")
# Words in a header that say its columns (or the label column's rows) are administrative units.
UNIT_WORDS = ("xa", "phuong", "thi tran", "huyen", "tinh", "don vi hanh chinh", "dia phuong", "dia ban")
YEAR_RE = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")
PERIOD_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s*[-–]\s*((?:19|20)\d{2}))?(?!\d)")
COLUMN_NUMBER_RE = re.compile(r"^\(?([A-Z]|\d{1,2})\)?$")
TITLE_MAX_PARAGRAPHS = 3


@dataclass(frozen=True)
class Column:
    index: int
    path: tuple[str, ...]
    role: str  # marker, label, notes, measure, total, unit, value

    @property
    def label(self) -> str:
        return PATH_SEPARATOR.join(self.path)

    @property
    def leaf(self) -> str:
        return self.path[-1] if self.path else ""


def _key(text: str) -> str:
    return fold_diacritics(text)


def _starts_with_any(text: str, words: tuple[str, ...]) -> bool:
    key = _key(text)
    return any(key == w or key.startswith(w + " ") for w in words)


def _mentions_units(text: str) -> bool:
    key = f" {_key(text)} "
    return any(f" {w} " in key for w in UNIT_WORDS)


def is_total_label(text: str) -> bool:
    return _starts_with_any(text, TOTAL_WORDS)


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


def _is_column_number_row(table: Table, row: int) -> bool:
    """A row of column numbers under the header (A, B, 1, 2, 3 ...), not data."""
    texts = [normalize_text(c.text) for c in table.row_cells(row)]
    filled = [t for t in texts if t]
    return len(filled) >= max(3, len(texts) // 2) and all(COLUMN_NUMBER_RE.match(t) for t in filled)


def _data_texts(table: Table, first_row: int, col: int) -> list[str]:
    texts = []
    for row in range(first_row, table.n_rows):
        cell = table.cell_at(row, col)
        if cell is not None and cell.row == row and cell.col == col:
            text = normalize_text(cell.text)
            if text:
                texts.append(text)
    return texts


def classify_columns(table: Table, header_rows: int, first_data_row: int) -> list[Column]:
    paths = column_paths(table, header_rows)
    columns: list[Column] = []
    label_found = False
    for col, path in enumerate(paths):
        top = path[0] if path else ""
        data = _data_texts(table, first_data_row, col)
        numeric = sum(1 for t in data if parse_cell_number(t) is not None)
        if _key(top).replace(" ", "") in MARKER_HEADERS or (
            not label_found and data and all(read_marker(t) for t in data)
        ):
            role = "marker"
        elif _starts_with_any(top, NOTES_HEADERS):
            role = "notes"
        elif _key(path[-1] if path else "") in MEASURE_HEADERS:
            role = "measure"
        elif not label_found and data and numeric < len(data) / 2:
            role, label_found = "label", True
        elif len(path) == 1 and is_total_label(top):
            role = "total"
        elif len(path) > 1 and _mentions_units(PATH_SEPARATOR.join(path[:-1])) and not is_total_label(path[-1]):
            role = "unit"
        else:
            role = "value"
        columns.append(Column(col, path, role))
    return columns


def _table_title(doc: Document, table: Table) -> str:
    """The caption paragraphs right above a table (title, 'Kèm theo ...' line, 'Biểu số ...')."""
    index = next(i for i, block in enumerate(doc.blocks) if block is table)
    lines: list[str] = []
    for block in reversed(doc.blocks[:index]):
        if not isinstance(block, Paragraph):
            break
        text = normalize_text(block.text)
        if not text:
            if lines:
                break
            continue
        is_caption = block.alignment == "center" or block.bold or text.isupper() or text.startswith("(")
        if not is_caption or len(lines) == TITLE_MAX_PARAGRAPHS:
            break
        lines.insert(0, text)
    return " ".join(lines)


def period_of(text: str) -> str | None:
    """'Năm 2023' -> '2023'; 'Kế hoạch từ năm 2022 - 2025' -> '2022-2025'."""
    matches = list(PERIOD_RE.finditer(text))
    if not matches:
        return None
    last = matches[-1]
    return f"{last.group(1)}-{last.group(2)}" if last.group(2) else last.group(1)


def parse_annex_tables(doc: Document) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """All annex tables of a document: (table records, cell records)."""
    tables: list[dict[str, Any]] = []
    cells: list[dict[str, Any]] = []
    for table in doc.tables:
        if table.is_layout or table.n_rows <= table.header_rows:
            continue
        parsed = _parse_table(doc, table, table_no=len(tables) + 1)
        if parsed is None:
            continue
        table_record, cell_records = parsed
        tables.append(table_record)
        cells.extend(cell_records)
    return tables, cells


def _parse_table(doc: Document, table: Table, table_no: int) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    header_rows = table.header_rows
    first_data_row = header_rows + (1 if _is_column_number_row(table, header_rows) else 0)
    columns = classify_columns(table, header_rows, first_data_row)
    roles = {c.role for c in columns}
    if "label" not in roles:
        return None
    label_col = next(c for c in columns if c.role == "label")
    marker_col = next((c for c in columns if c.role == "marker"), None)
    units_as_rows = "unit" not in roles and _mentions_units(label_col.label)
    if units_as_rows:
        # With units as rows the total is a row; a column headed "Tổng số thôn" is a measure.
        columns = [Column(c.index, c.path, "value") if c.role == "total" else c for c in columns]
    value_cols = [c for c in columns if c.role in ("total", "unit", "value")]
    paths = RowPathBuilder()
    records: list[dict[str, Any]] = []
    for row in range(first_data_row, table.n_rows):
        label = _cell_text(table, row, label_col.index)
        marker = _cell_text(table, row, marker_col.index) if marker_col else ""
        if not label and not marker:
            continue
        row_is_total = not marker and is_total_label(label)
        row_path, parent_path = ("TOTAL", None) if row_is_total else paths.next_path(marker)
        for column in value_cols:
            cell = table.cell_at(row, column.index)
            if cell is None or cell.row != row or cell.col != column.index:
                continue
            parsed = parse_cell_number(cell.text)
            if parsed is None:
                continue
            unit_name: str | None = None
            unit_axis: str | None = None
            if column.role == "unit":
                unit_name, unit_axis = column.leaf, "column"
            elif units_as_rows and not row_is_total:
                unit_name, unit_axis = label, "row"
            records.append(
                {
                    "doc_id": doc.doc_id,
                    "table_no": table_no,
                    "row_path": row_path,
                    "parent_path": parent_path,
                    "row_marker": marker or None,
                    "row_label": label,
                    "column_label": column.label,
                    "column_index": column.index,
                    "unit_name_raw": unit_name,
                    "unit_axis": unit_axis,
                    "is_total": row_is_total or column.role == "total",
                    "row_is_total": row_is_total,
                    "column_is_total": column.role == "total",
                    "value": parsed.value,
                    "value_kind": parsed.kind,
                    "value_text": cell.text,
                    "period": period_of(column.label),
                    "page": table.row_pages[row] if table.row_pages else table.page,
                    "source_file": doc.source_file,
                }
            )
    if not records:
        return None
    table_record = {
        "doc_id": doc.doc_id,
        "table_no": table_no,
        "title": _table_title(doc, table),
        "n_rows": table.n_rows,
        "n_cols": table.n_cols,
        "header_rows": header_rows,
        "unit_axis": "row" if units_as_rows else ("column" if "unit" in roles else None),
        "page": table.page,
        "last_page": table.last_page,
        "source_file": doc.source_file,
    }
    return table_record, records


def _cell_text(table: Table, row: int, col: int) -> str:
    cell = table.cell_at(row, col)
    return normalize_text(cell.text) if cell is not None and cell.row == row else ""
