"""The area a document speaks for: its header block and text -> a `Scope` (province, district).

Unit names are resolved only inside a document's scope, so that a commune name shared by two
provinces cannot be matched to the wrong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.places.gazetteer import PRE_2025, Edition, Unit, load_gazetteer
from pipeline.text import comparison_key
from pipeline.vocabulary import unit_scope_words

_WORD_BOUNDARY = r"(?<![\w]){}(?![\w])"


@dataclass(frozen=True)
class Scope:
    """The area a document speaks about: names resolve only to units inside it."""

    province_code: str
    district_code: str | None = None
    edition: Edition = PRE_2025  # the list of units in force on the document's date

    def label(self) -> str:
        gazetteer = load_gazetteer(self.edition)
        parts = [gazetteer.by_code[self.province_code].full_name]
        if self.district_code:
            parts.insert(0, gazetteer.by_code[self.district_code].full_name)
        return ", ".join(parts)

    def province(self) -> Scope:
        return Scope(self.province_code, edition=self.edition)


def detect_scope(header_text: str, body_text: str, edition: Edition = PRE_2025) -> Scope | None:
    """The province and district a document speaks for: named in its header block first, else
    the ones its text names most often after a province or district word ('tỉnh', 'huyện'), in
    the list of units in force on its date (after the 2025 reform: provinces only). A header
    naming a province and no district is a province's: never narrowed by a district of the text."""
    gazetteer = load_gazetteer(edition)
    district_words = unit_scope_words("district")
    province_words = unit_scope_words("province")
    province_in_header = _most_mentioned(gazetteer.provinces(), header_text, province_words)
    province = province_in_header or _most_mentioned(gazetteer.provinces(), body_text, province_words)
    if province is None:
        # A district office's header may name only its district ("UBND HUYỆN ..."): that is
        # enough when no other district in the country bears the name.
        everywhere = [u for u in gazetteer.units if u.level == "district"]
        district = _most_mentioned(everywhere, header_text, district_words)
        namesakes = [u for u in everywhere if district and comparison_key(u.name) == comparison_key(district.name)]
        unique = district is not None and len(namesakes) == 1
        return Scope(district.province_code, district.code, edition) if district and unique else None
    districts = gazetteer.districts_of(province.code)
    district = _most_mentioned(districts, header_text, district_words)
    if district is None and province_in_header is None:
        # No header to go by (a scan's lost header block): the district the text names most. A
        # header that names its province and no district is a province's document, whatever
        # districts its text speaks of.
        district = _most_mentioned(districts, body_text, district_words)
    return Scope(province.code, district.code if district else None, edition)


def _most_mentioned(units: list[Unit], text: str, type_words: tuple[str, ...]) -> Unit | None:
    haystack = comparison_key(text)
    pattern = "|".join(re.escape(comparison_key(w)) for w in type_words)
    counts: list[tuple[int, Unit]] = []
    for unit in units:
        name = comparison_key(unit.name)
        hits = len(re.findall(_WORD_BOUNDARY.format(f"(?:{pattern}) {re.escape(name)}"), haystack))
        if hits:
            counts.append((hits, unit))
    if not counts:
        return None
    counts.sort(key=lambda pair: pair[0], reverse=True)
    return counts[0][1]
