"""DOCX run fonts: which font a run is set in (run, character style, paragraph style, document
default), so that text typed in a legacy TCVN3 or VNI font (`.VnTime`, `VNI-Times`) is converted
to Unicode as it is read. Counts what it converted, for the document's reading notes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from pipeline.document import Document, Paragraph
from pipeline.readers.legacy_fonts import detect_encoding, legacy_font, to_unicode
from pipeline.readers.word.ooxml import NS, W


def _rfonts_name(rpr: Any) -> str | None:
    if rpr is None:
        return None
    fonts = rpr.find("w:rFonts", NS)
    if fonts is None:
        return None
    name = fonts.get(f"{W}ascii") or fonts.get(f"{W}hAnsi") or fonts.get(f"{W}cs")
    return str(name) if name else None


class RunFonts:
    """The font of each run, resolved the way Word does for the Latin range, and the conversion
    of legacy-font text."""

    def __init__(self, styles_root: Any | None) -> None:
        self.style_fonts: dict[str, str] = {}
        self.style_parent: dict[str, str] = {}
        self.default: str | None = None
        self.converted: Counter[str] = Counter()  # font name -> runs converted
        if styles_root is None:
            return
        self.default = _rfonts_name(styles_root.find("w:docDefaults/w:rPrDefault/w:rPr", NS))
        for style in styles_root.iterfind("w:style", NS):
            style_id = style.get(f"{W}styleId", "")
            font = _rfonts_name(style.find("w:rPr", NS))
            if font:
                self.style_fonts[style_id] = font
            based_on = style.find("w:basedOn", NS)
            if based_on is not None:
                self.style_parent[style_id] = based_on.get(f"{W}val", "")
            if style.get(f"{W}default") in ("1", "true") and style.get(f"{W}type") == "paragraph" and font:
                self.default = font

    def _style_font(self, style_id: str | None) -> str | None:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if style_id in self.style_fonts:
                return self.style_fonts[style_id]
            style_id = self.style_parent.get(style_id)
        return None

    def font_of(self, run: Any, paragraph_style: str | None) -> str | None:
        rpr = run.find("w:rPr", NS)
        direct = _rfonts_name(rpr)
        if direct:
            return direct
        run_style = rpr.find("w:rStyle", NS) if rpr is not None else None
        if run_style is not None:
            font = self._style_font(run_style.get(f"{W}val"))
            if font:
                return font
        return self._style_font(paragraph_style) or self.default

    def text(self, text: str, font: str | None) -> str:
        """A run's text as Unicode: converted when its font is a legacy one."""
        legacy = legacy_font(font)
        if legacy is None or not text:
            return text
        self.converted[font or ""] += 1
        return to_unicode(text, legacy.encoding, legacy.upper)

    def notes(self) -> list[str]:
        notes = []
        for font, runs in sorted(self.converted.items()):
            legacy = legacy_font(font)
            encoding = legacy.encoding.upper() if legacy else "?"
            notes.append(f"text in the legacy {encoding} font {font} converted to Unicode ({runs} runs)")
        return notes


def convert_by_content(document: Document) -> str | None:
    """Text typed in a legacy encoding whose font names were lost (a copy pasted into Times New
    Roman still reads 'n«ng th«n'): detected from the text itself and converted everywhere.
    Returns the encoding converted, or None."""
    texts = [p.text for p in document.paragraphs] + [c.text for t in document.tables for c in t.cells]
    encoding = detect_encoding("\n".join(texts))
    if encoding is None:
        return None
    for block in document.blocks:
        if isinstance(block, Paragraph):
            block.text = to_unicode(block.text, encoding)
        else:
            block.cells = [replace(c, text=to_unicode(c.text, encoding)) for c in block.cells]
            block.clear_index()
    for note in document.footnotes:
        note.text = to_unicode(note.text, encoding)
    return encoding


def paragraph_style(p: Any) -> str | None:
    style = p.find("w:pPr/w:pStyle", NS)
    return style.get(f"{W}val") if style is not None else None
