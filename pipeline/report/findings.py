"""Report input: the checks table -> findings, each failed or warned comparison with the printed
figures on both sides of it (label, value, page), ordered by document and severity.

whole_vs_parts checks carry both sides in `checks.evidence` (the whole and every part); the other
checks point at an annex cell, a claim of the text or a footnote, which are looked up here. A
figure is put on the side whose number it equals: the stated figure (`expected`) or the one found
against it (`actual`).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

import duckdb

from pipeline.checks import catalog
from pipeline.report.numbers import vi_number

# Roles of a figure in a comparison.
STATED = "stated"  # the figure a comparison starts from: a total, an annex cell, a written result
PART = "part"  # one of the figures summed against a stated whole
FOUND = "found"  # a figure found against the stated one: a footnote item, a claim of the text
CONTEXT = "context"  # a figure the comparison points at that equals neither side
SEVERITY = {"fail": 0, "warn": 1}
NUMBER_IN_TEXT_RE = re.compile(r"\d[\d.,]*")
ANCHOR_WORDS = 6  # of the text before a footnote's marker: enough to find the figure it follows

DOCUMENTS_QUERY = """
SELECT d.doc_id, d.source_file, d.format, d.sha256, d.doc_type, d.doc_number, d.issued_date, d.pages,
       d.status AS document_status, d.error, d.read_method,
       count(k.status) FILTER (WHERE k.status = 'pass') AS passed,
       count(k.status) FILTER (WHERE k.status = 'fail') AS failed,
       count(k.status) FILTER (WHERE k.status = 'warn') AS warned
FROM documents d LEFT JOIN checks k ON k.doc_id = d.doc_id AND d.status = 'ok'
GROUP BY ALL
ORDER BY failed = 0, warned = 0, d.source_file
"""
COUNTS_QUERY = """
SELECT k.doc_id, k.check_name,
       count(*) FILTER (WHERE k.status = 'pass') AS passed,
       count(*) FILTER (WHERE k.status = 'fail') AS failed,
       count(*) FILTER (WHERE k.status = 'warn') AS warned
FROM checks k GROUP BY ALL ORDER BY k.doc_id, k.check_name
"""
# A duplicate shares its original's doc_id: only the document read ('ok') is given the checks.
# Each non-passing check row with what it points at; correlated subqueries take one row each, so
# a footnote listed twice or a cell key met twice never repeats a finding.
FINDINGS_QUERY = """
SELECT k.doc_id, k.check_name, k.status AS check_status, k.table_no, t.annex_label, k.row_path, k.column_label,
       k.unit_code, k.unit_name_raw, k.footnote_no, k.claim_no, k.expected, k.actual, k.difference, k.tolerance,
       k.diagnosis, k.evidence, k.detail,
       (SELECT r.row_no FROM annex_rows r
        WHERE r.doc_id = k.doc_id AND r.table_no = k.table_no AND r.row_path = k.row_path LIMIT 1) AS row_no,
       (SELECT min(a.column_index) FROM annex_columns a
        WHERE a.doc_id = k.doc_id AND a.table_no = k.table_no AND a.column_label = k.column_label) AS column_index,
       (SELECT struct_pack(label := c.row_label, value := c.value, text := c.value_text, page := c.page,
                           confidence := c.ocr_confidence, unit := c.unit_name_raw)
        FROM annex_cells c
        WHERE c.doc_id = k.doc_id AND c.table_no = k.table_no AND c.row_path = k.row_path
          AND c.column_label = k.column_label LIMIT 1) AS annex_cell,
       (SELECT struct_pack(label := cl.clause, value := cl.value, text := cl.value_text, page := cl.page)
        FROM claims cl WHERE cl.doc_id = k.doc_id AND cl.claim_no = k.claim_no LIMIT 1) AS claim,
       (SELECT struct_pack(label := i.item_text, value := i.value, text := i.item_text, page := i.page,
                           unit := i.unit_name_raw)
        FROM footnote_items i
        WHERE i.doc_id = k.doc_id AND i.footnote_no = k.footnote_no AND i.unit_code = k.unit_code
        ORDER BY i.item_no LIMIT 1) AS footnote_item,
       (SELECT struct_pack(label := f.anchor_context, value := f.anchor_value, text := f.text, page := f.page)
        FROM footnotes f WHERE f.doc_id = k.doc_id AND f.footnote_no = k.footnote_no
        ORDER BY f.footnote_label LIMIT 1) AS footnote
