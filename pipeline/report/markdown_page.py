"""The report as markdown (checks.md): the HTML page's text without its pictures, for reading in
a terminal, a repository or an e-mail."""

from __future__ import annotations

from pipeline.checks import catalog
from pipeline.report.content import ReportContent
from pipeline.report.findings import FOUND, PART, STATED, Figure, Finding
from pipeline.report.numbers import EMPTY, vi_number, vi_signed
from pipeline.report.wording import (
    EXPLAIN_FIGURES,
    EXPLAIN_ROW_PATHS,
    EXPLAIN_STATUS,
    cause_vi,
    document_read,
    figure_label,
    sides,
    where_en,
    where_vi,
)

CLAUSE_CHARS = 160


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _plain(html_text: str) -> str:
    return html_text.replace("<b>", "**").replace("</b>", "**")


def render_markdown(content: ReportContent) -> str:
    lines = ["# Báo cáo kiểm tra số liệu", "", "_Checks report_", ""]
    for vi, en in (*EXPLAIN_STATUS, EXPLAIN_FIGURES):
        lines += [_plain(vi), f"_{en}_", ""]
    lines += ["| văn bản (document) | đọc (read) | khớp (passed) | không khớp (failed) | cảnh báo (warned) |"]
    lines += ["|---|---|---|---|---|"]
    for doc in content.documents:
        read = document_read(doc.document_status, doc.error)
        lines.append(f"| {_cell(doc.source_file)} | {_cell(read)} | {doc.passed} | {doc.failed} | {doc.warned} |")
    for doc in content.documents:
        lines += ["", f"## {doc.source_file}", ""]
        if doc.document_status != "ok":
            lines += [f"**{document_read(doc.document_status, doc.error)}**", ""]
        counts = content.counts_of(doc)
        if counts:
            lines += ["| kiểm tra (check) | khớp | không khớp | cảnh báo |", "|---|---|---|---|"]
            lines += [f"| {c.check_name} | {c.passed} | {c.failed} | {c.warned} |" for c in counts]
        failures = content.failures(doc)
        if failures:
            lines += ["", f"### Không khớp ({len(failures)}) — failures"]
            for index, finding in enumerate(failures, start=1):
                lines += _failure(index, finding)
        elif doc.document_status == "ok":
            lines += ["", "Mọi phép đối chiếu đều khớp. _No check failed._"]
        for check_name, items in content.warning_groups(doc).items():
            lines += ["", f"### Cảnh báo `{check_name}` ({len(items)}) — warnings", ""]
            lines += ["| ở đâu (where) | số đối chiếu | số tìm thấy | chênh lệch | chi tiết (detail) |"]
            lines += ["|---|---|---|---|---|"]
            lines += [
                f"| {_cell(where_vi(f))} | {vi_number(f.expected)} | {vi_number(f.actual)} | "
                f"{vi_signed(f.difference)} | {_cell(f.detail or '')} |"
                for f in items
            ]
        unchecked = content.unchecked(doc)
        if unchecked:
            lines += ["", f"### Con số chưa đối chiếu được ({len(unchecked)}) — unchecked claims", ""]
            lines += ["| số | con số | trang | câu văn |", "|---|---|---|---|"]
            lines += [_unchecked_row(f) for f in unchecked]
    lines += ["", "## Các phép kiểm tra — what each check compares", ""]
    lines += [f"- `{c.name}`: {c.vi} _({c.en}. A failure usually means: {c.failure}.)_" for c in catalog().values()]
    vi, en = EXPLAIN_ROW_PATHS
    lines += ["", "## Cách đọc đường dẫn dòng — row paths", "", vi, "", f"_{en}_"]
    return "\n".join(lines) + "\n"


def _failure(index: int, finding: Finding) -> list[str]:
    (stated_vi, _), (other_vi, _) = sides(finding.check_name)
    lines = ["", f"{index}. **{where_vi(finding)}** — `{finding.check_name}` _({where_en(finding)})_", ""]
    lines += ["   | bên | dòng | nội dung | cột | số liệu | trang |", "   |---|---|---|---|---|---|"]
    stated = finding.figures_as(STATED)
    lines += [_figure_row(stated_vi, f) for f in stated]
    if not stated:
        lines.append(f"   | {stated_vi} | | | | {vi_number(finding.expected)} | |")
    parts = finding.figures_as(PART)
    lines += [_figure_row("Phần", f) for f in parts]
    found = finding.figures_as(FOUND)
    lines += [_figure_row(other_vi, f) for f in found]
    if parts or not found:
        lines.append(f"   | {other_vi} | | | | {vi_number(finding.actual)} | |")
    lines.append(f"   | Chênh lệch | | | | {vi_signed(finding.difference)} | |")
    if finding.diagnosis:
        vi = cause_vi(finding.diagnosis)
        lines += ["", f"   Nguyên nhân có thể: {vi or finding.diagnosis}", f"   _Likely cause: {finding.diagnosis}_"]
    if finding.detail:
        lines += ["", f"   _{finding.detail}_"]
    return lines


def _figure_row(side: str, figure: Figure) -> str:
    label = figure_label(figure, CLAUSE_CHARS)
    page = figure.page if figure.page is not None else EMPTY
    return (
        f"   | {side} | {_cell(figure.row_path or '')} | {_cell(label)} | {_cell(figure.column or '')} | "
        f"{vi_number(figure.value)} | {page} |"
    )


def _unchecked_row(finding: Finding) -> str:
    claim = next((f for f in finding.figures if f.source == "claim"), None)
    clause = (claim.label or "")[:CLAUSE_CHARS] if claim else ""
    shown = claim.text if claim and claim.text else vi_number(finding.actual)
    page = claim.page if claim and claim.page is not None else EMPTY
    return f"| {finding.claim_no if finding.claim_no is not None else ''} | {_cell(shown)} | {page} | {_cell(clause)} |"
