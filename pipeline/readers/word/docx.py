"""DOCX reader: a .docx file -> Document.

Knows WordprocessingML (runs, merges, borders, footnotes); knows nothing about plan documents.
python-docx opens the package; paragraphs and tables are walked on the XML so that footnote
references keep their position and merged cells become spans instead of repeated text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from pipeline.document import (
    Alignment,
    Cell,
    Document,
    Footnote,
    FootnoteRef,
    Paragraph,
    Table,
    infer_header_rows,
)
from pipeline.errors import DocumentError
from pipeline.readers.safety import check_zip_package, safe_xml_parser
from pipeline.readers.word.fonts import RunFonts, convert_by_content, paragraph_style
from pipeline.readers.word.numbering import Numbering, style_numbering
from pipeline.readers.word.ooxml import NS, W

ALIGNMENTS: dict[str, Alignment] = {
    "left": "left",
    "start": "left",
    "center": "center",
    "right": "right",
    "end": "right",
    "both": "justify",
    "distribute": "justify",
}
MAX_COLUMNS = 512  # Word allows 63 columns; LibreOffice more; no plan table comes near 512
NO_BORDER = frozenset({"nil", "none"})
FOOTNOTE_SEPARATOR_TYPES = frozenset({"separator", "continuationSeparator", "continuationNotice"})


def read_docx(path: Path, source_file: str, sha256: str) -> Document:
    check_zip_package(path, required_member="word/document.xml")
    try:
        word = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several unrelated types for broken packages
        raise DocumentError(f"not a readable Word document: {exc}") from exc
    fonts = RunFonts(word.styles.element)
    try:
        footnote_texts = _read_footnote_texts(word, fonts)
    except etree.XMLSyntaxError as exc:
        raise DocumentError(f"the footnotes part is malformed or nested too deeply to be safe ({exc})") from exc
    styles_with_borders = _table_styles_with_borders(word)
    try:
        numbering = Numbering(_part_blob(word, RT.NUMBERING), style_numbering(word.styles.element))
    except etree.XMLSyntaxError as exc:
        raise DocumentError(f"the numbering part is malformed or nested too deeply to be safe ({exc})") from exc
    reader = _BodyReader(footnote_texts, styles_with_borders, fonts, numbering)
    blocks = reader.read_body(word.element.body)
    footnotes = [
        Footnote(number=str(number), text=footnote_texts.get(xml_id, ""))
        for xml_id, number in reader.footnote_numbers.items()
    ]
    document = Document(source_file=source_file, sha256=sha256, format="docx", blocks=blocks, footnotes=footnotes)
    document.read_notes = fonts.notes() + _external_part_notes(word)
    if not fonts.converted:
        encoding = convert_by_content(document)
        if encoding:
            document.read_notes.append(f"text in the legacy {encoding.upper()} encoding (found by its content) "
                                       "converted to Unicode")  # fmt: skip
    if document.read_notes:
        document.read_method = "converted"
    return document


def _part_blob(word: Any, reltype: str) -> bytes | None:
    """The bytes of the document's part of a relationship type (numbering, footnotes), if any."""
    for rel in word.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return bytes(rel.target_part.blob)
    return None


def _external_part_notes(word: Any) -> list[str]:
    """A part the document links to outside itself (footnotes kept at a web address) is never
    fetched: said in the notes, so that missing footnotes are not taken for none."""
    notes = []
    for rel in word.part.rels.values():
        if rel.is_external and rel.reltype in (RT.FOOTNOTES, RT.NUMBERING, RT.ENDNOTES):
            part = rel.reltype.rsplit("/", 1)[-1]
            notes.append(f"its {part} are an external link ({rel.target_ref[:80]}), not part of the file: not read")
    return notes


def _read_footnote_texts(word: Any, fonts: RunFonts) -> dict[str, str]:
    """Footnote XML id -> text, from the footnotes part reached through the document's relationships."""
    for rel in word.part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob, safe_xml_parser())
            texts = {}
            for note in root.iterfind("w:footnote", NS):
                if note.get(f"{W}type") in FOOTNOTE_SEPARATOR_TYPES:
                    continue
                paragraphs = [_paragraph_text(p, fonts)[0].strip() for p in note.iterfind("w:p", NS)]
                texts[note.get(f"{W}id", "")] = "\n".join(p for p in paragraphs if p)
            return texts
    return {}


def _table_styles_with_borders(word: Any) -> set[str]:
    """Ids of table styles that draw borders, so a table using one counts as ruled."""
    styles = set()
    for style in word.styles.element.iterfind("w:style", NS):
        borders = style.find("w:tblPr/w:tblBorders", NS)
        if borders is not None and _has_visible_border(borders):
            styles.add(style.get(f"{W}styleId", ""))
    return styles


def _has_visible_border(borders: Any) -> bool:
    return any(edge.get(f"{W}val") not in NO_BORDER for edge in borders)


def _paragraph_text(
    p: Any, fonts: RunFonts, footnote_ids: list[tuple[str, int]] | None = None
) -> tuple[str, bool, bool]:
    """Text of a paragraph with runs joined; footnote references recorded as (xml id, offset).

    Returns the text and whether all visible text is bold / italic.
    """
    parts: list[str] = []
    length = 0
    bold_chars = italic_chars = 0
    style = paragraph_style(p)
    for run in p.iter(f"{W}r"):
        props = run.find("w:rPr", NS)
        font = fonts.font_of(run, style)
        is_bold = _flag(props, "b")
        is_italic = _flag(props, "i")
        for child in run:
            text = ""
            if child.tag == f"{W}t":
                text = fonts.text(child.text or "", font)
            elif child.tag in (f"{W}tab", f"{W}ptab"):
                text = "\t"
            elif child.tag in (f"{W}br", f"{W}cr"):
                text = "\n"
            elif child.tag == f"{W}footnoteReference" and footnote_ids is not None:
                footnote_ids.append((child.get(f"{W}id", ""), length))
            if text:
                parts.append(text)
                length += len(text)
                visible = len(text.strip())
                bold_chars += visible if is_bold else 0
                italic_chars += visible if is_italic else 0
    text = "".join(parts)
    visible_total = len("".join(text.split()))
    return (
        text,
        visible_total > 0 and bold_chars == visible_total,
        visible_total > 0 and italic_chars == visible_total,
    )


