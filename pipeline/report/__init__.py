"""Checks report: the checks table -> checks.html and checks.md for people who never saw the code.

In Vietnamese, English beneath. Per document, failures first: each with both sides of the
comparison (every part's label, figure and page), its likely cause and a picture of the page
region the figures are printed on (PDFs); then warnings grouped by check, and the claims of the
text nothing could check in a short list of their own. `extract`, `check` and `report` write it
to <out>/report/, `publish` into <out>/publish/.

Modules: findings (the checks table -> findings and their figures), content (all a report
reads), locate and page_pictures (where a figure is on a page, and its picture), pictures (which
pictures a finding gets), wording (Vietnamese texts), html_page, markdown_page, console (the lines
a run prints).
"""

from __future__ import annotations

from pathlib import Path

from pipeline.outputs import replace_folder
from pipeline.report.content import ReportContent, read_content
from pipeline.report.html_page import render_html
from pipeline.report.markdown_page import render_markdown
from pipeline.report.pictures import MAX_PICTURES_PER_REPORT, Pictures, document_pages, pictures_of, source_path

REPORT_FOLDER = "report"
HTML_NAME = "checks.html"
MARKDOWN_NAME = "checks.md"


def report_path(out: Path) -> Path:
    """Where `extract`, `check` and `report` put the report's page."""
    return out / REPORT_FOLDER / HTML_NAME


def build_report(database: Path) -> tuple[str, str]:
    """(markdown, html) of the checks report."""
    content = read_content(database)
    return render_markdown(content), render_html(content, draw_pictures(database, content))


def draw_pictures(database: Path, content: ReportContent) -> dict[tuple[str, int], Pictures]:
    """Pictures of every failure, by (document id, position among its document's failures)."""
    raw_folder = content.run.raw_folder if content.run else ""
    drawn: dict[tuple[str, int], Pictures] = {}
    left = MAX_PICTURES_PER_REPORT
    for document in content.documents:
        failures = content.failures(document)
        if not failures:
            continue
        path = source_path(raw_folder, document.source_file, document.sha256, database) if left > 0 else None
        with document_pages(document, path) as pages:
            for index, finding in enumerate(failures):
                pictures = pictures_of(finding, index, document, pages) if left > 0 else Pictures(missing="not_shown")
                left -= len(pictures.pages)
                drawn[(document.doc_id, index)] = pictures
    return drawn


def write_report_files(database: Path, folder: Path) -> tuple[Path, Path]:
    """checks.md and checks.html into `folder` (a staging folder of the caller's)."""
    markdown, page = build_report(database)
    md_path, html_path = folder / MARKDOWN_NAME, folder / HTML_NAME
    md_path.write_text(markdown, encoding="utf-8")
    html_path.write_text(page, encoding="utf-8")
    return md_path, html_path


def write_report(database: Path, folder: Path) -> tuple[Path, Path]:
    """The report in `folder`, replaced as a whole: (checks.md, checks.html)."""
    replace_folder(folder, lambda staging: write_report_files(database, staging))
    return folder / MARKDOWN_NAME, folder / HTML_NAME
