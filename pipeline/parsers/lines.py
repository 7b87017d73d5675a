"""What each annex line is: annex cells -> the same cells with their row and column kinds, what their
figures count, and the kind and scale of their measure.

Decided once here, from the words of the labels (pipeline.vocabulary), so that checks join on
columns instead of matching label text: a row labelled 'Kết quả thực hiện đến hết năm 2020' is a
baseline, 'Kế hoạch giai đoạn 2021 - 2025' a target, a line about 'thôn' counts villages.
"""

from __future__ import annotations

from pipeline.records import AnnexCellRow, AnnexTableRow
from pipeline.vocabulary import counted_words, has_kind, measure_of

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


def classify_lines(table: AnnexTableRow, cells: list[AnnexCellRow]) -> None:
    """Fill row_kind, column_kind, counted, is_rounded, measure_kind and measure_scale of one table's cells.

    A row is read with its parent's label (II.2 'Kế hoạch từ năm 2021 - 2025' under II 'Thôn đạt
    chuẩn'); a column with the table's title, which often alone names the measure. Where units are
    columns, a line is a row and counts what its labels name; where units are rows, a line is a
    column, and counts what its header and the title name."""
    labels = {cell.row_path: cell.row_label or "" for cell in cells}
    title = table.title or ""
    for cell in cells:
        parent = labels.get(cell.parent_path or "", "")
        row_text = f"{parent} / {cell.row_label or ''}" if parent else cell.row_label or ""
        column_text = f"{cell.column_label} / {title}"
        cell.row_kind = line_kind(cell.row_label or "", parent, cell.row_is_total)
        cell.column_kind = line_kind(cell.column_label, title, cell.column_is_total)
        counted = counted_words(column_text if table.unit_axis == "row" else row_text)
        cell.counted = COUNTED_SEPARATOR.join(counted) or None
        cell.is_rounded = any(has_kind(label, "rounded", "row") for label in (cell.row_label or "", cell.column_label))
        measure = measure_of(cell.measure)
        cell.measure_kind, cell.measure_scale = (measure.kind, measure.scale) if measure else (None, None)
