"""Text typed in the legacy Vietnamese 8-bit fonts (TCVN3/ABC and VNI) converted to Unicode.

Many older plan documents were typed before Unicode became the rule, in fonts such as `.VnTime`
(TCVN3, also called ABC) or `VNI-Times`. Their text holds ordinary Latin-1 code points that only
look Vietnamese when drawn in that font: 'Céng hßa' in `.VnTime` is 'Cộng hòa', 'Vieät Nam' in
`VNI-Times` is 'Việt Nam'. Unless such text is converted first, every later step (syllable checks,
comparison keys, place-name matching) sees mojibake.

TCVN3 (TCVN 5712:1993, the VN3 repertoire) gives one code to each lower-case letter and to the seven
capitals Ă Â Đ Ê Ô Ơ Ư; other capitals are typed with the lower-case code in an "H" font
(`.VnTimeH`), which draws every letter as a capital. VNI (VNI for Windows) writes a base letter
followed by one code for the marks, so 'ệ' is 'eä' and 'Ệ' is 'EÄ'.

The tables are data (`pipeline/data/legacy_fonts.csv`: encoding, legacy, unicode), read once.
Conversion is only correct for text known to be legacy: a font name says so (`legacy_font`), or,
when the font was lost, the text itself (`detect_encoding`). Converting Unicode text garbles it.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Literal

from pipeline.text import TONE_MARKS

Encoding = Literal["tcvn3", "vni"]
ENCODINGS: tuple[Encoding, ...] = ("tcvn3", "vni")
TABLE_PATH = ("data", "legacy_fonts.csv")

# Detection thresholds: a text is legacy when at least this many words carry legacy codes and at
# least this share of those words convert to plausible Vietnamese syllables.
MIN_MARKED_WORDS = 2
MIN_PLAUSIBLE_SHARE = 0.8

# VNI pairs that are also ordinary Unicode Vietnamese with the old tone placement ('hoà', 'hoá',
# 'loã'), so they say nothing about the encoding.
_UNICODE_LOOKALIKE_PAIRS = frozenset({"oà", "oá", "oã"})
# Vietnamese syllables, tones removed. Stricter than `pipeline.text.is_vietnamese_syllable`, which
# accepts any one to three vowels and ignores tones, so wrong conversions ('Vieọt', 'Laùng', 'Quỹt')
# would pass it: vowel groups ending in a glide take no final consonant; 'ă', 'â', 'iê', 'uô', 'ươ'
# and the like need one; a stop final needs the acute or dot tone. Also admits the consonant
# clusters and finals of highland place names that fill plan documents ('Krông', 'Đắk', 'Păh').
_VOWEL = "aăâeêioôơuưy"
_FINAL = "ch|c|m|ng|nh|n|p|t|k|h"
_STOP_FINALS = frozenset({"c", "ch", "p", "t", "k"})
_STOP_TONES = frozenset({"\u0301", "\u0323"})  # acute, dot below
_SYLLABLE = re.compile(
    rf"(?:ngh|ng|nh|ch|gh|gi(?=[{_VOWEL}])|kh|ph|qu(?=[{_VOWEL}])|th|tr|[bdgkp][lr]|[bcdđghklmnprstvx])?"
    "(?:ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|ưa|ưi|ưu|uơ|iêu|oai|oao|oay|oeo|uây|uôi|uya|uyu|ươi|ươu|yêu"
    rf"|(?:a|e|ê|i|o|ô|ơ|u|ư|y|oa|oe|uê|uy)(?P<optional>{_FINAL})?"
    rf"|(?:ă|â|iê|yê|uô|ươ|oă|uâ|uyê|oo)(?P<required>{_FINAL}))"
)
_ASCII_LETTER = re.compile("[A-Za-z]")


@dataclass(frozen=True)
class LegacyFont:
    """What a font name says about its text: the encoding, and whether it draws every letter as a
    capital (the TCVN3 "H" fonts such as `.VnTimeH`), so that conversion must upper-case."""

    encoding: Encoding
    upper: bool = False


def legacy_font(font_name: str | None) -> LegacyFont | None:
    """The legacy encoding of a font, by name, or None for a Unicode (or unknown) font.

    TCVN3 fonts are named `.Vn...` (`.VnTime`, `.VnArial Narrow`); a trailing 'H' marks the
    upper-case variant (`.VnTimeH`, `.VnArialH`). VNI fonts are named `VNI-...` or `VNI ...`.
    Names are compared case-insensitively, as Word matches them.
    """
    if not font_name:
        return None
    name = font_name.strip().casefold()
    if name.startswith(".vn"):
        return LegacyFont("tcvn3", upper=name.endswith("h"))
    if name.startswith(("vni-", "vni ")):
        return LegacyFont("vni")
    return None


def encoding_of_font(font_name: str | None) -> Encoding | None:
    """The legacy encoding of a font, by name, or None: `legacy_font` without the case variant."""
    font = legacy_font(font_name)
    return font.encoding if font else None


def _check_encoding(encoding: str) -> Encoding:
    """The encoding itself, or ValueError: callers reading names from files are not type-checked."""
    for known in ENCODINGS:
        if encoding == known:
            return known
    raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {', '.join(ENCODINGS)}")


@cache
def _table_rows() -> tuple[tuple[Encoding, str, str], ...]:
    """The rows of the packaged table, validated once: a bad table must fail loudly, not convert wrongly."""
    resource = resources.files("pipeline").joinpath(*TABLE_PATH)
    text = resource.read_text(encoding="utf-8")
    rows: list[tuple[Encoding, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for line, row in enumerate(csv.DictReader(io.StringIO(text, newline="")), start=2):
        encoding = _check_encoding(row["encoding"])
        legacy, unicode = row["legacy"], unicodedata.normalize("NFC", row["unicode"])
        if not legacy or not unicode or (encoding, legacy) in seen:
            raise ValueError(f"{'/'.join(TABLE_PATH)} line {line}: empty or repeated entry {legacy!r}")
        seen.add((encoding, legacy))
        rows.append((encoding, legacy, unicode))
    return tuple(rows)


@cache
def conversion_table(encoding: Encoding) -> Mapping[str, str]:
    """The packaged table for one encoding, legacy character or sequence -> Unicode letter (read-only)."""
    encoding = _check_encoding(encoding)
    return MappingProxyType({legacy: uni for enc, legacy, uni in _table_rows() if enc == encoding})


@cache
def _replacements(encoding: Encoding) -> tuple[Mapping[str, str], re.Pattern[str]]:
    """Table and matcher used for conversion; longer sequences are tried first, so VNI 'ôù' (ớ) wins
    over 'ô' (ơ).

    VNI pairs also match with the mark code in the other case ('Aáp' for 'AÁp'): Word's Change Case
    and title-casing leave such pairs, and the base letter still says which case was meant.
    """
    table = dict(conversion_table(encoding))
    if encoding == "vni":
        for legacy, uni in list(table.items()):
            if len(legacy) == 2:
                table.setdefault(legacy[0] + legacy[1].swapcase(), uni)
    pattern = re.compile("|".join(re.escape(key) for key in sorted(table, key=len, reverse=True)))
    return MappingProxyType(table), pattern


def to_unicode(text: str, encoding: Encoding, upper: bool = False) -> str:
    """Text typed in a legacy font, as Unicode NFC; `upper` for a TCVN3 "H" font, which draws the
    same codes as capitals. Characters outside the table (digits, punctuation) are kept."""
    table, pattern = _replacements(_check_encoding(encoding))
    converted = pattern.sub(lambda match: table[match.group()], text)
    if upper:
        converted = converted.upper()
    return unicodedata.normalize("NFC", converted)


def font_text_to_unicode(text: str, font_name: str | None) -> str:
    """A text run as Unicode: converted when its font is a legacy one, unchanged otherwise."""
    font = legacy_font(font_name)
    return to_unicode(text, font.encoding, font.upper) if font else text


@cache
def _unicode_letters() -> tuple[frozenset[str], frozenset[str]]:
    """The Vietnamese letters of Unicode beyond ASCII, split into those inside Latin-1 (à, ô, Ý) and those
    beyond it (ă, đ, ệ). The VNI table lists every one of them, upper and lower case."""
    letters = frozenset(conversion_table("vni").values())
    return frozenset(ch for ch in letters if ord(ch) <= 0xFF), frozenset(ch for ch in letters if ord(ch) > 0xFF)


@cache
def _telltales(encoding: Encoding) -> frozenset[str]:
    """Legacy codes that never occur in Unicode Vietnamese: one of them inside a word is evidence
    for the encoding ('«' and '×' in TCVN3, 'aø' and 'ñ' in VNI; not 'ô' or 'ì', which are
    also Unicode letters). VNI pairs in mixed case are converted but are no evidence: TCVN3 text
    is full of them ('QuyÕt' would read as VNI 'Quỹt')."""
    latin1_letters, _ = _unicode_letters()
    return frozenset(
        key
        for key in conversion_table(encoding)
        if (len(key) == 1 and key not in latin1_letters)
        or (len(key) > 1 and key.casefold() not in _UNICODE_LOOKALIKE_PAIRS)
    )


@cache
def _word_pattern(encoding: Encoding) -> re.Pattern[str]:
    """Words of legacy text: letters and the legacy codes, several of which ('«', '¬', soft hyphen)
    are punctuation to Unicode and would otherwise split words."""
    table, _ = _replacements(encoding)
    codes = "".join(sorted({ch for key in table for ch in key if not ch.isalpha()}))
    return re.compile(rf"(?:[^\W\d_]|[{re.escape(codes)}])+" if codes else r"[^\W\d_]+")


def _is_plausible_syllable(word: str) -> bool:
    """Whether a converted word can be a Vietnamese syllable (see `_SYLLABLE`): one tone at most, a
    real rhyme, and the acute or dot tone before a stop. Words converted wrongly fail this."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in decomposed if ch in TONE_MARKS]
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in TONE_MARKS))
    match = _SYLLABLE.fullmatch(bare)
    if len(tones) > 1 or match is None:
        return False
    final = match.group("optional") or match.group("required")
    return final not in _STOP_FINALS or (bool(tones) and tones[0] in _STOP_TONES)


