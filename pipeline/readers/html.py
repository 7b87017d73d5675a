"""HTML reader: a web page (often served by portals as a .doc) -> Document.

Knows HTML (paragraphs, tables with rowspan and colspan); knows nothing about plan documents.
The page is parsed by lxml without fetching anything: its images, styles and scripts are never
loaded, whatever they point at (LibreOffice would fetch them while converting).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import lxml.html
from lxml import etree

from pipeline.document import Cell, Document, Paragraph, Table, infer_header_rows
from pipeline.errors import DocumentError

BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "blockquote", "pre", "center"})
MAX_SPAN = 1000  # a span beyond any real table is a malformed (or hostile) page
CENTERED = ("center",)


def read_html(path: Path, source_file: str, sha256: str) -> Document:
    if path.stat().st_size == 0:
        raise DocumentError("the file is empty (0 bytes)")
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.parse(str(path), parser=parser).getroot()
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise DocumentError(f"not a readable web page ({exc})") from exc
    if root is None:
        raise DocumentError("the web page has no content")
    for unwanted in root.iter("script", "style", "head"):
        unwanted.drop_tree()
    blocks: list[Paragraph | Table] = []
    _walk(root, blocks)
    document = Document(source_file=source_file, sha256=sha256, format="html", blocks=blocks)
    document.read_notes.append("a web page (HTML), read without loading what it links to")
    return document


def _walk(element: Any, blocks: list[Paragraph | Table]) -> None:
    """Blocks in reading order: a table as a table, a block element's text as a paragraph."""
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "table":
            blocks.append(_table(child))
        elif child.tag in BLOCK_TAGS and child.find(".//table") is None:
            text = " ".join(child.text_content().split())
            if text:
                align = (child.get("align") or "").lower()
                bold = child.tag.startswith("h") or (child.find(".//b") is not None and text == _bold_text(child))
                blocks.append(Paragraph(text, bold=bold, alignment="center" if align in CENTERED else None))
        else:
            _walk(child, blocks)


def _bold_text(element: Any) -> str:
    return " ".join(" ".join(b.text_content().split()) for b in element.iter("b", "strong")).strip()


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), MAX_SPAN))
    except ValueError:
        return 1


def _table(element: Any) -> Table:
    """A grid from <tr>/<td> with rowspan and colspan; a borderless table of a row or two columns
    places text (a header block) and is layout."""
    cells: list[Cell] = []
    covered: set[tuple[int, int]] = set()
    rows = element.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")  # not the rows of nested tables
    n_cols = 0
    for r, tr in enumerate(rows):
        c = 0
        for td in tr:
            if td.tag not in ("td", "th"):
                continue
            while (r, c) in covered:
                c += 1
            row_span, col_span = _span(td.get("rowspan")), _span(td.get("colspan"))
            row_span = min(row_span, len(rows) - r)
            text = "\n".join(" ".join(line.split()) for line in td.text_content().splitlines() if line.strip())
            cells.append(Cell(r, c, text, row_span, col_span))
            covered |= {(r + i, c + j) for i in range(row_span) for j in range(col_span)}
            c += col_span
        n_cols = max(n_cols, c)
    ruled = (element.get("border") or "0") not in ("0", "") or (len(rows) >= 2 and n_cols >= 3)
    return Table(cells, len(rows), n_cols, infer_header_rows(cells, len(rows)), is_layout=not ruled)
