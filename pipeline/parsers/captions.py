"""Annex captions: the paragraphs above a table -> its title, its label (Biểu 02, Phụ lục II) and the
measure a caption line states ("Đơn vị tính: triệu đồng")."""

from __future__ import annotations

import re

from pipeline.document import Document, Paragraph, Table
from pipeline.parsers.columns import measure_caption
from pipeline.text import normalize_text
from pipeline.vocabulary import alternation, document_part_words

TITLE_MAX_PARAGRAPHS = 3
FALLBACK_TITLE_MAX_CHARS = 150
ANNEX_LABEL_RE = re.compile(
    rf"\b({alternation(document_part_words('annex'))})(?:\s+số)?\s*:?\s*([0-9]+[a-z]?|[IVXLC]+)\b", re.I
)


def annex_label(title: str) -> str | None:
    """'BIỂU SỐ 02 ...' -> 'Biểu 02'; 'Phụ lục II' -> 'Phụ lục II'."""
    match = ANNEX_LABEL_RE.search(title)
    return f"{match.group(1).capitalize()} {match.group(2).upper()}" if match else None


def table_title(doc: Document, table: Table) -> tuple[str, str | None]:
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
