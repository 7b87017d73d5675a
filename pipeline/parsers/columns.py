"""Annex columns: a table's header and data cells -> one Column per grid column, decided from content.

Each column gets its header path (top to bottom, joined by " / " into a label unique in its
table), a role and a kind. Roles come first from what the cells hold: row markers in sequence,
the most distinct text (the row label), figures, periods, a few repeated words (a
classification); header words are hints the content must bear out ("Đơn vị" heads a column of
place names as often as one of units of measure). A column is a unit (one per commune, district
...) when its header names an official unit, as decided by the gazetteer, not by words such as
"địa phương" above it. A figure column that is part of a total column points at it (`whole`): the
years of a period under its "Tổng", the units against the "Tổng số" column.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import pairwise

from pipeline.document import Table
from pipeline.parsers.header import PATH_SEPARATOR, Header
from pipeline.parsers.rows import read_marker
from pipeline.text import ParsedNumber, is_year, normalize_text, parse_cell_number
from pipeline.vocabulary import (
    alternation,
    column_role_of,
    column_role_words,
    is_total_label,
    measure_of,
    quantity_words,
)

TEXT_ROLES = frozenset({"notes", "formula", "measure", "text", "period", "category"})
FIGURE_ROLES = frozenset({"total", "unit", "value"})
TOTAL_AGREEMENT = 0.8  # share of rows in which a total column must equal its parts to be taken as their sum
HEADER_ROLES = frozenset({"marker", "notes", "formula"})
# What a header says the figures are, when the figures bear it out.
HEADER_KINDS = frozenset({"score", "rank", "index", "coordinate", "code", "unit_price", "percent"})
MEASURE_HEADER_WORDS = alternation(column_role_words("measure") + column_role_words("measure_or_label"))
# "(triệu đồng)", "(ĐVT: km)" at the end of a header; "Đơn vị tính: VNĐ" as a caption line.
HEADER_MEASURE_RE = re.compile(
    rf"\((?:{MEASURE_HEADER_WORDS})?\s*:?\s*([^()]*?(?:{alternation(quantity_words())}))\)\s*$"
)
MEASURE_CAPTION_RE = re.compile(rf"^\(?\s*(?:{MEASURE_HEADER_WORDS})\s*:\s*(?P<measure>[^)]+?)\s*\)?\s*$", re.I)
MEASURE_CELL_MAX_WORDS = 3  # a unit of measure is a word or two: "km", "Người", "Công trình"
CATEGORY_MAX_DISTINCT = 5  # a classification repeats a few words: TỐT, KHÁ, TRUNG BÌNH
CATEGORY_MIN_ROWS = 4
UNIT_SHARE = 0.5  # of a group's columns (or a label column's rows) naming units, to read them all as units
LEADING_ZERO_RE = re.compile(r"^0\d+$")

UnitLevel = Callable[[str], str | None]


@dataclass(frozen=True)
class Column:
    index: int
    path: tuple[str, ...]
    role: str
    label: str
    measure: str | None = None
    whole: str | None = None  # label of the total column this one is a part of
    number: str | None = None  # as the column-number row prints it: '3', 'C'
    formula: str | None = None  # what the column-number row says it equals: '4+5'
    kind: str | None = None  # what its figures are: money, count, percent, score, rank, coordinate ...

    @property
    def leaf(self) -> str:
        return self.path[-1] if self.path else ""

    @property
    def group(self) -> tuple[str, ...]:
        return self.path[:-1]


@dataclass(frozen=True)
class Profile:
    """What a column's data cells hold."""

    texts: list[str]
    numbers: list[ParsedNumber]

    @property
    def size(self) -> int:
        return len(self.texts)

    @property
    def numeric(self) -> bool:
        figures = [n for n in self.numbers if n.kind != "period"]
        return bool(self.texts) and len(figures) >= len(self.texts) / 2

    @property
    def periods(self) -> bool:
        """Years and spans of years only ('2015', '2013-2015')."""
        return (
            bool(self.numbers)
            and len(self.numbers) == self.size
            and all(n.kind == "period" or (n.kind == "number" and is_year(n.value)) for n in self.numbers)
        )

    @property
    def distinct(self) -> int:
        return len(set(self.texts))

    @property
    def categorical(self) -> bool:
        return self.size >= CATEGORY_MIN_ROWS and not self.numbers and self.distinct <= CATEGORY_MAX_DISTINCT

    @property
    def markers(self) -> bool:
        return bool(self.texts) and all(read_marker(t) is not None for t in self.texts)

    @property
    def short_words(self) -> bool:
        return bool(self.texts) and all(len(t.split()) <= MEASURE_CELL_MAX_WORDS for t in self.texts)

    @property
    def codes(self) -> bool:
        return bool(self.texts) and sum(bool(LEADING_ZERO_RE.match(t)) for t in self.texts) > self.size / 2


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


