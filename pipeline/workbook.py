"""Publish stage, for Excel: the DuckDB tables -> publish/plans.xlsx, a workbook that opens right
with a double click, whatever the computer's regional settings.

One sheet per table (checks included), in the order of the CSVs, and a first sheet, `columns`,
explaining every column from the schemas. Codes (unit_code '00778', doc_id, row paths) are text,
never numbers that lose their zeros; figures are numbers with grouping and as many decimals as
they have, which Excel shows in the reader's own notation (26.122.346 and 0,5 on a computer set to
Vietnamese); dates are dates shown dd/mm/yyyy. Each sheet has its header row frozen and filters.
A table longer than a sheet's rows continues on further sheets ('annex_cells (2)').
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from pipeline.schemas import TABLE_ORDER, ColumnSpec, TableSpec, table_spec

WORKBOOK_NAME = "plans.xlsx"
GUIDE_SHEET = "columns"
SHEET_NAME_LIMIT = 31  # characters Excel allows in a sheet's name
EXCEL_ROWS = 1_048_576  # rows of a sheet, header included
CELL_TEXT_LIMIT = 32_767  # characters Excel keeps in a cell
FETCH_ROWS = 10_000
MAX_DECIMALS = 6
MIN_WIDTH, MAX_WIDTH = 8, 60
GUIDE_HEADER = ("table", "sheet", "column", "type", "description")


class _Formats:
    """The cell formats of the workbook, made once: text, whole numbers, figures by decimals, dates."""

    def __init__(self, workbook: Workbook) -> None:
        self.header = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E8E8E8",
                                           "bottom": 1})  # fmt: skip
        self.text = workbook.add_format({"num_format": "@"})
        self.wrapped = workbook.add_format({"num_format": "@", "text_wrap": True, "valign": "top"})
        self.integer = workbook.add_format({"num_format": "0"})
        self.date = workbook.add_format({"num_format": "dd/mm/yyyy"})
        self.tiny = workbook.add_format({"num_format": "0.00E+00"})  # a tolerance of a billionth is not 0
        self.figures = [
            workbook.add_format({"num_format": "#,##0" + ("." + "0" * n if n else "")}) for n in range(MAX_DECIMALS + 1)
        ]


def write_workbook(database: Path, path: Path) -> Path:
    """Every table of the database as sheets of one workbook at `path`."""
    workbook = xlsxwriter.Workbook(
        str(path),
        # constant_memory: rows go to disk as they are written, so a large table never fills memory.
        {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
    )
    formats = _Formats(workbook)
    guide = workbook.add_worksheet(GUIDE_SHEET)
    sheets: dict[str, list[str]] = {}
    with duckdb.connect(str(database), read_only=True) as con:
        for name in TABLE_ORDER:
            sheets[name] = _write_table(workbook, con, table_spec(name), formats)
    _write_guide(guide, sheets, formats)
    workbook.close()
    return path


def sheet_name(table: str, part: int) -> str:
    """'annex_cells', 'annex_cells (2)': within Excel's 31 characters, the suffix kept."""
    suffix = f" ({part})" if part > 1 else ""
    return table[: SHEET_NAME_LIMIT - len(suffix)] + suffix


def _write_table(workbook: Workbook, con: duckdb.DuckDBPyConnection, spec: TableSpec, formats: _Formats) -> list[str]:
    """The table's sheets (one, unless it has more rows than a sheet holds)."""
    widths = _widths(con, spec)
    order = ", ".join(spec.primary_key) or "ALL"
    cursor = con.execute(f"SELECT {', '.join(spec.column_names)} FROM {spec.name} ORDER BY {order}")
    names: list[str] = []
    sheet = _new_sheet(workbook, spec, sheet_name(spec.name, 1), widths, formats)
    names.append(sheet.name)
    row = 0
    for values in _fetched(cursor):
        if row == EXCEL_ROWS - 1:
            _finish(sheet, row, len(spec.columns))
            sheet = _new_sheet(workbook, spec, sheet_name(spec.name, len(names) + 1), widths, formats)
            names.append(sheet.name)
            row = 0
        row += 1
        for col, (column, value) in enumerate(zip(spec.columns, values, strict=True)):
            _write_cell(sheet, row, col, column, value, formats)
    _finish(sheet, row, len(spec.columns))
    return names


