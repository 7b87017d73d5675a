"""PDF reader: a .pdf file -> Document, with pdfplumber.

Knows PDF layout (glyphs, rules, pages); knows nothing about plan documents. Per page: ruled
tables first, then the footnote area under its rule, then the body lines, which are grouped into
paragraphs across pages. Tables that run onto the next page are stitched into one.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from pipeline import limits
from pipeline.document import Document, Table
from pipeline.errors import DocumentError, DocumentSkipped
from pipeline.readers.pdf.fonts import convert_legacy_chars
from pipeline.readers.pdf.footnotes import FootnoteCollector, footnote_rule_top
from pipeline.readers.pdf.layout import (
    MARGIN_ZONE,
    Margins,
    is_running_text,
    lines_to_blocks,
    margins_by_width,
    repeated_margin_texts,
    split_layout_blocks,
)
from pipeline.readers.pdf.lines import Char, Line, build_line, group_lines
from pipeline.readers.pdf.tables import PageTable, char_inside, continues, find_tables, stitch
from pipeline.readers.pdf.text_layer import text_layer_problem
from pipeline.readers.scan.ocr import ocr_status
from pipeline.readers.scan.reader import ScannedPage, read_scanned_page

DROPPED_SHOWN = 8  # low-confidence words quoted in a page's reading note

ENCRYPTED = "the PDF is encrypted; ask the issuer for an unprotected copy or remove the password"


def read_pdf(path: Path, source_file: str, sha256: str) -> Document:
    if path.stat().st_size == 0:
        raise DocumentError("the file is empty (0 bytes); download it again")
    try:
        with pdfplumber.open(path) as pdf:
            return _read(pdf, source_file, sha256)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise DocumentError(ENCRYPTED) from exc
    except PdfminerException as exc:
        # pdfplumber wraps pdfminer's errors; the cause says which.
        if isinstance(exc.__context__, PDFPasswordIncorrect | PDFEncryptionError):
            raise DocumentError(ENCRYPTED) from exc
        raise DocumentError(f"the PDF is damaged, truncated or not a PDF ({exc}); download it again") from exc
    except (PDFSyntaxError, PSException) as exc:
        raise DocumentError(f"the PDF is damaged or truncated ({exc}); download it again") from exc


def _read(pdf: Any, source_file: str, sha256: str) -> Document:
    pages = list(pdf.pages)
    if not pages:
        raise DocumentError("the PDF has no pages")
    limits.check_pages(len(pages))
    font_notes = convert_legacy_chars(pages)
    problems = {page.page_number: text_layer_problem(page) for page in pages}
    scanned = _ocr_pages(pages, problems)
    tables_of = [scanned[p.page_number].tables if p.page_number in scanned else _tables_of(p) for p in pages]
    free_chars = [
        scanned[page.page_number].chars
        if page.page_number in scanned
        else [c for c in page.chars if not any(char_inside(c, t.bbox) for t in tables)]
        for page, tables in zip(pages, tables_of, strict=True)
    ]
    size = _body_size(free_chars)
    split = [
        (tables, *_split_page(page, chars, size))
        for page, tables, chars in zip(pages, tables_of, free_chars, strict=True)
    ]
    footnotes = FootnoteCollector([])
    footnote_pages: dict[int, set[str]] = {}
    for page, (_tables, _body, note_chars) in zip(pages, split, strict=True):
        first_new = len(footnotes.footnotes)
        footnotes.add_lines(note_chars, page.page_number, float(page.height))
        footnote_pages[page.page_number] = {f.number for f in footnotes.footnotes[first_new:]}
    items: list[tuple[int, float, Line | PageTable]] = []
    all_lines: list[Line] = []
    open_table: PageTable | None = None
    for page, (tables, body_chars, _notes) in zip(pages, split, strict=True):
        # A marker's footnote sits on its own page, or on the next one when the page is full.
        markers = footnote_pages[page.page_number] | footnote_pages.get(page.page_number + 1, set())
        lines = [build_line(chars, page.page_number, markers) for chars in group_lines(body_chars)]
        all_lines.extend(lines)
        content = [line for line in lines if not _in_margin_zone(line, float(page.height))]
        first_line_top = min((line.top for line in content), default=float("inf"))
        last: PageTable | None = None
        for table in sorted(tables, key=lambda t: t.bbox[1]):
            if (
                last is None
                and open_table is not None
                and table.bbox[1] < first_line_top
                and continues(open_table, table)
            ):
                last = stitch(open_table, table)
                _replace(items, open_table, last)
            else:
                last = table
                items.append((page.page_number, table.bbox[1], table))
        items.extend((page.page_number, line.top, line) for line in lines)
        # Only a table that ends its page can go on at the top of the next one.
        open_table = last if last is not None and all(line.top < last.bbox[3] for line in content) else None
    document = _assemble(pdf, pages, items, all_lines, size, footnotes, source_file, sha256)
    _record_reading(document, problems, scanned)
    if font_notes:
        document.read_notes = font_notes + document.read_notes
        document.read_method = "converted" if document.read_method == "text_layer" else document.read_method
    return document


def _tables_of(page: Any) -> list[PageTable]:
    limits.check_time()
    return find_tables(page)


def _ocr_pages(pages: list[Any], problems: dict[int, str | None]) -> dict[int, ScannedPage]:
    """OCR every page whose text layer is unusable. Without Tesseract, a document that is all
    scan is skipped (it is read once OCR is installed); a few scanned pages are left out, noted."""
    wanted = [page for page in pages if problems[page.page_number]]
    if not wanted:
        return {}
    missing = ocr_status()
    if missing is not None:
        if len(wanted) == len(pages):
            reason = problems[pages[0].page_number]
            raise DocumentSkipped(f"skipped: {reason} on every page (a scan?) and OCR cannot run here: {missing}")
        return {}
    scanned = {}
    for page in wanted:
        limits.check_time()
        scanned[page.page_number] = read_scanned_page(page)
    return scanned


def _record_reading(document: Document, problems: dict[int, str | None], scanned: dict[int, ScannedPage]) -> None:
    """How each page was read, in the document's notes and totals."""
    confidences = [c for page in scanned.values() for c in page.confidences]
    document.ocr_pages = len(scanned)
    document.ocr_confidence = round(sum(confidences) / len(confidences), 1) if confidences else None
    if scanned:
        document.read_method = "ocr" if len(scanned) == document.pages else "text_layer+ocr"
    for number, problem in problems.items():
        if problem and number in scanned:
            dropped = scanned[number].dropped
            shown = " ".join(dropped[:DROPPED_SHOWN]) + (" ..." if len(dropped) > DROPPED_SHOWN else "")
            left_out = (
                f"; {len(dropped)} low-confidence words left out (stamp, seal, signature): {shown}" if dropped else ""
            )
            document.read_notes.append(f"page {number}: {problem}, read by OCR{left_out}")
        elif problem:
            document.read_notes.append(f"page {number}: {problem}, not read (OCR unavailable)")


