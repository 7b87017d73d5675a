"""The official lists of administrative units, before and after the 1 July 2025 reform, read once.

Input: the SQLite dataset shipped with the `vietnamadminunits` package. Output: `Unit`s indexed by
code, province and district, for either edition (the pre-2025 three levels: province, district,
commune; the 2025 two levels: province and xã/phường/đặc khu), and the reference tables. A
document's units are resolved in the edition in force on its date.
"""

from __future__ import annotations

import importlib.util
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

Edition = Literal["pre-2025", "2025"]
PRE_2025: Edition = "pre-2025"
EDITION_2025: Edition = "2025"
REFORM_DATE = "2025-07-01"  # the two-level units of Nghị quyết 202/2025/QH15 are in force from this day


def edition_on(issued_date: str | None) -> Edition:
    """The list of units in force on a document's date (ISO); the pre-2025 list when it is unknown."""
    return EDITION_2025 if issued_date is not None and issued_date >= REFORM_DATE else PRE_2025


@dataclass(frozen=True)
class Unit:
    code: str
    name: str  # official name without its type word: "Tân Lập"
    full_name: str  # with it: "Xã Tân Lập"
    level: str  # commune, district, province
    district_code: str | None
    province_code: str


class Gazetteer:
    def __init__(self, units: Iterable[Unit]) -> None:
        self.units = list(units)
        self.by_code = {u.code: u for u in self.units}
        self._by_district: dict[str | None, list[Unit]] = {}
        self._by_province: dict[str, list[Unit]] = {}
        for unit in self.units:
            self._by_province.setdefault(unit.province_code, []).append(unit)
            if unit.level != "province":
                self._by_district.setdefault(unit.district_code, []).append(unit)

    def within(self, province_code: str, district_code: str | None = None) -> list[Unit]:
        """Units a name in this area may refer to: the area's own units and everything below them."""
        if district_code:
            return [self.by_code[province_code], *self._by_district.get(district_code, [])]
        return list(self._by_province.get(province_code, []))

    def provinces(self) -> list[Unit]:
        return [u for u in self.units if u.level == "province"]

    def districts_of(self, province_code: str) -> list[Unit]:
        return [u for u in self.units if u.level == "district" and u.province_code == province_code]


def package_data(name: str) -> Path:
    """A data file shipped with vietnamadminunits, found without importing the package (its
    import loads address parsers this pipeline does not use, and takes about a second)."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the vietnamadminunits package is not installed; run 'make setup'")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / name


@cache
def load_gazetteer(edition: Edition = PRE_2025) -> Gazetteer:
    """Every unit of one edition of the official list, read once per process."""
    return _load_2025() if edition == EDITION_2025 else _load_pre_2025()


def _load_2025() -> Gazetteer:
    query = "SELECT province, provinceShort, provinceCode, ward, wardShort, wardCode FROM admin_units"
    units: dict[str, Unit] = {}
    with sqlite3.connect(f"file:{package_data('dataset.db')}?mode=ro", uri=True) as db:
        for province, province_short, province_code, ward, ward_short, ward_code in db.execute(query):
            units.setdefault(
                f"p{province_code}", Unit(province_code, province_short, province, "province", None, province_code)
            )
            units.setdefault(ward_code, Unit(ward_code, ward_short, ward, "commune", None, province_code))
    return Gazetteer(units.values())


def _load_pre_2025() -> Gazetteer:
    query = """
        SELECT province, provinceShort, provinceCode, district, districtShort, districtCode,
               ward, wardShort, wardCode
        FROM admin_units_legacy
    """
    units: dict[str, Unit] = {}
    with sqlite3.connect(f"file:{package_data('dataset.db')}?mode=ro", uri=True) as db:
        for row in db.execute(query):
            province, province_short, province_code, district, district_short, district_code = row[:6]
            ward, ward_short, ward_code = row[6:]
            units.setdefault(
                province_code, Unit(province_code, province_short, province, "province", None, province_code)
            )
            units.setdefault(
                district_code,
                Unit(district_code, district_short, district, "district", district_code, province_code),
            )
            if ward_code:
                units.setdefault(ward_code, Unit(ward_code, ward_short, ward, "commune", district_code, province_code))
    return Gazetteer(units.values())


def admin_unit_rows(edition: Edition = PRE_2025) -> list[dict[str, str | None]]:
    """One edition of the gazetteer as rows of the admin_units (or admin_units_2025) table."""
    return [
        {
            "unit_code": u.code,
            "unit_name": u.name,
            "full_name": u.full_name,
            "unit_level": u.level,
            "district_code": u.district_code if u.level == "commune" else None,
            "province_code": u.province_code,
        }
        for u in load_gazetteer(edition).units
    ]


def communes_in(district_code: str) -> int:
    """Rural communes (xã) of a district: the units New Rural Development targets count."""
    return sum(
        1
        for u in load_gazetteer().units
        if u.level == "commune" and u.district_code == district_code and u.full_name.startswith("Xã ")
    )
