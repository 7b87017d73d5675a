"""Row numbering of plan tables: row markers (TT/STT) -> hierarchical row paths.

Markers come in styles: parts (A, B), Roman sections (I, II), Arabic items (1, 2) and dotted
items (1.2), lettered sub-items (a, b), bullets (-, +). A style's level is not fixed: it is the
order in which the styles first appear in the table (I, 1, a in a district plan; A, I, 1 in a cost
estimate; I, A, 1 in a register whose numbering restarts under each letter), and a style seen
again closes everything opened below it. A row's path joins its ancestors' keys (I.A.2, B.II.1);
numbers restart under each parent, so a path, not a number, is a row's key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.text import CAPITAL

ROMAN_RE = re.compile(r"^(?=[IVXLC])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
ARABIC_RE = re.compile(r"^\d+(?:\.\d+)*$")
LETTER_RE = re.compile(r"^[a-zđ]$")
BULLETS = {"-": "-", "–": "-", "—": "-", "+": "+", "*": "*", "•": "•"}
# A label that begins with its own marker: "1- Nhà làm việc", "a) Xây mới", "- Trường học", "I. Cụm ...".
# Part letters only A to F: "P. Bến Nghé", "Q. 1" abbreviate a ward or a district.
MARKER_IN_LABEL_RE = re.compile(
    r"^(?P<marker>(?:[IVXLC]+|[A-F]|\d+(?:\.\d+)*|[a-zđ])\s*[.)\-–:]|\(\s*(?:\d+|[a-zđ])\s*\)|[-–—+*•])"
    r"\s+(?P<rest>\S.*)$",
    re.DOTALL,
)


@dataclass(frozen=True)
class RowMarker:
    style: str  # A (part), I (Roman section), 1 (Arabic, dotted when parts > 1), a (letter), or a bullet
    parts: tuple[str, ...]

    @property
    def key(self) -> str:
        return ".".join(self.parts)


def read_marker(text: str, previous_letter: str | None = None) -> RowMarker | None:
    """'A' -> part, 'II' -> section, '2', '2.' or '(2)' -> item, '1.2' -> nested item, 'a' or 'a)' ->
    sub-item, '-' or '+' -> bullet. A capital that follows the previous part letter ('C' after 'B')
    is a part, not a Roman numeral."""
    raw = text.strip()
    if raw in BULLETS:
        return RowMarker(BULLETS[raw], ())
    token = raw.rstrip(".)-–:").replace(" ", "").strip("(")
    if not token:
        return None
    if len(token) == 1 and "A" <= token <= "Z":
        if previous_letter and ord(token) == ord(previous_letter) + 1:
            return RowMarker("A", (token,))
        if not ROMAN_RE.match(token):
            return RowMarker("A", (token,))
    if ROMAN_RE.match(token.upper()) and token.isupper():
        return RowMarker("I", (token.upper(),))
    if ARABIC_RE.match(token):
        return RowMarker("1", tuple(str(int(p)) for p in token.split(".")))
    if LETTER_RE.match(token.lower()) and len(token) == 1:
        return RowMarker("a", (token.lower(),))
    return None


# A heading row merged across the table may set its marker apart by a space only: "B Khu vực ...".
HEADING_MARKER_RE = re.compile(rf"^(?P<marker>[IVXLC]+|[A-F])\s+(?P<rest>{CAPITAL}\S*\s.*)$", re.DOTALL)


def split_marker(label: str, heading: bool = False) -> tuple[str, str]:
    """('1-', 'Nhà làm việc') from '1- Nhà làm việc'; ('', label) when the label opens with no
    marker. A `heading` (a row merged across the table) may separate its marker by a space alone."""
    match = MARKER_IN_LABEL_RE.match(label.strip()) or (HEADING_MARKER_RE.match(label.strip()) if heading else None)
    if match and read_marker(match["marker"]) is not None:
        return match["marker"].strip(), match["rest"].strip()
    return "", label


@dataclass
class _Open:
    style: str
    path: str
    bullets: int = 0  # bullets opened under this row so far


class RowPathBuilder:
    """Turns the sequence of row markers of one table into unique row paths and their parents."""

    def __init__(self) -> None:
        self.stack: list[_Open] = []
        self.last: str | None = None
        self.unmarked = 0
        self.seen: set[str] = set()
        self.part_letter: str | None = None

    def next_path(self, marker_text: str) -> tuple[str, str | None]:
        """The path of the next row and its parent's path (None at the top level)."""
        marker = read_marker(marker_text, self.part_letter)
        if marker is None:
            self.unmarked += 1
            return self.unique(f"{self.last or 'ROW'}~{self.unmarked}"), None
        if marker.style == "A":
            self.part_letter = marker.parts[0]
        self.unmarked = 0
        if marker.style == "1" and len(marker.parts) > 1:
            path, parent = self._dotted(marker)
        else:
            parent = self._close_to(marker.style)
            key = marker.key if marker.parts else self._bullet_key(marker.style, parent)
            path = f"{parent}.{key}" if parent else key
            self.stack.append(_Open(marker.style, path))
        self.last = path
        return self.unique(path), parent

    def _close_to(self, style: str) -> str | None:
        """Close the rows opened at or below `style`'s level; the parent path of a new row of it."""
        for depth, opened in enumerate(self.stack):
            if opened.style == style:
                del self.stack[depth:]
                break
        return self.stack[-1].path if self.stack else None

    def _bullet_key(self, style: str, parent: str | None) -> str:
        owner = self.stack[-1] if self.stack and self.stack[-1].path == parent else None
        count = 1
        if owner is not None:
            owner.bullets += 1
            count = owner.bullets
        return f"{style}{count}"

    def _dotted(self, marker: RowMarker) -> tuple[str, str | None]:
        """'1.2' under a section: a nested item below item 1 of that section (path I.1.2, parent I.1)."""
        sections = [opened.path for opened in self.stack if opened.style in ("A", "I")]
        section = sections[-1] if sections else None
        under = f"{section}." if section else ""
        return f"{under}{marker.key}", f"{under}{'.'.join(marker.parts[:-1])}"

    def unique(self, path: str) -> str:
        """`path`, or `path#2`, `path#3` ... when a row already has it."""
        candidate, n = path, 1
        while candidate in self.seen:
            n += 1
            candidate = f"{path}#{n}"
        self.seen.add(candidate)
        return candidate
