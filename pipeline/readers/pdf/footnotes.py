"""PDF footnote areas: the text under a short rule at a page's bottom -> numbered footnotes.

A footnote begins with its number (raised, or set before the text); a block of footnote text
that does not begin with the next number continues the previous footnote, across pages too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pipeline.document import Footnote
from pipeline.readers.pdf.layout import is_running_text
from pipeline.readers.pdf.lines import Char, build_line, group_lines

RULE_MAX_HEIGHT = 1.5
RULE_WIDTH_RANGE = (0.08, 0.5)  # share of the page width: a footnote separator is a short rule
LEADING_NUMBER_RE = re.compile(r"^(\d{1,3})\s*(?=\S)")


@dataclass
class FootnoteCollector:
    """Accumulates footnotes page by page, so one running onto the next page stays one footnote."""

    footnotes: list[Footnote]

    @property
    def next_number(self) -> str:
        return str(int(self.footnotes[-1].number) + 1) if self.footnotes else "1"

    def add_lines(self, chars: list[Char], page: int, page_height: float) -> None:
        for line_chars in group_lines(chars):
            expected = self.next_number
            line = build_line(line_chars, page, {expected})
            if is_running_text(line, page_height, set()):
                continue  # the page number in the footer, below the footnotes
            text = line.text
            starts = any(number == expected and offset == 0 for number, offset in line.markers)
            if not starts:
                match = LEADING_NUMBER_RE.match(text)
                if match and match.group(1) == expected and _number_is_set_apart(line_chars, expected):
                    starts, text = True, text[match.end() :]
            if starts:
                self.footnotes.append(Footnote(number=expected, text=text.strip(), page=page))
            elif self.footnotes:
                previous = self.footnotes[-1]
                previous.text = f"{previous.text} {text.strip()}".strip()


def _number_is_set_apart(chars: list[Char], number: str) -> bool:
    """The leading number is a footnote mark, not the footnote's first word: it is set in a
    different size than the text after it, or separated from it by a gap."""
    visible = [c for c in chars if c["text"].strip()]
    if len(visible) <= len(number):
        return False
    mark, first_text = visible[len(number) - 1], visible[len(number)]
    resized = abs(mark["size"] - first_text["size"]) > 0.5
    return bool(resized or first_text["x0"] - mark["x1"] > 0.15 * first_text["size"])


def footnote_rule_top(page: Any, body_size: float) -> float | None:
    """Top of the footnote separator: a short horizontal rule in the lower half of the page with
    smaller text below it. None when the page has no footnote area."""
    width = float(page.width)
    candidates = []
    for shape in list(page.rects) + list(page.lines):
        height = abs(shape["bottom"] - shape["top"])
        share = (shape["x1"] - shape["x0"]) / width
        short_rule = height <= RULE_MAX_HEIGHT and RULE_WIDTH_RANGE[0] <= share <= RULE_WIDTH_RANGE[1]
        if short_rule and shape["top"] > page.height / 2:
            candidates.append(shape["top"])
    for top in sorted(candidates):
        below = [c for c in page.chars if c["top"] > top and c["text"].strip()]
        if below and _median_size(below) < body_size - 0.5:
            return float(top)
    return None


def _median_size(chars: list[Char]) -> float:
    sizes = sorted(c["size"] for c in chars)
    return float(sizes[len(sizes) // 2])
