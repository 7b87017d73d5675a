"""Where a figure is printed on a page: the words of the page -> the box of a figure's text, found
next to its row's label (and under its column's header when that is found too).

Cell positions are not stored by the readers, so the report finds them again at report time from
what the checks recorded: the figure as printed ('25.785.053'), its row's label and its column.
A figure printed more than once on the page is told apart by the label on its line. Pure
functions over boxes in PDF points (top-left origin, as pdfplumber gives them).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# Words of one printed line: their tops differ by less than this (points).
SAME_LINE = 3.0
LABEL_TOKENS = 4  # the first words of a label are enough to find it, and survive line wrapping
MIN_LABEL_TOKENS = 2
# Figures of three or more digits are compared by their digits alone: an OCR reading may differ in
# a separator ('18.239,117.000'), never a born-digital one in its digits.
DIGITS_ENOUGH = 3
NUMBER_RE = re.compile(r"\d[\d.,]*\d|\d")
EDGE_PUNCTUATION = "()[]{}\"'“”‘’:;,."


@dataclass(frozen=True)
class Box:
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    def union(self, other: Box) -> Box:
        return Box(min(self.x0, other.x0), min(self.top, other.top), max(self.x1, other.x1),
                   max(self.bottom, other.bottom))  # fmt: skip

    def contains_point(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom


@dataclass(frozen=True)
class Word:
    text: str
    box: Box


@dataclass(frozen=True)
class Wanted:
    """A figure to find: its printed text, the label of its row (or the clause of a claim) and
    the last level of its column's header."""

    text: str
    label: str | None = None
    column: str | None = None


def normalized(text: str) -> str:
    """Case, composition and surrounding punctuation set aside: '(86,83%)' and '86,83%' agree."""
    return unicodedata.normalize("NFC", text).casefold().strip(EDGE_PUNCTUATION)


def digits_of(text: str) -> str:
    return re.sub(r"\D", "", text)


def union_of(boxes: Sequence[Box]) -> Box:
    result = boxes[0]
    for box in boxes[1:]:
        result = result.union(box)
    return result


def _windows(words: Sequence[Word], size: int) -> list[tuple[int, list[Word]]]:
    """Runs of up to `size` consecutive words on one line, from each word."""
    runs = []
    for start, first in enumerate(words):
        run = [first]
        runs.append((start, list(run)))
        for word in words[start + 1 : start + size]:
            if abs(word.box.top - first.box.top) > SAME_LINE or word.box.x0 < run[-1].box.x0:
                break
            run.append(word)
            runs.append((start, list(run)))
    return runs


def text_candidates(words: Sequence[Word], text: str) -> list[Box]:
    """Boxes of every place the text is printed on the page, split over words or not."""
    target = "".join(normalized(t) for t in text.split())
    digits = digits_of(text)
    by_digits = len(digits) >= DIGITS_ENOUGH and len(digits) * 2 >= len(target)
    if not target:
        return []
    found = []
    for _start, run in _windows(words, len(text.split()) + 2):
        joined = "".join(normalized(w.text) for w in run)
        if joined == target or (by_digits and digits_of(joined) == digits and _only_figure(joined)):
            found.append(union_of([w.box for w in run]))
    return _outermost_first(found)


def _only_figure(text: str) -> bool:
    """Digits and separators only: a date or a code holding the same digits is no figure."""
    return re.fullmatch(r"[-+−(]?[\d.,\s%]+\)?", text) is not None


def _outermost_first(boxes: list[Box]) -> list[Box]:
    """One box per place: a run that extends a shorter run at the same place replaces it."""
    kept: list[Box] = []
    for box in sorted(boxes, key=lambda b: (b.top, b.x0, -(b.x1 - b.x0))):
        if any(abs(k.top - box.top) <= SAME_LINE and k.x0 <= box.x0 and box.x1 <= k.x1 for k in kept):
            continue
        kept.append(box)
    return kept


def phrase_boxes(words: Sequence[Word], phrase: str | None) -> list[Box]:
    """Where a label (its first words) is printed; nothing for a label too short to tell."""
    tokens = [normalized(t) for t in (phrase or "").split()[:LABEL_TOKENS]]
    tokens = [t for t in tokens if t]
    if not tokens:
        return []
    needed = min(MIN_LABEL_TOKENS, len(tokens))
    found = []
    for _start, run in _windows(words, len(tokens)):
        texts = [normalized(w.text) for w in run]
        if len(texts) >= needed and texts == tokens[: len(texts)]:
            found.append(union_of([w.box for w in run]))
    return _outermost_first(found)


def _distance(box: Box, anchors: list[Box], vertical: bool) -> float:
    """How far a box is from the nearest anchor, across rows (vertical) or across columns."""
    if not anchors:
        return 0.0
    if vertical:
        return min(max(a.top - box.middle, box.middle - a.bottom, 0.0) for a in anchors)
    return min(abs(a.centre - box.centre) for a in anchors)


def locate(words: Sequence[Word], wanted: Wanted, taken: Sequence[Box] = ()) -> tuple[Box, Box | None] | None:
    """The box of the figure and of its label (None when the label was not found), or None when
    the figure is not on the page or cannot be told apart from another printing of it."""
    candidates = [c for c in text_candidates(words, wanted.text) if c not in taken]
    figures = NUMBER_RE.findall(wanted.text)
    if not candidates and len(wanted.text.split()) > 1 and figures:
        # Words with the figure ('2.781 hộ') or a sum written out that wraps over two lines: its
        # last figure (the result) stands for it.
        candidates = [c for c in text_candidates(words, figures[-1]) if c not in taken]
    if not candidates:
        return None
    labels = phrase_boxes(words, wanted.label)
    header = (wanted.column or "").split(" / ")[-1]
    columns = phrase_boxes(words, header)
    if len(candidates) > 1 and not labels and not columns:
        return None  # printed twice and nothing to tell which
    best = min(candidates, key=lambda c: (round(_distance(c, labels, True) / SAME_LINE), _distance(c, columns, False)))
    label = min(labels, key=lambda a: abs(a.middle - best.middle)) if labels else None
    return best, label
