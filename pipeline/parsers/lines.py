"""What each annex line is: rows and columns -> their kinds (total, baseline, target, of which), what
their figures count, and whether they say their figures are rounded.

Decided once here, from the words of the labels (pipeline.vocabulary), so that checks join on
columns instead of matching label text: a row labelled 'Kết quả thực hiện đến hết năm 2020' is a
baseline, 'Kế hoạch giai đoạn 2021 - 2025' a target, a line about 'thôn' counts villages.
"""

from __future__ import annotations

from pipeline.parsers.columns import FIGURE_ROLES, Column
from pipeline.parsers.table_rows import Row
from pipeline.vocabulary import counted_words, has_kind

COUNTED_SEPARATOR = "; "


def line_kind(label: str, context: str, is_total: bool) -> str | None:
    """What a line is: baseline or target from the words of its label read with its context (a
    result line that mentions the plan, 'Kết quả thực hiện kế hoạch', is a baseline), of_which from
    its own label ('Trong đó: ...'), total for a total line that says none of these."""
    text = f"{context} / {label}" if context else label
    if has_kind(text, "baseline", "row"):
        return "baseline"
    if has_kind(label, "of_which", "row"):
        return "of_which"
    if has_kind(text, "target", "row"):
        return "target"
    return "total" if is_total else None


def row_context(row: Row, by_path: dict[str, Row]) -> str:
    """A row's parent's label (II.2 'Kế hoạch ...' is read under II 'Thôn đạt chuẩn ...')."""
    parent = by_path.get(row.parent or "")
    return parent.label if parent is not None and not parent.is_total else ""


def row_kind(row: Row, by_path: dict[str, Row]) -> str | None:
    return line_kind(row.label, row_context(row, by_path), row.is_total)


def column_kind(column: Column, title: str) -> str | None:
    """A figure column is read with the table's title, which often alone names the measure or the
    period; marker, label and text columns have no kind."""
    if column.role not in FIGURE_ROLES:
        return None
    return line_kind(column.label, title, column.role == "total")


def counted(text: str) -> str | None:
    """What a line's figures count, from its labels: 'thôn; xã'."""
    return COUNTED_SEPARATOR.join(counted_words(text)) or None


def row_counted(row: Row, by_path: dict[str, Row]) -> str | None:
    context = row_context(row, by_path)
    return counted(f"{context} / {row.label}" if context else row.label)


def column_counted(column: Column, title: str) -> str | None:
    return counted(f"{column.label} / {title}")


def is_rounded(*labels: str) -> bool:
    """Whether a figure's row or column says it is rounded ('Tổng mức đầu tư (làm tròn)')."""
    return any(has_kind(label, "rounded", "row") for label in labels)
