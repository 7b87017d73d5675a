"""Row paths from TT/STT markers."""

from __future__ import annotations

from pipeline.parsers.rows import RowPathBuilder


def paths(markers: list[str]) -> list[tuple[str, str | None]]:
    builder = RowPathBuilder()
    return [builder.next_path(m) for m in markers]


def test_numbers_restart_in_each_section() -> None:
    assert paths(["I", "1", "2", "II", "1", "2"]) == [
        ("I", None),
        ("I.1", "I"),
        ("I.2", "I"),
        ("II", None),
        ("II.1", "II"),
        ("II.2", "II"),
    ]


def test_letters_and_dotted_numbers() -> None:
    assert paths(["I", "1", "a", "b", "1.2"]) == [
        ("I", None),
        ("I.1", "I"),
        ("I.1.a", "I.1"),
        ("I.1.b", "I.1"),
        ("I.1.2", "I.1"),
    ]


def test_items_without_sections_and_repeated_markers_stay_unique() -> None:
    assert paths(["1", "2", "2"]) == [("1", None), ("2", None), ("2#2", None)]


def test_unmarked_rows_hang_off_the_previous_row() -> None:
    assert paths(["I", "", "1"])[1] == ("I~1", None)
