"""References parser: the documents a plan implements or cites, and where it states its own identity.

"thực hiện Nghị quyết số 12-NQ/TU, ngày 5/3/2021" in the title is what the document implements;
a paragraph opening "Căn cứ" gives its legal basis; other mentions are citations. An annex caption
("Kèm theo Kế hoạch số 15/KH-UBND, ngày 3/4/2023 của ...") restates the document's own number
and date: a second source for its metadata, which a check compares with the header block.
"""

from __future__ import annotations

import re
from datetime import date

from pipeline.document import Document
from pipeline.records import DocReferenceRow, MetadataSourceRow
from pipeline.text import fold_diacritics, normalize_text
from pipeline.vocabulary import alternation, doc_type_alternation, doc_type_by_words, document_part_words

REFERENCE_RE = re.compile(
    rf"(?P<type>{doc_type_alternation()})\s+(?:số\s*:?\s*)?(?P<number>\d+(?:[-/][\w.Đđ-]+)*)"
    r"(?:\s*,?\s*ngày\s+(?P<day>\d{1,2})[/-](?P<month>\d{1,2})[/-](?P<year>\d{4}))?"
)
CAPTION_RE = re.compile(rf"^\(?\s*(?:{alternation(document_part_words('attached'))})\s+", re.IGNORECASE)
TITLE_PARAGRAPHS = 6


def _iso(match: re.Match[str]) -> str | None:
    if not match.group("year"):
        return None
    try:
        return date(int(match.group("year")), int(match.group("month")), int(match.group("day"))).isoformat()
    except ValueError:
        return None


def _type_name(words: str) -> str:
    return doc_type_by_words(words) or words


def parse_references(doc: Document, doc_number: str | None) -> tuple[list[DocReferenceRow], list[MetadataSourceRow]]:
    """(references, metadata statements found in annex captions)."""
    references: dict[tuple[str, str], DocReferenceRow] = {}
    captions: list[MetadataSourceRow] = []
    for index, paragraph in enumerate(doc.paragraphs):
        text = normalize_text(paragraph.text)
        for match in REFERENCE_RE.finditer(text):
            number = match.group("number").rstrip(".,")
            kind = _type_name(match.group("type"))
            if CAPTION_RE.match(text):
                captions.extend(_caption_statements(doc, kind, number, _iso(match)))
                continue
            if number == doc_number:
                continue  # the document naming itself
            relation = _relation(text, match.start(), index)
            key = (kind, number)
            if key not in references or (references[key].ref_date is None and _iso(match)):
                references[key] = DocReferenceRow(
                    doc_id=doc.doc_id,
                    ref_no=0,  # numbered below, in order of first mention
                    ref_type=kind,
                    ref_number=number,
                    ref_date=_iso(match),
                    relation=relation,
                    context=text[max(0, match.start() - 40) : match.end() + 40],
                )
    rows = list(references.values())
    for ref_no, row in enumerate(rows, start=1):
        row.ref_no = ref_no
    return rows, captions


def _relation(text: str, position: int, paragraph_index: int) -> str:
    lead = fold_diacritics(text[:position])
    if lead.startswith("can cu"):
        return "basis"
    if paragraph_index < TITLE_PARAGRAPHS and lead.endswith("thuc hien"):
        return "implements"
    return "cites"


def _caption_statements(doc: Document, kind: str, number: str, issued: str | None) -> list[MetadataSourceRow]:
    statements = [("doc_type", kind), ("doc_number", number), ("issued_date", issued)]
    return [
        MetadataSourceRow(doc_id=doc.doc_id, field=field, source="annex caption", value=value)
        for field, value in statements
        if value is not None
    ]
