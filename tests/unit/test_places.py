"""Unit names resolve to official codes only within the document's own area."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipeline.places import Scope, detect_scope, load_gazetteer, matching, resolve_name
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
