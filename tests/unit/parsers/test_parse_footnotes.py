"""The footnote parser on hand-built footnotes: unit items, the figure a marker follows, stated totals."""

from __future__ import annotations

from pipeline.parsers.footnotes import parse_footnotes
from tests.fixtures.small_documents import document, para

TEXT = "Phấn đấu đến năm 2025 có 20 thôn"


def test_items_and_the_figure_the_marker_follows() -> None:
    doc = document(
        para(TEXT + " đạt chuẩn.", notes=[("1", len(TEXT))]),
        footnotes=[("1", "Mường So 12 thôn; xã Bản Lang 8 thôn.")],
    )
    (note,), items = parse_footnotes(doc)
    assert (note.footnote_no, note.anchor_value, note.anchor_measure) == (1, 20.0, "thôn")
    assert [(i.item_no, i.unit_name_raw, i.value, i.measure) for i in items] == [
        (1, "Mường So", 12.0, "thôn"),
        (2, "Bản Lang", 8.0, "thôn"),
    ]


def test_a_footnote_that_states_its_own_total() -> None:
    note_text = "Tổng số thôn thuộc 2 xã là 27 thôn (Mường So 15 thôn)"
    doc = document(para("Các xã biên giới."), footnotes=[("1", note_text)])
    (note,), items = parse_footnotes(doc)
    assert (note.anchor_value, note.stated_total, note.stated_measure) == (None, 27.0, "thôn")
    assert [i.unit_name_raw for i in items] == ["Mường So"]


def test_a_footnote_marked_by_a_symbol_keeps_its_text_and_lists_no_items() -> None:
    (note,), items = parse_footnotes(document(para("x"), footnotes=[("*", "Mường So 3 thôn")]))
    assert (note.footnote_no, note.footnote_label, items) == (None, "*", [])
