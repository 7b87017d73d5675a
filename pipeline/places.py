"""Official administrative units and name matching within a document's own area.

Input: unit names as printed and a scope (province, optionally district). Output: a `Resolution`
with the official code, name, level and how it matched. The gazetteer is the pre-2025 official
list bundled with the `vietnamadminunits` package; reviewed aliases live in schemas/place_aliases.csv.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz

from pipeline.text import comparison_key, fold_diacritics, normalize_text

ALIASES_CSV = Path(__file__).resolve().parent.parent / "schemas" / "place_aliases.csv"
# Words that name the kind of unit before its name ("xã Sủng Trà", "UBND huyện Mèo Vạc").
UNIT_PREFIXES = ("thị trấn", "thành phố", "thị xã", "phường", "xã", "huyện", "quận", "tỉnh", "tp.", "tp")
FUZZY_MIN_SCORE = 88.0
FUZZY_MIN_MARGIN = 8.0


@dataclass(frozen=True)
class Unit:
    code: str
    name: str  # official name without its type word: "Sủng Trà"
    full_name: str  # with it: "Xã Sủng Trà"
    level: str  # commune, district, province
    district_code: str | None
    province_code: str


@dataclass(frozen=True)
class Scope:
    """The area a document speaks about: names resolve only to units inside it."""

    province_code: str
    district_code: str | None = None

    def label(self) -> str:
        gazetteer = load_gazetteer()
        parts = [gazetteer.by_code[self.province_code].full_name]
        if self.district_code:
            parts.insert(0, gazetteer.by_code[self.district_code].full_name)
        return ", ".join(parts)


@dataclass(frozen=True)
class Resolution:
    name_raw: str
    unit_code: str | None
    official_name: str | None
    level: str | None
    method: str  # alias, exact, tone_insensitive, diacritic_insensitive, fuzzy, unresolved, ambiguous
    candidates: tuple[str, ...] = field(default=())


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

    def within(self, scope: Scope) -> list[Unit]:
        """Units a name in this scope may refer to: the scope's own units and everything below them."""
        if scope.district_code:
            return [self.by_code[scope.province_code], *self._by_district.get(scope.district_code, [])]
        return list(self._by_province.get(scope.province_code, []))

    def provinces(self) -> list[Unit]:
        return [u for u in self.units if u.level == "province"]

    def districts_of(self, province_code: str) -> list[Unit]:
        return [u for u in self.units if u.level == "district" and u.province_code == province_code]


def admin_unit_rows() -> list[dict[str, str | None]]:
    """The gazetteer as rows of the admin_units table."""
    return [
        {
            "unit_code": u.code,
            "unit_name": u.name,
            "full_name": u.full_name,
            "unit_level": u.level,
            "district_code": u.district_code if u.level == "commune" else None,
            "province_code": u.province_code,
        }
        for u in load_gazetteer().units
    ]


def communes_in(district_code: str) -> int:
    """Rural communes (xã) of a district: the units New Rural Development targets count."""
    return sum(
        1
        for u in load_gazetteer().units
        if u.level == "commune" and u.district_code == district_code and u.full_name.startswith("Xã ")
    )


