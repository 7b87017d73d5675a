"""The report as one HTML page, in Vietnamese with English beneath: per document its failures with
both sides and a picture of the page, its warnings grouped by check, the claims nothing could
check, then what each check compares. Pictures are embedded, so the file can be sent on its own.
"""

from __future__ import annotations

import base64
from html import escape

from pipeline.checks import catalog
from pipeline.report.content import ReportContent
from pipeline.report.findings import CONTEXT, FOUND, PART, STATED, DocumentInfo, Figure, Finding
from pipeline.report.numbers import EMPTY, vi_number, vi_percent, vi_signed
from pipeline.report.pictures import Pictures
from pipeline.report.wording import (
    EXPLAIN_FIGURES,
    EXPLAIN_ROW_PATHS,
    EXPLAIN_STATUS,
    NO_PICTURE,
    cause_vi,
    document_read,
    figure_label,
    sides,
    where_en,
    where_vi,
)

LOW_CONFIDENCE = 80  # an OCR reading below it is flagged beside its figure, as the checks do
MAX_WARNINGS_SHOWN = 200  # per check and document: the rest are in the checks table
CLAUSE_CHARS = 220
STYLE = """
body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;
  color:#222;line-height:1.45}
h1{margin-bottom:0}h2{margin-top:2em;border-bottom:2px solid #ccc}h3{margin-top:1.5em}
.en{color:#666;font-size:.85em;font-weight:normal;display:block}
table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #bbb;padding:3px 7px;vertical-align:top}
th{background:#f1f1f1;text-align:left}td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
tr.has-fail td.failed{background:#fde2e2;font-weight:bold}tr.has-warn td.warned{background:#fff6d6}
article.finding{border-left:5px solid #c00;padding:.2em 1em;margin:1.2em 0;background:#fffafa}
tr.stated td{background:#fde8e8}tr.part td{background:#eaf1fb}tr.found td{background:#fff0e0}
tr.sum td,tr.diff td{font-weight:bold;background:#f7f7f7}
p.cause{background:#fff3cd;padding:.4em .6em}
figure{margin:.8em 0}figure img{max-width:100%;border:1px solid #999}figcaption{color:#444;font-size:.9em}
p.nopic{color:#666;font-style:italic}
section.warnings h4,section.unchecked h4{margin-bottom:.2em}
dt{font-weight:bold;margin-top:.6em}
"""


def render_html(content: ReportContent, pictures: dict[tuple[str, int], Pictures]) -> str:
    body = [
        "<h1>Báo cáo kiểm tra số liệu</h1><span class='en'>Checks report</span>",
        _run(content),
        *[f"<p>{vi}<span class='en'>{escape(en)}</span></p>" for vi, en in (*EXPLAIN_STATUS, EXPLAIN_FIGURES)],
        _summary(content),
    ]
    for number, document in enumerate(content.documents, start=1):
        body.append(_document(content, document, number, pictures))
    body.append(_glossary())
    return (
        '<!doctype html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Báo cáo kiểm tra số liệu</title><style>{STYLE}</style></head><body>"
        + "\n".join(body)
        + "</body></html>\n"
    )


def _run(content: ReportContent) -> str:
    if content.run is None:
        return ""
    run = content.run
    return (
        f"<p>Lần chạy <code>{escape(run.run_id)}</code>, bắt đầu {escape(run.run_started_at)}, thư mục văn bản "
        f"<code>{escape(run.raw_folder)}</code>, phiên bản <code>{escape(run.pipeline_version)}</code>."
        "<span class='en'>Run, started at, raw folder, pipeline version.</span></p>"
    )


