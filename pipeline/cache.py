"""Extraction cache: one JSON file per document, keyed by its sha256 and the code that read it.

A rerun with nothing changed parses nothing; changing one document re-parses only that one;
changing the pipeline's readers or parsers (or its version) invalidates every entry. A small index
remembers each file's size and modification time, so unchanged files are not even hashed again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.extract import ExtractionResult
from pipeline.version import PIPELINE_VERSION

log = logging.getLogger(__name__)
PACKAGE = Path(__file__).resolve().parent
INDEX_NAME = "index.json"


@cache
def code_fingerprint() -> str:
    """Version plus a hash of every module that turns a file into records (not the checks: those
    run on the database every time)."""
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    for path in sorted((PACKAGE.parent / "schemas").rglob("*.csv")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class ExtractionCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.index_path = folder / INDEX_NAME
        self.index: dict[str, list[Any]] = self._load_index()

    def _load_index(self) -> dict[str, list[Any]]:
        try:
            data = json.loads(self.index_path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def sha256_of(self, path: Path, file_sha256: Any) -> str:
        """The file's sha256, from the index when its size and modification time are unchanged."""
        stat = path.stat()
        key = str(path.resolve())
        known = self.index.get(key)
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            return str(known[2])
        sha = str(file_sha256(path))
        self.index[key] = [stat.st_size, stat.st_mtime_ns, sha]
        return sha

    def _entry(self, sha256: str) -> Path:
        return self.folder / f"{sha256}-{code_fingerprint()}.json"

    def get(self, sha256: str, source_file: str) -> ExtractionResult | None:
        try:
            data = json.loads(self._entry(sha256).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        result = ExtractionResult(document=data["document"], records=data["records"])
        # The same bytes may sit under another name this time.
        result.document["source_file"] = source_file
        for records in result.records.values():
            for record in records:
                if "source_file" in record:
                    record["source_file"] = source_file
        return result

    def put(self, result: ExtractionResult) -> None:
        """Store a successful extraction (failures are retried next run: the fix may be outside the file)."""
        if result.document.get("status") != "ok":
            return
        entry = self._entry(result.document["sha256"])
        temporary = entry.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(asdict(result), ensure_ascii=False, default=str), encoding="utf-8")
        temporary.replace(entry)

    def save_index(self) -> None:
        temporary = self.index_path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(self.index), encoding="utf-8")
        temporary.replace(self.index_path)
