"""Planted errors against the checks that failed: what was found, what was diagnosed, what was a false alarm.

    failed = failed_checks(con, "gen_0007.docx")
    judged = judge(errors, failed)        # errors: the PlantedError records of that document
    judged.missed, judged.false_alarms

A planted annex figure is FOUND when a failed check of its table names its row (the row path, or a
diagnosis naming the cell: "3 Xã Tân Lập prints 3.048", 'row 3 Nhà văn hoá, column "Xã A" prints
3.048') and, for a unit's figure, some failed check it explains names that unit (its code or
printed name, or a diagnosis naming its column; where units are rows, naming the row names the
unit). A cross-table error is found by a failed table_vs_table naming its unit in either table
of the pair (the check cannot know which of the two was revised); a footnote item by a failed
footnote_vs_annex naming its unit in its table; a stated total by a failed claim_vs_annex or
claim_money on its claim; an equation by a failed claim_arithmetic on it.

It is found WITH A DIAGNOSIS when a failed check it explains gives the cause: the digits swapped
(naming the figure printed), a thousandfold slip, the part left out; for the other kinds any cause
other than "no single slip explains it".

A failed check is EXPLAINED by an error when it compares a sum through a changed figure (its row in
its column or in a column totalling it, or its column at a row the figure is part of), the figure of
a unit the error changed (table_vs_table, footnote_vs_annex), the footnote the error changed
(footnote_vs_annex, footnote_sum), or the claim it changed. A failed check no planted error explains
is a FALSE ALARM.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb

from tests.fixtures.planting import ANNEX_KINDS, PlantedError

NO_SLIP = "no single slip explains it"
SUM_CHECKS = ("total_vs_units", "parent_vs_children", "total_vs_periods", "total_vs_parts")
CLAIM_CHECKS = ("claim_vs_annex", "claim_money")
CAUSES = {  # what a diagnosis must say for the kinds whose cause a check can name
    "swapped_digits": "digits swapped",
    "thousandfold": "thousand",
    "left_out": "leaves out",
}


@dataclass(frozen=True)
class Failure:
    """A failed check of one document, with the printed text of the claim it compares, if any."""

    check_name: str
    table_no: int | None
    row_path: str | None
    column_label: str | None
    unit_code: str | None
    unit_name_raw: str | None
    footnote_no: int | None
    claim_text: str | None
    diagnosis: str | None
    detail: str | None

    def summary(self) -> str:
        """One line for a report: "total_vs_units table 1 row II column "Tổng" (00796)"."""
        where = [f"table {self.table_no}" if self.table_no else "", f"row {self.row_path}" if self.row_path else ""]
        where += [f'column "{self.column_label}"' if self.column_label else "", self.unit_code or ""]
        return " ".join([self.check_name, *(w for w in where if w)])


@dataclass
class Finding:
    """A planted error with the failed checks it explains, and whether they find and diagnose it."""

    error: PlantedError
    explained: list[Failure] = field(default_factory=list)
    found: bool = False
    diagnosed: bool = False


@dataclass
class Judgement:
    findings: list[Finding]
    false_alarms: list[Failure]

    @property
    def missed(self) -> list[PlantedError]:
        return [f.error for f in self.findings if not f.found]


def failed_checks(con: duckdb.DuckDBPyConnection, source_file: str) -> list[Failure]:
    """Every failed check of the document read from `source_file`."""
    rows = con.execute(
        """
        SELECT k.check_name, k.table_no, k.row_path, k.column_label, k.unit_code, k.unit_name_raw, k.footnote_no,
               c.value_text, k.diagnosis, k.detail
        FROM checks k JOIN documents d USING (doc_id)
        LEFT JOIN claims c ON c.doc_id = k.doc_id AND c.claim_no = k.claim_no
        WHERE d.source_file = ? AND k.status = 'fail'
        ORDER BY k.check_name, k.table_no, k.row_path, k.column_label
        """,
        [source_file],
    ).fetchall()
    return [Failure(*row) for row in rows]


def spaced(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def names_unit(error: PlantedError, failure: Failure) -> bool:
    """Whether a failed check names the unit of the planted figure, by code or by printed name."""
    if not error.unit_code and not error.unit_name:
        return False
    if failure.unit_code == error.unit_code or failure.unit_name_raw == error.unit_name:
        return True
    # A row's total against its unit columns names the unit in its diagnosis: 'column "... / Xã A" prints 3.048'.
    diagnosis = failure.diagnosis or ""
    return bool(error.unit_name) and f'{error.unit_name}" prints {error.after}' in diagnosis


def names_cell(error: PlantedError, failure: Failure) -> bool:
    """Whether a failed check names the planted figure's row: by its path, or a diagnosis naming the row
    and the figure as printed ("3 Xã Tân Lập prints 3.048")."""
    if failure.table_no != error.table_no:
        return False
    diagnosis = failure.diagnosis or ""
    names_row = any(
        diagnosis.startswith(f"{lead}{error.row_path} ") or f"; {lead}{error.row_path} " in diagnosis
        for lead in ("", "row ")
    )
    return failure.row_path == error.row_path or (names_row and f"prints {error.after}" in diagnosis)


def through_changed_figures(error: PlantedError, failure: Failure) -> bool:
    """A check of the planted table on a sum through a changed figure: a changed row in a changed column
    or a column that totals one, or a changed column at a row the changed figures are part of."""
    if failure.table_no != error.table_no:
        return False
    along_row = failure.row_path in error.rows and failure.column_label in (*error.columns, *error.across)
    along_column = failure.column_label in error.columns and failure.row_path in error.above
    return along_row or along_column


def explains(error: PlantedError, failure: Failure) -> bool:
    """Whether a failed check is one the planted error accounts for (see the module's docstring)."""
    if error.kind in ANNEX_KINDS:
        return (
            through_changed_figures(error, failure)
            or (failure.check_name == "table_vs_table" and names_unit(error, failure))
            or (
                failure.check_name == "footnote_vs_annex"
                and failure.table_no == error.table_no
                and names_unit(error, failure)
            )
        )
    if error.kind == "footnote_item":
        return failure.check_name in ("footnote_vs_annex", "footnote_sum") and failure.footnote_no == error.footnote_no
    if error.kind == "narrative_total":
        return failure.check_name in CLAIM_CHECKS and spaced(failure.claim_text).split(" ")[0] == error.after
    return failure.check_name == "claim_arithmetic" and spaced(failure.claim_text) == spaced(error.text)


def is_found(error: PlantedError, explained: Sequence[Failure]) -> bool:
    """Whether the failed checks an error explains find it (see the module's docstring)."""
    if error.kind == "cross_table":
        return any(f.check_name == "table_vs_table" and names_unit(error, f) for f in explained)
    if error.kind == "footnote_item":
        return any(
            f.check_name == "footnote_vs_annex" and f.table_no == error.table_no and names_unit(error, f)
            for f in explained
        )
    if error.kind not in ANNEX_KINDS:
        return bool(explained)
    at_row = [f for f in explained if names_cell(error, f)]
    if not at_row or not error.unit_code:
        return bool(at_row)
    return any(names_unit(error, f) for f in explained) or (error.unit_axis == "rows")


def is_diagnosed(error: PlantedError, explained: Sequence[Failure]) -> bool:
    """Whether a failed check the error explains gives its cause."""
    diagnoses = [f.diagnosis or "" for f in explained]
    if error.kind in CAUSES:
        wanted = CAUSES[error.kind]
        return any(wanted in d and (error.kind != "swapped_digits" or error.after in d) for d in diagnoses)
    return any(d and d != NO_SLIP for d in diagnoses)


def judge(errors: Sequence[PlantedError], failed: Sequence[Failure]) -> Judgement:
    """The findings of a document's planted errors, and its failed checks none of them explains."""
    findings = []
    for error in errors:
        explained = [f for f in failed if explains(error, f)]
        found = is_found(error, explained)
        findings.append(Finding(error, explained, found, found and is_diagnosed(error, explained)))
    alarms = [f for f in failed if not any(explains(error, f) for error in errors)]
    return Judgement(findings, alarms)
