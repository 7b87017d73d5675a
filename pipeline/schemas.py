"""Table specifications read from schemas/ (data), and what is generated from them.

Input: schemas/columns.toml (every column defined once) and schemas/tables/*.toml (which columns
each table holds). Output: pandera schemas, DuckDB DDL and column comments. Nothing is typed twice.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    import pandera.pandas as pa

SCHEMAS_DIR = Path(__file__).resolve().parent.parent / "schemas"
DUCKDB_TYPES = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
}
PANDAS_TYPES = {
    "string": "object",
    "integer": "Int64",
    "number": "float64",
    "boolean": "bool",
    "date": "object",
}
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# Output tables in the order they are written; checks and quarantine are written last.
# Tables whose rows come from one document, besides its documents row.
DOCUMENT_TABLES = (
    "annex_tables",
    "annex_cells",
    "annex_texts",
    "footnotes",
    "footnote_items",
    "unit_names",
    "claims",
    "doc_references",
    "metadata_sources",
)
# Reference data from the packages the project depends on.
REFERENCE_TABLES = ("admin_units", "unit_crosswalk")
TABLE_ORDER = ("documents", *DOCUMENT_TABLES, *REFERENCE_TABLES, "checks", "quarantine")


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    type: str
    nullable: bool
    description: str
    allowed: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None


@dataclass(frozen=True)
class TableSpec:
    name: str
    description: str
    columns: tuple[ColumnSpec, ...]
    primary_key: tuple[str, ...]

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


@cache
def _column_definitions() -> dict[str, dict[str, Any]]:
    with (SCHEMAS_DIR / "columns.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def table_spec(name: str) -> TableSpec:
    with (SCHEMAS_DIR / "tables" / f"{name}.toml").open("rb") as handle:
        table = tomllib.load(handle)
    definitions = _column_definitions()
    renames = table.get("renames", {})
    not_null = set(table.get("not_null", []))
    may_be_null = set(table.get("nullable", []))
    columns = []
    for key in table["columns"]:
        definition = definitions[key]
        allowed = definition.get("allowed")
        columns.append(
            ColumnSpec(
                name=renames.get(key, key),
                type=definition["type"],
                nullable=(definition.get("nullable", True) or key in may_be_null) and key not in not_null,
                description=definition["description"],
                allowed=tuple(allowed) if allowed else None,
                pattern=definition.get("pattern"),
                minimum=definition.get("min"),
            )
        )
    return TableSpec(name, table["description"], tuple(columns), tuple(table.get("primary_key", ())))


def all_specs() -> list[TableSpec]:
    return [table_spec(name) for name in TABLE_ORDER]


@cache
def pandera_schema(spec: TableSpec) -> pa.DataFrameSchema:
    # Imported here: pandera takes a second to import, and a warm rerun validates nothing.
    import pandera.pandas as pa

    columns = {}
    for column in spec.columns:
        checks = []
        if column.allowed:
            checks.append(pa.Check.isin(list(column.allowed)))
        if column.pattern:
            checks.append(pa.Check.str_matches(column.pattern))
        if column.type == "date":
            checks.append(pa.Check.str_matches(DATE_PATTERN))
        if column.minimum is not None:
            checks.append(pa.Check.ge(column.minimum))
        columns[column.name] = pa.Column(
            PANDAS_TYPES[column.type], checks=checks, nullable=column.nullable, coerce=True
        )
    unique = list(spec.primary_key) or None
    return pa.DataFrameSchema(columns, strict="filter", unique=unique, name=spec.name)


def conform(frame: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """The frame with exactly the spec's columns, in order; missing columns are added empty."""
    out = frame.copy()
    for column in spec.columns:
        if column.name not in out.columns:
            out[column.name] = pd.Series([None] * len(out), dtype=PANDAS_TYPES[column.type], index=out.index)
    return out[spec.column_names]


def create_table_sql(spec: TableSpec) -> str:
    columns = ",\n  ".join(f"{c.name} {DUCKDB_TYPES[c.type]}{'' if c.nullable else ' NOT NULL'}" for c in spec.columns)
    return f"CREATE TABLE {spec.name} (\n  {columns}\n)"


def comment_sql(spec: TableSpec) -> list[str]:
    def quote(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    statements = [f"COMMENT ON TABLE {spec.name} IS {quote(spec.description)}"]
    statements += [f"COMMENT ON COLUMN {spec.name}.{c.name} IS {quote(c.description)}" for c in spec.columns]
    return statements
