"""The `documents` row and a file's format: one builder for every file of the raw folder, whether
it was read, skipped, failed, or set aside as a copy of another file.

A file is read as what its bytes are, not what its name says: a PDF saved as .docx is a PDF, a
web page saved as .doc (as portals often serve them) is HTML. The name's suffix decides only when
the bytes say nothing (an empty or broken file), so that the error speaks of the format expected.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from pipeline.document import doc_id_from_sha256
from pipeline.records import DocumentRow

FORMATS = {".docx": "docx", ".doc": "doc", ".pdf": "pdf", ".htm": "html", ".html": "html"}
SNIFF_BYTES = 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a legacy Word (or other Office) compound file
HTML_MARKERS = (b"<html", b"<!doctype html", b"<head", b"<body", b"<meta", b"<table")


def sniff_format(path: Path) -> str | None:
    """The format a file's bytes show: pdf, docx, doc, html; None when they show none."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return None
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(OLE_MAGIC):
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if _is_word_package(path) else None
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return "html" if any(marker in lowered for marker in HTML_MARKERS) else None


def _is_word_package(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as package:
            return "word/document.xml" in package.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def format_of(path: Path) -> str:
    """The format a file is read as: what its bytes show, else what its suffix says, else unknown."""
    return sniff_format(path) or FORMATS.get(path.suffix.lower(), "unknown")


def misnamed(path: Path, read_as: str) -> str | None:
    """A note when a file's name says another format than its bytes ('named .docx, but it is a PDF')."""
    named = FORMATS.get(path.suffix.lower())
    if read_as in ("unknown", named):
        return None
    return f"named {path.suffix or 'without a suffix'}, but it is a {read_as.upper()} file: read as one"


def document_row(
    path: Path,
    source_file: str,
    sha256: str,
    status: str = "failed",
    error: str | None = None,
    file_format: str | None = None,
) -> DocumentRow:
    """A file's row before anything is read from it: identity, format, and a status (failed until a
    reader succeeds, so that a crash can never leave a document looking read)."""
    return DocumentRow(
        doc_id=doc_id_from_sha256(sha256),
        source_file=source_file,
        sha256=sha256,
        format=file_format or format_of(path),
        status=status,
        error=error,
    )
