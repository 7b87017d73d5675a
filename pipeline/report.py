"""Checks report: the checks table -> checks.md and checks.html for people who never saw the code.

Per document: how many comparisons passed, failed and warned, then every failed and warned one
with what was expected, what was found, the difference, and where each side comes from.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import duckdb

from pipeline.checks import catalog

ISSUE_QUERY = """
SELECT d.source_file, d.doc_type, d.doc_number, c.check_name, c.status, c.table_no, c.row_path, c.column_label,
       c.unit_code, c.unit_name_raw, c.footnote_no, c.claim_no, c.expected, c.actual, c.difference, c.detail
FROM checks c JOIN documents d USING (doc_id)
WHERE c.status <> 'pass'
ORDER BY d.source_file, c.status, c.check_name, c.table_no, c.row_path, c.unit_code
"""
BY_CHECK_QUERY = """
SELECT d.source_file, c.check_name,
       count(*) FILTER (WHERE c.status = 'pass') AS passed,
       count(*) FILTER (WHERE c.status = 'fail') AS failed,
       count(*) FILTER (WHERE c.status = 'warn') AS warned
FROM checks c JOIN documents d USING (doc_id)
GROUP BY ALL ORDER BY d.source_file, c.check_name
"""
SUMMARY_QUERY = """
SELECT d.source_file, d.status AS document_status, coalesce(d.error, '') AS error,
       count(c.status) FILTER (WHERE c.status = 'pass') AS passed,
       count(c.status) FILTER (WHERE c.status = 'fail') AS failed,
       count(c.status) FILTER (WHERE c.status = 'warn') AS warned
FROM documents d LEFT JOIN checks c USING (doc_id)
GROUP BY ALL ORDER BY d.source_file
"""
ISSUE_COLUMNS = ("check", "where", "expected", "actual", "difference", "detail")


def _rows(con: duckdb.DuckDBPyConnection, query: str) -> list[dict[str, Any]]:
    cursor = con.execute(query)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _number(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}".replace(",", ".") if float(value).is_integer() else f"{value:g}"


def _where(row: dict[str, Any]) -> str:
    parts = []
    if row["table_no"] is not None:
        parts.append(f"table {row['table_no']}")
    if row["row_path"]:
        parts.append(f"row {row['row_path']}")
    if row["column_label"]:
        parts.append(f"column “{row['column_label']}”")
    if row["unit_name_raw"] or row["unit_code"]:
        parts.append(f"unit {row['unit_name_raw'] or '?'} ({row['unit_code'] or 'no code'})")
    if row["footnote_no"] is not None:
        parts.append(f"footnote {row['footnote_no']}")
    if row["claim_no"] is not None:
        parts.append(f"claim {row['claim_no']}")
    return ", ".join(parts) or "document"


def _issue_cells(row: dict[str, Any]) -> list[str]:
    return [
        f"{row['status'].upper()} {row['check_name']}",
        _where(row),
        _number(row["expected"]),
        _number(row["actual"]),
        _number(row["difference"]),
        row["detail"] or "",
    ]


def build_report(database: Path) -> tuple[str, str]:
    """(markdown, html) of the checks report."""
    with duckdb.connect(str(database), read_only=True) as con:
        summary = _rows(con, SUMMARY_QUERY)
        by_check = _rows(con, BY_CHECK_QUERY)
        issues = _rows(con, ISSUE_QUERY)
    md = ["# Checks report", "", "Each check compares two figures that must agree; `fail` means they do not,", ""]
    md += ["`warn` that a comparison could not be made or a name could not be resolved.", ""]
    md += ["| document | read | passed | failed | warned |", "|---|---|---|---|---|"]
    for doc in summary:
        read = "ok" if doc["document_status"] == "ok" else f"failed: {doc['error']}"
        md.append(f"| {doc['source_file']} | {read} | {doc['passed']} | {doc['failed']} | {doc['warned']} |")
    body = ["<h1>Checks report</h1>", "<table><tr><th>document</th><th>read</th><th>passed</th>"]
    body[-1] += "<th>failed</th><th>warned</th></tr>"
    for doc in summary:
        read = "ok" if doc["document_status"] == "ok" else f"failed: {doc['error']}"
        body.append(
            "<tr>"
            + "".join(
                f"<td>{html.escape(str(v))}</td>"
                for v in (doc["source_file"], read, doc["passed"], doc["failed"], doc["warned"])
            )
            + "</tr>"
        )
    body.append("</table>")
    for source in dict.fromkeys(row["source_file"] for row in by_check):
        counts = [r for r in by_check if r["source_file"] == source]
        rows = [r for r in issues if r["source_file"] == source]
        md += ["", f"## {source}", "", "| check | passed | failed | warned |", "|---|---|---|---|"]
        md += [f"| {r['check_name']} | {r['passed']} | {r['failed']} | {r['warned']} |" for r in counts]
        body.append(f"<h2>{html.escape(source)}</h2><table><tr><th>check</th><th>passed</th><th>failed</th>")
        body[-1] += "<th>warned</th></tr>"
        body += [
            f"<tr><td>{r['check_name']}</td><td>{r['passed']}</td><td>{r['failed']}</td><td>{r['warned']}</td></tr>"
            for r in counts
        ]
        body.append("</table>")
        if not rows:
            md += ["", "Every check passed."]
            body.append("<p>Every check passed.</p>")
            continue
        md += ["", "| " + " | ".join(ISSUE_COLUMNS) + " |", "|" + "---|" * len(ISSUE_COLUMNS)]
        md += ["| " + " | ".join(c.replace("|", "\\|") for c in _issue_cells(r)) + " |" for r in rows]
        body.append("<table><tr>" + "".join(f"<th>{c}</th>" for c in ISSUE_COLUMNS) + "</tr>")
        for r in rows:
            css = "fail" if r["status"] == "fail" else "warn"
            body.append(
                f'<tr class="{css}">' + "".join(f"<td>{html.escape(c)}</td>" for c in _issue_cells(r)) + "</tr>"
            )
        body.append("</table>")
    checks = catalog().values()
    md += ["", "## What each check compares", ""]
    md += [f"- `{c.name}`: {c.en} ({c.vi}). A failure usually means: {c.failure}." for c in checks]
    body.append("<h2>What each check compares</h2><ul>")
    body += [
        f"<li><code>{c.name}</code>: {html.escape(c.en)} <i>({html.escape(c.vi)})</i>. "
        f"A failure usually means: {html.escape(c.failure)}.</li>"
        for c in checks
    ]
    body.append("</ul>")
    style = (
        "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
        "td,th{border:1px solid #bbb;padding:4px 8px;vertical-align:top}tr.fail{background:#fde2e2}"
        "tr.warn{background:#fff6d6}"
    )
    page = (
        f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Checks report</title>'
        f"<style>{style}</style></head><body>{''.join(body)}</body></html>\n"
    )
    return "\n".join(md) + "\n", page


def write_report(database: Path, folder: Path) -> tuple[Path, Path]:
    markdown, page = build_report(database)
    folder.mkdir(parents=True, exist_ok=True)
    md_path, html_path = folder / "checks.md", folder / "checks.html"
    for path, text in ((md_path, markdown), (html_path, page)):
        temporary = path.with_suffix(path.suffix + ".tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)
    return md_path, html_path
