"""Vietnamese normalisation and number parsing."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.text import (
    comparison_key,
    fold_diacritics,
    is_vietnamese_syllable,
    normalize_text,
    parse_cell_number,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("1.234", 1234.0, "number"),
        ("46.700.000.000", 46_700_000_000.0, "number"),
        ("11,47", 11.47, "number"),
        ("02", 2.0, "number"),
        ("70%", 70.0, "percent"),
        ("14,06", 14.06, "number"),
        ("1.234,5", 1234.5, "number"),
    ],
)
def test_vietnamese_numbers(text: str, value: float, kind: str) -> None:
    parsed = parse_number(text)
    assert parsed is not None
    assert (parsed.value, parsed.kind) == (value, kind)


def test_range() -> None:
    parsed = parse_number("5 - 7")
    assert parsed is not None
    assert (parsed.value, parsed.upper, parsed.kind) == (5.0, 7.0, "range")


def test_a_span_of_years_is_a_period_not_a_value() -> None:
    parsed = parse_number("2022 - 2025")
    assert parsed is not None
    assert (parsed.value, parsed.upper, parsed.kind) == (2022.0, 2025.0, "period")


def test_decimals_shown_are_kept() -> None:
    assert [parse_number(t).decimals for t in ("3.957,8", "0,192", "26.122.346", "1.311,40")] == [1, 3, 0, 2]  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["", " ", "-", "–", "2,13% x Gpm", "Ghi chú"])
def test_blank_and_text_are_no_value(text: str) -> None:
    assert parse_cell_number(text) is None


def test_leading_number_with_note() -> None:
    parsed = parse_cell_number("46.700.000.000 (Trung ương hỗ trợ 36 tỷ)")
    assert parsed is not None and parsed.value == 46_700_000_000.0


@given(st.integers(min_value=0, max_value=10**12))
def test_thousands_dots_round_trip(n: int) -> None:
    text = f"{n:,}".replace(",", ".")
    parsed = parse_number(text)
    assert parsed is not None and parsed.value == n


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=99))
def test_decimal_comma_round_trip(whole: int, cents: int) -> None:
    parsed = parse_number(f"{whole},{cents:02d}")
    assert parsed is not None and parsed.value == pytest.approx(whole + cents / 100)


def test_old_and_new_tone_placement_compare_equal() -> None:
    assert comparison_key("hoà") == comparison_key("hòa")
    assert comparison_key("Uỷ ban") == comparison_key("Ủy ban")
    assert comparison_key("Sủng Trà") != comparison_key("Sùng Trà")
    assert comparison_key("Sủng Trà", keep_tone=False) == comparison_key("Sung Trà", keep_tone=False)


def test_pdf_glyph_artefacts_and_whitespace() -> None:
    assert normalize_text("Mƣờng\n  Khƣơng\u00a0") == "Mường Khương"
    decomposed = unicodedata.normalize("NFD", "Tả Lủng")
    assert normalize_text(decomposed) == unicodedata.normalize("NFC", "Tả Lủng")


@given(st.text(alphabet="aăâeêioôơuưy đbcdghklmnpqrstvx\u0300\u0301\u0303\u0309\u0323 ", max_size=30))
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert comparison_key(comparison_key(text)) == comparison_key(text)
    assert fold_diacritics(fold_diacritics(text)) == fold_diacritics(text)


@pytest.mark.parametrize(
    ("token", "valid"),
    [
        ("Chinh", True),
        ("Giàng", True),
        ("h", False),
        ("ng", False),
        ("LũngChin", False),
        ("Thượng", True),
        ("nghiêng", True),
    ],
)
def test_syllables(token: str, valid: bool) -> None:
    assert is_vietnamese_syllable(token) is valid
