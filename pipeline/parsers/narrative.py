"""Narrative parser: Document paragraphs -> numeric claims with their sentence, section and meaning.

A claim is a number followed by a measure word ("42 thôn", "12,35 tiêu chí/xã", "80% hộ")
inside a clause of the narrative. Its kind comes from the words of plan language around it
(pipeline.vocabulary, kinds.csv): an average ("bình quân"), a share (%), a floor ("không còn xã
... dưới 15 tiêu chí"), a target ("phấn đấu", "đến năm 2030") or a baseline ("đến hết năm 2020",
"đã"). Units named in the clause ("xã Tân Lập và xã Bản Mù") are kept as printed and resolved later.
"""

from __future__ import annotations

import re

from pipeline.document import Document, Paragraph
from pipeline.parsers.equations import find_equations
from pipeline.records import ClaimRow
from pipeline.text import CAPITAL, CAPITALS, normalize_text, parse_number
from pipeline.vocabulary import (
    alternation,
    claim_measure_words,
    has_kind,
    measure_by_word,
    mentions_total,
    unit_type_words,
)

# Measure words of plan documents, longest first so "tiêu chí/xã" wins over "tiêu chí".
CLAIM_RE = re.compile(
    rf"(?<![\w/.,-])(?:(?P<low>\d+)\s*-\s*)?(?P<value>\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?|\d+(?:[.,]\d+)?)\s*"
    rf"(?P<measure>%|(?:{alternation(claim_measure_words())})(?![\w]))"
)
LEVEL_RE = re.compile(r"^\s*đạt\s+(?P<level>\d+)\s+tiêu chí")
HEADING_RE = re.compile(r"^(?:[IVXLC]+[-.)]|\d+(?:\.\d+)*[.)])\s+\S")
YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
COMMUNE_WORDS = alternation(unit_type_words("commune"))
NAMED_UNITS_RE = re.compile(
    rf"(?:{COMMUNE_WORDS})\s+((?:{CAPITAL}[^\s,;.()]*\s?)+(?:(?:,\s*|\s+và\s+)(?:(?:{COMMUNE_WORDS})\s+)?"
    rf"(?:{CAPITAL}[^\s,;.()]*\s?)+)*)"
)
COMMUNE_PREFIX_RE = re.compile(rf"^(?:{COMMUNE_WORDS})\s+")
# What a figure in parentheses is about: the name right before the bracket, from its first capitalised
# word ("Âu Lâu (86,83%)", "Cụm công nghiệp Đầm Hồng (16 ha, 23 dự án, ...)").
SUBJECT_RE = re.compile(r"(?P<words>(?:[^\s,;:()]+\s+){0,6}[^\s,;:()]+)\s*\($")


def subject_of(before: str) -> str | None:
    """The name a figure is given to when it stands in parentheses after it; None otherwise."""
    opening = before.rfind("(")
    if opening < 0 or ")" in before[opening:]:
        return None
    match = SUBJECT_RE.search(before[: opening + 1])
    words = match["words"].split() if match else []
    while words and not words[0][0].isupper():
        words.pop(0)
    return " ".join(words) or None


def _sentences(text: str) -> list[str]:
    """Sentences of a paragraph: split at '. ' before a capital, keeping decimals and dates whole."""
    parts = re.split(rf"(?<=[.!?])\s+(?=[{CAPITALS}\-+])", text)
    return [p.strip() for p in parts if p.strip()]


def _clauses(sentence: str) -> list[str]:
    return [c.strip() for c in re.split(r";\s*", sentence) if c.strip()]


# Kinds read from the words before a figure, nearest first: 'có thêm 02 xã ..., nâng tổng số lên
# 03 xã' holds an added and a cumulative figure in one clause.
PLAN_KINDS = ("cumulative", "added", "baseline", "target")


def _kind(clause: str, sentence: str, measure: str, before: str, local: str) -> str:
    if has_kind(before[-40:], "average", "claim"):
        return "average"
    if measure == "%":
        return "share"
    if has_kind(before[-25:], "below", "claim") and has_kind(clause, "none_left", "claim"):
        return "floor"
    for text in (local, clause, sentence):
        for kind in PLAN_KINDS:
            if has_kind(text, kind, "claim"):
                return kind
    return "statement"


def _period(*texts: str) -> str | None:
    """The last year named in the nearest text: the clause, else its sentence, paragraph, section."""
    for text in texts:
        years: list[str] = YEAR_RE.findall(text)
        if years:
            return years[-1]
    return None


def named_units(clause: str) -> list[str]:
    """Unit names a clause lists after 'xã' ('xã Tân Lập và xã Bản Mù', 'xã Nà Hang, Pà Vầy Sủ')."""
    names: list[str] = []
    for match in NAMED_UNITS_RE.finditer(clause):
        for part in re.split(r",\s*|\s+và\s+", match.group(1)):
            name = COMMUNE_PREFIX_RE.sub("", part.strip())
            if name and name[0].isupper():
                names.append(name)
    return names


def parse_claims(doc: Document) -> list[ClaimRow]:
    claims: list[ClaimRow] = []
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
) -> list[ClaimRow]:
    section, sentence, paragraph_text = context
    equations = find_equations(clause)
    # A figure inside an equation is one of its terms, checked with it.
    matches = [m for m in CLAIM_RE.finditer(clause) if not any(e.start <= m.start() < e.end for e in equations)]
    found: list[ClaimRow] = []
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
        nearby = before[-80:] + " " + clause[match.end() : match.end() + 40]
        units = named_units(following)
        vocabulary = measure_by_word(measure)
        local = clause[matches[index - 1].end() if index else 0 : match.start()]  # since the figure before
        found.append(
            ClaimRow(
                doc_id=doc.doc_id,
                claim_no=offset + len(found) + 1,
                paragraph_no=paragraph_no,
                section=section or None,
                sentence=sentence,
                clause=clause,
                value=parsed.value,
                value_low=float(match.group("low")) if match.group("low") else None,
                value_text=match.group(0),
                measure=measure,
                measure_kind=vocabulary.kind if vocabulary else ("percent" if measure == "%" else None),
                measure_scale=vocabulary.scale if vocabulary else None,
                kind=_kind(clause, sentence, measure, before, local),
                states_total=mentions_total(local),
                subject=subject_of(before),
                period=_period(clause, sentence, paragraph_text, section),
                level_value=float(level.group("level")) if level else None,
                at_standard=not level and has_kind(nearby, "at_standard", "claim"),
                unit_names_raw="; ".join(units) or None,
                page=paragraph.page,
                source_file=doc.source_file,
            )
        )
    for equation in equations:
        found.append(
            ClaimRow(
                doc_id=doc.doc_id, claim_no=offset + len(found) + 1, paragraph_no=paragraph_no, section=section or None,
                sentence=sentence, clause=clause, value=equation.result,
                value_text=f"{equation.expression} = {equation.result_text}", kind="equation",
                expression=equation.expression, expression_value=equation.value, expression_terms=equation.terms,
                period=_period(clause, sentence, paragraph_text, section), at_standard=False, page=paragraph.page,
                source_file=doc.source_file,
            )
        )  # fmt: skip
    return found
