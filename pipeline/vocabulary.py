"""The words that carry meaning in plan documents, loaded once from pipeline/data/vocabulary/*.csv.

Input: the vocabulary files (data: a new word is one line in one file). Output: typed entries,
the regex alternations parsers build their patterns from, matchers for row and claim kinds, and
the same words as tables for the SQL checks. No other module spells these words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

import pandas as pd

from pipeline.resources import read_csv_rows
from pipeline.text import comparison_key, fold_diacritics, has_marks, normalize_text

FOLDER = ("data", "vocabulary")
LEVELS = ("commune", "district", "province")
# Measure kinds a header or caption names as its unit ("(triệu đồng)", "Đơn vị: ha"): physical
# quantities, as opposed to things counted.
QUANTITY_KINDS = frozenset({"money", "area", "length", "volume", "mass", "percent"})
# Measure kinds of things counted one by one: what an annex line's `counted` lists.
COUNT_KINDS = frozenset({"count", "communes"})


@dataclass(frozen=True)
class UnitWord:
    word: str
    role: str  # type, body, collective
    levels: tuple[str, ...]
    levels_2025: tuple[str, ...]
    stands_for: str | None


@dataclass(frozen=True)
class Measure:
    word: str
    kind: str
    base: str | None
    scale: float | None
    claim: bool


@dataclass(frozen=True)
class KindWord:
    word: str
    kind: str
    where: frozenset[str]
    match: str  # prefix, contains
    level: str | None
    anywhere: bool  # a total word that makes a total wherever its row stands


@dataclass(frozen=True)
class ColumnWord:
    word: str
    role: str
    match: str  # compact, prefix, exact


@dataclass(frozen=True)
class DocType:
    name: str
    code: str | None


def _rows(name: str) -> list[dict[str, str]]:
    return read_csv_rows(*FOLDER, f"{name}.csv")


def _levels(text: str) -> tuple[str, ...]:
    levels = tuple(text.split())
    unknown = set(levels) - set(LEVELS)
    if unknown:
        raise ValueError(f"vocabulary: unknown level(s) {sorted(unknown)}; expected {LEVELS}")
    return levels


def longest_first(words: Iterable[str]) -> tuple[str, ...]:
    """Words ordered so that a regex alternation tries 'tiêu chí/xã' before 'tiêu chí'."""
    return tuple(sorted(dict.fromkeys(words), key=lambda w: (-len(w), w)))


def alternation(words: Iterable[str]) -> str:
    """A regex group body matching any of `words`, longest first, each escaped."""
    return "|".join(re.escape(w) for w in longest_first(words))


# --- administrative units ---------------------------------------------------------------------


@cache
def unit_words() -> tuple[UnitWord, ...]:
    return tuple(
        UnitWord(r["word"], r["role"], _levels(r["levels"]), _levels(r["levels_2025"]), r["stands_for"] or None)
        for r in _rows("units")
    )


def unit_type_words(level: str | None = None) -> tuple[str, ...]:
    """Words written before a unit's name, longest first; only those that can name `level` if given."""
    return longest_first(w.word for w in unit_words() if w.role == "type" and (level is None or level in w.levels))


def unit_scope_words(level: str) -> tuple[str, ...]:
    """Type and body words that can name a unit of `level` ('huyện', 'huyện ủy', 'thành phố')."""
    return longest_first(
        w.word for w in unit_words() if w.role in ("type", "body") and level in w.levels and not w.stands_for
    )


def unit_word_level(word: str, edition: str = "pre-2025") -> str | None:
    """The one level a type word names ('xã' -> commune) in an edition of the units ('pre-2025',
    '2025'); None when it can name several ('thành phố' before 2025) or none."""
    key = normalize_text(word).lower()
    for entry in unit_words():
        if entry.word == key and entry.role == "type":
            levels = entry.levels_2025 if edition == "2025" else entry.levels
            return levels[0] if len(levels) == 1 else None
    return None


def unit_type_full_word(word: str) -> str:
    """The type word an abbreviation stands for ('tp.' -> 'thành phố'); other words as they are."""
    key = normalize_text(word).lower()
    for entry in unit_words():
        if entry.word == key and entry.stands_for:
            return entry.stands_for
    return key


def unit_header_words() -> tuple[str, ...]:
    """Words that, in a header, say its columns (or the label column's rows) are units."""
    return longest_first(w.word for w in unit_words() if w.role in ("type", "collective") and not w.stands_for)


# --- measures -------------------------------------------------------------------------------


