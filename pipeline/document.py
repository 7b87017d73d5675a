"""The common document model between readers and parsers.

Readers (DOCX, PDF) fill a `Document`; parsers read it and never see format details.
A document is a list of blocks in reading order (paragraphs and tables) plus its footnotes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Alignment = Literal["left", "center", "right", "justify"]


@dataclass(frozen=True)
class FootnoteRef:
    """A footnote marker inside a paragraph: `offset` is the character index the marker follows."""

    number: str
    offset: int


@dataclass
class Paragraph:
    text: str
    bold: bool = False
    italic: bool = False
    alignment: Alignment | None = None
    footnote_refs: list[FootnoteRef] = field(default_factory=list)
    page: int | None = None

    @property
    def kind(self) -> str:
        return "paragraph"


@dataclass(frozen=True)
class Cell:
    """One cell of a table grid, anchored at (row, col) and covering row_span x col_span grid slots."""

    row: int
    col: int
    text: str
    row_span: int = 1
    col_span: int = 1
    confidence: float | None = None  # mean OCR confidence (0-100) of its words; None when not OCR'd

    @property
    def last_row(self) -> int:
        return self.row + self.row_span - 1

    @property
    def last_col(self) -> int:
        return self.col + self.col_span - 1


@dataclass
class Table:
    """A table as a grid of cells with spans.

    `is_layout` marks borderless tables used only to place text (header and signature blocks).
    `header_rows` counts the leading rows that form the header.
    """

    cells: list[Cell]
    n_rows: int
    n_cols: int
    header_rows: int = 1
    is_layout: bool = False
    page: int | None = None
    last_page: int | None = None
    row_pages: list[int] = field(default_factory=list)  # page of each row, for tables across pages
    _slots: dict[tuple[int, int], Cell] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def kind(self) -> str:
        return "table"

    def cell_at(self, row: int, col: int) -> Cell | None:
        """The cell covering grid slot (row, col), if any."""
        if self._slots is None:
            # Built once: parsers look up every slot, and a scan per lookup is quadratic in big annexes.
            self._slots = {
                (r, c): cell
                for cell in reversed(self.cells)
                for r in range(cell.row, cell.last_row + 1)
                for c in range(cell.col, cell.last_col + 1)
            }
        return self._slots.get((row, col))

    def clear_index(self) -> None:
        """Forget the slot index after `cells` was replaced."""
        self._slots = None

    def row_cells(self, row: int) -> list[Cell]:
        """Cells anchored in `row`, left to right."""
        return sorted((c for c in self.cells if c.row == row), key=lambda c: c.col)

    def rows_slice(self, start: int, stop: int | None = None, header_rows: int | None = None) -> Table:
        """Rows start..stop-1 as a table of their own (cells clipped to it, header rows inferred):
        a caption row above a table's header, or a second table set inside the same grid."""
        stop = self.n_rows if stop is None else stop
        cells = [
            Cell(c.row - start, c.col, c.text, min(c.last_row, stop - 1) - c.row + 1, c.col_span, c.confidence)
            for c in self.cells
            if start <= c.row < stop
        ]
        pages = self.row_pages[start:stop]
        return Table(
            cells=cells,
            n_rows=stop - start,
            n_cols=self.n_cols,
            header_rows=infer_header_rows(cells, stop - start) if header_rows is None else header_rows,
            is_layout=self.is_layout,
            page=pages[0] if pages else self.page,
            last_page=pages[-1] if pages else self.last_page,
            row_pages=pages,
        )


Block = Paragraph | Table


@dataclass
class Footnote:
    """A footnote as the reader sees it: `number` is the displayed number."""

    number: str
    text: str
    page: int | None = None


@dataclass
class Document:
    source_file: str
    sha256: str
    format: str
    blocks: list[Block] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    pages: int | None = None
    # How the text was obtained: text_layer, ocr, text_layer+ocr, or converted (from .doc or a
    # legacy font encoding); notes say why and what was left out.
    read_method: str = "text_layer"
    read_notes: list[str] = field(default_factory=list)
    ocr_pages: int = 0
    ocr_confidence: float | None = None  # mean over every word OCR kept, 0-100

    @property
    def doc_id(self) -> str:
        return doc_id_from_sha256(self.sha256)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


def doc_id_from_sha256(sha256: str) -> str:
    """A short, stable document id: the same file always gets the same id."""
    return sha256[:16]


def infer_header_rows(cells: list[Cell], n_rows: int) -> int:
    """Leading rows that form a header block, from the grid alone.

    The header ends at the first row boundary that no vertically merged cell crosses, and it
    reaches at least as far down as any cell of the first row extends.
    """
    if n_rows == 0:
        return 0
    end = max((c.last_row for c in cells if c.row == 0), default=0) + 1
    changed = True
    while changed and end < n_rows:
        changed = False
        for cell in cells:
            if cell.row < end <= cell.last_row:
                end = cell.last_row + 1
                changed = True
    return min(end, n_rows)
