"""The `documents` row: one builder for every file of the raw folder, whether it was read, skipped,
failed, or set aside as a copy of another file.

Input: the file's path, its name relative to the raw folder and its sha256. Output: a DocumentRow
that later stages fill with what the document says (metadata) and how it was read.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.document import doc_id_from_sha256
from pipeline.records import DocumentRow

FORMATS = {".docx": "docx", ".doc": "doc", ".pdf": "pdf"}


def format_of(path: Path) -> str:
    """The format a file is read as, from its extension: docx, doc, pdf, or unknown."""
    return FORMATS.get(path.suffix.lower(), "unknown")


def document_row(
    path: Path, source_file: str, sha256: str, status: str = "failed", error: str | None = None
) -> DocumentRow:
    """A file's row before anything is read from it: identity, format, and a status (failed until a
    reader succeeds, so that a crash can never leave a document looking read)."""
    return DocumentRow(
        doc_id=doc_id_from_sha256(sha256),
        source_file=source_file,
        sha256=sha256,
        format=format_of(path),
        status=status,
        error=error,
    )