def profile(texts: list[str], comma_thousands: bool) -> Profile:
    parsed = [parse_cell_number(t, comma_thousands) for t in texts]
    return Profile(texts, [p for p in parsed if p is not None])


def measure_caption(text: str) -> str | None:
    """'Đơn vị tính: VNĐ' or '(ĐVT: triệu đồng)' -> 'VNĐ' / 'triệu đồng'."""
    match = MEASURE_CAPTION_RE.match(normalize_text(text))
    return match["measure"] if match else None


def _role(path: tuple[str, ...], data: Profile, label_found: bool, unit_level: UnitLevel) -> str:
    top, leaf = (path[0], path[-1]) if path else ("", "")
    top_role, leaf_role = column_role_of(top), column_role_of(leaf)
    if top_role == "marker" and (not data.texts or data.markers or not label_found):
        return "marker"
    if not label_found and data.markers and not data.numeric and data.size > 1:
        return "marker"
    if not label_found and data.markers and data.numeric and _in_sequence(data):
        return "marker"
    if top_role in HEADER_ROLES - {"marker"}:
        return top_role or "text"
    if leaf_role == "measure" and data.short_words and not data.numeric and not _mostly_units(data, unit_level):
        return "measure"
    if leaf_role == "measure_or_label" and _measures(data) and not _mostly_units(data, unit_level):
        return "measure"
    if data.periods and (leaf_role == "period" or not data.numeric or any(n.kind == "period" for n in data.numbers)):
        return "period"
    if data.codes or (leaf_role == "code" and not data.numeric):
        return "text"
    if data.numeric:
        return "total" if len(path) == 1 and is_total_label(top) else "value"
    if not data.texts:
        return "text"
    if data.categorical and label_found:
        return "category"
    return "text" if label_found else "label"


def _in_sequence(data: Profile) -> bool:
    """Row numbers: integers that mostly go up by one ('1, 2, 3' but not '40, 21, 6')."""
    values = [n.value for n in data.numbers if n.kind == "number"]
    steps = sum(1 for a, b in pairwise(values) if b == a + 1)
    return len(values) >= 2 and steps >= (len(values) - 1) * 0.6 and min(values) <= 1


