"""Legacy Word .doc reader: a .doc file -> Document, through LibreOffice and the DOCX reader.

The .doc is converted to .docx with LibreOffice headless (which keeps tables, merged cells and
footnotes), then read like any DOCX. Without LibreOffice the document is skipped, not failed,
and is read once LibreOffice is installed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from pipeline.document import Document
from pipeline.errors import DocumentError, DocumentSkipped
from pipeline.readers.libreoffice import ConversionFailed, convert, network_isolated, soffice_path
from pipeline.readers.word.docx import read_docx


def read_doc(path: Path, source_file: str, sha256: str) -> Document:
    if path.stat().st_size == 0:
        raise DocumentError("the file is empty (0 bytes): download it again")
    if soffice_path() is None:
        raise DocumentSkipped(
            "skipped: a legacy Word .doc is read through LibreOffice, which is not installed here "
            "(run `make system-deps`, or save it as .docx)"
        )
    with tempfile.TemporaryDirectory(prefix="doc-") as folder:
        try:
            converted = convert(path, "docx:MS Word 2007 XML", Path(folder))
        except ConversionFailed as exc:
            raise DocumentError(f"{exc}; the .doc may be damaged: open it in Word and save it as .docx") from exc
        document = read_docx(converted, source_file, sha256)
    document.format = "doc"
    document.read_method = "converted"
    grids = len(document.tables)
    offline = "with no network access" if network_isolated() else "with network access (no network namespace here)"
    document.read_notes.insert(0, f"legacy .doc converted to .docx by LibreOffice ({grids} tables), {offline}")
    return document