@cache
def measures() -> tuple[Measure, ...]:
    return tuple(
        Measure(r["word"], r["kind"], r["base"] or None, float(r["scale"]) if r["scale"] else None, r["claim"] == "1")
        for r in _rows("measures")
    )


def measure_words() -> tuple[str, ...]:
    """Every measure word of the vocabulary, longest first ('triệu đồng' before 'đồng')."""
    return longest_first(m.word for m in measures() if m.kind != "not_a_measure")


def claim_measure_words() -> tuple[str, ...]:
    return longest_first(m.word for m in measures() if m.claim)


def measure_by_word(word: str) -> Measure | None:
    """The vocabulary entry of one measure word as printed ('Thôn' -> thôn)."""
    return _measure_by_word().get(normalize_text(word).lower())


def quantity_words() -> tuple[str, ...]:
    """Units of physical quantities a header may state in parentheses: 'đồng', 'ha', 'km', 'tấn'."""
    return longest_first(m.word for m in measures() if m.kind in QUANTITY_KINDS)


@cache
def _measure_by_word() -> dict[str, Measure]:
    return {m.word: m for m in measures()}


@cache
def _measure_re() -> re.Pattern[str]:
    return re.compile(rf"(?<![^\W\d_])(?:{alternation(m.word for m in measures())})(?![^\W\d_])")


def _found_measures(text: str) -> list[Measure]:
    """Measure words in `text`, left to right, whole words only, phrases that are no measure left out."""
    key = normalize_text(text).lower()
    by_word = _measure_by_word()
    return [by_word[m.group(0)] for m in _measure_re().finditer(key) if by_word[m.group(0)].kind != "not_a_measure"]


def measure_of(text: str | None) -> Measure | None:
    """The unit a measure text names ('VN Đồng' -> đồng, 'triệu đồng' -> triệu đồng); None if none."""
    if not text:
        return None
    found = _found_measures(text)
    return max(found, key=lambda m: len(m.word)) if found else None


def counted_words(text: str) -> list[str]:
    """Things a label says its figures count, in order: 'Thực hiện thôn nông thôn mới ... các xã'
    -> ['thôn', 'xã'] ('nông thôn' is rural, not villages)."""
    return list(dict.fromkeys(m.word for m in _found_measures(text) if m.kind in COUNT_KINDS))


# --- kinds of lines and claims ----------------------------------------------------------------


@cache
def kind_words() -> tuple[KindWord, ...]:
    return tuple(
        KindWord(
            r["word"], r["kind"], frozenset(r["where"].split()), r["match"], r["level"] or None, r["anywhere"] == "1"
        )
        for r in _rows("kinds")
    )


@lru_cache(maxsize=1 << 16)
def text_key(text: str) -> tuple[bool, str]:
    """How a text is compared with vocabulary words: with its diacritics when it has any ('Tòng Sành'
    is a name, not 'Tổng'), folded to plain letters when it has none (a text layer that lost them)."""
    marked = has_marks(text)
    return marked, comparison_key(text) if marked else fold_diacritics(text)


def word_key(word: str, marked: bool) -> str:
    return comparison_key(word) if marked else fold_diacritics(word)


def starts_with_word(key: str, word: str) -> bool:
    return key == word or key.startswith(word + " ")


def _contains_word(key: str, word: str) -> bool:
    return f" {word} " in f" {key} "


@cache
def _kind_keys(kind: str, where: str, marked: bool) -> tuple[tuple[str, str], ...]:
    return tuple((word_key(w.word, marked), w.match) for w in kind_words() if w.kind == kind and where in w.where)


def has_kind(text: str, kind: str, where: str) -> bool:
    """Whether `text` (a row label for where='row', a clause for 'claim') carries a word of `kind`,
    as whole words."""
    marked, key = text_key(text)
    return any(
        starts_with_word(key, word) if match == "prefix" else _contains_word(key, word)
        for word, match in _kind_keys(kind, where, marked)
    )


TOTAL_KINDS = ("total", "area_total")


def mentions_total(text: str) -> bool:
    """Whether the words before a figure of the text say it is a total ('Tổng kinh phí thực hiện là')."""
    return has_kind(text, "total", "claim")


def total_word(label: str) -> KindWord | None:
    """The total word a label opens with ('Tổng cộng', 'Cộng', 'Toàn tỉnh'), the longest if several."""
    marked, key = text_key(label)
    found = [
        w for w in kind_words()
        if w.kind in TOTAL_KINDS and "row" in w.where and starts_with_word(key, word_key(w.word, marked))
    ]  # fmt: skip
    return max(found, key=lambda w: len(w.word)) if found else None


