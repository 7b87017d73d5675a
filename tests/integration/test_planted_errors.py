"""A figure changed in a copy of the seed DOCX is reported as a failed check with its row and unit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SEED_DOCX, extract_folder
from tests.fixtures.plant import replace_in_part, set_annex_cell

TA_LUNG = "00796"  # official code of Tả Lủng, Mèo Vạc

Plant = Callable[[Path], Path]


def footnote_item_changed(target: Path) -> Path:
    return replace_in_part(SEED_DOCX, target, "word/footnotes.xml", "Tả Lũng 5 thôn", "Tả Lũng 6 thôn")


def annex_unit_changed(target: Path) -> Path:
    return set_annex_cell(SEED_DOCX, target, "II.2", "Tả Lũng", "6")


def annex_total_changed(target: Path) -> Path:
    return set_annex_cell(SEED_DOCX, target, "I", "Tổng cộng", "4")


def narrative_figure_changed(target: Path) -> Path:
    return replace_in_part(SEED_DOCX, target, "word/document.xml", "có 109 thôn", "có 110 thôn")


def stated_total_changed(target: Path) -> Path:
    return replace_in_part(SEED_DOCX, target, "word/footnotes.xml", "là 51 thôn", "là 52 thôn")


CASES: list[tuple[Plant, set[tuple[str, str | None, str | None, int | None]]]] = [
    # (check_name, row_path, unit_code, footnote_no) of every failed check expected
    (
        footnote_item_changed,
        {("footnote_vs_annex", "II.2", TA_LUNG, 1), ("footnote_sum", None, None, 1)},
    ),
    (
        annex_unit_changed,
        {
            ("footnote_vs_annex", "II.2", TA_LUNG, 1),
            ("total_vs_units", "II.2", None, None),
            ("parent_vs_children", "II", TA_LUNG, None),
        },
    ),
    (
        annex_total_changed,
        {
            ("total_vs_units", "I", None, None),
            ("parent_vs_children", "I", None, None),
            # the narrative's "3 xã" and "03 xã" now disagree with row I
            ("claim_vs_annex", "I", None, None),
        },
    ),
    (stated_total_changed, {("footnote_sum", None, None, 2)}),
]


@pytest.mark.parametrize(("plant", "expected"), CASES, ids=lambda c: getattr(c, "__name__", ""))
def test_planted_error_fails_with_row_and_unit(
    tmp_path: Path, plant: Plant, expected: set[tuple[str, str | None, str | None, int | None]]
) -> None:
    planted = plant(tmp_path / "planted.docx")
    con = extract_folder([planted], tmp_path)
    failed = set(
        con.execute("SELECT check_name, row_path, unit_code, footnote_no FROM checks WHERE status = 'fail'").fetchall()
    )
    assert failed == expected


def test_narrative_figure_changed_breaks_the_footnote_sum(tmp_path: Path) -> None:
    con = extract_folder([narrative_figure_changed(tmp_path / "planted.docx")], tmp_path)
    failed = con.execute(
        "SELECT expected, actual FROM checks WHERE status = 'fail' AND check_name = 'footnote_sum'"
    ).fetchall()
    assert failed == [(110.0, 109.0)]
    # The figure 110 is now explained by row II (total 110), which also counts Pà Vi: reported, not hidden.
    extra = con.execute(
        "SELECT row_path, unit_code FROM checks WHERE status = 'fail' AND check_name = 'footnote_vs_annex'"
    ).fetchall()
    assert extra == [("II", "00781")]
