"""Name matching: a unit name as printed, within a scope -> the official unit, or why not.

Input: a printed name ('xã Tân Lập', 'Tan Lap', 'Tân Lâp') and a `Scope`. Output: a `Resolution`
with the official code, name, level and how it matched, in a fixed order of increasingly loose
matches. Reviewed aliases live in schemas/place_aliases.csv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from pipeline.places.gazetteer import Unit, load_gazetteer
from pipeline.places.scope import Scope
from pipeline.resources import read_csv_rows
from pipeline.text import comparison_key, fold_diacritics, normalize_text
from pipeline.vocabulary import unit_type_full_word, unit_type_words, unit_word_level

ALIASES = ("data", "schemas", "place_aliases.csv")
FUZZY_MIN_SCORE = 88.0
FUZZY_MIN_MARGIN = 8.0


@dataclass(frozen=True)
class Resolution:
    name_raw: str
    unit_code: str | None
    official_name: str | None
    level: str | None
    method: str  # alias, exact, tone_insensitive, diacritic_insensitive, fuzzy, unresolved, ambiguous
    candidates: tuple[str, ...] = field(default=())


TRAILING_REMARK_RE = re.compile(r"\s*\([^()]*\)\s*$")


def strip_unit_prefix(name: str) -> tuple[str, str | None]:
    """'xã Tân Lập' -> ('Tân Lập', 'xã'); a name without a type word comes back as it is; a remark
    in parentheses after the name is no part of it ('Huyện Văn Yên (03 xã)')."""
    text = TRAILING_REMARK_RE.sub("", normalize_text(name)).strip(" .:;,()")
    lowered = text.lower()
    for prefix in unit_type_words():
        if lowered.startswith(prefix + " ") and len(text) > len(prefix) + 1:
            return text[len(prefix) + 1 :].strip(), prefix
    return text, None


def alias_rows() -> list[dict[str, str]]:
    """The reviewed aliases file: scope_code, alias, unit_code, note."""
    return read_csv_rows(*ALIASES)


@cache
def _aliases() -> dict[tuple[str, str], str]:
    """(scope code, comparison key of the alias) -> unit code, from the reviewed aliases file."""
    return {(row["scope_code"], comparison_key(row["alias"])): row["unit_code"] for row in alias_rows()}


def resolve_name(name_raw: str, scope: Scope, prefer_level: str | None = None) -> Resolution:
    """Resolve one printed name inside `scope`, in a fixed order of increasingly loose matches; a
    bare name that is a unit at two levels (a district and its seat town) is the one at
    `prefer_level` when given, else the lower."""
    gazetteer = load_gazetteer(scope.edition)
    name, prefix = strip_unit_prefix(name_raw)
    wanted_level = unit_word_level(prefix, scope.edition) if prefix else None
    if wanted_level in ("district", "province"):
        scope = scope.province()  # a district is never inside the district a plan speaks for
    candidates = gazetteer.within(scope.province_code, scope.district_code)
    if wanted_level:
        candidates = [u for u in candidates if u.level == wanted_level]
    scope_code = scope.district_code or scope.province_code
    alias_code = _aliases().get((scope_code, comparison_key(name)))
    if alias_code and alias_code in gazetteer.by_code:
        return _resolved(name_raw, gazetteer.by_code[alias_code], "alias")
    for method, key in (
        ("exact", comparison_key),
        ("tone_insensitive", lambda s: comparison_key(s, keep_tone=False)),
        ("diacritic_insensitive", fold_diacritics),
    ):
        target = key(name)
        matches = [u for u in candidates if key(u.name) == target]
        if len(matches) == 1:
            return _resolved(name_raw, matches[0], method)
        if len(matches) > 1:
            chosen = _one_of(matches, prefix, prefer_level)
            if chosen is not None:
                return _resolved(name_raw, chosen, method)
            return Resolution(name_raw, None, None, None, "ambiguous", tuple(u.full_name for u in matches))
    return _fuzzy(name_raw, name, candidates)


def _one_of(matches: list[Unit], prefix: str | None, prefer_level: str | None = None) -> Unit | None:
    """One name at two levels: the unit whose full name opens with the printed type word ('Thành phố
    Yên Bái' is the city, not the province); with no type word, the lowest level (a district and its
    seat town share a name)."""
    if prefix is not None:
        word = unit_type_full_word(prefix)
        typed = [u for u in matches if comparison_key(u.full_name).startswith(comparison_key(word) + " ")]
        return typed[0] if len(typed) == 1 else None
    preferred = [u for u in matches if u.level == (prefer_level or "commune")]
    return preferred[0] if len(preferred) == 1 else None


def _fuzzy(name_raw: str, name: str, candidates: list[Unit]) -> Resolution:
    """A name no exact key finds: the one candidate it differs from only as OCR misreads letters
    ('Tân Lâp', 'Hoang Thu Phó', 'rn' for 'm'). A name a letter longer or shorter is another
    name ('Tiên Lộc' is not 'Thiên Lộc'): left unresolved, with the near candidates named."""
    # Scored with tones kept: an OCR slip changes one letter, a different commune usually two.
    target = comparison_key(name)
    scored = sorted(
        ((fuzz.ratio(target, comparison_key(u.name)), u) for u in candidates),
        key=lambda pair: pair[0],
        reverse=True,
    )
    if not scored:
        return Resolution(name_raw, None, None, None, "unresolved")
    misread = [(score, u) for score, u in scored if ocr_confusable(name, u.name)]
    if misread:
        best_score, best = misread[0]
        runner_up = misread[1][0] if len(misread) > 1 else 0.0
        if best_score >= FUZZY_MIN_SCORE and best_score - runner_up >= FUZZY_MIN_MARGIN:
            return _resolved(name_raw, best, "fuzzy")
    near = tuple(u.full_name for score, u in scored[:3] if score >= FUZZY_MIN_SCORE - 15)
    return Resolution(name_raw, None, None, None, "unresolved", near)


# Letters OCR takes for one another in Vietnamese print (compared without marks, which OCR also
# drops or adds: those differences are already free).
OCR_CONFUSIONS = frozenset(
    frozenset(pair)
    for pair in (
        ("l", "i"), ("l", "1"), ("i", "1"), ("l", "t"), ("t", "f"), ("o", "0"), ("o", "c"), ("c", "e"),
        ("o", "a"), ("e", "a"), ("n", "u"), ("n", "h"), ("h", "b"), ("u", "v"), ("v", "y"), ("g", "q"),
        ("s", "5"), ("i", "j"), ("y", "j"), ("h", "k"), ("rn", "m"), ("cl", "d"), ("ii", "u"), ("in", "m"), ("ri", "n"),
    )
)  # fmt: skip


def ocr_confusable(printed: str, official: str) -> bool:
    """Whether `printed` differs from `official` only by letters OCR confuses (and spaces): the same
    number of letters, no letter added or dropped, once marks are set aside."""
    a, b = fold_diacritics(printed), fold_diacritics(official)
    if a == b:
        return True
    for op in Levenshtein.opcodes(a, b):
        if op.tag == "equal":
            continue
        left, right = a[op.src_start : op.src_end], b[op.dest_start : op.dest_end]
        if op.tag != "replace":
            if (left + right).strip():
                return False  # a letter added or dropped: another name, not a misreading
            continue
        if not _confused(left, right):
            return False
    return True


def _confused(left: str, right: str) -> bool:
    if frozenset((left, right)) in OCR_CONFUSIONS:
        return True
    if len(left) == len(right):
        return all(x == y or frozenset((x, y)) in OCR_CONFUSIONS for x, y in zip(left, right, strict=True))
    return False


def _resolved(name_raw: str, unit: Unit, method: str) -> Resolution:
    return Resolution(name_raw, unit.code, unit.name, unit.level, method)
