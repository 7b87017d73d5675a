"""PDF page layout: text lines -> paragraphs, side-by-side blocks and running headers.

Paragraphs are rebuilt from line geometry: a line continues the paragraph above when that line
runs to the right margin and this one starts at the left margin without indent, also across a
page break. Two-column blocks (the header block with issuer and date, the signature block) become
borderless layout tables, as they are in the DOCX.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pipeline.document import Alignment, Cell, FootnoteRef, Paragraph, Table
from pipeline.readers.pdf_lines import Line

MARGIN_ZONE = 0.07  # share of the page height where running headers and footers live
PAGE_NUMBER_RE = re.compile(r"^[-–\s]*(?:trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?[-–\s]*$", re.IGNORECASE)
PARAGRAPH_GAP_RATIO = 0.55  # a vertical gap above this share of the font size starts a new paragraph
BLOCK_GAP_RATIO = 2.5


@dataclass(frozen=True)
class Margins:
    left: float
    right: float

    @property
    def center(self) -> float:
        return (self.left + self.right) / 2


def margins_by_width(lines: list[Line], page_widths: dict[int, float], size: float) -> dict[float, Margins]:
    """Text margins for each page width (portrait and landscape pages differ)."""
    by_width: dict[float, list[Line]] = {}
    for line in lines:
        if abs(line.size - size) < 1:
            by_width.setdefault(page_widths[line.page], []).append(line)
    margins = {}
    for width, group in by_width.items():
        lefts = Counter(round(line.x0) for line in group)
        rights = sorted(line.x1 for line in group)
        margins[width] = Margins(float(lefts.most_common(1)[0][0]), rights[int(0.9 * (len(rights) - 1))])
    return margins


def is_running_text(line: Line, page_height: float, repeated: set[str]) -> bool:
    """Page numbers and lines repeated at the top or bottom of many pages are not body text."""
    in_margin = line.top < MARGIN_ZONE * page_height or line.bottom > (1 - MARGIN_ZONE) * page_height
    return in_margin and (bool(PAGE_NUMBER_RE.match(line.text)) or _margin_key(line.text) in repeated)


def repeated_margin_texts(lines: list[Line], page_heights: dict[int, float], pages: int) -> set[str]:
    counts: Counter[str] = Counter()
    for line in lines:
        height = page_heights[line.page]
        if line.top < MARGIN_ZONE * height or line.bottom > (1 - MARGIN_ZONE) * height:
            counts[_margin_key(line.text)] += 1
    return {text for text, n in counts.items() if pages >= 3 and n >= max(3, pages // 2)}


def _margin_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _sides(line: Line, center: float) -> tuple[str, str] | None:
    """(left text, right text) for a line of a two-column block, or None for a full-width line."""
    left = [s.text for s in line.segments if s.x1 <= center]
    right = [s.text for s in line.segments if s.x0 >= center]
    if len(left) + len(right) != len(line.segments):
        return None
    return " ".join(left), " ".join(right)


def split_layout_blocks(lines: list[Line], center: float, size: float) -> list[Line | Table]:
    """Replace runs of two-column lines by borderless layout tables (one row, two cells)."""
    out: list[Line | Table] = []
    run: list[tuple[Line, tuple[str, str]]] = []

    def flush() -> None:
        if any(left and right for _, (left, right) in run):
            left_text = "\n".join(left for _, (left, _r) in run if left)
            right_text = "\n".join(right for _, (_l, right) in run if right)
            page = run[0][0].page
            out.append(Table([Cell(0, 0, left_text), Cell(0, 1, right_text)], 1, 2, 0, True, page, page))
        else:
            out.extend(line for line, _ in run)
        run.clear()

    for line in lines:
        sides = _sides(line, center)
        close = not run or (line.page == run[-1][0].page and line.top - run[-1][0].bottom < BLOCK_GAP_RATIO * size)
        if sides is not None and close:
            run.append((line, sides))
            continue
        flush()
        if sides is not None:
            run.append((line, sides))
        else:
            out.append(line)
    flush()
    return out


def _continues(previous: Line, line: Line, margins: Margins, previous_margins: Margins) -> bool:
    if abs(previous.size - line.size) > 0.6 or previous.bold != line.bold:
        return False
    if line.page == previous.page and line.top - previous.bottom > PARAGRAPH_GAP_RATIO * line.size:
        return False
    full = previous.x1 >= previous_margins.right - line.size
    flush_left = line.x0 <= margins.left + 0.5 * line.size
    if full and flush_left:
        return True
    # Centred titles wrap onto centred lines.
    return (
        line.page == previous.page
        and _alignment(previous, previous_margins) == "center"
        and _alignment(line, margins) == "center"
        and previous.x1 - previous.x0 >= 0.8 * (previous_margins.right - previous_margins.left)
    )


def _alignment(line: Line, margins: Margins) -> Alignment:
    middle = (line.x0 + line.x1) / 2
    if line.x0 > margins.left + 0.3 * line.size and abs(middle - margins.center) < 0.5 * line.size:
        return "center"
    if line.x1 >= margins.right - line.size and line.x0 > margins.center:
        return "right"
    return "justify" if line.x1 >= margins.right - line.size else "left"


def lines_to_blocks(items: list[Line | Table], margins_of: dict[int, Margins]) -> list[Paragraph | Table]:
    """Group lines into paragraphs in reading order; tables pass through and end a paragraph."""
    blocks: list[Paragraph | Table] = []
    current: list[Line] = []

    def flush() -> None:
        if current:
            blocks.append(_paragraph(current, margins_of[current[0].page]))
            current.clear()

    for item in items:
        if isinstance(item, Table):
            flush()
            blocks.append(item)
        elif current and _continues(current[-1], item, margins_of[item.page], margins_of[current[-1].page]):
            current.append(item)
        else:
            flush()
            current.append(item)
    flush()
    return blocks


def _paragraph(lines: list[Line], margins: Margins) -> Paragraph:
    text = ""
    refs: list[FootnoteRef] = []
    for line in lines:
        if text:
            text += " "
        refs.extend(FootnoteRef(number, len(text) + offset) for number, offset in line.markers)
        text += line.text
    alignment = _alignment(lines[0], margins) if len(lines) == 1 else "justify"
    if len(lines) > 1 and all(_alignment(line, margins) == "center" for line in lines):
        alignment = "center"
    return Paragraph(
        text=text,
        bold=all(line.bold for line in lines),
        italic=all(line.italic for line in lines),
        alignment=alignment,
        footnote_refs=refs,
        page=lines[0].page,
    )
