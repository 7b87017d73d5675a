"""Deciding which pages need OCR, and choosing among OCR readings (pure parts of the scan reader)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.readers.pdf.text_layer import text_layer_problem
from pipeline.readers.scan.ocr import Word, _parse_tsv
from pipeline.readers.scan.reader import _consensus, _figure_separators


@dataclass
class FakePage:
    """What text_layer_problem reads of a pdfplumber page."""

    text: str
    chars: list[dict[str, Any]] = field(init=False)

    def __post_init__(self) -> None:
        self.chars = [{"text": ch} for ch in self.text]

    def extract_words(self) -> list[dict[str, Any]]:
        return [{"text": word} for word in self.text.split()]


VIETNAMESE = (
    "Ủy ban nhân dân tỉnh Hà Tĩnh ban hành kế hoạch xây dựng nông thôn mới năm 2017 của các xã "
    "trên địa bàn tỉnh theo Quyết định số 2855/QĐ-UBND ngày 03/10/2017 của Ủy ban nhân dân tỉnh. "
) * 2


def test_a_born_digital_page_is_usable() -> None:
    assert text_layer_problem(FakePage(VIETNAMESE)) is None


def test_no_text_or_only_a_stamp_needs_ocr() -> None:
    assert text_layer_problem(FakePage("")) == "no text layer"
    assert "only 12 characters" in (text_layer_problem(FakePage("Ký bởi: VP UBND")) or "")


def test_a_layer_without_diacritics_needs_ocr() -> None:
    stripped = (
        "UBND TINH HA TINH ban hanh ke hoach xay dung nong thon moi nam 2017 cua cac xa tren dia ban tinh "
        "theo Quyet dinh so 2855 ngay 03/10/2017 cua UBND tinh. "
    ) * 2
    assert text_layer_problem(FakePage(stripped)) == "text layer without Vietnamese diacritics"


def test_english_without_diacritics_is_not_mistaken_for_a_broken_layer() -> None:
    english = "The provincial portal upgrade covers software, equipment, training and project management. " * 3
    assert text_layer_problem(FakePage(english)) is None


def test_unmapped_glyphs_need_ocr() -> None:
    page = FakePage("")
    page.chars = [{"text": "(cid:12)"}] * 30 + [{"text": "a"}] * 30
    assert "(cid:N)" in (text_layer_problem(page) or "")


def word(text: str, confidence: float) -> Word:
    return Word(text, 0, 0, 10, 10, confidence, (1, 1, 1))


def test_readings_vote_and_a_figure_is_voted_digit_by_digit() -> None:
    agreed = _consensus([[word("2.980.133.000", 55)], [word("2.080.133.000", 96)], [word("2.980.133.000", 82)]])
    assert [w.text for w in agreed] == ["2.980.133.000"]
    by_digit = _consensus([[word("2.980.153.000", 10)], [word("2.080.133.000", 96)], [word("2.980.133.000", 50)]])
    assert [w.text for w in by_digit] == ["2.980.133.000"]
    assert _consensus([]) == []


def test_a_colon_between_digit_groups_is_a_dot() -> None:
    assert _figure_separators("2.000.000:000") == "2.000.000.000"
    assert _figure_separators("Ngày 16:30") == "Ngày 16:30"


def test_tesseract_tsv_is_parsed_into_words() -> None:
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "1\t1\t0\t0\t0\t0\t0\t0\t100\t50\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t10\t5\t40\t20\t91.5\tSủng\n"
        "5\t1\t1\t1\t1\t2\t55\t5\t30\t20\t88\tTrà\n"
    )
    words = _parse_tsv(tsv)
    assert [(w.text, w.left, w.right, w.confidence, w.line) for w in words] == [
        ("Sủng", 10, 50, 91.5, (1, 1, 1)),
        ("Trà", 55, 85, 88.0, (1, 1, 1)),
    ]
