"""What a table is, from its columns: plan, allocation, cost, register, scorecard, criteria,
coordinates or statistics. Checks read it to know which sums a table claims (a register or a
scorecard claims none of its own; a plan's total is the sum of its units)."""

from __future__ import annotations

from pipeline.parsers.columns import FIGURE_ROLES, Column

SCORE_KINDS = frozenset({"score", "rank", "index", "category"})


def table_kind(columns: list[Column], unit_axis: str | None, measure_kind: str | None) -> str:
    figures = [c for c in columns if c.role in FIGURE_ROLES]
    kinds = {c.kind for c in columns} | ({measure_kind} if measure_kind else set())
    texts = [c for c in columns if c.role in ("text", "period", "code")]
    if kinds & SCORE_KINDS:
        return "scorecard"
    if "coordinate" in kinds:
        return "coordinates"
    money = "money" in kinds
    if unit_axis is not None:
        return "allocation" if money else "plan"
    if money:
        return "cost"
    if figures and all(c.kind == "percent" for c in figures):
        return "criteria"
    if len(texts) >= max(1, len(figures)):
        return "register"
    return "statistics"
