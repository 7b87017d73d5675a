"""PDF page layout: text lines -> paragraphs, side-by-side blocks and running headers.

Paragraphs are rebuilt from line geometry: a line continues the paragraph above when that line
runs to the right margin and this one starts at the left margin without indent, also across a
page break. Two-column blocks (the header block with issuer and date, the signature block) become
borderless layout tables, as they are in the DOCX.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline.document import Alignment, Cell, FootnoteRef, Paragraph, Table
from pipeline.readers.pdf.lines import Line, Segment

MARGIN_ZONE = 0.07  # share of the page height where running headers and footers live
PAGE_NUMBER_RE = re.compile(r"^[-–\s]*(?:trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?[-–\s]*$", re.IGNORECASE)
PARAGRAPH_GAP_RATIO = 0.55  # a vertical gap above this share of the font size starts a new paragraph
BLOCK_GAP_RATIO = 2.5  # lines of one block are at most this many font sizes apart
SIDE_BY_SIDE_RATIO = 0.9  # two one-column lines this close in height sit side by side


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


@dataclass
class _Block:
    """A two-column block being grown: the gutter lies between `lo` and `hi`."""

    lo: float
    hi: float
    sides: dict[int, tuple[list[str], list[str]]]
    size: float
    page_center: float
    anchors: dict[str, Segment] = field(default_factory=dict)  # first segment placed on each side

    def _aligned(self, side: str, segment: Segment) -> bool:
        """A column's lines share its alignment: centre, left edge or right edge."""
        anchor = self.anchors.get(side)
        if anchor is None:
            return True
        tolerance = self.size
        centred = abs((segment.x0 + segment.x1) / 2 - (anchor.x0 + anchor.x1) / 2) <= 3 * tolerance
        return centred or abs(segment.x0 - anchor.x0) <= tolerance or abs(segment.x1 - anchor.x1) <= tolerance

    @property
    def middle(self) -> float:
        return (self.lo + self.hi) / 2

    def place(self, index: int, line: Line, max_width: float) -> bool:
        """Put each segment of the line on a side of the gutter; False if one crosses it."""
        lo, hi, middle = self.lo, self.hi, self.middle
        left: list[str] = []
        right: list[str] = []
        placed: dict[str, Segment] = {}
        for segment in line.segments:
            if segment.x1 - segment.x0 > max_width:
                return False
            if self.anchors and abs((segment.x0 + segment.x1) / 2 - self.page_center) < 0.5 * self.size:
                return False  # centred on the page: a title under the block, not a column line
            # A centred title crosses the gutter's middle; a column's text stays on its side of it.
            near_left = segment.x0 < lo or segment.x1 - lo <= hi - segment.x0
            if segment.x1 <= min(hi, middle + self.size) and near_left and self._aligned("left", segment):
                left.append(segment.text)
                lo = max(lo, segment.x1)
                placed.setdefault("left", segment)
            elif segment.x0 >= max(lo, middle - self.size) and self._aligned("right", segment):
                right.append(segment.text)
                hi = min(hi, segment.x0)
                placed.setdefault("right", segment)
            else:
                return False
        if lo >= hi:
            return False
        self.lo, self.hi = lo, hi
        for side, segment in placed.items():
            self.anchors.setdefault(side, segment)
        self.sides[index] = (left, right)
        return True


def _anchor(lines: list[Line], index: int, max_width: float, size: float, page_center: float) -> _Block | None:
    """A line split by a wide gap, or two lines side by side at (nearly) the same height, starts a
    two-column block."""
    line = lines[index]
    if len(line.segments) >= 2:
        gaps = [(b.x0 - a.x1, a, b) for a, b in zip(line.segments, line.segments[1:], strict=False)]
        _gap, before, after = max(gaps, key=lambda g: g[0])
        block = _Block(before.x1, after.x0, {}, size, page_center)
        return block if block.place(index, line, max_width) else None
    if index + 1 < len(lines):
        other = lines[index + 1]
        beside = other.page == line.page and abs(other.top - line.top) < SIDE_BY_SIDE_RATIO * size
        if len(other.segments) == 1 and beside:
            first, second = sorted((line, other), key=lambda item: item.x0)
            if first.x1 < second.x0:
                block = _Block(first.x1, second.x0, {}, size, page_center)
                if block.place(index, line, max_width) and block.place(index + 1, other, max_width):
                    return block
    return None


def _close(a: Line, b: Line, size: float) -> bool:
    return a.page == b.page and abs(b.top - a.bottom) < BLOCK_GAP_RATIO * size


def _ends_wrapped_paragraph(lines: list[Line], index: int, margins: Margins, size: float) -> bool:
    """The short last line of a body paragraph (the line above it runs to the right margin) is
    not a line of the block beneath it, however close."""
    if index == 0:
        return False
    above = lines[index - 1]
    full_width = above.x1 >= margins.right - size and above.x0 < margins.left + (margins.right - margins.left) / 4
    return above.page == lines[index].page and full_width


def split_layout_blocks(lines: list[Line], size: float, margins: Margins) -> list[Line | Table]:
    """Replace two-column runs of lines (a header or signature block) by borderless layout tables."""
    max_width = 0.6 * (margins.right - margins.left)
    out: list[Line | Table] = []
    index = 0
    while index < len(lines):
        block = _anchor(lines, index, max_width, size, margins.center)
        if block is None:
            out.append(lines[index])
            index += 1
            continue
        start = index
        while (
            start > 0
            and _close(lines[start - 1], lines[start], size)
            and not _ends_wrapped_paragraph(lines, start - 1, margins, size)
            and block.place(start - 1, lines[start - 1], max_width)
        ):
            start -= 1
            if out and out[-1] is lines[start]:
                out.pop()
        end = max(block.sides) + 1
        while end < len(lines) and _close(lines[end - 1], lines[end], size) and block.place(end, lines[end], max_width):
            end += 1
        ordered = [block.sides[i] for i in range(start, end)]
        left_text = "\n".join(t for left, _right in ordered for t in left)
        right_text = "\n".join(t for _left, right in ordered for t in right)
        page = lines[start].page
        out.append(Table([Cell(0, 0, left_text), Cell(0, 1, right_text)], 1, 2, 0, True, page, page))
        index = end
    return out


def _continues(previous: Line, line: Line, margins: Margins, previous_margins: Margins) -> bool:
    if abs(previous.size - line.size) > 0.6 or previous.bold != line.bold:
        return False
    if line.page == previous.page and line.top - previous.bottom > PARAGRAPH_GAP_RATIO * line.size:
        return False
    flush_left = line.x0 <= margins.left + 0.5 * line.size
    if flush_left and previous.x1 + _room_needed(line) > previous_margins.right:
        return True
    # Centred titles wrap onto centred lines.
    return (
        line.page == previous.page
        and _alignment(previous, previous_margins) in ("center", "justify")
        and _alignment(line, margins) == "center"
        and previous.x1 - previous.x0 + _room_needed(line) > previous_margins.right - previous_margins.left
    )


def _room_needed(line: Line) -> float:
    """Width a line's first word would have needed, with its space, on the line above; a line
    wraps when that room was missing (the renderer breaks lines at spaces)."""
    words = line.text.split()
    if not words:
        return 0.0
    first_word = (line.x1 - line.x0) * len(words[0]) / len(line.text)
    return 0.25 * line.size + first_word


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
