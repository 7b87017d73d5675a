"""The report's pictures: findings of a PDF document -> pictures of the pages their figures are
printed on, the stated figure outlined in red, its parts in blue, a figure found against it in
orange.

The PDF is found where the run read it (runs.raw_folder / documents.source_file) and used only
when its bytes are still the ones extracted; a document without pages (DOCX, .doc, a web page)
gets no picture, and the report says so.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pipeline.report.findings import FOUND, PART, STATED, DocumentInfo, Figure, Finding
from pipeline.report.locate import Wanted
from pipeline.report.page_pictures import PagePicture, PdfPages, Target, open_pdf

log = logging.getLogger(__name__)
COLOURS = {STATED: (210, 0, 0), PART: (31, 95, 191), FOUND: (224, 112, 0)}
CONTEXT_COLOUR = (110, 110, 110)
# Bounds on what one report renders (time, and the size of a page that embeds its pictures): the
# first failures of a document are the ones read first; a folder of a thousand failing documents
# still gives a report a browser opens.
MAX_PICTURED_FINDINGS = 20
MAX_PAGES_PER_FINDING = 4
MAX_PICTURES_PER_REPORT = 200


@dataclass(frozen=True)
class Pictures:
    """The pictures of one finding, or why there are none."""

    pages: tuple[PagePicture, ...] = ()
    missing: str | None = None  # why there is no picture: 'no_pages', 'no_file', 'not_shown', 'failed'


def source_path(raw_folder: str, source_file: str, sha256: str, database: Path) -> Path | None:
    """The file the run read, if it is still there with the same bytes. The raw folder was given
    on the command line, relative to where the run was started: tried as it is, then beside the
    output folder (extracted/ and raw/ side by side)."""
    for folder in (Path(raw_folder), database.parent.parent / raw_folder):
        path = folder / source_file
        if path.is_file() and _sha256(path) == sha256:
            return path
    return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def document_pages(document: DocumentInfo, path: Path | None) -> Iterator[PdfPages | None]:
    """The document's PDF open for pictures, or None (no pages, or the file is gone or changed)."""
    if document.format != "pdf" or path is None:
        yield None
        return
    try:
        pages = open_pdf(path)
    except Exception as exc:  # a PDF pdfplumber cannot open costs the pictures, never the report
        log.warning("%s: no page pictures (%s)", document.source_file, exc)
        yield None
        return
    try:
        yield pages
    finally:
        pages.close()


def pictures_of(finding: Finding, index: int, document: DocumentInfo, pages: PdfPages | None) -> Pictures:
    """Pictures of the pages a finding's figures are printed on (the `index`-th finding of its
    document: past MAX_PICTURED_FINDINGS none are drawn)."""
    if document.format != "pdf":
        return Pictures(missing="no_pages")
    if pages is None:
        return Pictures(missing="no_file")
    by_page: dict[int, list[Target]] = {}
    for figure in finding.figures:
        if figure.page is not None and figure.text:
            by_page.setdefault(figure.page, []).append(_target(figure))
    if not by_page:
        return Pictures(missing="no_figures")
    if index >= MAX_PICTURED_FINDINGS:
        return Pictures(missing="not_shown")
    drawn = []
    for page, targets in sorted(by_page.items())[:MAX_PAGES_PER_FINDING]:
        try:
            picture = pages.picture(page, targets)
        except Exception as exc:  # an odd page loses its picture, not the report
            log.warning("%s page %d: no picture (%s)", document.source_file, page, exc)
            continue
        if picture is not None:
            drawn.append(picture)
    return Pictures(tuple(drawn), None if drawn else "failed")


def _target(figure: Figure) -> Target:
    return Target(Wanted(figure.text or "", figure.label, figure.column), COLOURS.get(figure.role, CONTEXT_COLOUR))
