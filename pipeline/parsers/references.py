"""References parser: the documents a plan implements or cites, and where it states its own identity.

"thực hiện Nghị quyết số 28-NQ/TU, ngày 25/7/2022" in the title is what the document implements;
a paragraph opening "Căn cứ" gives its legal basis; other mentions are citations. An annex caption
("Kèm theo Chương trình số 30-CTr/HU, ngày 10/10/2022 của ...") restates the document's own number
and date: a second source for its metadata, which a check compares with the header block.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from pipeline.document import Document
from pipeline.parsers.metadata import DOC_TYPES
from pipeline.text import fold_diacritics, normalize_text

TYPE_WORDS = "Nghị quyết|Quyết định|Chỉ thị|Kế hoạch|Chương trình|Thông tư|Nghị định|Công văn|Thông báo|Hướng dẫn|Luật"
REFERENCE_RE = re.compile(
    rf"(?P<type>{TYPE_WORDS})\s+(?:số\s*:?\s*)?(?P<number>\d+(?:[-/][\w.Đđ-]+)*)"
    r"(?:\s*,?\s*ngày\s+(?P<day>\d{1,2})[/-](?P<month>\d{1,2})[/-](?P<year>\d{4}))?"
)
CAPTION_RE = re.compile(r"^\(?\s*Kèm theo\s+", re.IGNORECASE)
TITLE_PARAGRAPHS = 6


def _iso(match: re.Match[str]) -> str | None:
    if not match.group("year"):
        return None
    try:
        return date(int(match.group("year")), int(match.group("month")), int(match.group("day"))).isoformat()
    except ValueError:
        return None


def _type_name(words: str) -> str:
    return DOC_TYPES.get(fold_diacritics(words), words)


def parse_references(doc: Document, doc_number: str | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(references, metadata statements found in annex captions)."""
    references: dict[tuple[str, str], dict[str, Any]] = {}
    captions: list[dict[str, Any]] = []
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
            if key not in references or (references[key]["ref_date"] is None and _iso(match)):
                references[key] = {
                    "doc_id": doc.doc_id,
                    "ref_type": kind,
                    "ref_number": number,
                    "ref_date": _iso(match),
                    "relation": relation,
                    "context": text[max(0, match.start() - 40) : match.end() + 40],
                }
    rows = list(references.values())
    for ref_no, row in enumerate(rows, start=1):
        row["ref_no"] = ref_no
    return rows, captions


def _relation(text: str, position: int, paragraph_index: int) -> str:
    lead = fold_diacritics(text[:position])
    if lead.startswith("can cu"):
        return "basis"
    if paragraph_index < TITLE_PARAGRAPHS and lead.endswith("thuc hien"):
        return "implements"
    return "cites"


def _caption_statements(doc: Document, kind: str, number: str, issued: str | None) -> list[dict[str, Any]]:
    statements = [("doc_type", kind), ("doc_number", number), ("issued_date", issued)]
    return [
        {"doc_id": doc.doc_id, "field": field, "source": "annex caption", "value": value}
        for field, value in statements
        if value is not None
    ]
