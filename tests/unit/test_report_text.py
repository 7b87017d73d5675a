"""The report's words and figures: Vietnamese notation, the likely causes put into Vietnamese, and a
figure found on a page beside its row's label."""

from __future__ import annotations

import pytest

from pipeline.report.locate import Box, Wanted, Word, locate
from pipeline.report.numbers import vi_number, vi_signed
from pipeline.report.wording import cause_vi


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (26122346, "26.122.346"),
        (26122346.0, "26.122.346"),
        (0.5, "0,5"),
        (1036.66, "1.036,66"),
        (3.0599999999999987, "3,06"),
        (-8000000.0, "-8.000.000"),
        (65.21739130434783, "65,217391"),
        (0.0, "0"),
        (None, "—"),
    ],
)
def test_figures_are_written_the_vietnamese_way(value: float | None, shown: str) -> None:
    assert vi_number(value) == shown


def test_a_difference_carries_its_sign() -> None:
    assert vi_signed(337293.0) == "+337.293"
    assert vi_signed(-9.0) == "-9"
    assert vi_signed(0.0) == "0"


@pytest.mark.parametrize(
    ("diagnosis", "vietnamese"),
    [
        (
            "the total leaves out V.1 Chi phí thẩm định (337.292): without it the parts add up",
            "tổng đã bỏ sót dòng V.1 Chi phí thẩm định (337.292): không tính dòng này thì các phần cộng lại "
            "đúng bằng tổng",
        ),
        (
            "II.3 Nhà kho prints 2.200.042.000.000: a thousandfold slip (2200042000 would add up)",
            "dòng II.3 Nhà kho ghi 2.200.042.000.000: nhầm nghìn lần (nếu là 2.200.042.000 thì cộng lại khớp)",
        ),
        (
            'row 9 Duy tu, column "Chia ra các xã / xã Giáo Hiệu" prints 2.976.969.000: two neighbouring digits '
            "swapped? 2976699000 would add up",
            "dòng 9 Duy tu, cột “Chia ra các xã / xã Giáo Hiệu” ghi 2.976.969.000: có thể đảo hai chữ số liền "
            "nhau? nếu là 2.976.699.000 thì khớp",
        ),
        (
            "the term 2,32: two neighbouring digits swapped? 2.23 would give 31.03",
            "số hạng 2,32: có thể đảo hai chữ số liền nhau? 2,23 sẽ cho 31,03",
        ),
        ("no single slip explains it", "không có một lỗi đơn lẻ nào giải thích được chênh lệch"),
    ],
)
def test_likely_causes_are_put_into_vietnamese(diagnosis: str, vietnamese: str) -> None:
    assert cause_vi(diagnosis) == vietnamese


def test_causes_joined_are_each_translated_and_an_unknown_one_is_left_in_english() -> None:
    joined = "3 Quyết định prints 2.492.000: a thousandfold slip (2492000000 would add up); " + (
        "4~1 7.500.000.000 was read by OCR with low confidence (37%)"
    )
    assert cause_vi(joined) == (
        "dòng 3 Quyết định ghi 2.492.000: nhầm nghìn lần (nếu là 2.492.000.000 thì cộng lại khớp); "
        "dòng 4~1 7.500.000.000 được nhận dạng (OCR) với độ tin cậy thấp (37%)"
    )
    assert cause_vi("a cause no one has written yet") is None


def _line(top: float, *texts: str) -> list[Word]:
    """Words of one printed line, 60 points apart."""
    return [Word(text, Box(60.0 * i, top, 60.0 * i + 50, top + 10)) for i, text in enumerate(texts)]


def test_a_figure_printed_twice_is_the_one_on_its_rows_line() -> None:
    words = [
        *_line(100, "Tổng", "Số", "TT"),
        *_line(120, "1", "Nhà", "làm", "việc", "5.000"),
        *_line(140, "2", "Nhà", "kho", "5.000"),
    ]
    found = locate(words, Wanted("5.000", label="Nhà kho"))
    assert found is not None
    figure, label = found
    assert figure.top == 140 and label is not None and label.top == 140


def test_a_figure_split_over_two_words_or_printed_with_its_measure_is_found() -> None:
    words = _line(100, "có", "2.781", "hộ", "cận", "nghèo") + _line(130, "12", "906", "713")
    assert locate(words, Wanted("2.781 hộ")) is not None
    spaced = locate(words, Wanted("12.906.713"))
    assert spaced is not None and spaced[0].x0 == 0 and spaced[0].x1 == 170


def test_a_figure_printed_twice_with_nothing_to_tell_them_apart_is_not_guessed() -> None:
    words = _line(100, "5.000") + _line(140, "5.000")
    assert locate(words, Wanted("5.000")) is None
