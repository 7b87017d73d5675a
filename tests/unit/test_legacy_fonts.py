"""Legacy Vietnamese font encodings (TCVN3, VNI) to Unicode: golden conversions, round trips, detection."""

from __future__ import annotations

import csv
import unicodedata
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.readers.legacy_fonts import (
    Encoding,
    LegacyFont,
    conversion_table,
    detect_encoding,
    encoding_of_font,
    font_text_to_unicode,
    legacy_font,
    looks_like_tcvn3,
    looks_like_vni,
    to_unicode,
)

GOLDEN = Path(__file__).resolve().parent.parent / "fixtures" / "legacy_fonts" / "golden.csv"
TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # none, grave, hook, tilde, acute, dot below
LOWER_LETTERS = [
    letter
    for vowel in "aăâeêioôơuưy"
    for tone in TONES
    if not (letter := unicodedata.normalize("NFC", vowel + tone)).isascii()
] + ["đ"]
ALL_LETTERS = LOWER_LETTERS + [letter.upper() for letter in LOWER_LETTERS]


def _golden_rows() -> list[tuple[Encoding, bool, str, str]]:
    with GOLDEN.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    out: list[tuple[Encoding, bool, str, str]] = []
    for row in rows:
        encoding: Encoding = "tcvn3" if row["encoding"] == "tcvn3" else "vni"
        assert row["encoding"] == encoding
        out.append((encoding, row["upper"] == "true", row["legacy"], row["unicode"]))
    return out


def _package_rows() -> list[dict[str, str]]:
    """The packaged table read directly (not through the module), for the test-only inverse."""
    text = resources.files("pipeline").joinpath("data", "legacy_fonts.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _inverse(encoding: Encoding) -> dict[str, str]:
    return {row["unicode"]: row["legacy"] for row in _package_rows() if row["encoding"] == encoding}


def from_unicode(text: str, encoding: Encoding) -> tuple[str, bool]:
    """Test-only encoder: Unicode -> (legacy text, whether an "H" font is needed). TCVN3 capitals
    without a code of their own are typed with the lower-case code in an H font, so such text must
    be all capitals."""
    inverse = _inverse(encoding)
    text = unicodedata.normalize("NFC", text)
    needs_h = encoding == "tcvn3" and any(ch.isupper() and ch not in inverse and not ch.isascii() for ch in text)
    if needs_h:
        assert text == text.upper(), "TCVN3 has no codes for mixed-case accented capitals"
        text = text.lower()
    return "".join(inverse.get(ch, ch) for ch in text), needs_h


GOLDEN_ROWS = _golden_rows()


def test_golden_file_covers_the_brief() -> None:
    assert len(GOLDEN_ROWS) >= 25
    expected = " ".join(row[3] for row in GOLDEN_ROWS)
    for phrase in (
        "Chương trình xây dựng nông thôn mới",
        "Ủy ban nhân dân huyện Mèo Vạc",
        "Sủng Trà",
        "Tả Lủng",
        "Niêm Tòng",
        "Quyết định số 30-CTr/HU",
    ):
        assert phrase in expected
    for encoding in ("tcvn3", "vni"):
        converted = "".join(row[3] for row in GOLDEN_ROWS if row[0] == encoding and not row[1])
        assert set(LOWER_LETTERS) <= set(converted), encoding


@pytest.mark.parametrize(("encoding", "upper", "legacy", "expected"), GOLDEN_ROWS)
def test_golden_conversions(encoding: Encoding, upper: bool, legacy: str, expected: str) -> None:
    converted = to_unicode(legacy, encoding, upper=upper)
    assert converted == expected
    assert unicodedata.is_normalized("NFC", converted)


def test_tables_are_complete_and_unambiguous() -> None:
    tcvn3, vni = conversion_table("tcvn3"), conversion_table("vni")
    assert len(tcvn3) == 74  # 67 lower-case letters + Ă Â Đ Ê Ô Ơ Ư
    assert set(tcvn3.values()) == set(LOWER_LETTERS) | set("ĂÂĐÊÔƠƯ")
    assert all(len(code) == 1 and 0xA0 < ord(code) <= 0xFF for code in tcvn3)
    assert len(vni) == 134
    assert set(vni.values()) == set(ALL_LETTERS)
    assert all(1 <= len(code) <= 2 and all(ord(ch) <= 0xFF for ch in code) for code in vni)
    assert len(set(tcvn3.values())) == len(tcvn3) and len(set(vni.values())) == len(vni)


@pytest.mark.parametrize("letter", ALL_LETTERS)
@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_every_letter_round_trips(letter: str, encoding: Encoding) -> None:
    legacy, upper = from_unicode(letter, encoding)
    assert legacy in conversion_table(encoding)  # some codes are the letter itself: TCVN3 'ý', VNI 'í'
    assert to_unicode(legacy, encoding, upper=upper) == letter


PHRASES = (
    "Chương trình xây dựng nông thôn mới",
    "Ủy ban nhân dân huyện Mèo Vạc",
    "Sủng Trà Tả Lủng Niêm Tòng",
    "Quyết định số",
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Độc lập Tự do Hạnh phúc",
    "đường giao thông được cứng hoá",
    "hoà khoẻ thuỷ lợi người nghèo giữa giếng quốc khuya nguyễn tuổi rượu ướt",
    "ĐOÀN THỂ",
)
SYLLABLES = [word for phrase in PHRASES for word in phrase.split()]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=12), st.sampled_from(["tcvn3", "vni"]))
def test_phrases_round_trip(words: list[str], encoding: Encoding) -> None:
    text = " ".join(words)
    if encoding == "tcvn3" and any(ch.isupper() and not ch.isascii() for ch in text):
        text = text.upper()  # only an H font can show these capitals
    legacy, upper = from_unicode(text, encoding)
    assert to_unicode(legacy, encoding, upper=upper) == text


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=20))
def test_unicode_vietnamese_is_never_detected(words: list[str]) -> None:
    text = " ".join(words)
    assert detect_encoding(text) is None
    assert not looks_like_tcvn3(text)
    assert not looks_like_vni(text)


