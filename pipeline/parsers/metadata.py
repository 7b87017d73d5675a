"""Metadata parser: Document -> the fields of its `documents` row (type, number, date, issuer, signer).

Reads the header block (the borderless table at the top, or the first paragraphs where the
reader found none), the title and the signature block, using the fixed form of Vietnamese
administrative documents (Nghị định 30/2020/NĐ-CP): "Số: 15-KH/HU", "ngày 3 tháng 4 năm 2023".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pipeline.document import Document, Table
from pipeline.places import Scope, detect_scope, load_gazetteer
from pipeline.places.gazetteer import edition_on
from pipeline.records import MetadataSourceRow
from pipeline.text import normalize_text
from pipeline.vocabulary import doc_type_by_code, doc_type_by_words, document_part_words

HEADER_PARAGRAPHS = 12
HEADER_TABLES = 2
# "Số: 15-KH/HU"; a scan's OCR may set the slash apart ("Số: 22 /VPĐP-HCTH").
DOC_NUMBER_RE = re.compile(r"\bSố\s*[:.]?\s*(\d+[\w.-]*\s?/\s?[\w./-]*[A-ZĐ][\w./-]*)", re.IGNORECASE)
DATE_RE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
# A date line whose day (or month) is left blank for the signer: "ngày ... tháng 6 năm 2026".
MONTH_RE = re.compile(r"tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
YEAR_RE = re.compile(r"ngày\s+\S*\s+tháng\s+\S*\s+năm\s+(\d{4})", re.IGNORECASE)


def _header_text(doc: Document) -> tuple[str, list[Table]]:
    """The header block's text, and the layout tables holding it where there are any (a PDF reader
    may find the block as two tables: its first line, and the rest)."""
    first = next((i for i, b in enumerate(doc.blocks[:5]) if isinstance(b, Table) and b.is_layout), None)
    if first is not None:
        tables = []
        for block in doc.blocks[first : first + HEADER_TABLES]:
            if not (isinstance(block, Table) and block.is_layout):
                break
            tables.append(block)
        return "\n".join(c.text for table in tables for c in table.cells), tables
    paragraphs = [p.text for p in doc.paragraphs[:HEADER_PARAGRAPHS]]
    return "\n".join(paragraphs), []


def _signature_text(doc: Document) -> str:
    """The last block that carries a signing formula ('T/M HUYỆN ỦY', 'KT. CHỦ TỊCH', ...)."""
    for block in reversed(doc.blocks):
        text = "\n".join(c.text for c in block.cells) if isinstance(block, Table) else block.text
        if any(marker in text.lower() for marker in document_part_words("signing")):
            return text
    return ""


def _signer(signature_text: str) -> str | None:
    """The signer is the last line of the signature block written as a personal name."""
    lines = [normalize_text(line) for line in signature_text.splitlines()]
    names = [
        line
        for line in lines
        if line and not line.isupper() and not line.startswith(("(", "-", "*")) and len(line.split()) <= 5
    ]
    return names[-1] if names else None


def _issuer(header_tables: list[Table], header_text: str) -> str | None:
    """The issuing body: the upper-case line just above the number in the header block's first column."""
    lines = [normalize_text(line) for line in header_text.splitlines()]
    if header_tables:
        firsts = [cell for table in header_tables if (cell := table.cell_at(0, 0)) is not None]
        lines = [normalize_text(line) for cell in firsts for line in cell.text.splitlines()]
    bodies = [line for line in lines if line.isupper() and len(line) > 3 and not DOC_NUMBER_RE.search(line)]
    return bodies[-1] if bodies else None


def _doc_type(doc: Document, doc_number: str | None) -> str | None:
    for paragraph in doc.paragraphs[: HEADER_PARAGRAPHS * 2]:
        text = normalize_text(paragraph.text)
        if text and text.isupper():
            name = doc_type_by_words(text)
            if name:
                return name
    if doc_number and "/" in doc_number:
        return doc_type_by_code(doc_number.split("/")[0].split("-")[-1])
    return None


@dataclass(frozen=True)
class Metadata:
    """The fields of a `documents` row that the document's own text states."""

    doc_type: str | None
    doc_number: str | None
    issued_date: str | None
    issuer: str | None
    signer: str | None
    province: str | None
    district: str | None
    province_code: str | None
    district_code: str | None
    unit_edition: str  # the list of units in force on its date: pre-2025 or 2025


def _partial_date(header_text: str) -> str | None:
    """The month or year of a date line left blank in part ('ngày ... tháng 6 năm 2026' ->
    '2026-06-01'): enough to know which list of units was in force, not a date of issue."""
    month = MONTH_RE.search(header_text)
    if month and 1 <= int(month.group(1)) <= 12:
        return f"{int(month.group(2)):04d}-{int(month.group(1)):02d}-01"
    year = YEAR_RE.search(header_text)
    return f"{int(year.group(1)):04d}-01-01" if year else None


def parse_metadata(doc: Document) -> tuple[Metadata, Scope | None]:
    """The document's metadata fields and the area (scope) its unit names belong to."""
    header_text, header_tables = _header_text(doc)
    body_text = "\n".join(p.text for p in doc.paragraphs)
    # Only the header's own number: a "số ..." in the body is a document it cites.
    number = DOC_NUMBER_RE.search(header_text)
    doc_number = re.sub(r"\s", "", number.group(1)).rstrip(".,") if number else None
    issued = DATE_RE.search(header_text)
    issued_date = None
    if issued:
        day, month, year = (int(g) for g in issued.groups())
        try:
            issued_date = date(year, month, day).isoformat()
        except ValueError:
            issued_date = None
    edition = edition_on(issued_date or _partial_date(header_text))
    scope = detect_scope(header_text, body_text, edition)
    gazetteer = load_gazetteer(edition)
    metadata = Metadata(
        doc_type=_doc_type(doc, doc_number),
        doc_number=doc_number,
        issued_date=issued_date,
        issuer=_issuer(header_tables, header_text),
        signer=_signer(_signature_text(doc)),
        province=gazetteer.by_code[scope.province_code].name if scope else None,
        district=gazetteer.by_code[scope.district_code].name if scope and scope.district_code else None,
        province_code=scope.province_code if scope else None,
        district_code=scope.district_code if scope else None,
        unit_edition=edition,
    )
    return metadata, scope


HEADER_FIELDS = {"doc_type": "title", "doc_number": "header block", "issued_date": "header block"}


def header_statements(doc_id: str, metadata: Metadata) -> list[MetadataSourceRow]:
    """The metadata fields as the header block and title state them, for comparison with captions."""
    return [
        MetadataSourceRow(doc_id=doc_id, field=field, source=source, value=getattr(metadata, field))
        for field, source in HEADER_FIELDS.items()
        if getattr(metadata, field) is not None
    ]
