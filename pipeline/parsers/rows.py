"""Row numbering of plan tables: the TT/STT column's markers into hierarchical row paths.

Roman numerals open sections (I, II), Arabic numbers are items within the current section
(I.1, I.2; numbers restart in each section), letters are sub-items (I.1.a). Dotted numbers
("1.2") are read as nested items under the current section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ROMAN_RE = re.compile(r"^(?=[IVXLC])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
ARABIC_RE = re.compile(r"^\d+(?:\.\d+)*$")
LETTER_RE = re.compile(r"^[a-zđ]$")


@dataclass(frozen=True)
class RowMarker:
    level: int  # 0 part (A, B), 1 section (I, II), 2 item, 3 nested item, 9 lettered sub-item
    parts: tuple[str, ...]


def read_marker(text: str) -> RowMarker | None:
    """'A' -> part, 'II' -> section, '2' or '2.' -> item, '1.2' -> nested item, 'a' or 'a)' -> sub-item."""
    token = text.strip().rstrip(".)").replace(" ", "").strip("(")
    if not token:
        return None
    if ROMAN_RE.match(token.upper()) and token.isupper():
        return RowMarker(1, (token.upper(),))
    if len(token) == 1 and "A" <= token <= "Z":
        return RowMarker(0, (token,))
    if ARABIC_RE.match(token):
        parts = tuple(str(int(p)) for p in token.split("."))
        return RowMarker(1 + len(parts), parts)
    if LETTER_RE.match(token.lower()) and len(token) == 1:
        return RowMarker(9, (token.lower(),))
    return None


class RowPathBuilder:
    """Turns the sequence of row markers of one table into unique row paths.

    Capital letters are parts above the sections (A, B, C: 'C' after 'B' is a part, not the
    Roman hundred); sections and items nest under the current part (A.1, B.I.2)."""

    def __init__(self) -> None:
        self.part: str | None = None
        self.section: str | None = None
        self.item: str | None = None
        self.last: str | None = None
        self.unmarked = 0
        self.seen: set[str] = set()

    def next_path(self, marker_text: str) -> tuple[str, str | None]:
        """The path of the next row and its parent's path (None at the top level)."""
        marker = read_marker(marker_text)
        letter = marker.parts[0] if marker is not None and marker.level == 1 else ""
        if self.part and len(letter) == 1 and ord(letter) == ord(self.part) + 1:
            marker = RowMarker(0, (letter,))
        parent: str | None
        if marker is None:
            self.unmarked += 1
            anchor = self.last or "ROW"
            path, parent = f"{anchor}~{self.unmarked}", None
        elif marker.level == 0:
            self.part, self.section, self.item = marker.parts[0], None, None
            path, parent = self.part, None
        elif marker.level == 1:
            parent = self.part
            self.section, self.item = self._under(parent, marker.parts[0]), None
            path = self.section
        elif marker.level == 9:
            parent = self.item or self.section or self.part
            path = self._under(parent, marker.parts[0])
        else:
            parent = self.section or self.part
            if len(marker.parts) > 1:
                parent = self._under(parent, ".".join(marker.parts[:-1]))
            path = self._under(self.section or self.part, ".".join(marker.parts))
            if len(marker.parts) == 1:
                self.item = path
        if marker is not None:
            self.last, self.unmarked = path, 0
        return self._unique(path), parent

    @staticmethod
    def _under(parent: str | None, key: str) -> str:
        return f"{parent}.{key}" if parent else key

    def _unique(self, path: str) -> str:
        candidate, n = path, 1
        while candidate in self.seen:
            n += 1
            candidate = f"{path}#{n}"
        self.seen.add(candidate)
        return candidate
