"""Annex columns: a table's header rows -> one Column per grid column.

Each column gets its header path (top to bottom, joined by " / " into a label unique in its
table), a role (marker, label, notes, formula, measure, text, total, unit, value), the measure
its header states ("(triệu đồng)") and, where it is a part of a total column, that column's
label as its `whole`: the years of a period under its "Tổng", the units under "Trong đó các xã"
against the "Tổng số" column.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace

from pipeline.document import Table
from pipeline.parsers.rows import read_marker
from pipeline.text import normalize_text, parse_cell_number
from pipeline.vocabulary import (
    alternation,
    column_role_of,
    column_role_words,
    is_total_label,
    quantity_words,
    unit_header_words,
)

PATH_SEPARATOR = " / "
NON_WORD_RE = re.compile(r"[^\w ]")
TEXT_ROLES = frozenset({"notes", "formula", "measure", "text"})
FIGURE_ROLES = frozenset({"total", "unit", "value"})
# Roles a column gets from the words of its top header cell; "measure" (ĐVT) from its last one.
TOP_HEADER_ROLES = frozenset({"marker", "notes", "formula"})
# "(triệu đồng)", "(ĐVT: km)" at the end of a header; "Đơn vị tính: VNĐ" as a caption line.
MEASURE_HEADER_WORDS = alternation(column_role_words("measure"))
HEADER_MEASURE_RE = re.compile(
    rf"\((?:{MEASURE_HEADER_WORDS})?\s*:?\s*([^()]*?(?:{alternation(quantity_words())}))\)\s*$"
)
MEASURE_CAPTION_RE = re.compile(rf"^\(?\s*(?:{MEASURE_HEADER_WORDS})\s*:\s*(?P<measure>[^)]+?)\s*\)?\s*$", re.I)


@dataclass(frozen=True)
class Column:
    index: int
    path: tuple[str, ...]
    role: str
    label: str
    measure: str | None = None
    whole: str | None = None  # label of the total column this one is a part of

    @property
    def leaf(self) -> str:
        return self.path[-1] if self.path else ""

    @property
    def group(self) -> tuple[str, ...]:
        return self.path[:-1]


def mentions_units(text: str) -> bool:
    words = NON_WORD_RE.sub(" ", normalize_text(text).lower())
    padded = f" {words} "
    return any(f" {w} " in padded for w in unit_header_words())


def measure_caption(text: str) -> str | None:
    """'Đơn vị tính: VNĐ' or '(ĐVT: triệu đồng)' -> 'VNĐ' / 'triệu đồng'."""
    match = MEASURE_CAPTION_RE.match(normalize_text(text))
    return match["measure"] if match else None


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


def data_texts(table: Table, first_row: int, col: int) -> list[str]:
    """The non-empty texts of the cells anchored in `col` below the header."""
    texts = []
    for row in range(first_row, table.n_rows):
        cell = table.cell_at(row, col)
        if cell is not None and cell.row == row and cell.col == col:
            text = normalize_text(cell.text)
            if text:
                texts.append(text)
    return texts


def _role(path: tuple[str, ...], data: list[str], label_found: bool, comma_thousands: bool) -> str:
    top, leaf = (path[0], path[-1]) if path else ("", "")
    numeric = sum(1 for t in data if parse_cell_number(t, comma_thousands) is not None)
    mostly_text = bool(data) and numeric < len(data) / 2
    top_role = column_role_of(top)
    if top_role == "marker" or (not label_found and data and all(map(read_marker, data))):
        return "marker"
    if top_role in TOP_HEADER_ROLES:
        return top_role
    if column_role_of(leaf) == "measure":
        return "measure"
    if mostly_text:
        return "text" if label_found else "label"
    if len(path) == 1 and is_total_label(top):
        return "total"
    if len(path) > 1 and mentions_units(PATH_SEPARATOR.join(path[:-1])) and not is_total_label(leaf):
        return "unit"
    return "value"


def classify_columns(table: Table, header_rows: int, first_data_row: int, comma_thousands: bool) -> list[Column]:
    columns: list[Column] = []
    label_found = False
    for col, path in enumerate(column_paths(table, header_rows)):
        role = _role(path, data_texts(table, first_data_row, col), label_found, comma_thousands)
        label_found = label_found or role == "label"
        measure_match = HEADER_MEASURE_RE.search(normalize_text(PATH_SEPARATOR.join(path)).lower())
        columns.append(
            Column(col, path, role, PATH_SEPARATOR.join(path), measure_match.group(1) if measure_match else None)
        )
    return _assign_wholes(_unique_labels(columns))


def _unique_labels(columns: list[Column]) -> list[Column]:
    """A header cell spanning two columns with nothing beneath ('Số lượng' over people and days)
    labels both: number them so that every column label is unique in its table."""
    counts: dict[str, int] = defaultdict(int)
    for column in columns:
        counts[column.label] += 1
    seen: dict[str, int] = defaultdict(int)
    unique = []
    for column in columns:
        if counts[column.label] > 1:
            seen[column.label] += 1
            column = replace(column, label=f"{column.label} ({seen[column.label]})".strip())
        unique.append(column)
    return unique


def _assign_wholes(columns: list[Column]) -> list[Column]:
    """Parts point at their whole: within a header group, the siblings of its 'Tổng' column;
    unit columns with no such sibling, the table's single total column."""
    groups: dict[tuple[str, ...], list[Column]] = defaultdict(list)
    for column in columns:
        if column.role in ("unit", "value") and column.group:
            groups[column.group].append(column)
    wholes: dict[int, str] = {}
    for members in groups.values():
        totals = [c for c in members if is_total_label(c.leaf)]
        if len(totals) == 1 and len(members) > 2:
            wholes.update({c.index: totals[0].label for c in members if c is not totals[0]})
    total_columns = [c for c in columns if c.role == "total"]
    if len(total_columns) == 1:
        for column in columns:
            if column.role == "unit" and column.index not in wholes:
                wholes[column.index] = total_columns[0].label
    return [replace(c, whole=wholes.get(c.index)) for c in columns]
