"""The narrative parser on hand-built paragraphs: claims, their kind, period, level and units."""

from __future__ import annotations

from pipeline.parsers.narrative import named_units, parse_claims
from tests.fixtures.small_documents import document, para


def claims_of(*texts: str) -> list:
    return parse_claims(document(*(para(t) for t in texts)))


def test_kinds_of_claims() -> None:
    claims = claims_of(
        "Đến hết năm 2020 có 4 thôn đạt chuẩn.",
        "Phấn đấu đến năm 2025 có thêm 6 xã đạt chuẩn nông thôn mới; bình quân đạt 15,5 tiêu chí/xã.",
        "Không còn xã dưới 12 tiêu chí; 80% hộ dân có nước sạch.",
    )
    kinds = [(c.value, c.measure, c.kind, c.period) for c in claims]
    assert kinds == [
        (4.0, "thôn", "baseline", "2020"),
        (6.0, "xã", "added", "2025"),
        (15.5, "tiêu chí/xã", "average", "2025"),
        (12.0, "tiêu chí", "floor", None),
        (80.0, "%", "share", None),
    ]
    assert claims[1].at_standard and not claims[0].level_value


def test_a_distribution_of_communes_by_criteria_keeps_each_level() -> None:
    claims = claims_of("Đến hết năm 2020 có 03 xã đạt 12 tiêu chí, 05 xã đạt 10 tiêu chí.")
    assert [(c.value, c.level_value) for c in claims] == [(3.0, 12.0), (5.0, 10.0)]


def test_units_named_after_a_claim() -> None:
    (claim,) = claims_of("Phấn đấu có thêm 02 xã đạt chuẩn (xã Mường So và xã Bản Lang).")
    assert claim.unit_names_raw == "Mường So; Bản Lang"
    assert named_units("xã Nậm Xe, Mù Sang") == ["Nậm Xe", "Mù Sang"]


def test_a_heading_opens_a_section_and_is_no_claim() -> None:
    claims = claims_of("2. Mục tiêu cụ thể", "Có 5 thôn đạt chuẩn.")
    assert [(c.section, c.value) for c in claims] == [("2. Mục tiêu cụ thể", 5.0)]
