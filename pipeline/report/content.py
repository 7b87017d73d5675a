"""What a report holds, read from the database once for every way of writing it (HTML, markdown,
the lines the command line prints): the run, the documents, the counts per check, the findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipeline.report.findings import (
    CheckCount,
    DocumentInfo,
    Finding,
    read_check_counts,
    read_documents,
    read_findings,
)

UNCHECKED = "unchecked_claims"  # claims nothing could compare: listed apart, they would bury the rest


@dataclass(frozen=True)
class RunInfo:
    run_id: str
    run_started_at: str
    raw_folder: str
    pipeline_version: str


@dataclass(frozen=True)
class ReportContent:
    run: RunInfo | None
    documents: list[DocumentInfo]
    counts: dict[str, list[CheckCount]] = field(default_factory=dict)
    findings: dict[str, list[Finding]] = field(default_factory=dict)

    def of(self, document: DocumentInfo) -> list[Finding]:
        """A document's findings. Only a document read has any: a duplicate shares its original's
        doc_id, and would otherwise repeat the original's findings as its own."""
        return self.findings.get(document.doc_id, []) if document.document_status == "ok" else []

    def counts_of(self, document: DocumentInfo) -> list[CheckCount]:
        return self.counts.get(document.doc_id, []) if document.document_status == "ok" else []

    def failures(self, document: DocumentInfo) -> list[Finding]:
        return [f for f in self.of(document) if f.status == "fail"]

    def warning_groups(self, document: DocumentInfo) -> dict[str, list[Finding]]:
        """Warnings of a document by check, unchecked claims left out (see `unchecked`)."""
        groups: dict[str, list[Finding]] = {}
        for finding in self.of(document):
            if finding.status == "warn" and finding.check_name != UNCHECKED:
                groups.setdefault(finding.check_name, []).append(finding)
        return groups

    def unchecked(self, document: DocumentInfo) -> list[Finding]:
        return [f for f in self.of(document) if f.check_name == UNCHECKED]


def read_content(database: Path) -> ReportContent:
    with duckdb.connect(str(database), read_only=True) as con:
        run = con.execute("SELECT run_id, run_started_at, raw_folder, pipeline_version FROM runs").fetchall()
        return ReportContent(
            run=RunInfo(*run[0]) if run else None,
            documents=read_documents(con),
            counts=read_check_counts(con),
            findings=read_findings(con),
        )
