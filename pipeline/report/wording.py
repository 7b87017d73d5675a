"""What the report says, in Vietnamese first and English second: headings, where a figure is, the
names of the two sides of a comparison, and the likely causes the checks write (in English, in
checks.diagnosis) put into Vietnamese.

A cause no pattern here knows is shown in English alone: a new wording in a check's SQL is never
lost, only left untranslated (a test lists the causes of the planted failures).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.report.findings import Figure, Finding
from pipeline.report.numbers import vi_number
from pipeline.report.pictures import MAX_PICTURED_FINDINGS, MAX_PICTURES_PER_REPORT

DOCUMENT_STATUS_VI = {
    "ok": "đã đọc",
    "duplicate": "bản trùng, đã đọc dưới tên khác",
    "skipped": "bỏ qua: cần Tesseract hoặc LibreOffice",
    "failed": "không đọc được",
}
SUMMING_CHECKS = frozenset({"total_vs_units", "parent_vs_children", "total_vs_periods", "total_vs_parts"})
# The two sides of a comparison: (Vietnamese, English) for the stated figure and for the other.
SIDES_OF_SUMS = (("Số ghi", "stated"), ("Tổng các phần", "sum of the parts"))
SIDES_OF_ARITHMETIC = (("Kết quả ghi", "result written"), ("Tính lại", "computed"))
SIDES = (("Số đối chiếu", "expected"), ("Số tìm thấy", "found"))
NO_PICTURE = {
    "no_pages": ("Văn bản Word không có trang: không có hình trang.", "A Word document has no pages: no picture."),
    "no_file": (
        "Không tìm thấy tệp PDF đã đọc (đã chuyển đi hoặc đã thay đổi): không có hình trang.",
        "The PDF read is no longer where the run found it, or has changed: no picture.",
    ),
    "no_figures": ("Không có số liệu nào có số trang để vẽ.", "No figure of this comparison has a page."),
    "not_shown": (
        f"Hình trang chỉ vẽ cho các lỗi đầu tiên ({MAX_PICTURED_FINDINGS} lỗi mỗi văn bản, "
        f"{MAX_PICTURES_PER_REPORT} hình mỗi báo cáo).",
        f"Pictures are drawn for the first failures only ({MAX_PICTURED_FINDINGS} per document, "
        f"{MAX_PICTURES_PER_REPORT} per report).",
    ),
    "failed": ("Không vẽ được hình trang.", "The page could not be drawn."),
}


EXPLAIN_STATUS = (
    (
        "<b>Không khớp</b>: hai con số của văn bản lẽ ra phải bằng nhau nhưng khác nhau (một tổng và các phần "
        "của nó, chú thích và biểu, lời văn và biểu).",
        "fail: two figures of the document that must agree do not.",
    ),
    (
        "<b>Cảnh báo</b>: một phép đối chiếu không thực hiện được, nằm trong sai số làm tròn đã nêu, hoặc một "
        "tên đơn vị không tìm thấy trong danh mục hành chính.",
        "warn: a comparison could not be made, is within a stated rounding, or a name could not be resolved.",
    ),
)
EXPLAIN_FIGURES = (
    "Số liệu viết theo cách Việt Nam: dấu chấm phân cách hàng nghìn, dấu phẩy trước phần thập phân "
    "(26.122.346; 0,5). Trên hình trang: khung đỏ là số ghi, khung xanh là các phần, khung cam là số tìm "
    "thấy để đối chiếu; dải vàng là các dòng liên quan.",
    "Figures in Vietnamese notation. In the page pictures: red, the stated figure; blue, its parts; orange, "
    "the figure found against it; yellow bands, the rows involved.",
)
EXPLAIN_ROW_PATHS = (
    "Đường dẫn dòng ghép số thứ tự của dòng (cột TT/STT) với số thứ tự các dòng cha: I.2 là mục 2 của phần I "
    "(số thứ tự bắt đầu lại trong mỗi phần). Dấu ~ là dòng không đánh số, treo sau dòng có số gần nhất phía trên: "
    "4~1 là dòng không số thứ nhất sau dòng 4 (ROW~1 khi phía trên chưa có dòng nào đánh số). Dấu # phân biệt "
    "hai dòng trùng đường dẫn: 2#2 là dòng thứ hai mang số 2. TOTAL là dòng tổng (Tổng cộng, Toàn tỉnh), "
    "TOTAL#2 dòng tổng thứ hai. Gạch đầu dòng được đánh số dưới dòng cha (I.1.-1, I.1.-2). Bảng không đánh số "
    "dòng nào thì mỗi dòng được gọi bằng chính nhãn của nó (Xã Tả Lũng).",
    "Row paths join a row's TT/STT marker to its parents' (I.2: item 2 of section I). ~ is an unnumbered row "
    "hanging off the numbered row above (4~1; ROW~1 before any numbered row); # makes a repeated path unique "
    "(2#2); TOTAL is a total row; bullets are numbered under their parent (I.1.-1); a table that numbers no "
    "row keys each row by its label.",
)


SOURCE_VI = {"claim": "lời văn", "footnote": "chú thích"}


def figure_label(figure: Figure, limit: int) -> str:
    """A figure's label for a reader: '[chú thích] Tả Lũng 6 thôn'; a long clause cut at `limit`."""
    label = figure.label or ""
    if len(label) > limit:
        label = label[:limit] + "…"
    source = SOURCE_VI.get(figure.source)
    return f"[{source}] {label}" if source else label