FROM checks k
LEFT JOIN annex_tables t ON t.doc_id = k.doc_id AND t.table_no = k.table_no
WHERE k.status <> 'pass'
"""
# Where each row and column of a table with findings is printed, to give parts in the table's order.
ROW_ORDER_QUERY = """
SELECT r.doc_id, r.table_no, r.row_path, r.row_no FROM annex_rows r
WHERE (r.doc_id, r.table_no) IN (SELECT (doc_id, table_no) FROM checks WHERE status <> 'pass')
"""
COLUMN_ORDER_QUERY = """
SELECT a.doc_id, a.table_no, a.column_label, min(a.column_index) FROM annex_columns a
WHERE (a.doc_id, a.table_no) IN (SELECT (doc_id, table_no) FROM checks WHERE status <> 'pass')
GROUP BY ALL
"""


@dataclass(frozen=True)
class Figure:
    """One printed figure behind a comparison: where it is and what it says."""

    role: str
    source: str  # annex, claim, footnote
    label: str | None  # the row's label; the clause of a claim; the footnote's text
    row_path: str | None
    column: str | None
    value: float | None
    text: str | None  # as printed
    page: int | None
    confidence: float | None = None  # of OCR, 0-100
    unit: str | None = None


@dataclass(frozen=True)
class Finding:
    """A failed or warned comparison and the figures behind it."""

    doc_id: str
    check_name: str
    status: str
    table_no: int | None
    annex_label: str | None
    row_path: str | None
    row_no: int | None
    column_index: int | None
    column_label: str | None
    unit_code: str | None
    unit_name_raw: str | None
    footnote_no: int | None
    claim_no: int | None
    expected: float | None
    actual: float | None
    difference: float | None
    diagnosis: str | None
    detail: str | None
    figures: tuple[Figure, ...]

    @property
    def sums_parts(self) -> bool:
        """A whole against the sum of its parts (the figures hold the whole and every part)."""
        return any(f.role == PART for f in self.figures)

    def figures_as(self, *roles: str) -> list[Figure]:
        return [f for f in self.figures if f.role in roles]


@dataclass(frozen=True)
class DocumentInfo:
    doc_id: str
    source_file: str
    format: str
    sha256: str
    doc_type: str | None
    doc_number: str | None
    issued_date: Any
    pages: int | None
    document_status: str
    error: str | None
    read_method: str | None
    passed: int
    failed: int
    warned: int


@dataclass(frozen=True)
class CheckCount:
    check_name: str
    passed: int
    failed: int
    warned: int


def _rows(con: duckdb.DuckDBPyConnection, query: str) -> list[dict[str, Any]]:
    cursor = con.execute(query)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def read_documents(con: duckdb.DuckDBPyConnection) -> list[DocumentInfo]:
    """Every document, those with failures first, then those with warnings, each by file name."""
    return [DocumentInfo(**row) for row in _rows(con, DOCUMENTS_QUERY)]


def read_check_counts(con: duckdb.DuckDBPyConnection) -> dict[str, list[CheckCount]]:
    """Per document id: passed, failed and warned comparisons of each check."""
    counts: dict[str, list[CheckCount]] = {}
    for row in _rows(con, COUNTS_QUERY):
        counts.setdefault(row.pop("doc_id"), []).append(CheckCount(**row))
    return counts


def read_findings(con: duckdb.DuckDBPyConnection) -> dict[str, list[Finding]]:
    """Per document id: its failed comparisons, then its warned ones, each in the order of the
    checks' catalog, then table and row as printed."""
    order = {name: position for position, name in enumerate(catalog())}
    printed = _printed_order(con)
    findings: dict[str, list[Finding]] = {}
    for row in _rows(con, FINDINGS_QUERY):
        finding = _finding(row, printed)
        findings.setdefault(finding.doc_id, []).append(finding)
    for items in findings.values():
        items.sort(
            key=lambda f: (
                SEVERITY.get(f.status, 2),
                order.get(f.check_name, len(order)),
                f.table_no or 0,
                f.row_no or 0,
                f.row_path or "",
                f.column_index or 0,
                f.column_label or "",
                f.footnote_no or 0,
                f.claim_no or 0,
                f.unit_code or "",
            )
        )
    return findings


PrintedOrder = dict[tuple[str, int, str], int]


def _printed_order(con: duckdb.DuckDBPyConnection) -> tuple[PrintedOrder, PrintedOrder]:
    """Row numbers by (document, table, row path) and column positions by (document, table,
    column label) of the tables that have findings."""
    rows = {(d, t, path): n for d, t, path, n in con.execute(ROW_ORDER_QUERY).fetchall()}
    columns = {(d, t, label): n for d, t, label, n in con.execute(COLUMN_ORDER_QUERY).fetchall()}
    return rows, columns


