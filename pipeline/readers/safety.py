"""Guards applied before any parser touches a file's bytes: zip bombs, entity expansion, deep XML."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from pipeline.errors import DocumentError

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200


def check_zip_package(path: Path, required_member: str) -> None:
    """Refuse anything that is not a zip holding `required_member`, or that inflates suspiciously."""
    if not zipfile.is_zipfile(path):
        raise DocumentError("not a valid DOCX (zip) package; re-save it from Word or LibreOffice as .docx")
    with zipfile.ZipFile(path) as package:
        members = package.infolist()
        names = {m.filename for m in members}
        if required_member not in names:
            raise DocumentError(f"the package has no {required_member}; it is not a Word document")
        total = sum(m.file_size for m in members)
        compressed = sum(m.compress_size for m in members) or 1
        if total > MAX_UNCOMPRESSED_BYTES or total / compressed > MAX_COMPRESSION_RATIO:
            raise DocumentError(
                f"the package would inflate to {total:,} bytes (ratio {total / compressed:.0f}); refused as a zip bomb"
            )


def safe_xml_parser() -> etree.XMLParser:
    """An XML parser that expands no entities, loads no DTD and reaches no network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
