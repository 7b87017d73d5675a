"""Pictures of the page behind a finding: a PDF and the figures of a comparison -> PNG crops of the
table rows they are printed on, each figure's cell outlined in the colour of its side.

Born-digital pages give their words to pdfplumber; a scanned page, which has none, is read again
by Tesseract at a modest resolution, only to find where the figures are (the extraction keeps no
positions). A page where no figure can be found is shown whole, scaled down, so the analyst still
sees what was read. Nothing here knows about checks: it gets figures (text, label, column, page).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pdfplumber
from PIL import Image, ImageDraw

from pipeline.report.locate import Box, Wanted, Word, locate, union_of

log = logging.getLogger(__name__)
RESOLUTION = 110  # dpi of a picture: table text stays legible, a crop stays small
OCR_RESOLUTION = 200  # dpi to find figures on a scanned page: enough for Tesseract's boxes
MIN_TEXT_WORDS = 5  # fewer words on a page and it is a scan (or a stamp alone)
PADDING = 6.0  # points around the rows shown
HEADER_REACH = 300.0  # points: the table's header is shown when it is no farther above the rows
WHOLE_PAGE_WIDTH = 700  # pixels of a page shown whole
PALETTE_COLOURS = 64  # a picture of text and a few outlines needs no more
OUTLINE_WIDTH = 3
BAND = (255, 236, 140, 90)  # the rows involved, lightly
LABEL_OUTLINE = (120, 120, 120)


@dataclass(frozen=True)
class Target:
    """A figure to outline: what to look for, and its side's colour."""

    wanted: Wanted
    colour: tuple[int, int, int]


@dataclass(frozen=True)
class PagePicture:
    page: int
    png: bytes
    located: int  # figures outlined
    wanted: int  # figures of the comparison printed on this page
    whole_page: bool  # none could be found: the page itself, scaled down


class PdfPages:
    """One PDF open for the report: its pages' words found once, pictures cut on demand."""

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        self._words: dict[int, list[Word]] = {}
        self._tables: dict[int, list[Box]] = {}
        self._cells: dict[int, list[Box]] = {}

    def picture(self, page_number: int, targets: Sequence[Target]) -> PagePicture | None:
        if not 1 <= page_number <= len(self.pdf.pages):
            return None
        page = self.pdf.pages[page_number - 1]
        words = self.words(page_number)
        figures: list[tuple[Box, Box | None, Target]] = []
        for target in targets:
            found = locate(words, target.wanted, [f[0] for f in figures])
            if found is not None:
                figures.append((found[0], found[1], target))
        if not figures:
            return PagePicture(page_number, _whole_page(page), 0, len(targets), True)
        self._find_tables(page_number)
        cells = self._cells[page_number]
        outlined = [(_cell_around(box, cells), label, target.colour) for box, label, target in figures]
        boxes = [b for b, _l, _c in outlined] + [lb for _b, lb, _c in outlined if lb]
        region = _region(page, words, boxes, self._tables[page_number])
        return PagePicture(page_number, _draw(page, region, outlined), len(figures), len(targets), False)

    def close(self) -> None:
        self.pdf.close()

    def _find_tables(self, page_number: int) -> None:
        """The page's ruled tables and their cells, once (none on a scan or a table without rulings)."""
        if page_number in self._tables:
            return
        try:
            tables = self.pdf.pages[page_number - 1].find_tables()
        except ValueError:  # pdfplumber refuses some malformed drawings; the cells are a nicety
            tables = []
        self._tables[page_number] = [Box(*t.bbox) for t in tables]
        self._cells[page_number] = [Box(*cell) for t in tables for cell in t.cells if cell is not None]

    def words(self, page_number: int) -> list[Word]:
        if page_number not in self._words:
            page = self.pdf.pages[page_number - 1]
            words = [_word(w) for w in page.extract_words(keep_blank_chars=False)]
            if len(words) < MIN_TEXT_WORDS:
                words = _ocr_words(page) or words
            self._words[page_number] = words
        return self._words[page_number]


def open_pdf(path: Path) -> PdfPages:
    """The PDF's pages for pictures; close() when done."""
    return PdfPages(pdfplumber.open(str(path)))


