"""Word automatic numbering: a paragraph's list properties (w:numPr) -> the number Word displays.

A TT column numbered by a Word list holds no number in its text: Word draws "1.", "II.", "a)"
from numbering.xml. This module keeps the counters of every list as the body is read in order
and renders each numbered paragraph's label as Word would (decimal, Roman and letter formats,
multi-level templates such as "%1.%2.", restarts of deeper levels, start overrides).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from pipeline.readers.safety import safe_xml_parser
from pipeline.readers.word.ooxml import NS, W

ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
         (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip
MAX_LEVELS = 9


def to_roman(number: int) -> str:
    out = []
    for value, symbol in ROMAN:
        while number >= value:
            out.append(symbol)
            number -= value
    return "".join(out)


def to_letters(number: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (Word repeats the letter)."""
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "upperRoman": to_roman,
    "lowerRoman": lambda n: to_roman(n).lower(),
    "upperLetter": lambda n: to_letters(n).upper(),
    "lowerLetter": to_letters,
}


@dataclass(frozen=True)
class Level:
    start: int
    fmt: str
    text: str  # Word's template: "%1.", "%1.%2.", "(%1)"
    restart: int | None  # w:lvlRestart: restart after this level (1-based); None: after any higher level


@dataclass
class _List:
    levels: dict[int, Level]
    counters: list[int | None] = field(default_factory=lambda: [None] * MAX_LEVELS)


class Numbering:
    """Counters of every list of one document; `label` advances them in reading order."""

    def __init__(self, numbering_xml: bytes | None, style_numbering: dict[str, tuple[str, int]]) -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        self.num_abstract: dict[str, str] = {}
        self.overrides: dict[str, dict[int, int]] = {}
        self.lists: dict[str, _List] = {}
        self.style_numbering = style_numbering
        if numbering_xml:
            self._read(etree.fromstring(numbering_xml, safe_xml_parser()))

    def _read(self, root: Any) -> None:
        for abstract in root.iterfind("w:abstractNum", NS):
            levels = {}
            for lvl in abstract.iterfind("w:lvl", NS):
                restart = _val(lvl.find("w:lvlRestart", NS))
                levels[int(lvl.get(f"{W}ilvl", "0"))] = Level(
                    start=int(_val(lvl.find("w:start", NS)) or 1),
                    fmt=_val(lvl.find("w:numFmt", NS)) or "decimal",
                    text=_val(lvl.find("w:lvlText", NS)) or "",
                    restart=int(restart) if restart is not None else None,
                )
            self.abstract[abstract.get(f"{W}abstractNumId", "")] = levels
        for num in root.iterfind("w:num", NS):
            num_id = num.get(f"{W}numId", "")
            self.num_abstract[num_id] = _val(num.find("w:abstractNumId", NS)) or ""
            starts = {}
            for override in num.iterfind("w:lvlOverride", NS):
                start = _val(override.find("w:startOverride", NS))
                if start is not None:
                    starts[int(override.get(f"{W}ilvl", "0"))] = int(start)
            self.overrides[num_id] = starts

    def label(self, p: Any, style_id: str | None) -> str | None:
        """The number Word displays before paragraph `p`, advancing its list; None if unnumbered."""
        num_id, level = self._properties(p, style_id)
        if not num_id or num_id == "0" or num_id not in self.num_abstract:
            return None
        levels = self.abstract.get(self.num_abstract[num_id], {})
        definition = levels.get(level)
        if definition is None or definition.fmt in ("bullet", "none"):
            return None
        current = self.lists.setdefault(num_id, _List(levels))
        self._advance(num_id, current, level)
        return self._render(current, level)

    def _properties(self, p: Any, style_id: str | None) -> tuple[str | None, int]:
        num_pr = p.find("w:pPr/w:numPr", NS)
        if num_pr is not None:
            num_id = _val(num_pr.find("w:numId", NS))
            level = _val(num_pr.find("w:ilvl", NS))
            return num_id, int(level) if level is not None else 0
        if style_id and style_id in self.style_numbering:
            return self.style_numbering[style_id]
        return None, 0

    def _advance(self, num_id: str, current: _List, level: int) -> None:
        counter = current.counters[level]
        start = self.overrides.get(num_id, {}).get(level, current.levels[level].start)
        current.counters[level] = start if counter is None else counter + 1
        for deeper in range(level + 1, MAX_LEVELS):
            restart = current.levels[deeper].restart if deeper in current.levels else None
            if restart is None or restart > level:
                current.counters[deeper] = None

    @staticmethod
    def _render(current: _List, level: int) -> str:
        text = current.levels[level].text
        for shown in range(level + 1):
            definition = current.levels.get(shown)
            value = current.counters[shown]
            if definition is None:
                continue
            number = value if value is not None else definition.start
            text = text.replace(f"%{shown + 1}", FORMATS.get(definition.fmt, str)(number))
        return text.strip()


def _val(element: Any) -> str | None:
    return None if element is None else element.get(f"{W}val")


def style_numbering(styles_root: Any | None) -> dict[str, tuple[str, int]]:
    """Paragraph styles that number their paragraphs: style id -> (numId, level)."""
    found: dict[str, tuple[str, int]] = {}
    if styles_root is None:
        return found
    for style in styles_root.iterfind("w:style", NS):
        num_pr = style.find("w:pPr/w:numPr", NS)
        num_id = _val(num_pr.find("w:numId", NS)) if num_pr is not None else None
        if num_pr is not None and num_id:
            level = _val(num_pr.find("w:ilvl", NS))
            found[style.get(f"{W}styleId", "")] = (num_id, int(level) if level is not None else 0)
    return found
