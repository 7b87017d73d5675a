"""Validation stage: tidy frames -> frames that satisfy their pandera schema, plus quarantined rows.

Schemas are validated lazily so every failure is reported at once. A failing row is never
silently dropped: it goes to the quarantine table with the reason, naming the document, table,
row and column.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import pandas as pd

from pipeline.extract import ExtractionResult
from pipeline.schemas import STAMPED_COLUMNS, TableSpec, conform, pandera_schema, rows_frame, table_spec
from pipeline.version import pipeline_version

log = logging.getLogger(__name__)
PROVENANCE_COLUMNS = ("table_no", "row_path", "column_label", "footnote_no", "source_file")


def stamp(frame: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """Every row of an extracted table carries the version of the pipeline that produced it."""
    if "pipeline_version" in STAMPED_COLUMNS and "pipeline_version" in spec.column_names:
        return frame.assign(pipeline_version=pipeline_version())
    return frame


def validate_rows(rows: list[Any], spec: TableSpec) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """Typed records of one table, stamped and validated: (rows that pass, quarantine records)."""
    return validate_frame(stamp(rows_frame(rows, spec), spec), spec)


def validate_frame(frame: pd.DataFrame, spec: TableSpec) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """(rows that pass, quarantine records for rows that do not)."""
    frame = conform(frame.reset_index(drop=True), spec)
    if frame.empty:
        return frame, []
    import pandera.errors as pa_errors  # see pandera_schema: imported only when there is work

    schema = pandera_schema(spec)
    try:
        return schema.validate(frame, lazy=True), []
    except pa_errors.SchemaErrors as errors:
        cases = errors.failure_cases
    bad_rows = cases[cases["index"].notna()]
    if len(bad_rows) < len(cases):
        whole = cases[cases["index"].isna()]
        raise ValueError(f"table {spec.name} fails its schema as a whole: {whole.to_dict('records')}")
    reasons: dict[int, list[str]] = {}
    for case in bad_rows.itertuples():
        reasons.setdefault(int(case.index), []).append(
            f"column {case.column}: {case.check} (value {case.failure_case!r})"
        )
    quarantined = []
    for index, why in reasons.items():
        row = frame.loc[index]
        where = ", ".join(f"{c}={row[c]}" for c in PROVENANCE_COLUMNS if c in row and pd.notna(row[c]))
        reason = f"{spec.name} row ({where}): " + "; ".join(why)
        log.warning("quarantined: %s", reason)
        quarantined.append(
            {
                "table_name": spec.name,
                "doc_id": str(row.get("doc_id", "")),
                "row_json": json.dumps(row.to_dict(), ensure_ascii=False, default=str),
                "reason": reason,
            }
        )
    good = frame.drop(index=list(reasons))
    return schema.validate(good, lazy=True), quarantined


def validate_batch(
    results: list[ExtractionResult], tables: tuple[str, ...], keys: list[str]
) -> dict[str, pd.DataFrame]:
    """Validate freshly extracted documents in one batch per table (pandera's cost is mostly per
    call): {table: passing rows}, plus "quarantine" for the rest. Every row carries the `keys`
    entry of the document it came from, as `cache_key`."""
    frames: dict[str, pd.DataFrame] = {}
    quarantined: list[dict[str, Any]] = []
    key_of_doc = {_doc_id(result.document): key for result, key in zip(results, keys, strict=True)}
    for name in tables:
        if name == "documents":
            rows, owners = [r.document for r in results], list(keys)
        else:
            rows = [row for r in results for row in r.records.get(name, [])]
            owners = [key for r, key in zip(results, keys, strict=True) for _ in r.records.get(name, [])]
        if not rows:
            continue
        frame, bad = validate_rows(rows, table_spec(name))
        frames[name] = frame.assign(cache_key=[owners[i] for i in frame.index])
        quarantined.extend({**row, "cache_key": key_of_doc.get(row["doc_id"])} for row in bad)
    frames["quarantine"] = pd.DataFrame(quarantined, columns=[*table_spec("quarantine").column_names, "cache_key"])
    return frames


def _doc_id(row: object) -> str:
    value = row.get("doc_id") if isinstance(row, dict) else getattr(row, "doc_id", None)
    return str(value)