def _measures(data: Profile) -> bool:
    """Units of measure: short words, mostly known measures or repeated ('km', 'Trường', 'Người');
    a column of distinct names under 'Đơn vị' names bodies or places, and is a label."""
    if not data.texts or data.numeric or not data.short_words:
        return False
    known = sum(1 for t in data.texts if measure_of(t) is not None)
    return known >= data.size / 2 or data.distinct <= max(1, data.size // 2)


def _mostly_units(data: Profile, unit_level: UnitLevel) -> bool:
    return sum(1 for t in data.texts if unit_level(t)) > data.size * UNIT_SHARE


def classify_columns(table: Table, header: Header, comma_thousands: bool, unit_level: UnitLevel) -> list[Column]:
    columns: list[Column] = []
    label_found = False
    for col, path in enumerate(header.paths):
        data = profile(data_texts(table, header.first_data_row, col), comma_thousands)
        role = _role(path, data, label_found, unit_level)
        label_found = label_found or role == "label"
        label = PATH_SEPARATOR.join(path)
        measure = header_measure(path)
        columns.append(
            Column(col, path, role, label, measure, None, header.numbers[col], header.formulas[col],
                   _kind(path, role, data, measure))
        )  # fmt: skip
    return inherit_measures(_assign_wholes(_unit_columns(_unique_labels(columns), unit_level)))


def header_measure(path: tuple[str, ...]) -> str | None:
    """The measure a column's header states, on its own cell or on a group above it ('Kế hoạch vốn
    năm 2025 (tỷ đồng)' over 'Tổng cộng'); the nearest wins."""
    for name in reversed(path):
        found = HEADER_MEASURE_RE.search(normalize_text(name).lower())
        if found:
            return found.group(1)
    return None


def _kind(path: tuple[str, ...], role: str, data: Profile, measure: str | None) -> str | None:
    """What a column's figures are: the kind of its stated measure, else what its header names
    (score, rank ...) when it holds figures, else percent or period from the figures themselves."""
    if role == "period":
        return "period"
    if role == "category":
        return "category"
    if role not in FIGURE_ROLES:
        return None
    stated = measure_of(measure)
    if stated is not None:
        return stated.kind
    for name in reversed(path):
        hinted = column_role_of(name)
        if hinted in HEADER_KINDS:
            return hinted
    if data.numbers and all(n.kind == "percent" for n in data.numbers):
        return "percent"
    return None


def inherit_measures(columns: list[Column]) -> list[Column]:
    """A part that states no measure has its whole's: commune columns under 'Tổng cộng (ha)' are in ha."""
    by_label = {c.label: c for c in columns}
    inherited = []
    for column in columns:
        whole = by_label.get(column.whole) if column.whole else None
        if column.measure is None and whole is not None and whole.measure is not None:
            stated = measure_of(whole.measure)
            column = replace(column, measure=whole.measure, kind=stated.kind if stated else column.kind)
        inherited.append(column)
    return inherited


def _unit_columns(columns: list[Column], unit_level: UnitLevel) -> list[Column]:
    """Figure columns whose headers name official units, decided per group of siblings: when most
    of a group's leaves are units, all its non-total leaves are (one spelled past recognition)."""
    groups: dict[tuple[str, ...], list[Column]] = defaultdict(list)
    for column in columns:
        if column.role in ("value", "total"):
            groups[column.group].append(column)
    units: set[int] = set()
    for members in groups.values():
        candidates = [c for c in members if not is_total_label(c.leaf)]
        named = [c for c in candidates if unit_level(c.leaf)]
        if len(named) >= 2 and len(named) >= len(candidates) * UNIT_SHARE:
            units.update(c.index for c in candidates)
    return [replace(c, role="unit") if c.index in units else c for c in columns]


def _unique_labels(columns: list[Column]) -> list[Column]:
    """A header cell spanning two columns with nothing beneath ('Số lượng' over people and days)
    labels both: number them so that every column label is unique in its table."""
    counts: Counter[str] = Counter(column.label for column in columns)
    seen: Counter[str] = Counter()
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


def total_parts(table: Table, first_row: int, columns: list[Column], total: Column, comma_thousands: bool) -> list[int]:
    """The figure columns right of a total column that it is the sum of, row by row, in most rows
    with figures ('Tổng kinh phí' over its sources); [] when it is not their sum (a column headed
    'Tổng số thôn' beside 'Số thôn đạt chuẩn' is a measure, not a total of its neighbours)."""
    parts = []
    for column in columns[total.index + 1 :]:
        if column.role not in ("value", "unit") or column.kind == "percent" or column.whole is not None:
            break
        parts.append(column.index)
    if len(parts) < 2:
        return []
    agree = rows = 0
    for row in range(first_row, table.n_rows):
        whole = figure_at(table, row, total.index, comma_thousands)
        figures = [v for col in parts if (v := figure_at(table, row, col, comma_thousands)) is not None]
        if whole is None or not figures:
            continue
        rows += 1
        agree += abs(sum(figures) - whole) <= max(abs(whole), 1.0) * 1e-6 + 0.5 * 10 ** -_decimals(table, row, parts)
    return parts if rows > 0 and agree >= rows * TOTAL_AGREEMENT else []


def link_total_parts(table: Table, first_row: int, columns: list[Column], comma_thousands: bool) -> list[Column]:
    """Parts point at a total column that has none yet when its figures are their sum."""
    wholes: dict[int, str] = {}
    for column in columns:
        if column.role != "total" or any(c.whole == column.label for c in columns):
            continue
        wholes.update(dict.fromkeys(total_parts(table, first_row, columns, column, comma_thousands), column.label))
    return [replace(c, whole=wholes[c.index]) if c.index in wholes else c for c in columns]


def figure_at(table: Table, row: int, col: int, comma_thousands: bool) -> float | None:
    """The number a cell anchored at (row, col) holds, if it holds one."""
    cell = table.cell_at(row, col)
    if cell is None or cell.row != row or cell.col != col:
        return None
    parsed = parse_cell_number(cell.text, comma_thousands)
    return parsed.value if parsed is not None and parsed.kind == "number" else None


def _decimals(table: Table, row: int, cols: list[int]) -> int:
    """Decimal places shown in a row's parts: sums of rounded figures may miss by their rounding."""
    shown = [
        len(t.rsplit(",", 1)[1]) for col in cols if (c := table.cell_at(row, col)) and "," in (t := c.text.strip())
    ]
    return min(max(shown, default=0), 6)
