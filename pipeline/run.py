"""The extract command end to end: raw folder -> records -> validated frames -> DuckDB -> CSVs.

Documents are extracted independently (serially, or on any concurrent.futures.Executor), then
validated, loaded and checked together. The summary counts what an analyst needs to know.
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
from typing import Any

import duckdb
import pandas as pd
from tqdm import tqdm

from pipeline.cache import ExtractionCache, cache_key
from pipeline.crosswalk import build_crosswalk
from pipeline.document import doc_id_from_sha256
from pipeline.extract import ExtractionResult, extract_document, file_sha256, format_of
from pipeline.load import write_database
from pipeline.places import admin_unit_rows
from pipeline.publish import write_csvs
from pipeline.schemas import DOCUMENT_TABLES, REFERENCE_TABLES, table_spec
from pipeline.validate import validate_batch, validate_frame
from pipeline.version import PIPELINE_VERSION

log = logging.getLogger(__name__)
DATABASE_NAME = "plans.duckdb"
CACHE_FOLDER = "cache"
BATCH_SIZE = 64  # documents validated and stored together: large enough to amortise, small enough to stay flat
CACHED_TABLES = ("documents", *DOCUMENT_TABLES)
IGNORED_NAMES = frozenset({".gitkeep", "README.md", "README.txt"})
# Reference data loaded beside the extracted tables, from the packages the project depends on.
REFERENCE_BUILDERS: dict[str, Callable[[], pd.DataFrame]] = {
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
    documents_skipped: int = 0  # need a tool this machine lacks (Tesseract, LibreOffice)


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
) -> Iterator[ExtractionResult]:
    """Extract every file, serially or on any concurrent.futures executor (a process pool, a Dask
    cluster's `client.get_executor()`), in order, with a progress bar on a terminal."""
    shas = shas if shas is not None else [None] * len(files)
    roots = [raw] * len(files)
    results = (
        map(extract_document, files, roots, shas)
        if executor is None
        else executor.map(extract_document, files, roots, shas)
    )
    # disable=None: the bar shows only when stderr is a terminal and there is more than one document.
    yield from tqdm(results, total=len(files), unit="doc", disable=None if len(files) > 1 else True)


def batched(items: Iterable[ExtractionResult], size: int) -> Iterator[list[ExtractionResult]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


@dataclass(frozen=True)
class RawFile:
    path: Path
    source_file: str
    sha256: str

    @property
    def identity(self) -> tuple[str, str]:
        """Same bytes read by the same reader: one document (an empty .pdf and .docx are two)."""
        return self.sha256, self.path.suffix.lower()


def duplicate_row(copy: RawFile, original: RawFile) -> dict[str, Any]:
    return {
        "doc_id": doc_id_from_sha256(copy.sha256),
        "source_file": copy.source_file,
        "sha256": copy.sha256,
        "format": format_of(copy.path),
        "status": "failed",
        "error": f"same file as {original.source_file} (identical sha256); extracted once, under that name",
        "pipeline_version": PIPELINE_VERSION,
    }


def run_extract(raw: Path, out: Path, executor: Executor | None = None, use_cache: bool = True) -> RunSummary:
    """Extract `raw` into `out`. Records of documents read before come from the cache; new ones
    are extracted in batches, validated and stored there, so memory stays flat as folders grow."""
    paths = list_raw_files(raw)
    log.info("extracting %d files from %s", len(paths), raw)
    with cache_folder(out, use_cache) as folder:
        cache = ExtractionCache(folder, (*CACHED_TABLES, "quarantine"))
        files = [RawFile(p, p.relative_to(raw).as_posix(), cache.sha256_of(p, file_sha256)) for p in paths]
        primary: dict[tuple[str, str], RawFile] = {}
        extra_documents: list[dict[str, Any]] = []
        for file in files:
            if file.identity in primary:
                extra_documents.append(duplicate_row(file, primary[file.identity]))
            else:
                primary[file.identity] = file
        known = cache.stored_keys()
        todo = [f for f in primary.values() if cache_key(f.sha256) not in known]
        results = extract_all([f.path for f in todo], raw, executor, [f.sha256 for f in todo])
        for batch in batched(results, BATCH_SIZE):
            read = [r for r in batch if r.document["status"] == "ok"]
            cache.store(validate_batch(read, CACHED_TABLES, [cache_key(r.document["sha256"]) for r in read]))
            for result in batch:
                if result.document["status"] != "ok":
                    level = logging.WARNING if result.document["status"] == "skipped" else logging.ERROR
                    log.log(level, "%s: %s", result.document["source_file"], result.document.get("error"))
                    extra_documents.append(result.document)
        cache.save_index()
        stored = cache.stored_keys()
        readable = [f for f in primary.values() if cache_key(f.sha256) in stored]
        database = out / DATABASE_NAME
        failed_documents, unfit = validate_frame(pd.DataFrame(extra_documents), table_spec("documents"))
        write_database(
            database,
            cache.database,
            pd.DataFrame(
                {"cache_key": [cache_key(f.sha256) for f in readable], "source_file": [f.source_file for f in readable]}
            ),
            {
                "documents": failed_documents,
                "quarantine": pd.DataFrame(unfit, columns=table_spec("quarantine").column_names),
                **{name: REFERENCE_BUILDERS[name]() for name in REFERENCE_TABLES},
            },
        )
    write_csvs(database, out / "csv")
    summary = summarize(database)
    return replace(summary, documents_parsed=len(todo), documents_cached=len(primary) - len(todo))


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
        tables=tables,
        cells=cells,
        checks_passed=checks.get("pass", 0),
        checks_failed=checks.get("fail", 0),
        checks_warned=checks.get("warn", 0),
        quarantined=quarantined,
    )
