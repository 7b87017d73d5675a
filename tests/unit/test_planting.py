"""Planted errors change exactly what their record says, and the optional parts of the generator leave
the rest of a document as it was (no pipeline, no LibreOffice)."""

from __future__ import annotations

import copy
import csv
import io
import random
from pathlib import Path

import pytest

from tests.fixtures.generator import ALL_EXTRAS, GeneratedDoc, generate
from tests.fixtures.plangen.extras import MONEY_TOTAL_TITLE
from tests.fixtures.planting import ANNEX_KINDS, KINDS, plant, possible_kinds, read_planted, write_planted

SEEDS = range(40)


def changed_cells(before: list[str], after: list[str]) -> list[tuple[int, str, str]]:
    """(table number, printed before, printed after) of every transcription cell that differs."""
    changed = []
    for number, (old, new) in enumerate(zip(before, after, strict=True), start=1):
        rows = zip(csv.reader(io.StringIO(old)), csv.reader(io.StringIO(new)), strict=True)
        changed += [(number, a, b) for x, y in rows for a, b in zip(x, y, strict=True) if a != b]
    return changed


def texts(doc: GeneratedDoc) -> list[str]:
    """Every paragraph and footnote text of a generated document's plan."""
    paragraphs = doc.plan.paragraphs
    return [p.text for p in paragraphs] + [note for p in paragraphs for _offset, note in p.footnotes]


@pytest.mark.parametrize("seed", SEEDS)
def test_a_planted_error_changes_what_its_record_says_and_nothing_else(seed: int) -> None:
    base = generate(seed, ALL_EXTRAS)
    for kind in possible_kinds(base):
        doc = copy.deepcopy(base)
        error = plant(doc, random.Random(seed), kind)
        assert error is not None and error.before != error.after, kind
        cells = changed_cells(base.tables, doc.tables)
        changed_texts = [new for old, new in zip(texts(base), texts(doc), strict=True) if old != new]
        if kind == "cross_table":
            assert (error.table_no, error.before, error.after) in cells
            assert {number for number, _a, _b in cells} == {error.table_no} and not changed_texts
        elif kind in ANNEX_KINDS:
            assert cells == [(error.table_no, error.before, error.after)] and not changed_texts
        else:
            assert not cells and len(changed_texts) == 1 and error.after in changed_texts[0], kind


def test_every_kind_has_a_place_in_some_generated_document() -> None:
    assert {kind for seed in SEEDS for kind in possible_kinds(generate(seed, ALL_EXTRAS))} == set(KINDS)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_extras_add_to_a_document_without_changing_the_rest(seed: int) -> None:
    plain, extended = generate(seed), generate(seed, ALL_EXTRAS)
    kept = extended.tables[: len(plain.tables)]
    retitled = [table for table in plain.tables if table not in kept]  # the total column of a stated money total
    assert len(retitled) <= 1
    assert all(MONEY_TOTAL_TITLE in table for table in kept if table not in plain.tables)
    assert len(extended.tables) - len(plain.tables) in (0, 1)
    added = [p.text for p in extended.plan.paragraphs if p.text not in {q.text for q in plain.plan.paragraphs}]
    assert len(added) <= len(extended.statements) + 1  # the sentence listing the annexes names one more


def test_planted_records_survive_their_csv(tmp_path: Path) -> None:
    doc = generate(8, ALL_EXTRAS)
    rng = random.Random(1)
    errors = [e for e in (plant(doc, rng, "cross_table"), plant(doc, rng, "equation", {2, 3})) if e]
    path = tmp_path / "planted.csv"
    assert write_planted(path, errors) and not write_planted(path, errors)
    assert read_planted(path) == errors