def _summary(content: ReportContent) -> str:
    rows = []
    for number, doc in enumerate(content.documents, start=1):
        read = document_read(doc.document_status, doc.error)
        css = " ".join(c for c, n in (("has-fail", doc.failed), ("has-warn", doc.warned)) if n)
        rows.append(
            f"<tr class='{css}'><td><a href='#doc-{number}'>{escape(doc.source_file)}</a></td><td>{escape(read)}</td>"
            f"<td class='num'>{doc.passed}</td><td class='num failed'>{doc.failed}</td>"
            f"<td class='num warned'>{doc.warned}</td></tr>"
        )
    return (
        "<h2>Tóm tắt theo văn bản<span class='en'>Summary by document</span></h2>"
        "<p>Văn bản có số liệu không khớp được xếp trước.<span class='en'>Documents with failures come first."
        "</span></p><table><tr><th>Văn bản <span class='en'>document</span></th><th>Đọc <span class='en'>read"
        "</span></th><th class='num'>Khớp <span class='en'>passed</span></th><th class='num'>Không khớp "
        "<span class='en'>failed</span></th><th class='num'>Cảnh báo <span class='en'>warned</span></th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _document(content: ReportContent, doc: DocumentInfo, number: int, pictures: dict[tuple[str, int], Pictures]) -> str:
    parts = [f"<section id='doc-{number}'><h2>{escape(doc.source_file)}</h2>", _document_line(doc)]
    counts = content.counts_of(doc)
    if counts:
        parts.append(
            "<details><summary>Kết quả từng kiểm tra <span class='en'>results per check</span></summary><table>"
            "<tr><th>Kiểm tra <span class='en'>check</span></th><th class='num'>Khớp</th>"
            "<th class='num'>Không khớp</th><th class='num'>Cảnh báo</th></tr>"
            + "".join(
                f"<tr><td><code>{c.check_name}</code></td><td class='num'>{c.passed}</td>"
                f"<td class='num'>{c.failed}</td><td class='num'>{c.warned}</td></tr>"
                for c in counts
            )
            + "</table></details>"
        )
    failures = content.failures(doc)
    if failures:
        parts.append(f"<h3>Không khớp ({len(failures)})<span class='en'>Failures</span></h3>")
        parts += [_failure(f, i, pictures.get((doc.doc_id, i), Pictures())) for i, f in enumerate(failures)]
    elif doc.document_status == "ok":
        parts.append("<p>Mọi phép đối chiếu đều khớp.<span class='en'>No check failed.</span></p>")
    groups = content.warning_groups(doc)
    if groups:
        parts.append(f"<h3>Cảnh báo ({sum(map(len, groups.values()))})<span class='en'>Warnings, by check</span></h3>")
        parts += [_warning_group(name, items) for name, items in groups.items()]
    unchecked = content.unchecked(doc)
    if unchecked:
        parts.append(_unchecked(unchecked))
    return "".join(parts) + "</section>"


def _document_line(doc: DocumentInfo) -> str:
    what = " ".join(str(x) for x in (doc.doc_type, doc.doc_number) if x)
    issued = f", ngày {doc.issued_date:%d/%m/%Y}" if hasattr(doc.issued_date, "strftime") else ""
    if doc.format == "pdf":
        scan = ", bản quét đọc bằng OCR" if doc.read_method and "ocr" in doc.read_method else ""
        form = f"PDF, {doc.pages or '?'} trang{scan}"
    else:
        form = f"{doc.format.upper()}, không có số trang"
    line = f"<p>{escape(what)}{escape(issued)} · {escape(form)}</p>"
    if doc.document_status != "ok":
        line += f"<p><b>{escape(document_read(doc.document_status, doc.error))}</b></p>"
    return line


def _failure(finding: Finding, index: int, pictures: Pictures) -> str:
    info = catalog().get(finding.check_name)
    compares = f"<p>{escape(info.vi)}<span class='en'>{escape(info.en)}</span></p>" if info else ""
    cause = ""
    if finding.diagnosis:
        vi = cause_vi(finding.diagnosis)
        cause = (
            f"<p class='cause'><b>Nguyên nhân có thể:</b> {escape(vi or finding.diagnosis)}"
            f"<span class='en'>Likely cause: {escape(finding.diagnosis)}</span></p>"
        )
    detail = f"<p class='en'>{escape(finding.detail)}</p>" if finding.detail else ""
    return (
        f"<article class='finding fail' id='{finding.doc_id}-{index + 1}'>"
        f"<h4>{index + 1}. {escape(where_vi(finding))} — <code>{finding.check_name}</code>"
        f"<span class='en'>{escape(where_en(finding))}</span></h4>"
        f"{compares}{_sides(finding)}{cause}{detail}{_pictures(pictures)}</article>"
    )


def _sides(finding: Finding) -> str:
    (stated_vi, stated_en), (other_vi, other_en) = sides(finding.check_name)
    head = (
        "<tr><th>Bên <span class='en'>side</span></th><th>Dòng <span class='en'>row</span></th>"
        "<th>Nội dung <span class='en'>label</span></th><th>Cột <span class='en'>column</span></th>"
        "<th class='num'>Số liệu <span class='en'>figure</span></th><th>Trang <span class='en'>page</span></th></tr>"
    )
    rows = []
    stated = finding.figures_as(STATED)
    rows += [_figure_row("stated", stated_vi, stated_en, f) for f in stated]
    if not stated:
        rows.append(_value_row("stated", stated_vi, stated_en, vi_number(finding.expected)))
    parts = finding.figures_as(PART)
    rows += [_figure_row("part", "Phần", "part", f) for f in parts]
    found = finding.figures_as(FOUND)
    rows += [_figure_row("found", other_vi, other_en, f) for f in found]
    if parts or not found:
        rows.append(_value_row("sum", other_vi, other_en, vi_number(finding.actual)))
    rows += [_figure_row("context", "Liên quan", "context", f) for f in finding.figures_as(CONTEXT)]
    rows.append(_value_row("diff", "Chênh lệch", "difference", vi_signed(finding.difference)))
    return f"<table class='sides'>{head}{''.join(rows)}</table>"


def _figure_row(css: str, side_vi: str, side_en: str, figure: Figure) -> str:
    shown = vi_number(figure.value)
    if figure.confidence is not None and figure.confidence < LOW_CONFIDENCE:
        shown += f" (OCR {vi_percent(figure.confidence)})"
    label = figure_label(figure, CLAUSE_CHARS)
    return (
        f"<tr class='{css}'><td>{side_vi}<span class='en'>{side_en}</span></td><td>{escape(figure.row_path or '')}</td>"
        f"<td>{escape(label)}</td><td>{escape(figure.column or '')}</td><td class='num'>{escape(shown)}</td>"
        f"<td class='num'>{figure.page if figure.page is not None else EMPTY}</td></tr>"
    )


def _value_row(css: str, side_vi: str, side_en: str, shown: str) -> str:
    return (
        f"<tr class='{css}'><td>{side_vi}<span class='en'>{side_en}</span></td><td colspan='3'></td>"
        f"<td class='num'>{escape(shown)}</td><td></td></tr>"
    )


def _pictures(pictures: Pictures) -> str:
    if pictures.missing:
        vi, en = NO_PICTURE[pictures.missing]
        return f"<p class='nopic'>{escape(vi)}<span class='en'>{escape(en)}</span></p>"
    shown = []
    for picture in pictures.pages:
        data = base64.b64encode(picture.png).decode("ascii")
        if picture.whole_page:
            caption = (
                f"Trang {picture.page}: không định vị được số liệu trên trang, đây là toàn trang."
                "<span class='en'>The figures could not be found on the page: the whole page.</span>"
            )
        else:
            caption = (
                f"Trang {picture.page}: đánh dấu {picture.located}/{picture.wanted} số liệu."
                f"<span class='en'>Page {picture.page}: {picture.located} of {picture.wanted} figures outlined."
                "</span>"
            )
        shown.append(
            f"<figure><img src='data:image/png;base64,{data}' alt='Trang {picture.page}'>"
            f"<figcaption>{caption}</figcaption></figure>"
        )
    return "".join(shown)


def _warning_group(check_name: str, items: list[Finding]) -> str:
    info = catalog().get(check_name)
    about = f"{escape(info.vi)}<span class='en'>{escape(info.en)}</span>" if info else ""
    rows = "".join(
        f"<tr><td>{escape(where_vi(f))}</td><td class='num'>{escape(vi_number(f.expected))}</td>"
        f"<td class='num'>{escape(vi_number(f.actual))}</td><td class='num'>{escape(vi_signed(f.difference))}</td>"
        f"<td><span class='en'>{escape(f.detail or '')}</span></td></tr>"
        for f in items[:MAX_WARNINGS_SHOWN]
    )
    more = len(items) - MAX_WARNINGS_SHOWN
    rest = f"<p>… và {more} cảnh báo nữa trong bảng checks.</p>" if more > 0 else ""
    return (
        f"<section class='warnings'><h4><code>{check_name}</code> ({len(items)})</h4><p>{about}</p>"
        "<table><tr><th>Ở đâu <span class='en'>where</span></th><th class='num'>Số đối chiếu <span class='en'>"
        "expected</span></th><th class='num'>Số tìm thấy <span class='en'>found</span></th><th class='num'>"
        "Chênh lệch <span class='en'>difference</span></th><th>Chi tiết <span class='en'>detail</span></th></tr>"
        f"{rows}</table>{rest}</section>"
    )


def _unchecked(items: list[Finding]) -> str:
    rows = []
    for finding in items[:MAX_WARNINGS_SHOWN]:
        claim = next((f for f in finding.figures if f.source == "claim"), None)
        clause = (claim.label or "") if claim else ""
        rows.append(
            f"<tr><td class='num'>{finding.claim_no if finding.claim_no is not None else ''}</td>"
            f"<td class='num'>{escape(claim.text if claim and claim.text else vi_number(finding.actual))}</td>"
            f"<td class='num'>{claim.page if claim and claim.page is not None else EMPTY}</td>"
            f"<td>{escape(clause[:CLAUSE_CHARS])}{'…' if len(clause) > CLAUSE_CHARS else ''}</td></tr>"
        )
    return (
        f"<section class='unchecked'><h4>Con số chưa đối chiếu được ({len(items)})"
        "<span class='en'>Claims of the text that no check could compare</span></h4>"
        "<p>Những con số trong lời văn không có gì để đối chiếu (không có dòng biểu tương ứng, không phải phép "
        "tính); nên đọc lại khi cần.<span class='en'>Figures of the text nothing vouches for.</span></p>"
        f"<details><summary>Xem danh sách <span class='en'>show the list</span></summary><table><tr><th>Số</th>"
        "<th>Con số <span class='en'>as printed</span></th><th>Trang</th><th>Câu văn <span class='en'>clause</span>"
        f"</th></tr>{''.join(rows)}</table></details></section>"
    )


def _glossary() -> str:
    entries = "".join(
        f"<dt><code>{c.name}</code></dt><dd>{escape(c.vi)}<span class='en'>{escape(c.en)}. "
        f"A failure usually means: {escape(c.failure)}.</span></dd>"
        for c in catalog().values()
    )
    vi, en = EXPLAIN_ROW_PATHS
    return (
        "<h2>Các phép kiểm tra<span class='en'>What each check compares</span></h2>"
        f"<dl>{entries}</dl><h2>Cách đọc đường dẫn dòng<span class='en'>Row paths</span></h2>"
        f"<p>{escape(vi)}<span class='en'>{escape(en)}</span></p>"
    )
