"""The extract command end to end: raw folder -> records -> validated frames -> DuckDB -> CSVs.

Documents are extracted independently (serially, or on any concurrent.futures.Executor), then
validated, loaded and checked together. The summary counts what an analyst needs to know.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from tqdm import tqdm

from pipeline.cache import ExtractionCache
from pipeline.crosswalk import build_crosswalk
from pipeline.extract import DOCUMENT_TABLES, ExtractionResult, extract_document, file_sha256
from pipeline.load import write_database
from pipeline.places import admin_unit_rows
from pipeline.publish import write_csvs
from pipeline.schemas import conform, table_spec
from pipeline.validate import validate_frame, validate_results

log = logging.getLogger(__name__)
DATABASE_NAME = "plans.duckdb"
CACHE_FOLDER = "cache"
IGNORED_NAMES = frozenset({".gitkeep", "README.md", "README.txt"})
# Reference data loaded beside the extracted tables, from the packages the project depends on.
REFERENCE_TABLES: dict[str, Callable[[], pd.DataFrame]] = {
    "admin_units": lambda: pd.DataFrame(admin_unit_rows()),
    "unit_crosswalk": build_crosswalk,
}


@dataclass(frozen=True)
class RunSummary:
    documents_ok: int
    documents_failed: int
    tables: int
    cells: int
    checks_passed: int
    checks_failed: int
    checks_warned: int
    quarantined: int
    documents_parsed: int = 0
    documents_cached: int = 0


def list_raw_files(raw: Path) -> list[Path]:
    """Every document file under `raw`, in a stable order; hidden files and notes are skipped."""
    return sorted(
        p
        for p in raw.rglob("*")
        if p.is_file()
        and p.name not in IGNORED_NAMES
        and not any(part.startswith(".") for part in p.relative_to(raw).parts)
    )


def extract_all(
    files: list[Path], raw: Path, executor: Executor | None = None, shas: list[str | None] | None = None
) -> list[ExtractionResult]:
    """Extract every file, serially or on any concurrent.futures executor (a process pool, a Dask
    cluster's `client.get_executor()`), with a progress bar on a terminal. Order is kept."""
    shas = shas if shas is not None else [None] * len(files)
    roots = [raw] * len(files)
    results = (
        map(extract_document, files, roots, shas)
        if executor is None
        else executor.map(extract_document, files, roots, shas)
    )
    # disable=None: the bar shows only when stderr is a terminal and there is more than one document.
    return list(tqdm(results, total=len(files), unit="doc", disable=None if len(files) > 1 else True))


def extract_with_cache(
    files: list[Path], raw: Path, cache: ExtractionCache | None, executor: Executor | None = None
) -> tuple[list[ExtractionResult], int]:
    """Every file's result, reading from the cache what is unchanged; also how many were parsed.

    Fresh results are validated (after duplicates are set aside) before they are cached."""
    if cache is None:
        everything = extract_all(files, raw, executor)
        mark_duplicates(everything)
        validate_results(everything, DOCUMENT_TABLES)
        return everything, len(files)
    results: dict[int, ExtractionResult] = {}
    todo: list[tuple[int, Path, str]] = []
    for index, path in enumerate(files):
        sha = cache.sha256_of(path, file_sha256)
        hit = cache.get(sha, path.relative_to(raw).as_posix())
        if hit is not None:
            results[index] = hit
        else:
            todo.append((index, path, sha))
    fresh = extract_all([p for _, p, _ in todo], raw, executor, [sha for _, _, sha in todo])
    for (index, _path, _sha), result in zip(todo, fresh, strict=True):
        results[index] = result
    ordered = [results[i] for i in range(len(files))]
    mark_duplicates(ordered)
    validate_results(fresh, DOCUMENT_TABLES)
    for result in fresh:
        cache.put(result)
    cache.save_index()
    return ordered, len(todo)


def mark_duplicates(results: list[ExtractionResult]) -> None:
    """A second copy of a document read once fails with a pointer to the first; its records are
    dropped. (Copies of an unreadable file keep their own error.)"""
    first_seen: dict[str, str] = {}
    for result in results:
        sha = result.document["sha256"]
        if result.document["status"] != "ok":
            continue
        if sha in first_seen:
            result.document.update(
                status="failed",
                error=f"same file as {first_seen[sha]} (identical sha256); extracted once, under that name",
            )
            result.records = {}
        else:
            first_seen[sha] = result.document["source_file"]


def to_frames(results: Iterable[ExtractionResult]) -> tuple[dict[str, pd.DataFrame], int]:
    """Frames for every output table, and how many rows were quarantined.

    Document records were validated when they were extracted (pipeline.extract); the documents
    rows, which this run may still change (duplicates), are validated here."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in (*DOCUMENT_TABLES, "quarantine")}
    documents = []
    for result in results:
        documents.append(result.document)
        for name, records in result.records.items():
            rows[name].extend(records)
    frames = {name: conform(pd.DataFrame(records), table_spec(name)) for name, records in rows.items()}
    frames["documents"], bad = validate_frame(pd.DataFrame(documents), table_spec("documents"))
    if bad:
        frames["quarantine"] = pd.concat([frames["quarantine"], pd.DataFrame(bad)], ignore_index=True)
    for name, build in REFERENCE_TABLES.items():
        frames[name] = build()
    return frames, len(frames["quarantine"])


def run_extract(raw: Path, out: Path, executor: Executor | None = None, use_cache: bool = True) -> RunSummary:
    files = list_raw_files(raw)
    log.info("extracting %d files from %s", len(files), raw)
    cache = ExtractionCache(out / CACHE_FOLDER) if use_cache else None
    results, parsed = extract_with_cache(files, raw, cache, executor)
    for result in results:
        if result.document["status"] == "failed":
            log.error("%s: %s", result.document["source_file"], result.document.get("error"))
    frames, quarantined = to_frames(results)
    database = out / DATABASE_NAME
    write_database(frames, database)
    write_csvs(database, out / "csv")
    summary = summarize(database, quarantined)
    return replace(summary, documents_parsed=parsed, documents_cached=len(files) - parsed)


def summarize(database: Path, quarantined: int) -> RunSummary:
    with duckdb.connect(str(database), read_only=True) as con:
        docs = dict(con.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall())
        checks = dict(con.execute("SELECT status, count(*) FROM checks GROUP BY status").fetchall())
        counts = con.execute(
            "SELECT (SELECT count(*) FROM annex_tables), (SELECT count(*) FROM annex_cells)"
        ).fetchone()
    tables, cells = counts if counts else (0, 0)
    return RunSummary(
        documents_ok=docs.get("ok", 0),
        documents_failed=docs.get("failed", 0),
        tables=tables,
        cells=cells,
        checks_passed=checks.get("pass", 0),
        checks_failed=checks.get("fail", 0),
        checks_warned=checks.get("warn", 0),
        quarantined=quarantined,
    )
