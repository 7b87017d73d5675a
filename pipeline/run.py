"""The extract command end to end: load the raw folder's manifest, process what the cache lacks,
save the database, CSVs and checks report.

Documents are extracted independently (serially, or on any concurrent.futures.Executor) into the
extraction cache, validated in batches; the output database is then built from the cache, the
checks run in it, and the CSVs and the checks report (<out>/report) written. The summary counts
what an analyst needs to know.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path

import duckdb
import pandas as pd
from tqdm import tqdm

from pipeline.cache import ExtractionCache, cache_key
from pipeline.checks import run_checks
from pipeline.editions import mark_editions
from pipeline.extract import ExtractionResult, extract_document, file_sha256
from pipeline.limits import DEFAULT_LIMITS, Limits
from pipeline.load import write_database
from pipeline.manifest import Manifest, RawFile, build_manifest
from pipeline.outputs import new_run_id, now_iso, output_lock
from pipeline.places import admin_unit_rows
from pipeline.places.crosswalk import build_crosswalk
from pipeline.places.gazetteer import EDITION_2025, PRE_2025
from pipeline.publish import write_csvs
from pipeline.records import DocumentRow, RunRow
from pipeline.report import REPORT_FOLDER, write_report
from pipeline.schemas import DOCUMENT_TABLES, REFERENCE_TABLES, table_spec
from pipeline.validate import validate_batch, validate_rows
from pipeline.vocabulary import reference_frames

log = logging.getLogger(__name__)
DATABASE_NAME = "plans.duckdb"
CACHE_FOLDER = "cache"
BATCH_SIZE = 64  # documents validated and stored together: large enough to amortise, small enough to stay flat
CACHED_TABLES = ("documents", *DOCUMENT_TABLES)
# Reference data loaded beside the extracted tables: the official units and the 2025 crosswalk from
# the packages the project depends on, the vocabulary's measures and programme constants.
REFERENCE_BUILDERS: dict[str, Callable[[], pd.DataFrame]] = {
    "admin_units": lambda: pd.DataFrame(admin_unit_rows(PRE_2025)),
    "admin_units_2025": lambda: pd.DataFrame(admin_unit_rows(EDITION_2025)),
    "unit_crosswalk": build_crosswalk,
    "vocabulary_measures": lambda: reference_frames()["vocabulary_measures"],
    "vocabulary_measure_kinds": lambda: reference_frames()["vocabulary_measure_kinds"],
    "vocabulary_kind_words": lambda: reference_frames()["vocabulary_kind_words"],
    "programme_constants": lambda: reference_frames()["programme_constants"],
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
    documents_skipped: int = 0  # need a tool this machine lacks (Tesseract, LibreOffice)
    documents_duplicate: int = 0  # the same bytes as another file: read once, under the other name


class RunRefused(RuntimeError):
    """The run would do harm or nothing: a raw folder missing, or empty where an extraction exists."""


def run_extract(
    raw: Path,
    out: Path,
    executor: Executor | None = None,
    use_cache: bool = True,
    allow_empty: bool = False,
    document_limits: Limits = DEFAULT_LIMITS,
) -> RunSummary:
    """Extract `raw` into `out`. Records of documents read before come from the cache; new ones
    are extracted in batches, validated and stored there, so memory stays flat as folders grow.

    One run at a time per output folder (OutputBusy otherwise). A raw folder that is missing, or
    holds no document, is refused (RunRefused) rather than replacing the outputs by empty ones,
    unless `allow_empty`."""
    if not raw.is_dir():
        what = "does not exist" if not raw.exists() else "is not a folder"
        raise RunRefused(f"the raw folder {raw} {what}: give --raw the folder of your documents")
    started_at = now_iso()
    with output_lock(out), cache_folder(out, use_cache) as folder:
        cache = ExtractionCache(folder, (*CACHED_TABLES, "quarantine"))
        manifest = build_manifest(raw, lambda path: cache.sha256_of(path, file_sha256))
        if not manifest.files and not manifest.unread and not allow_empty:
            kept = " (the previous extraction is kept)" if (out / DATABASE_NAME).exists() else ""
            raise RunRefused(
                f"no documents under {raw}{kept}: put .docx, .pdf or .doc files there, or pass --allow-empty "
                "to write empty outputs"
            )
        log.info("extracting %d files from %s", len(manifest.files) + len(manifest.unread), raw)
        known = cache.stored_keys()
        todo = [f for f in manifest.files if cache_key(f.sha256) not in known]
        unread = process(todo, raw, cache, executor, document_limits)
        cache.save_index()
        database = out / DATABASE_NAME
        run = RunRow(run_id=new_run_id(), run_started_at=started_at, raw_folder=str(raw))
        save(database, cache, manifest, manifest.unread + unread, run)
        write_csvs(database, out / "csv")
        write_report(database, out / REPORT_FOLDER)
    summary = summarize(database)
    return replace(summary, documents_parsed=len(todo), documents_cached=len(manifest.files) - len(todo))


def process(
    todo: list[RawFile], raw: Path, cache: ExtractionCache, executor: Executor | None, document_limits: Limits
) -> list[DocumentRow]:
    """Extract the files the cache lacks, in batches stored as they come; the rows of documents
    that could not be read (failed, skipped) are returned, not cached: they are retried next run."""
    unread: list[DocumentRow] = []
    results = extract_all(todo, raw, executor, document_limits)
    for batch in batched(results, BATCH_SIZE):
        read = [r for r in batch if r.document.status == "ok"]
        cache.store(validate_batch(read, CACHED_TABLES, [cache_key(r.document.sha256) for r in read]))
        for result in batch:
            if result.document.status != "ok":
                level = logging.WARNING if result.document.status == "skipped" else logging.ERROR
                log.log(level, "%s: %s", result.document.source_file, result.document.error)
                unread.append(result.document)
    return unread


def save(database: Path, cache: ExtractionCache, manifest: Manifest, unread: list[DocumentRow], run: RunRow) -> None:
    """The output database: every document the cache holds for this run, under its current name,
    the rows of documents not read, the reference tables; then the checks."""
    stored = cache.stored_keys()
    readable = [f for f in manifest.files if cache_key(f.sha256) in stored]
    unread_rows, unfit = validate_rows(unread, table_spec("documents"))
    run_files = pd.DataFrame(
        {"cache_key": [cache_key(f.sha256) for f in readable], "source_file": [f.source_file for f in readable]}
    )
    write_database(
        database,
        cache.database,
        run_files,
        {
            "documents": unread_rows,
            "quarantine": pd.DataFrame(unfit, columns=table_spec("quarantine").column_names),
            "runs": validate_rows([run], table_spec("runs"))[0],
            **{name: REFERENCE_BUILDERS[name]() for name in REFERENCE_TABLES},
        },
        finish=finish_database,
    )


def finish_database(con: duckdb.DuckDBPyConnection) -> None:
    """What is computed across documents once all are loaded: editions, then the checks."""
    mark_editions(con)
    run_checks(con)


def extract_all(
    files: list[RawFile], raw: Path, executor: Executor | None = None, document_limits: Limits = DEFAULT_LIMITS
) -> Iterator[ExtractionResult]:
    """Extract every file, serially or on any concurrent.futures executor (a process pool, a Dask
    cluster's `client.get_executor()`), in order, with a progress bar on a terminal."""
    arguments = (
        [f.path for f in files],
        [raw] * len(files),
        [f.sha256 for f in files],
        [f.source_file for f in files],
        [document_limits] * len(files),
    )
    results = map(extract_document, *arguments) if executor is None else executor.map(extract_document, *arguments)
    # disable=None: the bar shows only when stderr is a terminal and there is more than one document.
    yield from tqdm(results, total=len(files), unit="doc", disable=None if len(files) > 1 else True)


def batched(items: Iterable[ExtractionResult], size: int) -> Iterator[list[ExtractionResult]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


@contextmanager
def cache_folder(out: Path, persistent: bool) -> Iterator[Path]:
    """<out>/cache, or a throw-away folder when the cache is not wanted."""
    if persistent:
        yield out / CACHE_FOLDER
        return
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out, prefix=".cache-") as folder:
        yield Path(folder)


def summarize(database: Path) -> RunSummary:
    with duckdb.connect(str(database), read_only=True) as con:
        docs = dict(con.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall())
        checks = dict(con.execute("SELECT status, count(*) FROM checks GROUP BY status").fetchall())
        counts = con.execute(
            "SELECT (SELECT count(*) FROM annex_tables), (SELECT count(*) FROM annex_cells), "
            "(SELECT count(*) FROM quarantine)"
        ).fetchone()
    tables, cells, quarantined = counts if counts else (0, 0, 0)
    return RunSummary(
        documents_ok=docs.get("ok", 0),
        documents_failed=docs.get("failed", 0),
        documents_skipped=docs.get("skipped", 0),
        documents_duplicate=docs.get("duplicate", 0),
        tables=tables,
        cells=cells,
        checks_passed=checks.get("pass", 0),
        checks_failed=checks.get("fail", 0),
        checks_warned=checks.get("warn", 0),
        quarantined=quarantined,
    )