def _flag(props: Any, name: str) -> bool:
    if props is None:
        return False
    element = props.find(f"w:{name}", NS)
    return element is not None and element.get(f"{W}val", "true") not in ("0", "false", "off")


class _BodyReader:
    """Walks the body once, numbering footnotes in the order their references appear."""

    def __init__(
        self, footnote_texts: dict[str, str], styles_with_borders: set[str], fonts: RunFonts, numbering: Numbering
    ) -> None:
        self.fonts = fonts
        self.numbering = numbering
        self.footnote_texts = footnote_texts
        self.styles_with_borders = styles_with_borders
        self.footnote_numbers: dict[str, int] = {}

    def read_body(self, body: Any) -> list[Paragraph | Table]:
        blocks: list[Paragraph | Table] = []
        for child in body:
            if child.tag == f"{W}p":
                blocks.append(self._read_paragraph(child))
            elif child.tag == f"{W}tbl":
                blocks.append(self._read_table(child))
            elif child.tag == f"{W}sdt":
                content = child.find("w:sdtContent", NS)
                if content is not None:
                    blocks.extend(self.read_body(content))
        return blocks

    def _read_paragraph(self, p: Any) -> Paragraph:
        refs: list[tuple[str, int]] = []
        text, bold, italic = _paragraph_text(p, self.fonts, refs)
        list_label = self.numbering.label(p, paragraph_style(p))
        if list_label:
            # Word draws a list number before the text; it is part of what the reader sees.
            text = f"{list_label} {text}" if text else list_label
            refs = [(xml_id, offset + len(list_label) + 1) for xml_id, offset in refs]
        footnote_refs = []
        for xml_id, offset in refs:
            if xml_id not in self.footnote_texts:
                continue
            number = self.footnote_numbers.setdefault(xml_id, len(self.footnote_numbers) + 1)
            footnote_refs.append(FootnoteRef(number=str(number), offset=offset))
        jc = p.find("w:pPr/w:jc", NS)
        alignment = ALIGNMENTS.get(jc.get(f"{W}val", "")) if jc is not None else None
        return Paragraph(text=text, bold=bold, italic=italic, alignment=alignment, footnote_refs=footnote_refs)

    def _read_table(self, tbl: Any) -> Table:
        cells: list[Cell] = []
        open_vertical: dict[int, int] = {}  # grid column -> index in `cells` of the merge it continues
        ruled = self._table_is_ruled(tbl)
        n_cols = 0
        rows = tbl.findall("w:tr", NS)
        # Spans are bounded by the table's own grid, as Word draws them: a gridSpan of 5,000,000 in a
        # 34 KB file is a malformed (or hostile) document, not a table five million columns wide.
        grid = min(len(tbl.findall("w:tblGrid/w:gridCol", NS)) or MAX_COLUMNS, MAX_COLUMNS)
        for row_index, tr in enumerate(rows):
            col = min(max(_int_attr(tr.find("w:trPr/w:gridBefore", NS), 0), 0), grid - 1)
            for tc in tr.findall("w:tc", NS):
                props = tc.find("w:tcPr", NS)
                span = _int_attr(props.find("w:gridSpan", NS) if props is not None else None, 1)
                if span > grid:  # wider than the whole table: clipped to its right edge
                    span = max(1, grid - col)
                span = max(1, min(span, MAX_COLUMNS - col))
                if col >= MAX_COLUMNS:
                    break
                vmerge = props.find("w:vMerge", NS) if props is not None else None
                borders = props.find("w:tcBorders", NS) if props is not None else None
                ruled = ruled or (borders is not None and _has_visible_border(borders))
                if vmerge is not None and vmerge.get(f"{W}val", "continue") == "continue" and col in open_vertical:
                    index = open_vertical[col]
                    anchor = cells[index]
                    cells[index] = Cell(anchor.row, anchor.col, anchor.text, anchor.row_span + 1, anchor.col_span)
                else:
                    text = "\n".join(self._read_paragraph(p).text for p in tc.iterfind("w:p", NS)).strip()
                    cells.append(Cell(row_index, col, text, 1, span))
                    if vmerge is not None:
                        open_vertical[col] = len(cells) - 1
                    else:
                        open_vertical.pop(col, None)
                col += span
            n_cols = max(n_cols, col)
        header_rows = sum(1 for tr in rows if tr.find("w:trPr/w:tblHeader", NS) is not None)
        if header_rows == 0:
            header_rows = infer_header_rows(cells, len(rows))
        return Table(cells=cells, n_rows=len(rows), n_cols=n_cols, header_rows=header_rows, is_layout=not ruled)

    def _table_is_ruled(self, tbl: Any) -> bool:
        borders = tbl.find("w:tblPr/w:tblBorders", NS)
        if borders is not None:
            return _has_visible_border(borders)
        style = tbl.find("w:tblPr/w:tblStyle", NS)
        return style is not None and style.get(f"{W}val", "") in self.styles_with_borders


def _int_attr(element: Any, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(f"{W}val", default))
    except ValueError:
        return default
