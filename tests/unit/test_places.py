"""Unit names resolve to official codes only within the document's own area."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipeline.places import Scope, detect_scope, load_gazetteer, matching, resolve_name
from pipeline.places.resolve import resolve_units
from pipeline.records import FootnoteItemRow
from tests.conftest import FIXTURES

HA_GIANG = "02"


def district(name: str) -> Scope:
    code = next(u.code for u in load_gazetteer().districts_of(HA_GIANG) if u.name == name)
    return Scope(HA_GIANG, code)


def seed_spellings() -> list[dict[str, str]]:
    with (FIXTURES / "seed" / "unit_codes.golden.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("row", seed_spellings(), ids=lambda r: r["unit_name_raw"])
def test_seed_spellings_resolve_in_meo_vac(row: dict[str, str]) -> None:
    resolution = resolve_name(row["unit_name_raw"], district("Mèo Vạc"))
    assert (resolution.unit_code, resolution.official_name) == (row["unit_code"], row["official_name"])


def test_same_name_resolves_to_its_own_district() -> None:
    meo_vac = resolve_name("Tả Lủng", district("Mèo Vạc"))
    dong_van = resolve_name("Tả Lủng", district("Đồng Văn"))
    assert meo_vac.unit_code != dong_van.unit_code
    assert {meo_vac.unit_code, dong_van.unit_code} == {"00796", "00742"}


@pytest.mark.parametrize("name", ["Lũng Cú", "Sủng Là", "Sủng Trái", "Phố Bảng", "Má Lé"])
def test_names_from_another_district_are_not_matched_into_meo_vac(name: str) -> None:
    assert resolve_name(name, district("Đồng Văn")).unit_code is not None
    resolution = resolve_name(name, district("Mèo Vạc"))
    assert resolution.unit_code is None
    assert resolution.method == "unresolved"


def test_prefixes_and_levels() -> None:
    scope = district("Mèo Vạc")
    assert resolve_name("xã Sung Trà", scope).unit_code == "00787"
    district_unit = resolve_name("huyện Mèo Vạc", scope)
    assert (district_unit.level, district_unit.unit_code) == ("district", "027")
    assert resolve_name("thị trấn Mèo Vạc", scope).level == "commune"


def test_one_letter_ocr_slip_resolves_by_fuzzy_match() -> None:
    resolution = resolve_name("Xín Cáj", district("Mèo Vạc"))
    assert (resolution.unit_code, resolution.method) == ("00778", "fuzzy")


def test_scope_from_header_block() -> None:
    scope = detect_scope("ĐẢNG BỘ TỈNH HÀ GIANG\nHUYỆN ỦY MÈO VẠC\nSố 30-CTr/HU", "")
    assert scope == district("Mèo Vạc")


def test_reviewed_alias_is_used_within_its_scope(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reviewed = {"scope_code": "027", "alias": "Mèo Vạc Thượng", "unit_code": "00772", "note": "reviewed"}
    monkeypatch.setattr(matching, "alias_rows", lambda: [reviewed])
    matching._aliases.cache_clear()
    try:
        resolution = resolve_name("Mèo Vạc Thượng", district("Mèo Vạc"))
        assert (resolution.unit_code, resolution.method) == ("00772", "alias")
        assert resolve_name("Mèo Vạc Thượng", district("Đồng Văn")).method != "alias"
    finally:
        matching._aliases.cache_clear()


def test_a_province_header_is_not_narrowed_by_a_district_of_its_text() -> None:
    text = "Theo Phụ lục II, số liệu của dòng “Huyện Mèo Vạc” được cộng như sau: 1 + 2 = 3."
    scope = detect_scope("ỦY BAN NHÂN DÂN TỈNH HÀ GIANG\nSố: 12/KH-UBND", text)
    assert scope is not None and (scope.province_code, scope.district_code) == (HA_GIANG, None)
    lost_header = detect_scope("", "Ủy ban nhân dân huyện Mèo Vạc, tỉnh Hà Giang: kế hoạch của huyện Mèo Vạc")
    assert lost_header is not None and lost_header.district_code == district("Mèo Vạc").district_code


def test_names_listed_together_resolve_at_the_level_most_of_them_can_be() -> None:
    vinh_long = next(u for u in load_gazetteer().provinces() if u.name == "Vĩnh Long")
    items = [FootnoteItemRow(doc_id="d" * 16, footnote_no=1, item_no=n, unit_name_raw=name, value=1.0, source_file="f")
             for n, name in enumerate(["Trà Ôn", "Tam Bình", "Mang Thít", "Vĩnh Long"], start=1)]  # fmt: skip
    resolve_units(items, Scope(vinh_long.code), "footnote", "d" * 16)
    assert {item.unit_name_raw: item.unit_level for item in items} == dict.fromkeys(
        ["Trà Ôn", "Tam Bình", "Mang Thít", "Vĩnh Long"], "district"
    )  # a district's seat town and the province's city share their names: the list says which
    alone = resolve_name("Trà Ôn", Scope(vinh_long.code))
    assert alone.level == "commune"  # a bare name on its own is the lower unit, as before
