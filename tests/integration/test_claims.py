"""Narrative claims, references and metadata of the seed, and the checks that use them."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.conftest import SEED_DOCX, extract_folder
from tests.fixtures.plant import replace_in_part


def test_seed_claims(seed_db: duckdb.DuckDBPyConnection, seed_docx_id: str) -> None:
    claims = {
        (r[0], r[1], r[2])
        for r in seed_db.execute(
            "SELECT value_text, measure, kind FROM claims WHERE doc_id = ?", [seed_docx_id]
        ).fetchall()
    }
    expected = {
        ("02 xã", "xã", "added"),  # có thêm 02 xã đạt chuẩn (xã Sung Trà và xã Niêm Sơn)
        ("03 xã", "xã", "cumulative"),  # nâng tổng số ... là 03 xã
        ("109 thôn", "thôn", "target"),
        ("02 xã", "xã", "baseline"),  # 02 xã đạt 13 tiêu chí ...
        ("01 xã", "xã", "baseline"),  # 01 xã đạt 9 tiêu chí; 01 xã đạt chuẩn
        ("11,47 tiêu chí/xã", "tiêu chí/xã", "average"),
        ("14,06 tiêu chí/xã", "tiêu chí/xã", "average"),
        ("13 tiêu chí", "tiêu chí", "floor"),  # Không còn xã đạt dưới 13 tiêu chí
        ("70%", "%", "share"),
        ("100%", "%", "share"),
    }
    assert expected <= claims
    named = seed_db.execute(
        "SELECT unit_names_raw, unit_codes, period FROM claims WHERE doc_id = ? AND value_text = '02 xã' "
        "AND kind = 'added'",
        [seed_docx_id],
    ).fetchall()
    assert named == [("Sung Trà; Niêm Sơn", "00787; 00817", "2025")]
    levels = seed_db.execute(
        "SELECT value, level_value FROM claims WHERE doc_id = ? AND level_value IS NOT NULL ORDER BY claim_no",
        [seed_docx_id],
    ).fetchall()
    assert levels == [(2.0, 13.0), (3.0, 12.0), (5.0, 11.0), (5.0, 10.0), (1.0, 9.0)]


def test_seed_claim_checks(seed_db: duckdb.DuckDBPyConnection, seed_docx_id: str) -> None:
    rows = seed_db.execute(
        "SELECT check_name, row_path, expected, actual, status FROM checks WHERE doc_id = ? "
        "AND check_name IN ('claim_vs_annex', 'claim_distribution_count', 'claim_distribution_mean', "
        "'claim_target_average') ORDER BY check_name, claim_no",
        [seed_docx_id],
    ).fetchall()
    assert rows == [
        ("claim_distribution_count", None, 17.0, 17.0, "pass"),
        ("claim_distribution_mean", None, 11.47, 11.47, "pass"),
        ("claim_target_average", None, 14.06, 14.06, "pass"),
        ("claim_vs_annex", "I", 3.0, 3.0, "pass"),  # Phấn đấu ... xây dựng 3 xã đạt chuẩn
        ("claim_vs_annex", "I.1", 1.0, 1.0, "pass"),  # 01 xã đạt chuẩn (2021)
        ("claim_vs_annex", "II.1", 1.0, 1.0, "pass"),  # 01 thôn đạt chuẩn (2021)
        ("claim_vs_annex", "I.2", 2.0, 2.0, "pass"),  # có thêm 02 xã (Sung Trà, Niêm Sơn)
        ("claim_vs_annex", "I", 3.0, 3.0, "pass"),  # nâng tổng số ... 03 xã
        ("claim_vs_annex", "II.2", 109.0, 109.0, "pass"),
    ]
    bounds = seed_db.execute(
        "SELECT row_path, unit_code, expected, actual, status FROM checks WHERE doc_id = ? "
        "AND check_name = 'footnote_capacity' AND row_path = 'II.2' ORDER BY unit_code",
        [seed_docx_id],
    ).fetchall()
    assert bounds == [
        ("II.2", "00772", 13.0, 8.0, "pass"),
        ("II.2", "00778", 19.0, 11.0, "pass"),
        ("II.2", "00793", 19.0, 11.0, "pass"),
    ]


def test_references_and_metadata_sources(seed_db: duckdb.DuckDBPyConnection, seed_docx_id: str) -> None:
    implements = seed_db.execute(
        "SELECT ref_type, ref_number, ref_date::VARCHAR FROM doc_references WHERE doc_id = ? "
        "AND relation = 'implements'",
        [seed_docx_id],
    ).fetchall()
    assert implements == [("Nghị quyết", "28-NQ/TU", "2022-07-25")]
    agree = seed_db.execute(
        "SELECT count(*) FILTER (WHERE status = 'pass'), count(*) FROM checks WHERE doc_id = ? "
        "AND check_name = 'metadata_agree'",
        [seed_docx_id],
    ).fetchone()
    assert agree == (3, 3)


def failed(con: duckdb.DuckDBPyConnection) -> set[tuple[str, int | None]]:
    return set(con.execute("SELECT check_name, claim_no FROM checks WHERE status = 'fail'").fetchall())


def test_changed_distribution_count_fails_count_and_mean(tmp_path: Path) -> None:
    planted = replace_in_part(
        SEED_DOCX, tmp_path / "planted.docx", "word/document.xml", "05 xã đạt 11 tiêu chí", "06 xã đạt 11 tiêu chí"
    )
    con = extract_folder([planted], tmp_path)
    names = {name for name, _claim in failed(con)}
    assert names == {"claim_distribution_count", "claim_distribution_mean"}
    detail = con.execute("SELECT detail FROM checks WHERE check_name = 'claim_distribution_count'").fetchone()
    assert detail is not None and "18 communes" in detail[0] and "17" in detail[0]


def test_changed_narrative_figure_fails(tmp_path: Path) -> None:
    planted = replace_in_part(SEED_DOCX, tmp_path / "planted.docx", "word/document.xml", "là 03 xã", "là 04 xã")
    con = extract_folder([planted], tmp_path)
    rows = con.execute(
        "SELECT row_path, expected, actual FROM checks WHERE status = 'fail' AND check_name = 'claim_vs_annex'"
    ).fetchall()
    assert rows == [("I", 3.0, 4.0)]


def test_caption_disagreeing_with_header_fails(tmp_path: Path) -> None:
    planted = replace_in_part(
        SEED_DOCX, tmp_path / "planted.docx", "word/document.xml", "ngày 10/10/2022", "ngày 11/10/2022"
    )
    con = extract_folder([planted], tmp_path)
    rows = con.execute("SELECT detail FROM checks WHERE status = 'fail' AND check_name = 'metadata_agree'").fetchall()
    assert len(rows) == 1 and "2022-10-11" in rows[0][0]
