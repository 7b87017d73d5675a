"""Reference stage: the 2025 reorganisation as a table, old (pre-July-2025) unit code -> new unit code.

Built from the conversion map shipped with `vietnamadminunits`: a commune kept whole maps to one
new commune; a split commune maps to each part, the package's default part flagged.
"""

from __future__ import annotations

import json
import sqlite3
from functools import cache
from typing import Any

import pandas as pd

from pipeline.places.gazetteer import load_gazetteer, package_data


def build_crosswalk() -> pd.DataFrame:
    """One row per (old commune, new commune) pair, with the package's default for split units."""
    conversion = json.loads(package_data("converter_2025.json").read_text(encoding="utf-8"))
    with sqlite3.connect(f"file:{package_data('dataset.db')}?mode=ro", uri=True) as db:
        old_keys = {
            f"{p}_{d}_{w}": code
            for p, d, w, code in db.execute(
                "SELECT provinceKey, districtKey, wardKey, wardCode FROM admin_units_legacy WHERE wardCode IS NOT NULL"
            )
        }
        new_units = {
            (p, w): (code, ward, province_code, province)
            for p, w, code, ward, province_code, province in db.execute(
                "SELECT provinceKey, wardKey, wardCode, ward, provinceCode, province FROM admin_units"
            )
        }
    gazetteer = load_gazetteer()
    rows: list[dict[str, Any]] = []

    def add(old_key: str, province_key: str, new_key: str, is_default: bool, is_split: bool) -> None:
        old_code = old_keys.get(old_key)
        new = new_units.get((province_key, new_key))
        if old_code is None or new is None:
            return
        old = gazetteer.by_code[old_code]
        rows.append(
            {
                "old_unit_code": old_code,
                "old_unit_name": old.full_name,
                "old_district_code": old.district_code,
                "old_province_code": old.province_code,
                "new_unit_code": new[0],
                "new_unit_name": new[1],
                "new_province_code": new[2],
                "new_province_name": new[3],
                "is_default": is_default,
                "is_split": is_split,
            }
        )

    for province_key, wards in conversion["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_key, old_list in wards.items():
            for old_key in old_list:
                add(old_key, province_key, new_key, True, False)
    for province_key, divided in conversion["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in divided.items():
            for part in parts:
                add(old_key, province_key, part["newWardKey"], bool(part["isDefaultNewWard"]), True)
    return pd.DataFrame(rows).drop_duplicates(["old_unit_code", "new_unit_code"])


@cache
def _pairs() -> tuple[dict[str, str], dict[str, set[str]]]:
    """(old commune -> its default new commune, new province -> the old provinces it absorbed)."""
    frame = build_crosswalk()
    defaults = frame[frame["is_default"]]
    new_of = dict(zip(defaults["old_unit_code"], defaults["new_unit_code"], strict=True))
    provinces: dict[str, set[str]] = {}
    for old, new in zip(frame["old_province_code"], frame["new_province_code"], strict=True):
        provinces.setdefault(new, set()).add(old)
    return new_of, provinces


def new_unit_of(old_code: str) -> str | None:
    """The commune in force since 1 July 2025 that an old commune became (its default part if split)."""
    return _pairs()[0].get(old_code)


def old_provinces_of(new_province_code: str) -> list[str]:
    """The provinces of before the 2025 reform whose communes now lie in `new_province_code`."""
    return sorted(_pairs()[1].get(new_province_code, set()))
