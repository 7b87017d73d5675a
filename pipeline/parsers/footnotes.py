"""Footnote parser: Document footnotes -> footnote records and per-unit footnote items.

A footnote that lists per-unit figures ("Tân Lập 4 thôn; Bản Mù 6 thôn; ...") gives one
item per unit: the name as printed, the value and its measure word. A footnote that states a
total ("Tổng số thôn thuộc 2 xã biên giới là 27 thôn") records that total. The figure the
footnote marker is attached to in the body ("có 42 thôn¹") is the total the footnote explains.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.document import Document
from pipeline.records import FootnoteItemRow, FootnoteRow
from pipeline.text import CAPITAL, normalize_text, parse_number
from pipeline.vocabulary import alternation, measure_words, unit_type_words

NUMBER = r"\d[\d.,]*"
# One capitalised syllable (Vietnamese names write every syllable with a capital).
NAME_WORD = rf"{CAPITAL}[^\s\d;,:.()]*"
UNIT_PREFIX = rf"(?:(?:{alternation(unit_type_words())})\s+)?"
ITEM_RE = re.compile(
    rf"(?<![\w]){UNIT_PREFIX}(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{0,4}})\s*[:(–-]?\s*"
    rf"(?P<value>{NUMBER})\s+(?P<measure>[^\W\d]+)",
)
STATED_TOTAL_RE = re.compile(
    rf"(?i:tổng\s+(?:số|cộng)?)[^;()]*?(?:là|gồm|có|:|=)\s*(?P<value>{NUMBER})\s+(?P<measure>[^\W\d]+)"
)
# A figure and its measure word: "42 thôn", "3.500,5 triệu đồng", "80%".
FIGURE_RE = re.compile(
    rf"(?<![\w.,])(?P<value>{NUMBER}(?<![.,]))\s*(?P<measure>%|(?:{alternation(measure_words())})(?!\w)|[^\W\d]+)?"
)
# A clause ends at a semicolon, a colon or a sentence's full stop: the marker speaks of a figure in its own.
CLAUSE_BREAK_RE = re.compile(r"[;:]|\.\s")
ANCHOR_CONTEXT_CHARS = 60


def parse_footnotes(doc: Document) -> tuple[list[FootnoteRow], list[FootnoteItemRow]]:
    """(footnote records, item records) for one document."""
    anchors = _anchors(doc)
    notes: list[FootnoteRow] = []
    items: list[FootnoteItemRow] = []
    for footnote in doc.footnotes:
        text = normalize_text(footnote.text)
        stated = STATED_TOTAL_RE.search(text)
        stated_value = parse_number(stated.group("value")) if stated else None
        anchor = anchors.get(footnote.number, {})
        notes.append(
            FootnoteRow(
                doc_id=doc.doc_id,
                footnote_no=int(footnote.number) if footnote.number.isdigit() else None,
                footnote_label=footnote.number,
                text=text,
                anchor_value=anchor.get("value"),
                anchor_measure=anchor.get("measure"),
                anchor_context=anchor.get("context"),
                stated_total=stated_value.value if stated_value else None,
                stated_measure=stated.group("measure").lower() if stated else None,
                page=footnote.page,
                source_file=doc.source_file,
            )
        )
        items.extend(_items(doc, footnote.number, text, footnote.page))
    return notes, items


def _items(doc: Document, number: str, text: str, page: int | None) -> list[FootnoteItemRow]:
    """The unit figures a footnote lists; items are keyed by the footnote's number, so a footnote
    marked by a symbol (its text is kept in `footnotes`) lists none."""
    items: list[FootnoteItemRow] = []
    if not number.isdigit():
        return items
    for match in ITEM_RE.finditer(text):
        value = parse_number(match.group("value"))
        if value is None:
            continue
        items.append(
            FootnoteItemRow(
                doc_id=doc.doc_id,
                footnote_no=int(number),
                item_no=len(items) + 1,
                unit_name_raw=match.group("name").strip(),
                value=value.value,
                measure=match.group("measure").lower(),
                item_text=match.group(0).strip(),
                page=page,
                source_file=doc.source_file,
            )
        )
    return items


ANCHOR_MAX_WORDS = 2  # words between a figure's measure and the marker that still belong to it ("thôn, bản¹")


def _close(between: str) -> bool:
    return len(re.findall(r"\w+", between)) <= ANCHOR_MAX_WORDS


def _is_year(text: str) -> bool:
    """A year in a clause ('đến năm 2025') is when, not how many."""
    return bool(re.fullmatch(r"(19|20)\d{2}", text))


def _anchors(doc: Document) -> dict[str, dict[str, Any]]:
    """Footnote number -> the figure its marker is attached to in the body, if there is one."""
    anchors: dict[str, dict[str, Any]] = {}
    for paragraph in doc.paragraphs:
        for ref in paragraph.footnote_refs:
            before = paragraph.text[: ref.offset]
            context = normalize_text(before[-ANCHOR_CONTEXT_CHARS:])
            # The figure the marker follows: the last one of its clause, a word or two before it
            # ("có 42 thôn, bản¹" is 42; "100% số thôn thuộc các xã biên giới²" explains the communes).
            clause = CLAUSE_BREAK_RE.split(before)[-1]
            figures = [m for m in FIGURE_RE.finditer(clause) if not _is_year(m.group("value"))]
            match = figures[-1] if figures and _close(clause[figures[-1].end() :]) else None
            value = parse_number(match.group("value")) if match else None
            anchors.setdefault(
                ref.number,
                {
                    "value": value.value if value else None,
                    "measure": (match.group("measure") or "").lower() or None if match else None,
                    "context": context,
                },
            )
    return anchors