@dataclass(frozen=True)
class _Evidence:
    """Counts behind a detection: words with legacy codes, how many of them convert to plausible
    syllables, and words holding Unicode-only Vietnamese letters (evidence against)."""

    marked: int
    plausible: int
    unicode_words: int

    @property
    def is_legacy(self) -> bool:
        return (
            self.marked >= MIN_MARKED_WORDS
            and self.marked > self.unicode_words
            and self.plausible >= MIN_PLAUSIBLE_SHARE * self.marked
        )


def _evidence(text: str, encoding: Encoding) -> _Evidence:
    _, pattern = _replacements(encoding)
    telltales = _telltales(encoding)
    _, beyond_latin1 = _unicode_letters()
    marked = plausible = unicode_words = 0
    for word in _word_pattern(encoding).findall(text):
        if any(ch in beyond_latin1 for ch in word):
            unicode_words += 1
        elif _ASCII_LETTER.search(word) and any(m.group() in telltales for m in pattern.finditer(word)):
            marked += 1
            plausible += _is_plausible_syllable(to_unicode(word, encoding))
    return _Evidence(marked, plausible, unicode_words)


def looks_like_tcvn3(text: str) -> bool:
    """Whether text whose font is unknown (PDF text, a DOCX run without its font) was typed in TCVN3:
    several words carry TCVN3-only codes and they convert to Vietnamese syllables."""
    return _evidence(text, "tcvn3").is_legacy


def looks_like_vni(text: str) -> bool:
    """Whether text whose font is unknown was typed in VNI: several words carry VNI-only sequences
    ('aø', 'eä', 'ö') and they convert to Vietnamese syllables."""
    return _evidence(text, "vni").is_legacy


def detect_encoding(text: str) -> Encoding | None:
    """The legacy encoding text was typed in, judged by content, or None for Unicode or plain text.

    Detection needs a few marked words, so it is meant for a paragraph or a whole document, not a
    single short cell. When both encodings fit, the one whose words convert better wins, and on a
    tie TCVN3, the government standard of the time.
    """
    scores: dict[Encoding, tuple[float, int]] = {}
    for encoding in ENCODINGS:
        evidence = _evidence(text, encoding)
        if evidence.is_legacy:
            scores[encoding] = (evidence.plausible / evidence.marked, evidence.marked)
    if not scores:
        return None
    best, _ = max(scores.items(), key=lambda item: item[1])
    return best