def package_data(name: str) -> Path:
    """A data file shipped with vietnamadminunits, found without importing the package (its
    import loads address parsers this pipeline does not use, and takes about a second)."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the vietnamadminunits package is not installed; run 'make setup'")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / name


def _gazetteer_db() -> Path:
    return package_data("dataset.db")


@cache
def load_gazetteer() -> Gazetteer:
    """Every province, district and commune of the pre-2025 official list, read once per process."""
    query = """
        SELECT province, provinceShort, provinceCode, district, districtShort, districtCode,
               ward, wardShort, wardCode
        FROM admin_units_legacy
    """
    units: dict[str, Unit] = {}
    with sqlite3.connect(f"file:{_gazetteer_db()}?mode=ro", uri=True) as db:
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


def strip_unit_prefix(name: str) -> tuple[str, str | None]:
    """'xã Sủng Trà' -> ('Sủng Trà', 'xã'); a name without a type word comes back as it is."""
    text = normalize_text(name).strip(" .:;,()")
    lowered = text.lower()
    for prefix in UNIT_PREFIXES:
        if lowered.startswith(prefix + " ") and len(text) > len(prefix) + 1:
            return text[len(prefix) + 1 :].strip(), prefix
    return text, None


PREFIX_LEVELS = {
    "xã": "commune",
    "phường": "commune",
    "thị trấn": "commune",
    "huyện": "district",
    "quận": "district",
    "thị xã": "district",
    "tỉnh": "province",
}


@cache
def _aliases() -> dict[tuple[str, str], str]:
    """(scope code, comparison key of the alias) -> unit code, from the reviewed aliases file."""
    if not ALIASES_CSV.exists():
        return {}
    with ALIASES_CSV.open(encoding="utf-8") as handle:
        return {
            (row["scope_code"], comparison_key(row["alias"])): row["unit_code"]
            for row in csv.DictReader(handle)
            if not row["scope_code"].startswith("#")
        }


def resolve_name(name_raw: str, scope: Scope) -> Resolution:
    """Resolve one printed name inside `scope`, in a fixed order of increasingly loose matches."""
    gazetteer = load_gazetteer()
    name, prefix = strip_unit_prefix(name_raw)
    wanted_level = PREFIX_LEVELS.get(prefix or "")
    if wanted_level in ("district", "province"):
        scope = Scope(scope.province_code)  # a district is never inside the district a plan speaks for
    candidates = gazetteer.within(scope)
    if wanted_level:
        candidates = [u for u in candidates if u.level == wanted_level]
    scope_code = scope.district_code or scope.province_code
    alias_code = _aliases().get((scope_code, comparison_key(name)))
    if alias_code and alias_code in gazetteer.by_code:
        return _resolved(name_raw, gazetteer.by_code[alias_code], "alias")
    for method, key in (
        ("exact", comparison_key),
        ("tone_insensitive", lambda s: comparison_key(s, keep_tone=False)),
        ("diacritic_insensitive", fold_diacritics),
    ):
        target = key(name)
        matches = [u for u in candidates if key(u.name) == target]
        if len(matches) == 1:
            return _resolved(name_raw, matches[0], method)
        if len(matches) > 1:
            # One name at two levels (a district and its seat town): prefer the lowest level.
            lowest = [u for u in matches if u.level == "commune"]
            if len(lowest) == 1 and prefix is None:
                return _resolved(name_raw, lowest[0], method)
            return Resolution(name_raw, None, None, None, "ambiguous", tuple(u.full_name for u in matches))
    return _fuzzy(name_raw, name, candidates)


def _fuzzy(name_raw: str, name: str, candidates: list[Unit]) -> Resolution:
    # Scored with tones kept: an OCR slip changes one letter, a different commune usually two.
    target = comparison_key(name)
    scored = sorted(
        ((fuzz.ratio(target, comparison_key(u.name)), u) for u in candidates),
        key=lambda pair: pair[0],
        reverse=True,
    )
    if not scored:
        return Resolution(name_raw, None, None, None, "unresolved")
    best_score, best = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if best_score >= FUZZY_MIN_SCORE and best_score - runner_up >= FUZZY_MIN_MARGIN:
        return _resolved(name_raw, best, "fuzzy")
    near = tuple(u.full_name for score, u in scored[:3] if score >= FUZZY_MIN_SCORE - 15)
    return Resolution(name_raw, None, None, None, "unresolved", near)


def _resolved(name_raw: str, unit: Unit, method: str) -> Resolution:
    return Resolution(name_raw, unit.code, unit.name, unit.level, method)


_WORD_BOUNDARY = r"(?<![\w]){}(?![\w])"


def detect_scope(header_text: str, body_text: str) -> Scope | None:
    """The province and district a document speaks for: named in its header block first, else
    the ones its text names most often after the words 'tỉnh' / 'huyện' (or their variants)."""
    gazetteer = load_gazetteer()
    district_words = ("huyện", "huyện ủy", "huyện uỷ", "quận", "thị xã", "thành phố")
    province = _most_mentioned(gazetteer.provinces(), header_text, ("tỉnh", "thành phố")) or _most_mentioned(
        gazetteer.provinces(), body_text, ("tỉnh", "thành phố")
    )
    if province is None:
        # A district office's header may name only its district ("UBND HUYỆN ĐỒNG VĂN"): that is
        # enough when no other district in the country bears the name.
        everywhere = [u for u in gazetteer.units if u.level == "district"]
        district = _most_mentioned(everywhere, header_text, district_words)
        namesakes = [u for u in everywhere if district and comparison_key(u.name) == comparison_key(district.name)]
        return Scope(district.province_code, district.code) if district and len(namesakes) == 1 else None
    districts = gazetteer.districts_of(province.code)
    district = _most_mentioned(districts, header_text, district_words) or _most_mentioned(
        districts, body_text, district_words
    )
    return Scope(province.code, district.code if district else None)


def _most_mentioned(units: list[Unit], text: str, type_words: tuple[str, ...]) -> Unit | None:
    haystack = comparison_key(text)
    counts: list[tuple[int, Unit]] = []
    for unit in units:
        name = comparison_key(unit.name)
        pattern = "|".join(re.escape(comparison_key(w)) for w in type_words)
        hits = len(re.findall(_WORD_BOUNDARY.format(f"(?:{pattern}) {re.escape(name)}"), haystack))
        if hits:
            counts.append((hits, unit))
    if not counts:
        return None
    counts.sort(key=lambda pair: pair[0], reverse=True)
    return counts[0][1]
