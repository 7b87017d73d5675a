"""Unit resolution stage: tidy records with printed unit names -> the same records with codes.

Every distinct printed name of a document is resolved once within the document's scope
(pipeline.places) and recorded in `unit_names`, so unresolved names become warnings, not guesses.
"""

from __future__ import annotations

from typing import Any

from pipeline.places import Resolution, Scope, load_gazetteer, resolve_name
from pipeline.text import fold_diacritics


def resolve_units(
    records: list[dict[str, Any]], scope: Scope | None, name_source: str, doc_id: str
) -> list[dict[str, Any]]:
    """Fill unit_code, unit_level and unit_official_name in `records`; return unit_names rows.

    A name printed under a section row (`unit_scope_raw`, a commune under its district) is
    resolved within that section's unit; the section names themselves are districts of the
    document's province, whatever district the document's header names."""
    sections = {r.get("unit_scope_raw") for r in records if r.get("unit_scope_raw")}
    section_scopes = {name: _section(name, scope) for name in sections if isinstance(name, str)}
    resolutions: dict[tuple[str, str | None], tuple[Resolution, Scope | None]] = {}
    for record in records:
        name = record.get("unit_name_raw")
        if not name:
            _fill_total_unit(record, scope)
            continue
        within = record.get("unit_scope_raw")
        key = (name, within)
        if key not in resolutions:
            section = section_scopes.get(name) if not within else None
            inside = section_scopes.get(within) if within else None
            if section is not None:
                resolutions[key] = (section[0], scope)
            else:
                used = inside[1] if inside is not None else scope
                resolutions[key] = (_resolve(name, used), used)
        resolution = resolutions[key][0]
        record["unit_code"] = resolution.unit_code
        record["unit_level"] = resolution.level
        record["unit_official_name"] = resolution.official_name
    return [
        {
            "doc_id": doc_id,
            "name_source": name_source,
            "unit_name_raw": name,
            "unit_scope_raw": within,
            "unit_code": r.unit_code,
            "unit_official_name": r.official_name,
            "unit_level": r.level,
            "match_method": r.method,
            "candidates": "; ".join(r.candidates) or None,
            "scope": used.label() if used else None,
        }
        for (name, within), (r, used) in resolutions.items()
    ]


def _resolve(name: str, scope: Scope | None) -> Resolution:
    return resolve_name(name, scope) if scope else Resolution(name, None, None, None, "no_scope")


def _section(name: str, scope: Scope | None) -> tuple[Resolution, Scope] | None:
    """A section row's unit, looked up among the districts of the document's province, and the
    scope its rows resolve in; None when the section is not a district (a group of communes)."""
    if scope is None:
        return None
    resolution = resolve_name(name, Scope(scope.province_code))
    if resolution.level != "district" or resolution.unit_code is None:
        return None
    return resolution, Scope(scope.province_code, resolution.unit_code)


def _fill_total_unit(record: dict[str, Any], scope: Scope | None) -> None:
    """A units-as-rows total row labelled 'Toàn tỉnh' or 'Toàn huyện' is the document's own area."""
    if not record.get("row_is_total") or scope is None:
        return
    label = fold_diacritics(record.get("row_label") or "")
    code, level = None, None
    if label.startswith("toan tinh"):
        code, level = scope.province_code, "province"
    elif label.startswith("toan huyen") and scope.district_code:
        code, level = scope.district_code, "district"
    if code:
        unit = load_gazetteer().by_code[code]
        record.update({"unit_code": code, "unit_level": level, "unit_official_name": unit.name})


def resolve_claim_units(claims: list[dict[str, Any]], scope: Scope | None, doc_id: str) -> list[dict[str, Any]]:
    """Resolve the units each claim names; fill its unit_codes; return unit_names rows."""
    named = [
        {"unit_name_raw": name} for claim in claims for name in (claim["unit_names_raw"] or "").split("; ") if name
    ]
    rows = resolve_units(named, scope, "narrative", doc_id)
    codes = {row["unit_name_raw"]: row["unit_code"] for row in rows}
    for claim in claims:
        names = (claim["unit_names_raw"] or "").split("; ")
        claim["unit_codes"] = "; ".join(codes.get(n) or "?" for n in names if n) or None
    return rows
