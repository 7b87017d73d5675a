"""PDF text rebuilding: wrapped cell text, running headers, rejoined paragraphs."""

from __future__ import annotations

import pdfplumber
import pytest

from pipeline.readers.pdf.footnotes import FootnoteCollector
from pipeline.readers.pdf.layout import is_running_text
from pipeline.readers.pdf.lines import Line, join_wrapped
from pipeline.readers.pdf.reader import read_pdf
from tests.conftest import FIXTURES, SEED_PDF


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


def test_running_header_and_page_numbers_stay_out_of_the_text() -> None:
    pdf_path = FIXTURES / "narrow_portrait" / "narrow_portrait.pdf"
    header = "Kế hoạch số 25-KH/HU của Huyện ủy Đồng Văn"
    with pdfplumber.open(pdf_path) as pdf:
        pages = [page.extract_text() for page in pdf.pages]
    assert len(pages) >= 3 and all(header in text for text in pages)  # they are printed ...
    doc = read_pdf(pdf_path, pdf_path.name, "0" * 64)
    texts = [p.text for p in doc.paragraphs] + [f.text for f in doc.footnotes]
    assert not any(header in text for text in texts)  # ... and left out
    assert not any(text.strip().isdigit() for text in texts)


def glyphs(text: str, x: float, baseline: float, size: float) -> list[dict[str, object]]:
    """Synthetic pdfplumber characters for one line of text."""
    chars = []
    for ch in text:
        width = 0.5 * size
        chars.append(
            {
                "text": ch,
                "x0": x,
                "x1": x + width,
                "top": baseline - size,
                "bottom": baseline,
                "size": size,
                "fontname": "Serif",
                "upright": True,
                "matrix": (1, 0, 0, 1, x, 800 - baseline),
            }
        )
        x += width
    return chars


def test_a_footnote_running_onto_the_next_page_is_one_footnote() -> None:
    collector = FootnoteCollector([])
    first = glyphs("1", 85, 700, 14) + glyphs("Tả Lũng 5 thôn; Sùng Máng 3 thôn;", 95, 700, 12)
    collector.add_lines(first, page=4, page_height=842)
    collector.add_lines(glyphs("Lũng Chinh 4 thôn.", 85, 720, 12), page=5, page_height=842)
    collector.add_lines(glyphs("2", 85, 740, 14) + glyphs("Tổng số thôn là 51 thôn.", 95, 740, 12), 5, 842)
    assert [(f.number, f.text, f.page) for f in collector.footnotes] == [
        ("1", "Tả Lũng 5 thôn; Sùng Máng 3 thôn; Lũng Chinh 4 thôn.", 4),
        ("2", "Tổng số thôn là 51 thôn.", 5),
    ]
