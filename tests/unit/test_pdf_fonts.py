"""PDF glyphs drawn in legacy TCVN3/VNI fonts become Unicode before the PDF reader reads them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.readers.pdf.fonts import convert_legacy_chars, font_name


@dataclass
class FakePage:
    chars: list[dict[str, Any]]


def chars(text: str, font: str) -> list[dict[str, Any]]:
    return [{"text": ch, "fontname": font} for ch in text]


def text(page: FakePage) -> str:
    return "".join(c["text"] for c in page.chars)


def test_subset_tags_are_not_part_of_the_font_name() -> None:
    assert font_name({"fontname": "ABCDEF+.VnTimeH"}) == ".VnTimeH"
    assert font_name({"fontname": "TimesNewRomanPSMT"}) == "TimesNewRomanPSMT"


def test_tcvn3_glyphs_are_converted_by_font_name() -> None:
    legacy = chars("Sñng Trµ ", "ABCDEF+.VnTime") + chars("kÕ ho¹ch", "GHIJKL+.VnTimeH")
    page = FakePage(legacy + chars(" 2022", "Arial"))
    notes = convert_legacy_chars([page])
    assert text(page) == "Sủng Trà KẾ HOẠCH 2022"
    assert notes == [
        "glyphs in the legacy font .VnTime converted to Unicode (9)",
        "glyphs in the legacy font .VnTimeH converted to Unicode (8)",
    ]


def test_vni_letters_and_their_marks_become_one_character() -> None:
    page = FakePage(chars("Vieät Nam", "VNI-Times"))
    convert_legacy_chars([page])
    assert text(page) == "Việt Nam"


def test_legacy_text_in_a_unicode_font_is_found_by_content() -> None:
    page = FakePage(chars("Ch­¬ng tr×nh x©y dùng n«ng th«n míi cña huyÖn", "TimesNewRomanPSMT"))
    notes = convert_legacy_chars([page])
    assert text(page) == "Chương trình xây dựng nông thôn mới của huyện"
    assert notes == ["text in the legacy TCVN3 encoding (found by its content) converted to Unicode"]


def test_unicode_text_is_left_alone() -> None:
    page = FakePage(chars("Chương trình xây dựng nông thôn mới", "TimesNewRomanPSMT"))
    assert convert_legacy_chars([page]) == []
    assert text(page) == "Chương trình xây dựng nông thôn mới"
