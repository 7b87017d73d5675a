"""Is this printed text an administrative unit? A name -> its level, for parsers that decide from
content which cells name units (a column per commune, a row per district).

Within a document's scope the full matcher of pipeline.places.matching decides (spelling variants,
OCR slips); without a scope only an exact name of the official list counts, so that a word never
becomes a place by accident.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache, lru_cache

from pipeline.places.gazetteer import PRE_2025, Edition, load_gazetteer
from pipeline.places.matching import resolve_name, strip_unit_prefix
from pipeline.places.scope import Scope
from pipeline.text import comparison_key, normalize_text
from pipeline.vocabulary import has_kind, is_total_label

MAX_NAME_WORDS = 6  # a unit's name with its type word ('Thị trấn Nông trường Mộc Châu')


@cache
def _levels_by_name(edition: Edition) -> dict[str, set[str]]:
    """Comparison key of every official name -> the levels of the units that bear it, nationwide."""
    levels: dict[str, set[str]] = defaultdict(set)
    for unit in load_gazetteer(edition).units:
        levels[comparison_key(unit.name)].add(unit.level)
    return levels


class UnitMatcher:
    """Decides whether a text names a unit, within a document's scope when it has one."""

    def __init__(self, scope: Scope | None, edition: Edition = PRE_2025) -> None:
        self.scope = scope
        self.edition = scope.edition if scope is not None else edition

    @lru_cache(maxsize=4096)  # noqa: B019 - one matcher per document, a few hundred names each
    def level(self, text: str) -> str | None:
        """The level of the unit `text` names (commune, district, province), or None."""
        name = normalize_text(text)
        if not name or len(name.split()) > MAX_NAME_WORDS or any(ch.isdigit() for ch in name):
            return None
        if is_total_label(name) or has_kind(name, "of_which", "row"):
            return None
        if self.scope is not None:
            resolution = resolve_name(name, self.scope)
            return resolution.level if resolution.unit_code else None
        bare, _prefix = strip_unit_prefix(name)
        levels = _levels_by_name(self.edition).get(comparison_key(bare), set())
        return next(iter(levels)) if len(levels) == 1 else None