def _split_page(page: Any, chars: list[Char], size: float) -> tuple[list[Char], list[Char]]:
    """A page's characters outside tables, split into body and footnote area."""
    rule_top = footnote_rule_top(page, size)
    if rule_top is None:
        return chars, []
    return [c for c in chars if c["top"] <= rule_top], [c for c in chars if c["top"] > rule_top]


def _assemble(
    pdf: Any,
    pages: list[Any],
    items: list[tuple[int, float, Line | PageTable]],
    all_lines: list[Line],
    size: float,
    footnotes: FootnoteCollector,
    source_file: str,
    sha256: str,
) -> Document:
    widths = {p.page_number: float(p.width) for p in pages}
    heights = {p.page_number: float(p.height) for p in pages}
    repeated = repeated_margin_texts(all_lines, heights, len(pages))
    by_width = margins_by_width(all_lines, widths, size)
    fallback = next(iter(by_width.values()), Margins(0.0, max(widths.values())))
    margins_of = {n: by_width.get(w, Margins(fallback.left, w - fallback.left)) for n, w in widths.items()}
    for page_number, _top, item in items:
        if isinstance(item, PageTable) and item.table.page == page_number:
            # An annex section can have its own margins: its table spans them.
            own = margins_of[page_number]
            margins_of[page_number] = Margins(min(own.left, item.bbox[0]), max(own.right, item.bbox[2]))
    ordered: list[Line | Table] = []
    page_lines: list[Line] = []
    for page_number, _top, item in sorted(items, key=lambda entry: (entry[0], entry[1])):
        if isinstance(item, Line):
            if not is_running_text(item, heights[page_number], repeated):
                page_lines.append(item)
            continue
        ordered.extend(_with_layout_blocks(page_lines, margins_of, size))
        page_lines = []
        ordered.append(item.table)
    ordered.extend(_with_layout_blocks(page_lines, margins_of, size))
    blocks = lines_to_blocks(ordered, margins_of)
    return Document(
        source_file=source_file,
        sha256=sha256,
        format="pdf",
        blocks=blocks,
        footnotes=footnotes.footnotes,
        pages=len(pdf.pages),
    )


def _with_layout_blocks(lines: list[Line], margins_of: dict[int, Margins], size: float) -> list[Line | Table]:
    out: list[Line | Table] = []
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    for page, group in by_page.items():
        out.extend(split_layout_blocks(group, size, margins_of[page]))
    return out


def _replace(items: list[tuple[int, float, Line | PageTable]], old: PageTable, new: PageTable) -> None:
    for index, (page, top, item) in enumerate(items):
        if item is old:
            items[index] = (page, top, new)


def _body_size(free_chars: list[list[Char]]) -> float:
    """The most common font size outside tables, weighted by characters: the body text's size.
    (A long annex in small type can hold more characters than the narrative.)"""
    sizes = Counter(round(c["size"]) for chars in free_chars for c in chars if c["text"].strip())
    return float(sizes.most_common(1)[0][0]) if sizes else 12.0


def _in_margin_zone(line: Line, page_height: float) -> bool:
    return bool(line.top < MARGIN_ZONE * page_height or line.bottom > (1 - MARGIN_ZONE) * page_height)