UNICODE_TEXTS = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc",
    "CHƯƠNG TRÌNH XÂY DỰNG NÔNG THÔN MỚI HUYỆN MÈO VẠC GIAI ĐOẠN 2021 - 2025",
    "Hoà Bình, Thanh Hoá, Khánh Hoà; tỉnh Hà Giang, xã Sủng Trà, Tả Lủng, Niêm Tòng",
    "Tổng kinh phí: 46.700 triệu đồng (Trung ương hỗ trợ 36 tỷ)",
]
PLAIN_TEXTS = [
    "The quick brown fox jumps over the lazy dog.",
    "Microsoft® Word ©2010 «Quarterly report» 3×4 = 12, 25°C ± 2",
    "Größe der Straße für Männer, naïve café, señor año",
    "Quyet dinh so 30-CTr/HU ve xay dung nong thon moi",
    "",
]


@pytest.mark.parametrize("text", UNICODE_TEXTS + PLAIN_TEXTS)
def test_unicode_and_plain_text_are_not_legacy(text: str) -> None:
    assert not looks_like_tcvn3(text)
    assert not looks_like_vni(text)
    assert detect_encoding(text) is None


@pytest.mark.parametrize("text", UNICODE_TEXTS)
@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_text_is_detected(text: str, encoding: Encoding) -> None:
    legacy, upper = from_unicode(text, encoding)
    assert detect_encoding(legacy) == encoding
    assert looks_like_tcvn3(legacy) == (encoding == "tcvn3")
    assert looks_like_vni(legacy) == (encoding == "vni")
    assert to_unicode(legacy, encoding, upper=upper) == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Céng hßa x· héi chñ nghÜa ViÖt Nam", "tcvn3"),
        ("Ch­¬ng tr×nh x©y dùng n«ng th«n míi", "tcvn3"),
        ("céng hßa x· héi chñ nghÜa viÖt nam", "tcvn3"),
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "vni"),
        ("Chöông trình xaây döïng noâng thoân môùi", "vni"),
        ("UÛY BAN NHAÂN DAÂN HUYEÄN MEØO VAÏC", "vni"),
        ("X· Ea Tul, huyÖn C­ M'gar, tØnh §¾k L¾k", "tcvn3"),
        ("Xaõ Ia Piô, huyeän Chö Proâng, tænh Gia Lai", "vni"),
    ],
)
def test_detect_encoding_of_known_legacy_text(text: str, encoding: Encoding) -> None:
    assert detect_encoding(text) == encoding


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        # TCVN3 'QuyÕt', 'NhuÕ' hold VNI-like pairs in mixed case ('yÕ', 'uÕ'); they are no evidence for VNI.
        ("X· QuyÕt TiÕn, X· QuyÕt ChiÕn, Ph­êng Cæ NhuÕ", "tcvn3"),
        # VNI 'Laïng' reads as TCVN3 'Laùng', which no Vietnamese rhyme allows.
        ("Tænh Laïng Sôn, Tænh Quaûng Ninh", "vni"),
    ],
)
def test_one_encoding_is_not_taken_for_the_other(text: str, encoding: Encoding) -> None:
    assert detect_encoding(text) == encoding
    assert looks_like_tcvn3(text) == (encoding == "tcvn3")
    assert looks_like_vni(text) == (encoding == "vni")