def document_read(status: str, error: str | None) -> str:
    """How a document was read, for the reader: 'đã đọc'; 'bản trùng, ... (duplicate): <error>'."""
    if status == "ok":
        return DOCUMENT_STATUS_VI["ok"]
    return f"{DOCUMENT_STATUS_VI.get(status, status)} ({status})" + (f": {error}" if error else "")


def sides(check_name: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """(Vietnamese, English) names of the stated side and of the other side of a check."""
    if check_name in SUMMING_CHECKS:
        return SIDES_OF_SUMS
    if check_name == "claim_arithmetic":
        return SIDES_OF_ARITHMETIC
    return SIDES


def table_name_vi(table_no: int | None, annex_label: str | None) -> str:
    if table_no is None:
        return ""
    return f"bảng {table_no}" + (f" ({annex_label})" if annex_label else "")


def where_vi(finding: Finding) -> str:
    """'bảng 1, dòng V, cột “Giá trị trước thuế”, đơn vị Tả Lũng (00787)'; 'cả văn bản' if nothing."""
    parts = []
    if finding.table_no is not None:
        parts.append(table_name_vi(finding.table_no, finding.annex_label))
    if finding.row_path:
        parts.append(f"dòng {finding.row_path}")
    if finding.column_label:
        parts.append(f"cột “{finding.column_label}”")
    if finding.unit_name_raw or finding.unit_code:
        parts.append(f"đơn vị {finding.unit_name_raw or '?'} ({finding.unit_code or 'chưa có mã'})")
    if finding.footnote_no is not None:
        parts.append(f"chú thích {finding.footnote_no}")
    if finding.claim_no is not None:
        parts.append(f"con số {finding.claim_no} của văn bản")
    return ", ".join(parts) or "cả văn bản"


def where_en(finding: Finding) -> str:
    """'table 1, row V, column “Giá trị trước thuế”, unit Tả Lũng (00787)'; 'document' if nothing."""
    parts = []
    if finding.table_no is not None:
        parts.append(f"table {finding.table_no}")
    if finding.row_path:
        parts.append(f"row {finding.row_path}")
    if finding.column_label:
        parts.append(f"column “{finding.column_label}”")
    if finding.unit_name_raw or finding.unit_code:
        parts.append(f"unit {finding.unit_name_raw or '?'} ({finding.unit_code or 'no code'})")
    if finding.footnote_no is not None:
        parts.append(f"footnote {finding.footnote_no}")
    if finding.claim_no is not None:
        parts.append(f"claim {finding.claim_no}")
    return ", ".join(parts) or "document"


def _figure(text: str) -> str:
    """A figure the checks wrote plainly ('2492000000', '2.23') in Vietnamese ('2.492.000.000')."""
    try:
        return vi_number(float(text))
    except ValueError:
        return text


def _place(text: str) -> str:
    """Where a part is, as part_where writes it: 'row 9 Duy tu, column "…"' -> 'dòng 9 Duy tu, cột “…”';
    'V.1 Chi phí …' -> 'dòng V.1 Chi phí …'."""
    columned = re.fullmatch(r'row (.*), column "(.*)"', text)
    return f"dòng {columned[1]}, cột “{columned[2]}”" if columned else f"dòng {text}"


Translation = Callable[[re.Match[str]], str]
CAUSES: list[tuple[re.Pattern[str], Translation]] = [
    (re.compile(r"the total leaves out (.+) \((.+?)\): without it the parts add up"),
     lambda m: f"tổng đã bỏ sót {_place(m[1])} ({m[2]}): không tính dòng này thì các phần cộng lại đúng bằng tổng"),
    (re.compile(r"the total counts (.+) \((.+?)\) twice, or a line not listed of that size"),
     lambda m: f"tổng đã tính hai lần {_place(m[1])} ({m[2]}), hoặc có một dòng cỡ đó không được liệt kê"),
    (re.compile(r"the total (\S+) is a thousand times off its parts \((\S+)\): a scale slip"),
     lambda m: f"tổng {m[1]} lệch nghìn lần so với các phần ({_figure(m[2])}): nhầm đơn vị tính"),
    (re.compile(r"the total prints (\S+): two neighbouring digits swapped\? (\S+) would add up"),
     lambda m: f"tổng ghi {m[1]}: có thể đảo hai chữ số liền nhau? nếu là {_figure(m[2])} thì khớp"),
    (re.compile(r"the total (\S+) was read by OCR with low confidence \((\S+)%\)"),
     lambda m: f"tổng {m[1]} được nhận dạng (OCR) với độ tin cậy thấp ({m[2]}%)"),
    (re.compile(r"(.+) prints (\S+): a thousandfold slip \((\S+) would add up\)"),
     lambda m: f"{_place(m[1])} ghi {m[2]}: nhầm nghìn lần (nếu là {_figure(m[3])} thì cộng lại khớp)"),
    (re.compile(r"(.+) prints (\S+): two neighbouring digits swapped\? (\S+) would add up"),
     lambda m: f"{_place(m[1])} ghi {m[2]}: có thể đảo hai chữ số liền nhau? nếu là {_figure(m[3])} thì khớp"),
    (re.compile(r"(.+) was read by OCR with low confidence \((\S+)%\)"),
     lambda m: f"dòng {m[1]} được nhận dạng (OCR) với độ tin cậy thấp ({m[2]}%)"),
    (re.compile(r"the term (\S+): two neighbouring digits swapped\? (\S+) would give (\S+)"),
     lambda m: f"số hạng {m[1]}: có thể đảo hai chữ số liền nhau? {_figure(m[2])} sẽ cho {_figure(m[3])}"),
    (re.compile(r"the result (.+): two neighbouring digits swapped\? the terms give (\S+)"),
     lambda m: f"kết quả {m[1]}: có thể đảo hai chữ số liền nhau? các số hạng cho {_figure(m[2])}"),
    (re.compile(r"no single slip explains it"),
     lambda m: "không có một lỗi đơn lẻ nào giải thích được chênh lệch"),
    (re.compile(r"a thousandfold slip: the text or the table has the wrong scale \(triệu for tỷ, đồng for nghìn\)"),
     lambda m: "nhầm nghìn lần: văn bản hoặc biểu ghi sai đơn vị (triệu thay cho tỷ, đồng thay cho nghìn)"),
    (re.compile(r"a thousandfold slip"), lambda m: "nhầm nghìn lần"),
    (re.compile(r"the text and the annex state different totals: one was revised without the other"),
     lambda m: "văn bản và biểu nêu hai tổng khác nhau: một bên đã sửa mà bên kia chưa sửa"),
    (re.compile(r"the text and the annex disagree: one was revised without the other"),
     lambda m: "văn bản và biểu không khớp: một bên đã sửa mà bên kia chưa sửa"),
    (re.compile(r"the text names other units than the annex line gives figures to"),
     lambda m: "văn bản nêu những đơn vị khác với các đơn vị có số liệu trong dòng của biểu"),
    (re.compile(r"the text and the annex give this item different figures: one was revised without the other"),
     lambda m: "văn bản và biểu ghi số liệu khác nhau cho mục này: một bên đã sửa mà bên kia chưa sửa"),
    (re.compile(r"an item left out or mistyped in the footnote, or the figure in the text not updated"),
     lambda m: "chú thích thiếu hoặc ghi sai một mục, hoặc con số trong văn bản chưa được cập nhật"),
    (re.compile(r"a unit missing from the annex line: the footnote lists it, the line has no figure for it"),
     lambda m: "biểu thiếu đơn vị này: chú thích có nêu, nhưng dòng của biểu không có số liệu"),
    (re.compile(r"a unit missing from the footnote: the annex line has a figure for it"),
     lambda m: "chú thích thiếu đơn vị này: dòng của biểu có số liệu cho đơn vị"),
    (re.compile(r"the footnote and the annex were edited apart: this unit's figure differs"),
     lambda m: "chú thích và biểu được sửa riêng rẽ: số liệu của đơn vị này khác nhau"),
    (re.compile(r"one table was revised without the other for this unit"),
     lambda m: "một biểu đã sửa số liệu của đơn vị này mà biểu kia chưa sửa"),
]  # fmt: skip


def cause_vi(diagnosis: str | None) -> str | None:
    """The likely cause in Vietnamese, or None when some part of it has no known wording."""
    if not diagnosis:
        return None
    translated = []
    for part in diagnosis.split("; "):
        for pattern, translate in CAUSES:
            match = pattern.fullmatch(part.strip())
            if match:
                translated.append(translate(match))
                break
        else:
            return None
    return "; ".join(translated)
