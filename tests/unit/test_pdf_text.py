"""PDF text rebuilding: wrapped cell text, running headers, rejoined paragraphs."""

from __future__ import annotations

import pytest

from pipeline.readers.pdf import read_pdf
from pipeline.readers.pdf_layout import is_running_text
from pipeline.readers.pdf_lines import Line, join_wrapped
from tests.conftest import SEED_PDF


@pytest.mark.parametrize(
    ("lines", "text"),
    [
        (["Lũng", "Chin", "h"], "Lũng Chinh"),
        (["Giàn", "g", "Chu", "Phìn"], "Giàng Chu Phìn"),
        (["Thượ", "ng", "Phùn", "g"], "Thượng Phùng"),
        (["1", "1"], "11"),
        (["1.234.", "567"], "1.234.567"),
        (["Thực hiện xã đạt chuẩn nông thôn", "mới"], "Thực hiện xã đạt chuẩn nông thôn mới"),
        (["Kế hoạch từ năm 2022 -", "2025"], "Kế hoạch từ năm 2022 - 2025"),
        (["Pà Vi"], "Pà Vi"),
        (["Tổng", "cộng"], "Tổng cộng"),
    ],
)
def test_wrapped_cell_text_rejoins(lines: list[str], text: str) -> None:
    assert join_wrapped(lines) == text


def line(text: str, top: float, page: int = 1) -> Line:
    return Line(text, 280.0, 300.0, top, top + 10, 12.0, False, False, page)


def test_page_numbers_and_repeated_margin_lines_are_running_text() -> None:
    assert is_running_text(line("3", 820.0), 842.0, set())
    assert is_running_text(line("- 3 -", 10.0), 842.0, set())
    assert is_running_text(line("Kế hoạch 25-KH/HU", 12.0), 842.0, {"kế hoạch #-kh/hu"})
    assert not is_running_text(line("3", 400.0), 842.0, set())


def test_paragraph_cut_by_a_page_end_is_one_paragraph() -> None:
    doc = read_pdf(SEED_PDF, SEED_PDF.name, "0" * 64)
    joined = [p for p in doc.paragraphs if "ỷ lại vào sự đầu tư từ ngân sách" in p.text]
    assert len(joined) == 1
    assert joined[0].page is not None
