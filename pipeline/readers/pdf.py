"""PDF reader: a .pdf file -> Document (being built; see issue 3)."""

from __future__ import annotations

from pathlib import Path

from pipeline.document import Document
from pipeline.errors import DocumentError


def read_pdf(path: Path, source_file: str, sha256: str) -> Document:
    raise DocumentError("PDF reading is not available yet in this version; extract the DOCX of the document")
