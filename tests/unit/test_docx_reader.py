"""The DOCX reader on the seed and on edited copies: spans, layout tables, footnote numbering, safety."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from pipeline.document import Document
from pipeline.errors import DocumentError
from pipeline.readers.word.docx import read_docx
from tests.conftest import SEED_DOCX
from tests.fixtures.plant import replace_in_part


def read(path: Path) -> Document:
    return read_docx(path, path.name, "0" * 64)


def test_layout_tables_are_told_apart_from_the_annex() -> None:
    tables = read(SEED_DOCX).tables
    assert [t.is_layout for t in tables] == [True, True, False]


def test_merged_cells_are_spans_not_repeated_text() -> None:
    annex = read(SEED_DOCX).tables[-1]
    group = next(c for c in annex.cells if c.text.startswith("Trong đó"))
    assert (group.row, group.col_span, group.row_span) == (0, 17, 1)
    total = next(c for c in annex.cells if c.text == "Tổng cộng")
    assert (total.row_span, total.col_span) == (2, 1)
    assert sum(1 for c in annex.cells if c.text == "Tổng cộng") == 1
    assert annex.header_rows == 2


def test_footnote_marker_keeps_the_number_intact() -> None:
    paragraph = next(p for p in read(SEED_DOCX).paragraphs if p.footnote_refs)
    first = paragraph.footnote_refs[0]
    assert paragraph.text[: first.offset].endswith("109 thôn")
    assert "1091" not in paragraph.text


def test_footnotes_are_numbered_by_reference_order_not_xml_id(tmp_path: Path) -> None:
    swapped = tmp_path / "swapped.docx"
    # Point the first reference at the second footnote's XML id and vice versa.
    replace_in_part(SEED_DOCX, tmp_path / "a.docx", "word/document.xml", 'w:footnoteReference w:id="2"', "REF_A")
    replace_in_part(
        tmp_path / "a.docx",
        tmp_path / "b.docx",
        "word/document.xml",
        'w:footnoteReference w:id="3"',
        'w:footnoteReference w:id="2"',
    )
    replace_in_part(tmp_path / "b.docx", swapped, "word/document.xml", "REF_A", 'w:footnoteReference w:id="3"')
    footnotes = read(swapped).footnotes
    assert [f.number for f in footnotes] == ["1", "2"]
    assert footnotes[0].text.startswith("Tổng số thôn thuộc 3 xã biên giới")


def test_not_a_zip_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"this is not a zip")
    with pytest.raises(DocumentError, match="not a valid DOCX"):
        read(broken)


def test_zip_without_main_part_is_a_clear_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.docx"
    with zipfile.ZipFile(empty, "w") as package:
        package.writestr("hello.txt", "hi")
    with pytest.raises(DocumentError, match=r"word/document\.xml"):
        read(empty)


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b"<a/>" + b" " * (50 * 1024 * 1024))
    with pytest.raises(DocumentError, match="zip bomb"):
        read(bomb)


def test_entities_in_footnotes_are_not_expanded(tmp_path: Path) -> None:
    laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
    planted = replace_in_part(
        SEED_DOCX,
        tmp_path / "laughs.docx",
        "word/footnotes.xml",
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        laughs,
    )
    planted2 = replace_in_part(planted, tmp_path / "laughs2.docx", "word/footnotes.xml", "Sơn Vĩ 19 thôn", "&lol2;")
    footnotes = read(planted2).footnotes
    assert "lollol" not in footnotes[1].text