def _word(word: dict[str, Any]) -> Word:
    return Word(str(word["text"]), Box(float(word["x0"]), float(word["top"]), float(word["x1"]), float(word["bottom"])))


def _ocr_words(page: Any) -> list[Word]:
    """A scanned page's words with their boxes in points, or none when OCR cannot run here."""
    # Imported here: only scans need it, and it is the scan reader's engine, used as it is.
    from pipeline.readers.scan.ocr import OcrUnavailable, read_words

    image = np.asarray(page.to_image(resolution=OCR_RESOLUTION).original.convert("L"))
    scale = 72.0 / OCR_RESOLUTION
    try:
        found = read_words(image, psm=11)  # sparse text: the words of table cells, each on its own
    except (OcrUnavailable, RuntimeError, OSError) as exc:
        log.info("page %s: no OCR to find figures on (%s)", page.page_number, exc)
        return []
    return [
        Word(w.text, Box(w.left * scale, w.top * scale, w.right * scale, w.bottom * scale)) for w in found if w.text
    ]


def _cell_around(box: Box, cells: list[Box]) -> Box:
    """The smallest ruled cell holding the figure, else the figure's own box with a margin."""
    holding = [c for c in cells if c.contains_point(box.centre, box.middle)]
    if holding:
        return min(holding, key=lambda c: (c.x1 - c.x0) * (c.bottom - c.top))
    return Box(box.x0 - 2, box.top - 2, box.x1 + 2, box.bottom + 2)


def _region(page: Any, words: list[Word], boxes: list[Box], tables: list[Box]) -> Box:
    """The rows shown: from the highest to the lowest box, as wide as the table (or the text), with
    the table's header when it is near enough above."""
    rows = union_of(boxes)
    table = next((t for t in tables if t.contains_point(rows.centre, rows.middle)), None)
    if table is not None:
        top = table.top if rows.top - table.top <= HEADER_REACH else rows.top
        region = Box(table.x0, top, table.x1, rows.bottom)
    else:
        across = [w.box for w in words if rows.top - PADDING <= w.box.middle <= rows.bottom + PADDING]
        region = union_of([rows, *across])
    return Box(
        max(0.0, region.x0 - PADDING),
        max(0.0, region.top - PADDING),
        min(float(page.width), region.x1 + PADDING),
        min(float(page.height), region.bottom + PADDING),
    )


def _draw(page: Any, region: Box, outlined: list[tuple[Box, Box | None, tuple[int, int, int]]]) -> bytes:
    """The region rendered, each figure's row banded and its cell outlined."""
    image = page.crop((region.x0, region.top, region.x1, region.bottom)).to_image(resolution=RESOLUTION).original
    image = image.convert("RGBA")
    scale = RESOLUTION / 72.0

    def pixels(box: Box) -> tuple[float, float, float, float]:
        return ((box.x0 - region.x0) * scale, (box.top - region.top) * scale,
                (box.x1 - region.x0) * scale, (box.bottom - region.top) * scale)  # fmt: skip

    bands = Image.new("RGBA", image.size, (0, 0, 0, 0))
    shade = ImageDraw.Draw(bands)
    for cell, label, _colour in outlined:
        row = cell.union(label) if label is not None else cell
        shade.rectangle((0, pixels(row)[1], image.size[0], pixels(row)[3]), fill=BAND)
    image = Image.alpha_composite(image, bands)
    draw = ImageDraw.Draw(image)
    for cell, label, colour in outlined:
        if label is not None:
            draw.rectangle(pixels(label), outline=LABEL_OUTLINE, width=1)
        draw.rectangle(pixels(cell), outline=colour, width=OUTLINE_WIDTH)
    return _png(image)


def _whole_page(page: Any) -> bytes:
    image = page.to_image(resolution=RESOLUTION).original
    if image.size[0] > WHOLE_PAGE_WIDTH:
        image = image.resize((WHOLE_PAGE_WIDTH, round(image.size[1] * WHOLE_PAGE_WIDTH / image.size[0])))
    return _png(image)


def _png(image: Image.Image) -> bytes:
    """A small PNG: text and outlines need only a few colours."""
    buffer = io.BytesIO()
    image.convert("RGB").quantize(colors=PALETTE_COLOURS).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
