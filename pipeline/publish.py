"""Publish stage: the DuckDB tables -> CSV files, and a Frictionless data package for sharing.

`write_csvs` writes <out>/csv (plain UTF-8, the working copy). `write_package` writes
<out>/publish: one CSV per table with a byte-order mark so Excel shows Vietnamese correctly,
codes kept as text, and a datapackage.json generated from the same column definitions as the
pandera schemas (schemas/). Both replace their folder as a whole, so readers never see half of it.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from pipeline.outputs import replace_folder
from pipeline.schemas import TABLE_ORDER, TableSpec, sql_literal, table_spec
from pipeline.version import pipeline_version

BOM = b"\xef\xbb\xbf"
FRICTIONLESS_TYPES = {
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "date": "date",
}
# Tables whose rows belong to a document point back to it. Unit codes point into the list of units
# of their document's edition (documents.unit_edition: admin_units or admin_units_2025), which a
# Frictionless foreign key, always to one resource, cannot say; the unit_code descriptions do.
DOCUMENT_KEY = {"fields": "doc_id", "reference": {"resource": "documents", "fields": "doc_id"}}


def _copy_tables(database: Path, folder: Path, for_spreadsheets: bool) -> None:
    """Every table as CSV; for spreadsheets with a byte-order mark and formula-like text defused."""
    with duckdb.connect(str(database), read_only=True) as con:
        for name in TABLE_ORDER:
            spec = table_spec(name)
            path = folder / f"{name}.csv"
            order = ", ".join(spec.primary_key) or "ALL"
            columns = ", ".join(
                _as_text_cell(c.name) if for_spreadsheets and c.type == "string" else c.name for c in spec.columns
            )
            con.execute(
                f"COPY (SELECT {columns} FROM {name} ORDER BY {order}) TO {sql_literal(path.as_posix())} "
                "(HEADER, DELIMITER ',')"
            )
            if for_spreadsheets:
                _prepend_bom(path)


def _as_text_cell(column: str) -> str:
    """A text Excel would run as a formula ('=HYPERLINK(...)', '+1', '- Xây dựng', '@x') gets a
    leading apostrophe, which Excel shows as text (OWASP's advice against CSV injection); a number
    written as text ('-3') is left as it is."""
    return (
        f"CASE WHEN regexp_matches({column}, '^[=+@\\t\\r-]') AND TRY_CAST({column} AS DOUBLE) IS NULL "
        f"THEN '''' || {column} ELSE {column} END AS {column}"
    )


def _prepend_bom(path: Path) -> None:
    marked = path.with_suffix(".bom")
    with path.open("rb") as source, marked.open("wb") as target:
        target.write(BOM)
        shutil.copyfileobj(source, target)
    marked.replace(path)


def write_csvs(database: Path, folder: Path) -> list[Path]:
    """Every table as UTF-8 CSV with a header row, replacing `folder` as a whole."""
    replace_folder(folder, lambda staging: _copy_tables(database, staging, for_spreadsheets=False))
    return sorted(folder.glob("*.csv"))


def table_schema(spec: TableSpec) -> dict[str, Any]:
    """A Frictionless Table Schema generated from the column definitions."""
    fields = []
    for column in spec.columns:
        constraints: dict[str, Any] = {"required": not column.nullable}
        if column.allowed:
            constraints["enum"] = list(column.allowed)
        if column.pattern:
            constraints["pattern"] = column.pattern.strip("^$")
        if column.minimum is not None:
            constraints["minimum"] = column.minimum
        fields.append(
            {
                "name": column.name,
                "type": FRICTIONLESS_TYPES[column.type],
                "description": column.description,
                "constraints": constraints,
            }
        )
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    nullable = {column.name for column in spec.columns if column.nullable}
    if spec.primary_key and not nullable & set(spec.primary_key):
        # Frictionless requires key fields to be filled; a key with an optional part (a unit name
        # resolved within no section) is enforced by the pandera schema instead.
        schema["primaryKey"] = list(spec.primary_key)
    names = set(spec.column_names)
    foreign = []
    if "doc_id" in names and spec.name != "documents":
        foreign.append(DOCUMENT_KEY)
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def datapackage(folder: Path) -> dict[str, Any]:
    resources = []
    for name in TABLE_ORDER:
        spec = table_spec(name)
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "description": spec.description,
                "schema": table_schema(spec),
            }
        )
    return {
        "name": "vietnam-plan-documents",
        "title": "Targets of Vietnamese National Target Programme plan documents",
        "description": "Annex tables, footnotes, narrative claims and cross-checks extracted from plan documents.",
        "version": pipeline_version(),
        "licenses": [{"name": "other-pd", "title": "Official documents of state bodies (Law on IP, Art. 15)"}],
        "resources": resources,
    }


def write_package(database: Path, folder: Path, extra: Callable[[Path], object] | None = None) -> list[Path]:
    """The publishable folder: BOM-marked CSVs, datapackage.json and whatever `extra` adds."""

    def fill(staging: Path) -> None:
        _copy_tables(database, staging, for_spreadsheets=True)
        (staging / "datapackage.json").write_text(
            json.dumps(datapackage(staging), ensure_ascii=False, indent=2), encoding="utf-8"
        )
        if extra is not None:
            extra(staging)

    replace_folder(folder, fill)
    return sorted(folder.iterdir())
