"""The checks report an analyst opens from the path the run printed: Vietnamese, figures in
Vietnamese notation, failures first with both sides and a picture of the page, warnings grouped.

On real runs of the pipeline: two planted PDFs (a swapped pair of digits, a thousandfold slip, a
footnote edited apart from its annex) and the seed DOCX with a commune's figure changed.
"""

from __future__ import annotations

import base64
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from pipeline.cli import EXIT_CHECKS_FAILED
from pipeline.report import report_path
from pipeline.report.page_pictures import PALETTE_COLOURS
from pipeline.report.pictures import COLOURS
from tests.conftest import SEED_DOCX
from tests.fixtures.build_all import PLANTED_DIR
from tests.fixtures.plant import set_annex_cell

PDFS = [PLANTED_DIR / name / f"{name}.pdf" for name in ("swapped_and_cross_table", "thousandfold_and_footnote")]
PNG_RE = re.compile(r"data:image/png;base64,([A-Za-z0-9+/=]+)")


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """`python -m pipeline extract` on the planted files, as an analyst runs it."""
    folder = tmp_path_factory.mktemp("report")
    raw = folder / "raw"
    raw.mkdir()
    for pdf in PDFS:
        (raw / pdf.name).write_bytes(pdf.read_bytes())
    set_annex_cell(SEED_DOCX, raw / "seed-planted.docx", "II.2", "Tả Lũng", "6")
    # A copy shares its original's doc_id: its failures must not be told twice.
    (raw / "z-copy-of-seed-planted.docx").write_bytes((raw / "seed-planted.docx").read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", "--raw", str(raw), "--out", str(folder / "out")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return result, folder / "out"


@pytest.fixture(scope="module")
def page(run: tuple[subprocess.CompletedProcess[str], Path]) -> str:
    return report_path(run[1]).read_text(encoding="utf-8")


def section(page: str, source_file: str) -> str:
    """The part of the report about one document."""
    start = page.index(f"<h2>{source_file}</h2>")
    end = page.find("<section id='doc-", start)
    return page[start : end if end > 0 else len(page)]


def test_the_run_prints_each_failed_check_then_where_the_report_is(
    run: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    result, out = run
    assert result.returncode == EXIT_CHECKS_FAILED, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("documents: 3 ok") and "1 duplicates" in lines[0]
    assert lines[1] == "failed checks:"
    assert "swapped_and_cross_table.pdf: 3 checks failed" in lines
    swapped = next(line for line in lines if "row 9" in line and "total_vs_units" in line)
    assert "stated 7.460.951.000, sum of the parts 7.461.221.000, difference +270.000" in swapped
    assert "two neighbouring digits swapped" in swapped
    assert "seed-planted.docx: 3 checks failed" in lines
    assert not any(line.startswith("z-copy-of-seed-planted.docx") for line in lines)
    assert lines[-1] == f"report: {report_path(out)}"
    assert report_path(out).is_file()


def test_a_document_with_many_failures_ends_its_lines_with_how_many_more(
    run: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    from pipeline.report.console import failure_lines

    lines = failure_lines(run[1] / "plans.duckdb", per_document=1)
    assert "  and 2 more" in lines


def test_the_report_is_in_vietnamese_with_vietnamese_figures(page: str) -> None:
    assert '<html lang="vi">' in page
    assert "<h1>Báo cáo kiểm tra số liệu</h1>" in page and "Không khớp" in page
    swapped = section(page, "swapped_and_cross_table.pdf")
    assert "7.460.951.000" in swapped and "+270.000" in swapped and "7460951000" not in swapped.split("class='en'")[0]
    assert "có thể đảo hai chữ số liền nhau" in swapped  # the likely cause, in Vietnamese
    assert "Likely cause: row 9 Duy tu" in swapped  # and the check's own words beneath


def test_documents_with_failures_come_first_and_failures_before_warnings(page: str) -> None:
    order = [page.index(f"<h2>{name}</h2>") for name in ("seed-planted.docx", "swapped_and_cross_table.pdf")]
    assert all(position > 0 for position in order)
    swapped = section(page, "swapped_and_cross_table.pdf")
    assert swapped.index("Không khớp (3)") < swapped.index("Cảnh báo (1)") < swapped.index("Con số chưa đối chiếu")


def test_a_failure_shows_every_part_with_its_label_figure_and_page(page: str) -> None:
    swapped = section(page, "swapped_and_cross_table.pdf")
    finding = swapped[swapped.index("dòng 9, cột “Tổng kinh phí”") :]
    finding = finding[: finding.index("</article>")]
    for label in ("xã Bộc Bố", "xã Công Bằng", "xã Cổ Linh", "xã Giáo Hiệu"):
        assert label in finding
    rows = re.findall(r"<tr class='part'>(.*?)</tr>", finding)
    assert len(rows) == 4
    assert all("<td class='num'>4</td>" in row for row in rows)  # page 4
    assert "<td class='num'>2.976.969.000</td>" in finding


def test_a_pdf_failure_has_a_picture_of_its_rows_with_the_cells_outlined(page: str) -> None:
    swapped = section(page, "swapped_and_cross_table.pdf")
    pictures = PNG_RE.findall(swapped)
    assert len(pictures) >= 3
    image = Image.open(io.BytesIO(base64.b64decode(pictures[1]))).convert("RGB")
    colours = {colour for _count, colour in image.getcolors(PALETTE_COLOURS) or []}

    def near(target: tuple[int, int, int]) -> bool:
        return any(sum(abs(a - b) for a, b in zip(colour, target, strict=True)) < 60 for colour in colours)

    assert near(COLOURS["stated"]) and near(COLOURS["part"])  # the total in red, its parts in blue
    assert image.width > 300 and image.height < 1200  # the table's rows, not the whole page
    assert "đánh dấu 5/5 số liệu" in swapped


def test_a_duplicate_is_listed_without_its_originals_findings(page: str) -> None:
    copy = section(page, "z-copy-of-seed-planted.docx")
    assert "duplicate" in copy and "Không khớp (" not in copy and "<article" not in copy
    summary = page[: page.index("<section id='doc-")]
    listed = r"z-copy-of-seed-planted\.docx</a></td><td>bản trùng[^<]*\(duplicate\)[^<]*</td><td class='num'>0</td>"
    assert re.search(listed, summary)


def test_a_word_document_says_it_has_no_page_to_show(page: str) -> None:
    docx = section(page, "seed-planted.docx")
    assert "Văn bản Word không có trang" in docx
    assert not PNG_RE.search(docx)


def test_warnings_are_grouped_by_check_and_unchecked_claims_listed_apart(page: str) -> None:
    docx = section(page, "seed-planted.docx")
    assert "<section class='unchecked'>" in docx and "Con số chưa đối chiếu được" in docx
    groups = re.findall(r"<section class='warnings'><h4><code>(\w+)</code>", page)
    assert "unchecked_claims" not in groups


def test_the_glossary_and_the_row_paths_are_explained(page: str) -> None:
    assert "<code>footnote_vs_annex</code>" in page.split("Các phép kiểm tra")[-1]
    assert "Cách đọc đường dẫn dòng" in page and "4~1" in page and "2#2" in page


def test_the_markdown_report_says_the_same(run: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    markdown = (run[1] / "report" / "checks.md").read_text(encoding="utf-8")
    assert "## swapped_and_cross_table.pdf" in markdown
    assert "| Tổng các phần | | | | 7.461.221.000 | |" in markdown


def test_every_likely_cause_of_the_run_is_put_into_vietnamese(
    run: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    import duckdb

    from pipeline.report.wording import cause_vi

    with duckdb.connect(str(run[1] / "plans.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT DISTINCT diagnosis FROM checks WHERE diagnosis IS NOT NULL").fetchall()
    causes = [row[0] for row in rows]
    assert causes
    assert [cause for cause in causes if cause_vi(cause) is None] == []


def test_a_report_draws_a_bounded_number_of_pictures(
    run: tuple[subprocess.CompletedProcess[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.report

    monkeypatch.setattr(pipeline.report, "MAX_PICTURES_PER_REPORT", 1)
    _markdown, bounded = pipeline.report.build_report(run[1] / "plans.duckdb")
    first = PNG_RE.findall(bounded)
    assert 1 <= len(first) <= 4  # the first failure keeps its pages, the others none
    assert "Hình trang chỉ vẽ cho các lỗi đầu tiên" in bounded
