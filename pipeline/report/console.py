"""What a run prints after its summary line: per document with failed checks, one line for each
(where, the stated figure, the one computed or found
against it, their difference, the likely cause), a few per document, so the terminal says what
to look at before the report is opened."""

from __future__ import annotations

from pathlib import Path

from pipeline.report.content import read_content
from pipeline.report.numbers import vi_number, vi_signed
from pipeline.report.wording import sides, where_en

MAX_LINES_PER_DOCUMENT = 10
# A cause naming a long row label is cut in its middle: where it starts, and what the slip is at
# its end, stay. The report has it whole.
CAUSE_HEAD, CAUSE_TAIL = 45, 90


def failure_lines(database: Path, per_document: int = MAX_LINES_PER_DOCUMENT) -> list[str]:
    """'<file>: N checks failed' then an indented line per failed check, at most `per_document`,
    then 'and N more'. Nothing when no check failed."""
    content = read_content(database)
    lines = []
    for document in content.documents:
        failed = content.failures(document)
        if not failed:
            continue
        lines.append(f"{document.source_file}: {len(failed)} {'check' if len(failed) == 1 else 'checks'} failed")
        for finding in failed[:per_document]:
            cause = _shortened(finding.diagnosis or "")
            (_, stated), (_, other) = sides(finding.check_name)
            lines.append(
                f"  {finding.check_name}: {where_en(finding)}: {stated} {vi_number(finding.expected)}, "
                f"{other} {vi_number(finding.actual)}, difference {vi_signed(finding.difference)}"
                + (f" ({cause})" if cause else "")
            )
        if len(failed) > per_document:
            lines.append(f"  and {len(failed) - per_document} more")
    return lines


def _shortened(cause: str) -> str:
    if len(cause) <= CAUSE_HEAD + CAUSE_TAIL + 1:
        return cause
    return f"{cause[:CAUSE_HEAD].rstrip()} … {cause[-CAUSE_TAIL:].lstrip()}"
