"""Table specifications read from schemas/ (data), and what is generated from them.

Input: schemas/columns.toml (every column defined once) and schemas/tables/*.toml (which columns
each table holds), packaged as pipeline/data/schemas. Output: pandera schemas, DuckDB DDL, column
comments and the typed record classes of pipeline/records.py. Nothing is typed twice.
"""

from __future__ import annotations

import textwrap
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import pandas as pd

from pipeline.resources import read_text

if TYPE_CHECKING:
    import pandera.pandas as pa

SCHEMAS = ("data", "schemas")
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
    "annex_rows",
    "annex_columns",
    "annex_cells",
    "annex_texts",
    "footnotes",
    "footnote_items",
    "unit_names",
    "claims",
    "doc_references",
    "metadata_sources",
    "skipped_tables",
)
# Reference data from the packages the project depends on.
REFERENCE_TABLES = (
    "admin_units",
    "admin_units_2025",
    "unit_crosswalk",
    "vocabulary_measures",
    "vocabulary_measure_kinds",
    "vocabulary_kind_words",
    "programme_constants",
)
TABLE_ORDER = ("documents", *DOCUMENT_TABLES, *REFERENCE_TABLES, "checks", "quarantine", "runs")


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
    return tomllib.loads(read_text(*SCHEMAS, "columns.toml"))


@cache
def table_spec(name: str) -> TableSpec:
    table = tomllib.loads(read_text(*SCHEMAS, "tables", f"{name}.toml"))
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


def column_description(name: str) -> str | None:
    """The description of the column defined under `name` in schemas/columns.toml, if any."""
    definition = _column_definitions().get(name)
    return str(definition["description"]) if definition else None


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


# Columns a frame may carry besides its table's: the extraction cache's key of each row.
BOOKKEEPING_COLUMNS = frozenset({"cache_key"})


def conform(frame: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """The frame with exactly the spec's columns, in order; missing columns are added empty. A column
    the table does not have is an error (a misspelt key would otherwise vanish without a word)."""
    unknown = set(frame.columns) - set(spec.column_names) - BOOKKEEPING_COLUMNS
    if unknown:
        raise ValueError(f"{spec.name}: columns {sorted(unknown)} are not in schemas/tables/{spec.name}.toml")
    out = frame.copy()
    for column in spec.columns:
        if column.name not in out.columns:
            out[column.name] = pd.Series([None] * len(out), dtype=PANDAS_TYPES[column.type], index=out.index)
    return out[spec.column_names]


def rows_frame(rows: Sequence[object], spec: TableSpec) -> pd.DataFrame:
    """Typed records of one table (pipeline.records), or plain mappings, as a frame of its columns.
    A record of another table, or a mapping with a key the table does not have, is an error."""
    names = spec.column_names
    values = []
    for row in rows:
        if isinstance(row, Mapping):
            unknown = set(row) - set(names) - BOOKKEEPING_COLUMNS
            if unknown:
                raise ValueError(f"{spec.name}: keys {sorted(unknown)} are not in schemas/tables/{spec.name}.toml")
            values.append([row.get(name) for name in names])
        elif getattr(row, "TABLE", None) == spec.name:
            values.append([getattr(row, name, None) for name in names])
        else:
            raise TypeError(f"a {type(row).__name__} is not a record of {spec.name}")
    return pd.DataFrame(values, columns=names)


def create_table_sql(spec: TableSpec) -> str:
    columns = ",\n  ".join(f"{c.name} {DUCKDB_TYPES[c.type]}{'' if c.nullable else ' NOT NULL'}" for c in spec.columns)
    return f"CREATE TABLE {spec.name} (\n  {columns}\n)"


def sql_literal(text: str) -> str:
    """A string as an SQL literal, its quotes doubled: for the statements DuckDB takes no parameters
    in (ATTACH, COPY, COMMENT), so that a path such as /data/Ha'Giang/out is a path, not SQL."""
    return "'" + text.replace("'", "''") + "'"


def comment_sql(spec: TableSpec) -> list[str]:
    statements = [f"COMMENT ON TABLE {spec.name} IS {sql_literal(spec.description)}"]
    statements += [f"COMMENT ON COLUMN {spec.name}.{c.name} IS {sql_literal(c.description)}" for c in spec.columns]
    return statements


# --- typed records ---------------------------------------------------------------------------
# Columns the pipeline stamps on every row itself, when records become a frame.
STAMPED_COLUMNS = ("pipeline_version",)
PYTHON_TYPES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "date": "str"}
RECORDS_MODULE = "pipeline/records.py"


def record_class_name(table: str) -> str:
    """'annex_cells' -> 'AnnexCellRow', 'documents' -> 'DocumentRow'."""
    words = table.split("_")
    words[-1] = words[-1][:-1] if words[-1].endswith("s") else words[-1]
    return "".join(w.capitalize() for w in words) + "Row"


def records_module_source() -> str:
    """The text of pipeline/records.py: one dataclass per table, fields in the table's column order;
    a column that may not be empty is a required argument, any other defaults to None."""
    lines = [
        '"""Typed records, one class per table, generated from schemas/ by `python -m pipeline.schemas`.',
        "",
        "Do not edit: change schemas/columns.toml or schemas/tables/*.toml and regenerate; a test fails when",
        "this file and the schemas disagree. A misspelt or missing field fails where the record is built;",
        f"{', '.join(STAMPED_COLUMNS)} is stamped on every row when records become a frame.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from dataclasses import dataclass",
        "from typing import ClassVar",
    ]
    for name in TABLE_ORDER:
        spec = table_spec(name)
        lines += ["", "", "@dataclass(kw_only=True, slots=True)", f"class {record_class_name(name)}:"]
        doc = textwrap.wrap(f'"""{spec.description}"""', width=112, initial_indent="    ", subsequent_indent="    ")
        lines += [*doc, "", f'    TABLE: ClassVar[str] = "{name}"']
        for column in spec.columns:
            if column.name in STAMPED_COLUMNS:
                continue
            kind = PYTHON_TYPES[column.type]
            lines.append(f"    {column.name}: {kind}" + (" | None = None" if column.nullable else ""))
    return "\n".join(lines) + "\n"


def main() -> None:
    """Write pipeline/records.py from the schemas."""
    from pipeline.resources import package_file

    target = package_file("records.py")
    source = records_module_source()  # before opening the file: a bad schema must not empty it
    with open(str(target), "w", encoding="utf-8") as handle:
        handle.write(source)
    print(f"written {target}")


if __name__ == "__main__":
    main()
