"""The vocabulary files: every word that carries meaning, loaded once, with the matchers built on it."""

from __future__ import annotations

import pytest

from pipeline import vocabulary as v


def test_unit_words_know_their_levels_before_and_after_2025() -> None:
    assert v.unit_word_level("xã") == "commune"
    assert v.unit_word_level("thị xã") == "district"
    assert v.unit_word_level("thành phố") is None  # a province or a district
    by_word = {w.word: w for w in v.unit_words()}
    assert by_word["đặc khu"].levels_2025 == ("commune",)
    assert by_word["huyện"].levels_2025 == ()
    assert "thị trấn" in v.unit_type_words("commune")
    assert "địa phương" in v.unit_header_words() and "địa phương" not in v.unit_type_words()


def test_type_words_come_longest_first_so_alternations_prefer_them() -> None:
    words = v.unit_type_words()
    assert words.index("thị xã") < words.index("xã")
    assert v.claim_measure_words().index("tiêu chí/xã") < v.claim_measure_words().index("tiêu chí")


@pytest.mark.parametrize(
    ("text", "word", "kind", "scale"),
    [
        ("triệu đồng", "triệu đồng", "money", 1e6),
        ("VN Đồng", "đồng", "money", 1.0),
        ("Đơn vị: ha", "ha", "area", 1e4),
        ("người", "người", "count", 1.0),
    ],
)
def test_a_measure_text_names_its_kind_and_scale(text: str, word: str, kind: str, scale: float) -> None:
    measure = v.measure_of(text)
    assert measure is not None
    assert (measure.word, measure.kind, measure.scale) == (word, kind, scale)


def test_counted_words_leave_out_phrases_that_are_no_measure() -> None:
    assert v.counted_words("Thực hiện thôn nông thôn mới tại các xã") == ["thôn", "xã"]
    assert v.counted_words("Xây dựng nông thôn mới") == []


def test_kinds_of_lines_and_claims() -> None:
    assert v.has_kind("Kết quả thực hiện đến hết năm 2020", "baseline", "row")
    assert v.has_kind("phấn đấu đến năm 2030", "target", "claim")
    assert not v.has_kind("phấn đấu đến năm 2030", "target", "row")  # a claim word, not a row word
    assert v.is_total_anywhere("Tổng cộng") and v.is_total_anywhere("Tổng")
    assert v.is_total_label("Tổng lương tháng") and not v.is_total_anywhere("Tổng lương tháng")
    assert v.area_total_level("Toàn tỉnh") == "province"


def test_document_types_by_title_and_by_number_code() -> None:
    assert v.doc_type_by_words("KẾ HOẠCH thực hiện") == "Kế hoạch"
    assert v.doc_type_by_code("QĐ") == v.doc_type_by_code("QD") == "Quyết định"
    assert v.doc_type_by_code("XYZ") is None


def test_column_roles_from_header_words() -> None:
    assert v.column_role_of("S TT") == "marker"
    assert v.column_role_of("Ghi chú (nếu có)") == "notes"
    assert v.column_role_of("ĐVT") == "measure"
    assert v.column_role_of("Nội dung") is None


def test_programme_constants_and_their_sql_tables() -> None:
    assert v.programme_constants()["national_commune_criteria"] == 19
    frames = v.reference_frames()
    assert set(frames) == {
        "vocabulary_measures", "vocabulary_measure_kinds", "vocabulary_kind_words", "programme_constants"
    }
    assert "not_a_measure" not in set(frames["vocabulary_measures"]["measure_kind"])
