"""Vietnamese text normalisation and number parsing, shared by every stage.

Input: raw strings from readers. Output: normalised strings, comparison keys and parsed numbers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

# Combining marks for the five Vietnamese tones, and the digit each becomes in a comparison key.
TONE_DIGITS = {"\u0301": "1", "\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
TONE_MARKS = frozenset(TONE_DIGITS)
# Some PDF fonts map ư/Ư to the Latin letters ƣ/Ƣ (oi with hook).
GLYPH_FIXES = str.maketrans({"ƣ": "ư", "Ƣ": "Ư", "\u00a0": " ", "\u200b": ""})
DASHES = "-–—‒−"
BLANK_VALUES = frozenset({"", "-", "–", "—", "x", "X", "...", "…"})

_SPACE_RE = re.compile(r"\s+")


def _vietnamese_capitals() -> str:
    """Every capital letter of Vietnamese: A-Z, Đ, and each vowel with its marks (Ắ, Ờ, Ự ...). A
    range such as À-Ỹ would also take the small letters that Unicode interleaves with them."""
    vowels = "aăâeêioôơuưy"
    marks = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    letters = {unicodedata.normalize("NFC", v + m).upper() for v in vowels for m in marks}
    return "".join(sorted(letters | set("ABCDEFGHIJKLMNOPQRSTUVWXYZĐ")))


# A regex class of one capital letter, for names: "[" + CAPITALS + "]".
CAPITALS = _vietnamese_capitals()
CAPITAL = f"[{CAPITALS}]"
_WORD_RE = re.compile(r"\w+", re.UNICODE)


def normalize_text(text: str) -> str:
    """NFC, known glyph artefacts fixed, whitespace and line breaks folded to single spaces."""
    text = unicodedata.normalize("NFC", text.translate(GLYPH_FIXES))
    return _SPACE_RE.sub(" ", text).strip()


def _syllable_key(syllable: str, keep_tone: bool) -> str:
    """A syllable with its tone written as a digit at the end ('hoà' and 'hòa' -> 'hoa2'), so old and
    new tone placement compare equal."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tones = [ch for ch in decomposed if ch in TONE_MARKS]
    base = "".join(ch for ch in decomposed if ch not in TONE_MARKS)
    key = unicodedata.normalize("NFC", base)
    if keep_tone and tones:
        key += TONE_DIGITS[tones[-1]]
    return key


def comparison_key(text: str, keep_tone: bool = True) -> str:
    """Lower-case key in which 'hoà'/'hòa' and 'uỷ'/'ủy' are equal; tones dropped if keep_tone is False."""
    words = _WORD_RE.findall(normalize_text(text).lower())
    return " ".join(_syllable_key(w, keep_tone) for w in words)


def has_marks(text: str) -> bool:
    """Whether a text carries any Vietnamese diacritic (a tone or a vowel mark, or đ)."""
    return any(ch in "đĐ" or unicodedata.decomposition(ch) for ch in text if ch.isalpha() and not ch.isascii())


