"""Checks that know what a document claims, on small documents built for each case: money in the
text against the annex in another scale, one document restating another, sums a table does not
claim, 'of which' parts, and the tolerance of the decimals shown."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.conftest import extract_folder
from tests.fixtures.builder import STATE_MOTTO, AnnexTable, HeaderBlock, HeaderCell, Para, PlanDoc, build_docx

HEADER = HeaderBlock("UBND TỈNH LAI CHÂU", "UBND HUYỆN PHONG THỔ", "Số: 15/KH-UBND", "Phong Thổ",
                     "ngày 3 tháng 4 năm 2023", motto=STATE_MOTTO, issuer_mark="")  # fmt: skip
SIGNATURE = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Lò Văn Minh"]


def plan(header: HeaderBlock, paragraphs: list[str], annexes: list[AnnexTable]) -> PlanDoc:
    return PlanDoc(header, [Para("KẾ HOẠCH", bold=True, align="center"), *(Para(p) for p in paragraphs)], annexes,
                   SIGNATURE)  # fmt: skip


def table(title: str, header: list[str], rows: list[list[str]], caption: str | None = None) -> AnnexTable:
    return AnnexTable([title], [[HeaderCell(h) for h in header]], rows, landscape=False, caption=caption)


COSTS = table(
    "DỰ TOÁN KINH PHÍ THỰC HIỆN",
    ["TT", "Nội dung", "Kinh phí"],
    [["", "Tổng cộng", "9.704,0"], ["1", "Đường giao thông", "4.304,5"], ["2", "Trường học", "4.824,5"],
     ["3", "Nhà văn hóa", "575,0"]],
    caption="Đơn vị tính: triệu đồng",
)  # fmt: skip


def run(tmp_path: Path, *plans: tuple[str, PlanDoc]) -> duckdb.DuckDBPyConnection:
    files = [build_docx(doc, tmp_path / "built" / f"{name}.docx") for name, doc in plans]
    return extract_folder(files, tmp_path / "run")


def failed(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str | None, str | None]]:
    query = "SELECT check_name, row_path, diagnosis FROM checks WHERE status = 'fail' ORDER BY check_name, row_path"
    return [(name, row, diagnosis) for name, row, diagnosis in con.execute(query).fetchall()]


def test_a_total_in_the_text_against_the_annex_in_another_scale(tmp_path: Path) -> None:
    right = plan(HEADER, ["Tổng kinh phí thực hiện kế hoạch là 9.704.000.000 đồng."], [COSTS])
    wrong = plan(HEADER, ["Tổng kinh phí thực hiện kế hoạch là 7.829 triệu đồng."], [COSTS])
    con = run(tmp_path, ("right", right), ("wrong", wrong))
    statuses = con.execute(
        "SELECT d.source_file, c.status, c.expected FROM checks c JOIN documents d USING (doc_id) "
        "WHERE c.check_name = 'claim_money' ORDER BY 1"
    ).fetchall()
    assert statuses == [("right.docx", "pass", 9.704e9), ("wrong.docx", "fail", 9.704e9)]


def test_a_document_restating_another_is_checked_against_it(tmp_path: Path) -> None:
    source = plan(HEADER, ["Kế hoạch thực hiện trong năm 2023."], [COSTS])
    report_header = HeaderBlock("UBND TỈNH LAI CHÂU", "UBND HUYỆN PHONG THỔ", "Số: 40/BC-UBND", "Phong Thổ",
                                "ngày 5 tháng 12 năm 2023", motto=STATE_MOTTO, issuer_mark="")  # fmt: skip
    report = plan(report_header, [
        "Thực hiện Kế hoạch số 15/KH-UBND ngày 3/4/2023, đã đầu tư đường giao thông 4.304,5 triệu đồng.",
        "Theo Kế hoạch số 15/KH-UBND, tổng kinh phí là 9.800 triệu đồng.",
    ], [])  # fmt: skip
    con = run(tmp_path, ("plan", source), ("report", report))
    rows = con.execute(
        "SELECT status, expected, actual FROM checks WHERE check_name = 'cross_document' ORDER BY status"
    ).fetchall()
    assert rows == [("fail", 9.704e9, 9.8e9), ("pass", 4.3045e9, 4.3045e9)]


def test_a_register_claims_no_sums_and_raises_no_failure(tmp_path: Path) -> None:
    register = table(
        "DANH SÁCH CÁC DỰ ÁN",
        ["TT", "Tên dự án", "Tỷ lệ giải ngân (%)", "Xếp hạng"],
        [["I", "Dự án giao thông", "80", "2"], ["1", "Đường A", "75", "3"], ["2", "Đường B", "90", "1"]],
    )
    con = run(tmp_path, ("register", plan(HEADER, ["Danh sách kèm theo."], [register])))
    assert failed(con) == []


def test_parts_of_which_are_at_most_their_whole(tmp_path: Path) -> None:
    of_which = table(
        "VỐN THỰC HIỆN",
        ["TT", "Nội dung", "Vốn (triệu đồng)"],
        [["1", "Tổng vốn đầu tư", "1.000"], ["", "Trong đó:", ""], ["-", "Vốn ngân sách trung ương", "600"],
         ["-", "Vốn ngân sách địa phương", "300"], ["2", "Vốn sự nghiệp", "200"], ["", "Trong đó:", ""],
         ["-", "Vốn cho giáo dục", "150"]],
    )  # fmt: skip
    con = run(tmp_path, ("of_which", plan(HEADER, ["Vốn kèm theo."], [of_which])))
    relations = con.execute(
        "SELECT row_path, status, sum_relation FROM checks WHERE check_name = 'parent_vs_children' ORDER BY row_path"
    ).fetchall()
    assert relations == [("1", "pass", "at_most"), ("2", "pass", "at_most")]


def test_the_tolerance_follows_the_decimals_shown(tmp_path: Path) -> None:
    money = table(
        "PHÂN BỔ VỐN",
        ["TT", "Nội dung", "Vốn"],
        [["I", "Huyện A", "100,5"], ["1", "Xã 1", "20,1"], ["2", "Xã 2", "30,1"], ["3", "Xã 3", "50,8"],
         ["II", "Huyện B", "10,0"], ["1", "Xã 4", "4,0"], ["2", "Xã 5", "6,0"]],
        caption="Đơn vị tính: triệu đồng",
    )  # fmt: skip
    con = run(tmp_path, ("money", plan(HEADER, ["Vốn kèm theo."], [money])))
    row = con.execute(
        "SELECT status, difference, tolerance, tolerance_reason FROM checks WHERE row_path = 'I'"
    ).fetchone()
    assert row is not None
    status, difference, tolerance, reason = row
    # 20,1 + 30,1 + 50,8 = 101,0 against 100,5: 0,5 off, beyond four figures rounded to 0,1 (±0,2)
    assert (status, round(difference, 6), round(tolerance, 6)) == ("fail", 0.5, 0.2)
    assert "1 decimals" in reason


def test_each_failure_names_its_likely_cause(tmp_path: Path) -> None:
    slips = table(
        "DỰ TOÁN",
        ["TT", "Nội dung", "Kinh phí"],
        [["I", "Xây dựng", "1.200.000"], ["1", "Nhà A", "700.000"], ["2", "Nhà B", "500.000"], ["3", "Sân", "300.000"],
         ["II", "Thiết bị", "2.492.000.000"], ["1", "Máy tính", "2.492.000"], ["2", "Máy in", "0"],
         ["III", "Đào tạo", "5.592"], ["1", "Lớp 1", "2.184"], ["2", "Lớp 2", "3.048"],
         ["IV", "Khảo sát", "900"], ["1", "Đợt 1", "400"], ["2", "Đợt 2", "300"], ["3", "Đợt 3", "200"],
         ["V", "Thẩm định", "1.000"], ["1", "Hồ sơ", "1.000"], ["VI", "Quản lý", "350"], ["1", "Chi phí", "350"]],
        caption="Đơn vị tính: đồng",
    )  # fmt: skip
    # Three sections of six add up: the table claims its sections are sums, and the others fail.
    con = run(tmp_path, ("slips", plan(HEADER, ["Dự toán kèm theo."], [slips])))
    diagnoses = dict(
        con.execute(
            "SELECT row_path, diagnosis FROM checks WHERE status = 'fail' AND check_name = 'parent_vs_children'"
        ).fetchall()
    )
    assert set(diagnoses) == {"I", "II", "III"}
    assert diagnoses["I"] == "the total leaves out I.3 Sân (300.000): without it the parts add up"
    assert "II.1 Máy tính prints 2.492.000: a thousandfold slip" in diagnoses["II"]
    assert "swapped" in diagnoses["III"] and "3408" in diagnoses["III"].replace(".", "")
