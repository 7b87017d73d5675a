"""Unit resolution stage: tidy records with printed unit names -> the same records with codes.

Every distinct printed name of a document is resolved once within the document's scope
(pipeline.places) and recorded in `unit_names`, so unresolved names become warnings, not guesses.
"""

from __future__ import annotations

from typing import Any

from pipeline.places import Resolution, Scope, resolve_name


def resolve_units(
    records: list[dict[str, Any]], scope: Scope | None, name_source: str, doc_id: str
) -> list[dict[str, Any]]:
    """Fill unit_code, unit_level and unit_official_name in `records`; return unit_names rows."""
    resolutions: dict[str, Resolution] = {}
    for record in records:
        name = record.get("unit_name_raw")
        if not name:
            continue
        if name not in resolutions:
            resolutions[name] = resolve_name(name, scope) if scope else Resolution(name, None, None, None, "no_scope")
        resolution = resolutions[name]
        record["unit_code"] = resolution.unit_code
        record["unit_level"] = resolution.level
        record["unit_official_name"] = resolution.official_name
    scope_label = scope.label() if scope else None
    return [
        {
            "doc_id": doc_id,
            "name_source": name_source,
            "unit_name_raw": name,
            "unit_code": r.unit_code,
            "unit_official_name": r.official_name,
            "unit_level": r.level,
            "match_method": r.method,
            "candidates": "; ".join(r.candidates) or None,
            "scope": scope_label,
        }
        for name, r in resolutions.items()
    ]


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