def is_total_label(label: str) -> bool:
    return total_word(label) is not None


def is_total_anywhere(label: str) -> bool:
    """'Tổng cộng', 'Tổng số', 'Cộng', 'Toàn tỉnh', 'Tổng': a total wherever it stands. 'Tổng lương
    tháng' names one total among the rows; only first or last is it the table's total."""
    word = total_word(label)
    if word is None:
        return False
    marked, key = text_key(label)
    return word.anywhere or key == word_key(word.word, marked)


def area_total_level(label: str) -> str | None:
    """'Toàn tỉnh' -> province: the level of the document's own area a total row stands for."""
    word = total_word(label)
    return word.level if word is not None and word.kind == "area_total" else None


# --- document types, column roles, document parts ---------------------------------------------


@cache
def doc_types() -> tuple[DocType, ...]:
    return tuple(DocType(r["name"], r["code"] or None) for r in _rows("doc_types"))


def doc_type_alternation() -> str:
    return alternation(t.name for t in doc_types())


def doc_type_by_words(text: str) -> str | None:
    """'KẾ HOẠCH thực hiện ...' -> 'Kế hoạch': the type a title line opens with."""
    marked, key = text_key(text)
    for entry in doc_types():
        if starts_with_word(key, word_key(entry.name, marked)):
            return entry.name
    return None


def doc_type_by_code(code: str) -> str | None:
    """'KH' -> 'Kế hoạch', 'QĐ' or 'QD' -> 'Quyết định': the type a number's abbreviation names."""
    key = fold_diacritics(code).upper()
    for entry in doc_types():
        if entry.code and fold_diacritics(entry.code).upper() == key:
            return entry.name
    return None


@cache
def column_words() -> tuple[ColumnWord, ...]:
    return tuple(ColumnWord(r["word"], r["role"], r["match"]) for r in _rows("columns"))


def column_role_of(header: str) -> str | None:
    """The role a header's words give its column ('STT' -> marker, 'Ghi chú' -> notes), if any.
    Compact words are compared without marks or spaces: 'SốTT', 'Số TT' and 'STT' are one header."""
    marked, key = text_key(header)
    compact = fold_diacritics(header).replace(" ", "")
    for entry in column_words():
        word = word_key(entry.word, marked)
        if entry.match == "compact" and compact == fold_diacritics(entry.word).replace(" ", ""):
            return entry.role
        if entry.match == "prefix" and starts_with_word(key, word):
            return entry.role
        if entry.match == "exact" and key == word:
            return entry.role
    return None


def column_role_words(role: str) -> tuple[str, ...]:
    """Header words of one role, longest first: column_role_words('measure') -> ('đơn vị tính', 'đơn vị', 'đvt')."""
    return longest_first(w.word for w in column_words() if w.role == role)


@cache
def document_part_words(role: str) -> tuple[str, ...]:
    return longest_first(r["word"] for r in _rows("document_parts") if r["role"] == role)


# --- programme constants and SQL tables -------------------------------------------------------


@cache
def measure_kinds() -> dict[str, tuple[bool, bool]]:
    """Measure kind -> (additive, rounded): whether figures of the kind add up, and whether they
    are printed rounded (measure_kinds.csv)."""
    return {r["measure_kind"]: (r["additive"] == "1", r["rounded"] == "1") for r in _rows("measure_kinds")}


@cache
def programme_constants() -> dict[str, float]:
    return {r["name"]: float(r["value"]) for r in _rows("programme")}


def reference_frames() -> dict[str, pd.DataFrame]:
    """The vocabulary as tables beside the reference tables, for checks to join instead of spelling
    words: vocabulary_measures (scales for converting money and areas), vocabulary_measure_kinds
    (which kinds add up, which are printed rounded), vocabulary_kind_words, programme_constants."""
    return {
        "vocabulary_kind_words": pd.DataFrame(
            [{"word": w.word, "kind": w.kind, "used_in": " ".join(sorted(w.where))} for w in kind_words()]
        ),
        "vocabulary_measure_kinds": pd.DataFrame(
            [
                {"measure_kind": kind, "additive": additive, "rounded": rounded}
                for kind, (additive, rounded) in measure_kinds().items()
            ]
        ),
        "vocabulary_measures": pd.DataFrame(
            [
                {"measure_word": m.word, "measure_kind": m.kind, "measure_base": m.base, "measure_scale": m.scale}
                for m in measures()
                if m.kind != "not_a_measure"
            ]
        ),
        "programme_constants": pd.DataFrame(
            [{"name": name, "value": value} for name, value in programme_constants().items()]
        ),
    }
