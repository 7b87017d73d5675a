"""Scanned pages: a PDF page without a usable text layer -> the characters and ruled tables the
PDF reader reads from born-digital pages.

The page is rendered, ruled table grids are found on the image (`scan_grid`: long
horizontal and vertical strokes), merged cells are told apart by their missing borders, and each
cell is read by OCR on its own. Text outside the tables is read line by line. Words come back as
pdfplumber-like characters (one per letter, spread over the word's box) and PageTables, so the
PDF reader's line, paragraph and table-stitching code runs unchanged. Words read with very low
confidence (stamps, seals, signatures, handwritten numbers) are left out of the text and counted.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

import cv2
import numpy as np

from pipeline import limits
from pipeline.document import Cell, Table, infer_header_rows
from pipeline.readers.pdf.lines import Char, join_wrapped
from pipeline.readers.pdf.tables import PageTable
from pipeline.readers.scan.grid import Grid, deskew, grid_of, ink_mask, ruling_masks, table_boxes
from pipeline.readers.scan.ocr import Word, read_words

DPI = 300
INK_THRESHOLD = 160  # gray levels below are ink
LOW_CONFIDENCE = 30.0  # Tesseract confidence (0-100) below which a word is a stamp, seal or scrawl
CELL_INSET_PX = 8  # keep the cell's own borders out of its OCR crop
CELL_ZOOM = 1.5
ONE_LINE_MAX_PX = 70  # ink taller than this (at DPI) is more than one line of text
SURE_CONFIDENCE = 85.0  # a reading this sure is not tried again
OTHER_ZOOMS = (1.0, 2.0)
FIGURE_CHARS = "0123456789.,-"
MARKER_CHARS = "IVX)"  # a TT cell: 1., II, a)
FIGURE_COLON_RE = re.compile(r"(?<=\d)[:;](?=\d{3}\b)")
EDGE_GLYPHS = frozenset("|[]!lI1ỉỈịỊ")  # what a border left at a crop's edge reads as
MIN_CELL_INK = 25  # pixels: fewer and the cell is empty
# Text height to font size: Vietnamese glyph boxes reach from descender to stacked diacritics.
HEIGHT_TO_SIZE = 0.8
SAME_SIZE_SHARE = 0.25
# A line's ink reaches this many sizes above its baseline (capitals carrying stacked marks): the
# gap between two lines of a paragraph then measures as it does in a born-digital PDF.
LINE_REACH = 1.4


@dataclass
class ScannedPage:
    chars: list[Char]
    tables: list[PageTable]
    confidences: list[float] = field(default_factory=list)  # of every word kept
    dropped: list[str] = field(default_factory=list)  # words left out: stamps, seals, scrawls


def render(page: Any) -> np.ndarray:
    """The page as a grayscale image at DPI (within the pixel limit)."""
    limits.check_picture(page.page_number, float(page.width), float(page.height), DPI)
    image = page.to_image(resolution=DPI).original.convert("L")
    return np.asarray(image)


def read_scanned_page(page: Any) -> ScannedPage:
    gray = deskew(render(page))
    ink = ink_mask(gray)
    horizontal, vertical = ruling_masks(ink)
    scale = float(page.width) / gray.shape[1]
    scanned = ScannedPage([], [])
    outside = gray.copy()
    for box in table_boxes(horizontal, vertical):
        grid = grid_of(horizontal, vertical, box)
        if grid is None:
            continue
        scanned.tables.append(_page_table(gray, horizontal | vertical, grid, page.page_number, scale, scanned))
        x0, y0, x1, y1 = box
        outside[y0 : y1 + 1, x0 : x1 + 1] = 255
    words = [_clean(w) for w in read_words(outside, psm=4)]
    kept = [w for w in words if w.text and w.confidence >= LOW_CONFIDENCE]
    scanned.dropped.extend(w.text for w in words if w.text and w.confidence < LOW_CONFIDENCE)
    scanned.confidences.extend(w.confidence for w in kept)
    scanned.chars = words_to_chars(kept, scale)
    return scanned


def _page_table(
    gray: np.ndarray, rulings: np.ndarray, grid: Grid, page_number: int, scale: float, scanned: ScannedPage
) -> PageTable:
    cells = []
    for row, col, last_row, last_col in grid.cells:
        y0, y1 = grid.ys[row] + CELL_INSET_PX, grid.ys[last_row + 1] - CELL_INSET_PX
        x0, x1 = grid.xs[col] + CELL_INSET_PX, grid.xs[last_col + 1] - CELL_INSET_PX
        text, confidence = _read_cell(gray[y0:y1, x0:x1], rulings[y0:y1, x0:x1], scanned)
        cells.append(Cell(row, col, text, last_row - row + 1, last_col - col + 1, confidence))
    n_rows, n_cols = len(grid.ys) - 1, len(grid.xs) - 1
    table = Table(
        cells=cells,
        n_rows=n_rows,
        n_cols=n_cols,
        header_rows=infer_header_rows(cells, n_rows),
        page=page_number,
        last_page=page_number,
        row_pages=[page_number] * n_rows,
    )
    bbox = (grid.xs[0] * scale, grid.ys[0] * scale, grid.xs[-1] * scale, grid.ys[-1] * scale)
    return PageTable(table, bbox, [x * scale for x in grid.xs])


def _read_cell(gray: np.ndarray, rulings: np.ndarray, scanned: ScannedPage) -> tuple[str, float | None]:
    """One cell's text (wrapped lines rejoined) and the mean confidence of its words."""
    if gray.size == 0:
        return "", None
    crop = gray.copy()
    crop[rulings > 0] = 255  # a border that leaned into the crop is not text
    ys, xs = np.nonzero(crop < INK_THRESHOLD)
    if len(ys) < MIN_CELL_INK:
        return "", None
    # Cropped to the ink: Tesseract misreads small text lost in a tall empty cell.
    tight = crop[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    words = _read_cell_words(tight)
    kept = [w for w in words if w.text and w.confidence >= LOW_CONFIDENCE]
    scanned.dropped.extend(w.text for w in words if w.text and w.confidence < LOW_CONFIDENCE)
    scanned.confidences.extend(w.confidence for w in kept)
    if not kept:
        return "", None
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in kept:
        lines.setdefault(word.line, []).append(word)
    texts = [" ".join(w.text for w in sorted(group, key=lambda w: w.left)) for group in lines.values()]
    return join_wrapped(texts), statistics.fmean(w.confidence for w in kept)


def _zoomed(tight: np.ndarray, zoom: float) -> np.ndarray:
    enlarged = cv2.resize(tight, None, fx=zoom, fy=zoom, interpolation=cv2.INTER_CUBIC) if zoom != 1 else tight
    return cv2.copyMakeBorder(enlarged, 20, 20, 20, 20, cv2.BORDER_CONSTANT, value=255)


def _read_cell_words(tight: np.ndarray) -> list[Word]:
    """A cell's words, from a consensus of readings when the first is unsure.

    One line or one short token is read as such (a lone '5' read as a block of text is often
    lost). Tesseract's confidence in one and the same image swings with the scale (a figure read
    right at 55 and wrong at 96), so an unsure line is read at three scales in the same mode and
    the readings vote: the text most of them give, or, for a figure read with the same length,
    the most common character at each position; a misread TT marker ('kì', '§') is read again
    with digits only."""
    one_line = tight.shape[0] < ONE_LINE_MAX_PX
    short = one_line and tight.shape[1] < 3 * tight.shape[0]
    psm = 8 if short else (7 if one_line else 6)
    first = _reading(_zoomed(tight, CELL_ZOOM), psm, None)
    if not one_line or (first and _mean(first) >= SURE_CONFIDENCE):
        return first
    readings = [first] + [_reading(_zoomed(tight, zoom), psm, None) for zoom in OTHER_ZOOMS]
    best = _consensus([r for r in readings if r])
    text = "".join(w.text for w in best)
    if short and (not best or any(not (ch.isascii() and (ch.isalnum() or ch in ".,-)")) for ch in text)):
        again = _reading(_zoomed(tight, CELL_ZOOM), psm, FIGURE_CHARS + MARKER_CHARS)
        best = again or best
    return best


def _consensus(readings: list[list[Word]]) -> list[Word]:
    """The reading most readings agree with (see `_read_cell_words`); [] when there is none."""
    if not readings:
        return []
    texts = [" ".join(w.text for w in r) for r in readings]
    counts = Counter(texts)
    text, votes = counts.most_common(1)[0]
    if votes > 1:
        return max((r for r, t in zip(readings, texts, strict=True) if t == text), key=_mean)
    singles = [r for r in readings if len(r) == 1]
    lengths = Counter(len(r[0].text) for r in singles)
    if lengths and lengths.most_common(1)[0][1] > 1:
        length = lengths.most_common(1)[0][0]
        same = [r[0] for r in singles if len(r[0].text) == length]
        voted = "".join(Counter(chars).most_common(1)[0][0] for chars in zip(*(w.text for w in same), strict=True))
        return [replace(max(same, key=lambda w: w.confidence), text=voted)]
    return max(readings, key=_mean)


def _reading(image: np.ndarray, psm: int, allowed: str | None) -> list[Word]:
    words = [_clean(w) for w in read_words(image, psm=psm, allowed=allowed) if not _border_residue(w, image.shape[1])]
    return [replace(w, text=_figure_separators(w.text)) for w in words if w.text]


def _mean(words: list[Word]) -> float:
    return statistics.fmean(w.confidence for w in words)


def _figure_separators(text: str) -> str:
    """'2.000.000:000' -> '2.000.000.000': a colon between digit groups is a misread dot."""
    return FIGURE_COLON_RE.sub(".", text)


def _border_residue(word: Word, width: int) -> bool:
    """A '|' or 'l' read at the left or right edge of a cell crop is the border, not text."""
    at_edge = word.left < 30 or word.right > width - 30
    return at_edge and set(word.text) <= EDGE_GLYPHS


def _clean(word: Word) -> Word:
    """Underscores are underlines read as text: official documents never print them."""
    return replace(word, text=word.text.strip("_"))


def words_to_chars(words: list[Word], scale: float) -> list[Char]:
    """pdfplumber-like characters: a word's letters spread evenly over its box, all the words of
    an OCR line on one baseline and one size. Sizes within a quarter of the page's commonest are
    that size: measured glyph heights vary with the diacritics a line happens to hold, and the
    paragraph logic compares sizes."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    sizes = {key: statistics.median(w.height for w in group) * scale * HEIGHT_TO_SIZE for key, group in lines.items()}
    body = statistics.median(sizes.values()) if sizes else 0.0
    chars: list[Char] = []
    for key, group in lines.items():
        baseline = statistics.median(w.bottom for w in group) * scale
        size = body if abs(sizes[key] - body) <= SAME_SIZE_SHARE * body else sizes[key]
        size = round(2 * size) / 2
        for word in group:
            step = word.width * scale / len(word.text)
            for index, letter in enumerate(word.text):
                x0 = word.left * scale + index * step
                chars.append(
                    {
                        "text": letter,
                        "x0": x0,
                        "x1": x0 + step,
                        "top": baseline - LINE_REACH * size,
                        "bottom": baseline,
                        "size": size,
                        "upright": True,
                        "matrix": (1.0, 0.0, 0.0, 1.0, x0, -baseline),
                        "fontname": "OCR",
                        "confidence": word.confidence,
                    }
                )
    return chars