def _fetched(cursor: duckdb.DuckDBPyConnection) -> Iterator[tuple[Any, ...]]:
    while batch := cursor.fetchmany(FETCH_ROWS):
        yield from batch


def _widths(con: duckdb.DuckDBPyConnection, spec: TableSpec) -> list[int]:
    """Column widths from the header and the longest text (within bounds)."""
    longest = ", ".join(
        f"max(length(CAST({c.name} AS VARCHAR)))" if c.type == "string" else "NULL" for c in spec.columns
    )
    found = con.execute(f"SELECT {longest} FROM {spec.name}").fetchone() or ()
    widths = []
    for column, length in zip(spec.columns, found, strict=True):
        content = (length or 0) if column.type == "string" else 14
        widths.append(max(MIN_WIDTH, min(MAX_WIDTH, max(len(column.name) + 2, content + 1))))
    return widths


def _new_sheet(workbook: Workbook, spec: TableSpec, name: str, widths: list[int], formats: _Formats) -> Worksheet:
    sheet = workbook.add_worksheet(name)
    for col, (column, width) in enumerate(zip(spec.columns, widths, strict=True)):
        sheet.set_column(col, col, width, formats.text if column.type == "string" else None)
        sheet.write_string(0, col, column.name, formats.header)
        sheet.write_comment(0, col, column.description[:CELL_TEXT_LIMIT], {"x_scale": 3, "y_scale": 2})
    sheet.freeze_panes(1, 0)
    return sheet


def _finish(sheet: Worksheet, last_row: int, n_columns: int) -> None:
    sheet.autofilter(0, 0, max(last_row, 1), n_columns - 1)
    # A code written as text ('00778') is meant to be text: no green warning triangles on it.
    sheet.ignore_errors({"number_stored_as_text": f"A1:XFD{EXCEL_ROWS}"})


def _write_cell(sheet: Worksheet, row: int, col: int, column: ColumnSpec, value: Any, formats: _Formats) -> None:
    if value is None:
        return
    if column.type == "string":
        text = str(value)
        if len(text) > CELL_TEXT_LIMIT:
            text = text[: CELL_TEXT_LIMIT - 1] + "…"  # Excel keeps no more; the CSV has it whole
        sheet.write_string(row, col, text, formats.text)
    elif column.type == "boolean":
        sheet.write_boolean(row, col, bool(value))
    elif column.type == "date":
        sheet.write_datetime(row, col, value, formats.date)
    elif isinstance(value, float) and not math.isfinite(value):
        return  # no cell rather than a number Excel cannot hold
    elif column.type == "integer":
        sheet.write_number(row, col, value, formats.integer)
    elif value and abs(value) < 10**-MAX_DECIMALS:
        sheet.write_number(row, col, value, formats.tiny)
    else:
        sheet.write_number(row, col, value, formats.figures[_decimals(float(value))])


def _decimals(value: float) -> int:
    """Decimals a figure has (0.5 -> 1, 1036.66 -> 2, 26122346 -> 0), up to MAX_DECIMALS."""
    fraction = f"{abs(value):.{MAX_DECIMALS}f}".split(".")[1].rstrip("0")
    return len(fraction)


def _write_guide(sheet: Worksheet, sheets: dict[str, list[str]], formats: _Formats) -> None:
    """The `columns` sheet: what each table holds and what each of its columns means."""
    widths = (24, 24, 24, 10, 100)
    for col, (title, width) in enumerate(zip(GUIDE_HEADER, widths, strict=True)):
        sheet.set_column(col, col, width, formats.wrapped if title == "description" else formats.text)
        sheet.write_string(0, col, title, formats.header)
    sheet.freeze_panes(1, 0)
    row = 0
    for name in TABLE_ORDER:
        spec = table_spec(name)
        row += 1
        sheet_list = ", ".join(sheets[name])
        for col, text in enumerate((name, sheet_list, "", "table", spec.description)):
            sheet.write_string(row, col, text, formats.wrapped if col == 4 else formats.header)
        for column in spec.columns:
            row += 1
            allowed = f" Values: {', '.join(column.allowed)}." if column.allowed else ""
            texts = (name, sheet_list, column.name, column.type, column.description + allowed)
            for col, text in enumerate(texts):
                sheet.write_string(row, col, text, formats.wrapped if col == 4 else formats.text)
    sheet.autofilter(0, 0, row, len(GUIDE_HEADER) - 1)