def fold_diacritics(text: str) -> str:
    """Lower-case ASCII-like key: every mark removed and đ read as d."""
    decomposed = unicodedata.normalize("NFD", normalize_text(text).lower().replace("đ", "d"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORD_RE.findall(stripped))


# A Vietnamese syllable: optional initial consonant cluster, a vowel nucleus, an optional final.
_INITIALS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
_FINALS = "ng|nh|ch|c|m|n|p|t|i|y|o|u"
_SYLLABLE_RE = re.compile(rf"^(?:{_INITIALS})?[aăâeêioôơuưy]{{1,3}}(?:{_FINALS})?$")


def is_vietnamese_syllable(token: str) -> bool:
    """Whether a token can be one Vietnamese syllable ('Chinh' yes, 'h' or 'ng' no)."""
    key = _syllable_key(unicodedata.normalize("NFC", token.lower()), keep_tone=False)
    return bool(_SYLLABLE_RE.match(key))


NumberKind = Literal["number", "percent", "range", "period"]
YEAR_RANGE = (1900, 2100)


# How a number was printed: digits only; Vietnamese dot thousands ('1.234', '1.234,5'); a decimal
# comma ('12,5'); English comma thousands ('1,234,567'); a decimal point ('12.5').
Notation = Literal[
    "plain", "dot_thousands", "decimal_comma", "comma_thousands", "decimal_point", "space_thousands", "other_digits"
]


@dataclass(frozen=True)
class ParsedNumber:
    value: float
    kind: NumberKind  # a period ("2013-2015", "2021 - 2025") is text a table prints, never a value
    upper: float | None = None
    decimals: int = 0  # digits printed after the decimal separator: '3.957,8' has 1
    notation: Notation = "plain"
    negative: str | None = None  # how a negative was printed: 'minus' ('-3'), 'parentheses' ('(3)')


def is_year(value: float) -> bool:
    return value == int(value) and YEAR_RANGE[0] <= value <= YEAR_RANGE[1]


_VN_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_VN_DECIMAL = re.compile(r"^\d+(?:,\d+)?$")
_EN_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?$")
_POINT_DECIMAL = re.compile(r"^\d+\.\d+$")
_MINUS = re.compile(r"^[-−–]\s*(?=\d)")
_EN_THOUSANDS_LOOSE = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_RANGE = re.compile(rf"^(\S+)\s*[{DASHES}]\s*(\S+)$")


def uses_comma_thousands(texts: Iterable[str]) -> bool:
    """Whether a table writes numbers the English way: some figure has two comma groups
    ('1,002,240'), so its '250,560' is also a quarter of a million, not 250.56."""
    return any(_EN_THOUSANDS.match(normalize_text(t)) for t in texts)


def _parse_plain(token: str, comma_thousands: bool = False) -> float | None:
    """One number token in Vietnamese (1.234,5) or, failing that, English (1,234,567.5) notation."""
    read = _read_plain(token, comma_thousands)
    return read[0] if read else None


def _read_plain(token: str, comma_thousands: bool = False) -> tuple[float, int, Notation] | None:
    """(value, decimals shown, notation) of one number token in Vietnamese (1.234,5) or English notation."""
    if comma_thousands and _EN_THOUSANDS_LOOSE.match(token):
        return float(token.replace(",", "")), _decimals(token, "."), "comma_thousands"
    if _VN_THOUSANDS.match(token):
        return float(token.replace(".", "").replace(",", ".")), _decimals(token, ","), "dot_thousands"
    if _VN_DECIMAL.match(token):
        return float(token.replace(",", ".")), _decimals(token, ","), "decimal_comma" if "," in token else "plain"
    if _EN_THOUSANDS.match(token):
        return float(token.replace(",", "")), _decimals(token, "."), "comma_thousands"
    if _POINT_DECIMAL.match(token):
        return float(token), _decimals(token, "."), "decimal_point"
    return None


def _decimals(token: str, separator: str) -> int:
    return len(token.rsplit(separator, 1)[1]) if separator in token else 0


def _ascii_digits(token: str) -> str:
    """Digits of other scripts (fullwidth, Arabic-Indic) as ASCII digits: Python's int() reads
    them silently, the pipeline reads them and says so."""
    if token.isascii():
        return token
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() and not ch.isascii() else ch for ch in token)


def parse_number(text: str, comma_thousands: bool = False) -> ParsedNumber | None:
    """Parse a whole cell or token: '1.234' -> 1234, '12,35' -> 12.35, '70%' -> 70 percent,
    '2022 - 2025' -> a range. Blanks and dashes are no value (None), never zero."""
    token = normalize_text(text).replace(" ", "") if "%" in text else normalize_text(text)
    if token in BLANK_VALUES:
        return None
    negative: str | None = None
    if token.startswith("(") and token.endswith(")"):
        negative, token = "parentheses", token[1:-1]
    elif _MINUS.match(token):
        negative, token = "minus", _MINUS.sub("", token)
    if token.endswith("%"):
        read = _read_plain(token[:-1].strip())
        if read is None:
            return None
        return ParsedNumber(-read[0] if negative else read[0], "percent", None, read[1], read[2], negative)
    ascii_token = _ascii_digits(token)
    read = _read_plain(ascii_token.replace(" ", ""), comma_thousands)
    if read is not None:
        notation: Notation = read[2]
        if ascii_token != token:
            notation = "other_digits"  # fullwidth '１２', Arabic-Indic '٨': read, and flagged
        elif " " in token:
            notation = "space_thousands"  # '1 234': a thousands space, or two figures run together
        return ParsedNumber(-read[0] if negative else read[0], "number", None, read[1], notation, negative)
    match = _RANGE.match(token)
    if match:
        low, high = _read_plain(match.group(1)), _read_plain(match.group(2))
        if low is not None and high is not None:
            kind: NumberKind = "period" if is_year(low[0]) and is_year(high[0]) and low[0] < high[0] else "range"
            return ParsedNumber(low[0], kind, upper=high[0], decimals=max(low[1], high[1]), notation=low[2])
    return None


_LEADING_NUMBER_WITH_NOTE = re.compile(r"^([\d.,]+%?)\s*\((.*)\)\s*$", re.DOTALL)


def parse_cell_number(text: str, comma_thousands: bool = False) -> ParsedNumber | None:
    """A table cell's value: the whole text as a number, or a number followed by a note in
    parentheses ('46.700.000.000 (Trung ương hỗ trợ 36 tỷ)'). Formulas and prose give None."""
    parsed = parse_number(text, comma_thousands)
    if parsed is not None:
        return parsed
    match = _LEADING_NUMBER_WITH_NOTE.match(normalize_text(text))
    return parse_number(match.group(1), comma_thousands) if match else None
