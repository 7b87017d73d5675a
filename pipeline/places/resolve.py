"""Unit resolution stage: tidy records with printed unit names -> the same records with codes.

Every distinct printed name of a document is resolved once within the document's scope
(pipeline.places.matching) and recorded in `unit_names`, so unresolved names become warnings,
not guesses.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from pipeline.places.crosswalk import new_unit_of, old_provinces_of
from pipeline.places.gazetteer import EDITION_2025, PRE_2025, load_gazetteer
from pipeline.places.matching import Resolution, resolve_name
from pipeline.places.scope import Scope
from pipeline.records import ClaimRow, UnitNameRow
from pipeline.vocabulary import area_total_level

LEVELS = ("commune", "district", "province")
LIST_LEVEL_SHARE = 2 / 3  # share of a document's names of one source at one level for the list to be of that level


class NamedRecord(Protocol):
    """A record that prints a unit name and gets its official code: an annex cell or text, a footnote item."""

    @property
    def unit_name_raw(self) -> str | None: ...

    unit_code: str | None
    unit_level: str | None
    unit_official_name: str | None


@dataclass
class NamedUnit:
    """A unit a claim names, resolved like any other printed name."""

    unit_name_raw: str | None
    unit_code: str | None = None
    unit_level: str | None = None
    unit_official_name: str | None = None


def resolve_units(
    records: Sequence[NamedRecord], scope: Scope | None, name_source: str, doc_id: str
) -> list[UnitNameRow]:
    """Fill unit_code, unit_level and unit_official_name in `records`; return unit_names rows.

    A name printed under a section row (`unit_scope_raw`, a commune under its district) is
    resolved within that section's unit; the section names themselves are districts of the
    document's province, whatever district the document's header names."""
    sections = {_within(r) for r in records} - {None}
    section_scopes = {name: _section(name, scope) for name in sections if name}
    resolutions: dict[tuple[str, str | None], tuple[Resolution, Scope | None]] = {}
    lists: dict[object, list[tuple[str, str | None]]] = {}  # names printed together: a footnote's, a table's
    for record in records:
        name = record.unit_name_raw
        if not name:
            _fill_total_unit(record, scope)
            continue
        within = _within(record)
        key = (name, within)
        lists.setdefault(_list_of(record), []).append(key)
        if key not in resolutions:
            section = section_scopes.get(name) if not within else None
            inside = section_scopes.get(within) if within else None
            if section is not None:
                resolutions[key] = (section[0], scope)
            else:
                used = inside[1] if inside is not None else scope
                resolutions[key] = (_resolve(name, used), used)
    for keys in lists.values():
        _resolve_as_the_list(resolutions, keys)
    for record in records:
        name = record.unit_name_raw
        if not name:
            continue
        resolution = resolutions[(name, _within(record))][0]
        record.unit_code = resolution.unit_code
        record.unit_level = resolution.level
        record.unit_official_name = resolution.official_name
    return [
        UnitNameRow(
            doc_id=doc_id,
            name_source=name_source,
            unit_name_raw=name,
            unit_scope_raw=within,
            unit_code=r.unit_code,
            unit_official_name=r.official_name,
            unit_level=r.level,
            match_method=r.method,
            candidates="; ".join(r.candidates) or None,
            scope=used.label() if used else None,
        )
        for (name, within), (r, used) in resolutions.items()
    ]


def _resolve_as_the_list(
    resolutions: dict[tuple[str, str | None], tuple[Resolution, Scope | None]], keys: list[tuple[str, str | None]]
) -> None:
    """Names listed together (one footnote's) are units of one level: the level most of them can
    be. In a list of districts, a bare name that is also its seat town's ('Trà Ôn') is the
    district, and 'Vĩnh Long' the city, not the province."""
    keys = [
        key for key in dict.fromkeys(keys)
        if key[1] is None and resolutions[key][1] is not None and resolutions[key][0].method != "unresolved"
    ]  # fmt: skip
    readings = {key: _readings(key[0], resolutions[key][1]) for key in keys}
    can_be = Counter(level for found in readings.values() for level in found)
    if len(keys) < 2 or not can_be:
        return
    level, count = can_be.most_common(1)[0]
    if count < LIST_LEVEL_SHARE * len(keys):
        return
    for key in keys:
        if level in readings[key]:
            resolutions[key] = (readings[key][level], resolutions[key][1])


def _list_of(record: NamedRecord) -> tuple[str, object]:
    """Which list a name is printed in: its footnote, its table, or the text."""
    for attribute in ("footnote_no", "table_no"):
        value = getattr(record, attribute, None)
        if value is not None:
            return attribute, value
    return "text", None


def _readings(name: str, scope: Scope | None) -> dict[str, Resolution]:
    """The units a printed name can be, by level (one per level where it is one unambiguously)."""
    found = {}
    for level in LEVELS:
        if scope is not None and (resolution := resolve_name(name, scope, prefer_level=level)).level == level:
            found[level] = resolution
    return found


def _within(record: NamedRecord) -> str | None:
    """The section a name is printed under (annex cells and texts have one; footnote items not)."""
    scope_raw = getattr(record, "unit_scope_raw", None)
    return scope_raw if isinstance(scope_raw, str) and scope_raw else None


def _resolve(name: str, scope: Scope | None) -> Resolution:
    if scope is None:
        return Resolution(name, None, None, None, "no_scope")
    resolution = resolve_name(name, scope)
    if resolution.unit_code is None and scope.edition == EDITION_2025:
        return _through_crosswalk(name, scope) or resolution
    return resolution


def _through_crosswalk(name: str, scope: Scope) -> Resolution | None:
    """A unit of before the reform named in a later document ('xã Báo Đáp (cũ)'): found in the old
    provinces the new one absorbed, and given the code of the commune it became."""
    found = [
        r for old in old_provinces_of(scope.province_code)
        if (r := resolve_name(name, Scope(old))).unit_code and r.level == "commune"
    ]  # fmt: skip
    if len(found) != 1 or found[0].unit_code is None:
        return None
    new_code = new_unit_of(found[0].unit_code)
    if new_code is None:
        return None
    unit = load_gazetteer(EDITION_2025).by_code[new_code]
    old = load_gazetteer(PRE_2025).by_code[found[0].unit_code]
    return Resolution(name, unit.code, unit.name, unit.level, "pre-2025 name", (f"{old.full_name} ({old.code})",))


def _section(name: str, scope: Scope | None) -> tuple[Resolution, Scope] | None:
    """A section row's unit, looked up among the districts of the document's province, and the
    scope its rows resolve in; None when the section is not a district (a group of communes)."""
    if scope is None:
        return None
    resolution = resolve_name(name, scope.province())
    if resolution.level != "district" or resolution.unit_code is None:
        return None
    return resolution, Scope(scope.province_code, resolution.unit_code, scope.edition)


def _fill_total_unit(record: NamedRecord, scope: Scope | None) -> None:
    """A units-as-rows total row labelled 'Toàn tỉnh' or 'Toàn huyện' is the document's own area."""
    if not getattr(record, "row_is_total", False) or scope is None:
        return
    level = area_total_level(getattr(record, "row_label", None) or "")
    code = {"province": scope.province_code, "district": scope.district_code}.get(level or "")
    if code:
        record.unit_code = code
        record.unit_level = level
        record.unit_official_name = load_gazetteer(scope.edition).by_code[code].name


def resolve_claim_units(claims: list[ClaimRow], scope: Scope | None, doc_id: str) -> list[UnitNameRow]:
    """Resolve the units each claim names; fill its unit_codes; return unit_names rows."""
    named = [NamedUnit(name) for claim in claims for name in (claim.unit_names_raw or "").split("; ") if name]
    rows = resolve_units(named, scope, "narrative", doc_id)
    codes = {row.unit_name_raw: row.unit_code for row in rows}
    for claim in claims:
        names = (claim.unit_names_raw or "").split("; ")
        claim.unit_codes = "; ".join(codes.get(n) or "?" for n in names if n) or None
    return rows