@pytest.mark.parametrize(
    "text",
    [
        "ÐẠI HỌC QUỐC GIA HÀ NỘI",  # Icelandic eth typed for Đ: TCVN3 'é' but not a syllable there
        "Hoà Bình, hoá chất, toà án, loã xoã",  # old tone placement: VNI-like 'oà', 'oá', 'oã'
        unicodedata.normalize("NFD", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ],
)
def test_unicode_lookalikes_are_not_legacy(text: str) -> None:
    assert detect_encoding(text) is None


def test_detection_needs_several_marked_words() -> None:
    assert detect_encoding("Tæng") is None
    assert detect_encoding("Tæng d©n") == "tcvn3"


@pytest.mark.parametrize(
    ("font_name", "expected"),
    [
        (".VnTime", LegacyFont("tcvn3", upper=False)),
        (".VnTimeH", LegacyFont("tcvn3", upper=True)),
        (".VnArial", LegacyFont("tcvn3", upper=False)),
        (".VnArialH", LegacyFont("tcvn3", upper=True)),
        (".VnArial Narrow", LegacyFont("tcvn3", upper=False)),
        (".VnArial NarrowH", LegacyFont("tcvn3", upper=True)),
        (" .VNTIMEH ", LegacyFont("tcvn3", upper=True)),
        ("VNI-Times", LegacyFont("vni")),
        ("VNI-Helve", LegacyFont("vni")),
        ("vni times", LegacyFont("vni")),
        ("Times New Roman", None),
        ("Arial", None),
        ("VnTime", None),
        ("", None),
        (None, None),
    ],
)
def test_legacy_font_by_name(font_name: str | None, expected: LegacyFont | None) -> None:
    assert legacy_font(font_name) == expected
    assert encoding_of_font(font_name) == (expected.encoding if expected else None)


def test_h_font_gives_capitals() -> None:
    assert to_unicode("Céng hßa", "tcvn3", upper=True) == "CỘNG HÒA"
    assert font_text_to_unicode("Céng hßa", ".VnTimeH") == "CỘNG HÒA"
    assert font_text_to_unicode("Céng hßa", ".VnTime") == "Cộng hòa"
    assert font_text_to_unicode("Vieät Nam", "VNI-Times") == "Việt Nam"
    assert font_text_to_unicode("Cộng hòa", "Times New Roman") == "Cộng hòa"


def test_vni_mark_in_the_other_case_follows_the_base_letter() -> None:
    assert to_unicode("Aáp Oâng", "vni") == "Ấp Ông"
    assert to_unicode("vieÄt", "vni") == "việt"


def test_characters_outside_the_table_are_kept() -> None:
    assert to_unicode("25°C ± 2; 30-CTr/HU “x”", "tcvn3") == "25°C ± 2; 30-CTr/HU “x”"
    assert to_unicode("25°C ± 2; 30-CTr/HU “x”", "vni") == "25°C ± 2; 30-CTr/HU “x”"


def test_unknown_encoding_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown legacy encoding"):
        to_unicode("x", "viscii")  # type: ignore[arg-type]
