"""Narrative parser: Document paragraphs -> numeric claims with their sentence, section and meaning.

A claim is a number followed by a measure word ("109 thôn", "11,47 tiêu chí/xã", "70% hồ sơ")
inside a clause of the narrative. Its kind comes from the words of plan language around it:
an average ("bình quân"), a share (%), a floor ("không còn xã ... dưới 13 tiêu chí"), a target
("phấn đấu", "đến năm 2025") or a baseline ("đến hết năm 2021", "đã"). Units named in the clause
("xã Sung Trà và xã Niêm Sơn") are kept as printed and resolved later.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.document import Document, Paragraph
from pipeline.text import fold_diacritics, normalize_text, parse_number

# Measure words of plan documents, longest first so "tiêu chí/xã" wins over "tiêu chí".
MEASURES = (
    "tiêu chí/xã",
    "tiêu chí",
    "thôn",
    "bản",
    "xã",
    "hộ",
    "người",
    "lao động",
    "km",
    "ha",
    "tỷ đồng",
    "triệu đồng",
    "công trình",
    "trường",
    "cụm",
    "sản phẩm",
    "huyện",
)
_MEASURE_ALTERNATIVES = "|".join(re.escape(m) for m in MEASURES)
CLAIM_RE = re.compile(
    rf"(?<![\w/.,-])(?:(?P<low>\d+)\s*-\s*)?(?P<value>\d+(?:[.,]\d+)?)\s*(?P<measure>%|(?:{_MEASURE_ALTERNATIVES})(?![\w]))"
)
LEVEL_RE = re.compile(r"^\s*đạt\s+(?P<level>\d+)\s+tiêu chí")
HEADING_RE = re.compile(r"^(?:[IVXLC]+[-.)]|\d+(?:\.\d+)*[.)])\s+\S")
YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
NAMED_UNITS_RE = re.compile(
    r"(?:xã|phường|thị trấn)\s+((?:[A-ZÀ-ỸĐ][^\s,;.()]*\s?)+(?:(?:,\s*|\s+và\s+)(?:(?:xã|phường|thị trấn)\s+)?"
    r"(?:[A-ZÀ-ỸĐ][^\s,;.()]*\s?)+)*)"
)
BASELINE_WORDS = ("den het nam", "hien nay", "da dat", "ket qua", "hien co", "tinh den")
TARGET_WORDS = ("phan dau", "muc tieu", "ke hoach", "co them", "nang tong so", "den nam", "khong con")


def _sentences(text: str) -> list[str]:
    """Sentences of a paragraph: split at '. ' before a capital, keeping decimals and dates whole."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-ỸĐ\-+])", text)
    return [p.strip() for p in parts if p.strip()]


def _clauses(sentence: str) -> list[str]:
    return [c.strip() for c in re.split(r";\s*", sentence) if c.strip()]


def _kind(clause: str, sentence: str, measure: str, before: str) -> str:
    key_before = fold_diacritics(before[-40:])
    if "binh quan" in key_before or "trung binh" in key_before:
        return "average"
    if measure == "%":
        return "share"
    if "duoi" in fold_diacritics(before[-25:]) and "khong con" in fold_diacritics(clause):
        return "floor"
    for text in (clause, sentence):
        key = fold_diacritics(text)
        if any(w in key for w in BASELINE_WORDS):
            return "baseline"
        if any(w in key for w in TARGET_WORDS):
            return "target"
    return "statement"


def _period(*texts: str) -> str | None:
    """The last year named in the nearest text: the clause, else its sentence, paragraph, section."""
    for text in texts:
        years: list[str] = YEAR_RE.findall(text)
        if years:
            return years[-1]
    return None


def named_units(clause: str) -> list[str]:
    """Unit names a clause lists after 'xã' ('xã Sung Trà và xã Niêm Sơn', 'xã Tát Ngà, Nậm Ban')."""
    names: list[str] = []
    for match in NAMED_UNITS_RE.finditer(clause):
        for part in re.split(r",\s*|\s+và\s+", match.group(1)):
            name = re.sub(r"^(?:xã|phường|thị trấn)\s+", "", part.strip())
            if name and name[0].isupper():
                names.append(name)
    return names


def parse_claims(doc: Document) -> list[dict[str, Any]]:
    claims: list[dict[str, Any]] = []
    section = ""
    for paragraph_no, paragraph in enumerate(doc.paragraphs, start=1):
        text = normalize_text(paragraph.text)
        if not text:
            continue
        if _is_heading(paragraph, text):
            section = text
            continue
        for sentence in _sentences(text):
            for clause in _clauses(sentence):
                context = (section, sentence, text)
                claims.extend(_clause_claims(doc, paragraph, paragraph_no, context, clause, len(claims)))
    return claims


def _is_heading(paragraph: Paragraph, text: str) -> bool:
    return len(text) < 200 and (paragraph.bold or bool(HEADING_RE.match(text))) and not text.endswith(";")


def _clause_claims(
    doc: Document, paragraph: Paragraph, paragraph_no: int, context: tuple[str, str, str], clause: str, offset: int
) -> list[dict[str, Any]]:
    section, sentence, paragraph_text = context
    matches = list(CLAIM_RE.finditer(clause))
    found: list[dict[str, Any]] = []
    level_spans: list[tuple[int, int]] = []
    for index, match in enumerate(matches):
        parsed = parse_number(match.group("value"))
        if parsed is None or any(start <= match.start() < end for start, end in level_spans):
            continue  # the "13 tiêu chí" of "02 xã đạt 13 tiêu chí" is that claim's level, not a claim
        measure = match.group("measure")
        before = clause[: match.start()]
        following = clause[match.end() : matches[index + 1].start() if index + 1 < len(matches) else len(clause)]
        level = LEVEL_RE.match(clause[match.end() :])
        if level:
            level_spans.append((match.end(), match.end() + level.end()))
        nearby = fold_diacritics(before[-80:] + " " + clause[match.end() : match.end() + 40])
        units = named_units(following)
        found.append(
            {
                "doc_id": doc.doc_id,
                "claim_no": offset + len(found) + 1,
                "paragraph_no": paragraph_no,
                "section": section or None,
                "sentence": sentence,
                "clause": clause,
                "value": parsed.value,
                "value_low": float(match.group("low")) if match.group("low") else None,
                "value_text": match.group(0),
                "measure": measure,
                "kind": _kind(clause, sentence, measure, before),
                "period": _period(clause, sentence, paragraph_text, section),
                "level_value": float(level.group("level")) if level else None,
                "at_standard": not level and "dat chuan" in nearby,
                "unit_names_raw": "; ".join(units) or None,
                "page": paragraph.page,
                "source_file": doc.source_file,
            }
        )
    return found
