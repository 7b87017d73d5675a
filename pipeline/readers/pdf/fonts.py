"""PDF glyphs in legacy Vietnamese fonts: characters whose font is a TCVN3 (`.VnTime`) or VNI
(`VNI-Times`) one, converted to Unicode in place before anything reads them; when the font names
say nothing (a PDF made from a document whose fonts were swapped), the text itself may.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from pipeline.readers.legacy_fonts import LegacyFont, conversion_table, detect_encoding, legacy_font, to_unicode
from pipeline.readers.pdf.lines import Char


def font_name(char: Char) -> str:
    """The font's name without its subset tag ('ABCDEF+.VnTime' -> '.VnTime')."""
    name = str(char.get("fontname", ""))
    return name.split("+", 1)[1] if "+" in name[:8] else name


def _convert(chars: list[Char], font_of: Callable[[Char], LegacyFont | None], counts: Counter[str]) -> None:
    for index, char in enumerate(chars):
        legacy = font_of(char)
        if legacy is None or not char["text"]:
            continue
        following = chars[index + 1] if index + 1 < len(chars) else None
        if legacy.encoding == "vni" and following is not None and font_of(following) == legacy:
            pair = char["text"] + following["text"]
            if pair in conversion_table("vni"):
                # VNI draws a marked letter as the letter and then its mark: one character, the mark's emptied.
                char["text"], following["text"] = to_unicode(pair, "vni"), ""
                counts[font_name(char)] += 1
                continue
        char["text"] = to_unicode(char["text"], legacy.encoding, legacy.upper)
        counts[font_name(char)] += 1


def convert_legacy_chars(pages: list[Any]) -> list[str]:
    """Convert every page's legacy-font characters to Unicode; the reading notes it earns."""
    counts: Counter[str] = Counter()
    for page in pages:
        _convert(page.chars, lambda char: legacy_font(font_name(char)), counts)
    if counts:
        return [f"glyphs in the legacy font {name} converted to Unicode ({n})" for name, n in sorted(counts.items())]
    encoding = detect_encoding("".join(c["text"] for page in pages for c in page.chars))
    if encoding is None:
        return []
    everything = LegacyFont(encoding)
    for page in pages:
        _convert(page.chars, lambda _char: everything, counts)
    return [f"text in the legacy {encoding.upper()} encoding (found by its content) converted to Unicode"]