def _finding(row: dict[str, Any], printed: tuple[PrintedOrder, PrintedOrder]) -> Finding:
    return Finding(
        doc_id=row["doc_id"],
        check_name=row["check_name"],
        status=row["check_status"],
        table_no=row["table_no"],
        annex_label=row["annex_label"],
        row_path=row["row_path"],
        row_no=row["row_no"],
        column_index=row["column_index"],
        column_label=row["column_label"],
        unit_code=row["unit_code"],
        unit_name_raw=row["unit_name_raw"],
        footnote_no=row["footnote_no"],
        claim_no=row["claim_no"],
        expected=row["expected"],
        actual=row["actual"],
        difference=row["difference"],
        diagnosis=row["diagnosis"],
        detail=row["detail"],
        figures=tuple(_in_printed_order(_figures(row), row["doc_id"], row["table_no"], printed)),
    )


def _figures(row: dict[str, Any]) -> list[Figure]:
    if row["evidence"]:
        return _evidence_figures(json.loads(row["evidence"]))
    figures = []
    if row["annex_cell"]:
        cell = row["annex_cell"]
        figures.append(
            _placed(row, "annex", cell, row["row_path"], row["column_label"], cell["text"], cell.get("confidence"))
        )
    if row["claim"]:
        claim = row["claim"]
        figures.append(_placed(row, "claim", claim, None, None, claim["text"], None))
    if row["footnote_item"]:
        item = row["footnote_item"]
        figures.append(_placed(row, "footnote", item, None, None, _number_in(item["text"], item["value"]), None))
    elif row["footnote"]:
        # The figure a footnote explains is printed in the text, where its marker is, not in the
        # footnote: as the document would print it.
        footnote = dict(row["footnote"])
        anchor = None if footnote["value"] is None else vi_number(footnote["value"])
        words = (footnote["label"] or "").split()
        footnote["label"] = " ".join(words[-ANCHOR_WORDS:]) or None  # the words just before the marker
        figures.append(_placed(row, "footnote", footnote, None, None, anchor, None))
    return figures


def _in_printed_order(
    figures: list[Figure], doc_id: str, table_no: int | None, printed: tuple[PrintedOrder, PrintedOrder]
) -> list[Figure]:
    """The parts of a whole as the table prints them (1, 2, ..., 10, not 1, 10, 2)."""
    if table_no is None:
        return figures
    rows, columns = printed

    def position(figure: Figure) -> tuple[int, int]:
        if figure.role != PART:
            return (-1, -1)
        return (rows.get((doc_id, table_no, figure.row_path or ""), 0),
                columns.get((doc_id, table_no, figure.column or ""), 0))  # fmt: skip

    return sorted(figures, key=position)


def _evidence_figures(evidence: dict[str, Any]) -> list[Figure]:
    """The whole and its parts, as whole_vs_parts records them."""

    def figure(role: str, side: dict[str, Any]) -> Figure:
        return Figure(
            role=role,
            source="annex",
            label=side.get("label"),
            row_path=side.get("row_path"),
            column=side.get("column"),
            value=side.get("value"),
            text=side.get("text"),
            page=side.get("page"),
            confidence=side.get("confidence"),
            unit=side.get("unit"),
        )

    whole = [figure(STATED, evidence["whole"])] if evidence.get("whole") else []
    return whole + [figure(PART, part) for part in evidence.get("parts") or []]


def _placed(
    row: dict[str, Any],
    source: str,
    found: dict[str, Any],
    row_path: str | None,
    column: str | None,
    text: str | None,
    confidence: float | None,
) -> Figure:
    """A figure the check points at, on the side whose number it equals."""
    value = found.get("value")
    role = CONTEXT
    if _same(value, row["expected"]):
        role = STATED
    elif _same(value, row["actual"]):
        role = FOUND
    return Figure(role, source, found.get("label"), row_path, column, value, text, found.get("page"), confidence,
                  found.get("unit"))  # fmt: skip


def _same(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _number_in(text: str | None, value: float | None) -> str | None:
    """The figure of a footnote item as printed ('Cẩm Tây 78 hộ' -> '78'): the number in its text
    that reads as its value, else the first."""
    numbers: list[str] = NUMBER_IN_TEXT_RE.findall(text or "")
    for number in numbers:
        digits = number.rstrip(".,").replace(".", "").replace(",", ".")
        try:
            if value is not None and math.isclose(float(digits), value):
                return number.rstrip(".,")
        except ValueError:
            continue
    return numbers[0].rstrip(".,") if numbers else None
