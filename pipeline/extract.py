"""Extraction of one document: raw file -> Document -> tidy records for every output table.

`extract_document` never raises for a bad document: it returns a `documents` row with status
failed and an error that says what is wrong, so a run over many files always goes on.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.document import Document, doc_id_from_sha256
from pipeline.errors import DocumentError, DocumentSkipped
from pipeline.parsers.annex import parse_annex_tables
from pipeline.parsers.footnotes import parse_footnotes
from pipeline.parsers.metadata import header_statements, parse_metadata
from pipeline.parsers.narrative import parse_claims
from pipeline.parsers.references import parse_references
from pipeline.places import communes_in
from pipeline.readers.doc import read_doc
from pipeline.readers.docx import read_docx
from pipeline.readers.pdf import read_pdf
from pipeline.units import resolve_claim_units, resolve_units
from pipeline.version import PIPELINE_VERSION

log = logging.getLogger(__name__)
Reader = Callable[[Path, str, str], Document]
READERS: dict[str, tuple[str, Reader]] = {
    ".docx": ("docx", read_docx),
    ".doc": ("doc", read_doc),
    ".pdf": ("pdf", read_pdf),
}
UNSUPPORTED_HINTS: dict[str, str] = {}


@dataclass
class ExtractionResult:
    """Every record one document contributes, keyed by output table name."""

    document: dict[str, Any]
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def format_of(path: Path) -> str:
    """The format a file is read as, from its extension: docx, pdf, or unknown."""
    return READERS[path.suffix.lower()][0] if path.suffix.lower() in READERS else "unknown"


def extract_document(path: Path, raw_root: Path, sha256: str | None = None) -> ExtractionResult:
    """Read and parse one file; `sha256` may be passed when the caller already hashed it."""
    source_file = path.relative_to(raw_root).as_posix()
    sha256 = sha256 or file_sha256(path)
    suffix = path.suffix.lower()
    document: dict[str, Any] = {
        "doc_id": doc_id_from_sha256(sha256),
        "source_file": source_file,
        "sha256": sha256,
        "format": format_of(path),
        "status": "failed",
        "pipeline_version": PIPELINE_VERSION,
    }
    if suffix not in READERS:
        hint = UNSUPPORTED_HINTS.get(suffix, "only .docx, .doc and .pdf files are read; convert it to one of those")
        document["error"] = f"unsupported file type '{suffix or path.name}': {hint}"
        return ExtractionResult(document)
    try:
        doc = READERS[suffix][1](path, source_file, sha256)
        return _parse(doc, document)
    except DocumentSkipped as exc:
        document["status"], document["error"] = "skipped", str(exc)
    except DocumentError as exc:
        document["error"] = str(exc)
    except Exception as exc:  # a bug or an input no reader foresaw: record it, keep the run going
        log.exception("unexpected error in %s", source_file)
        document["error"] = f"unexpected {type(exc).__name__} while reading: {exc}; please report this file"
    return ExtractionResult(document)


def _parse(doc: Document, document: dict[str, Any]) -> ExtractionResult:
    metadata, scope = parse_metadata(doc)
    tables, cells, texts = parse_annex_tables(doc)
    notes, items = parse_footnotes(doc)
    claims = parse_claims(doc)
    references, caption_statements = parse_references(doc, metadata["doc_number"])
    unit_names = (
        resolve_units(cells, scope, "annex", doc.doc_id)
        + resolve_units(texts, scope, "annex_text", doc.doc_id)
        + resolve_units(items, scope, "footnote", doc.doc_id)
        + resolve_claim_units(claims, scope, doc.doc_id)
    )
    for cell in cells:
        cell["pipeline_version"] = PIPELINE_VERSION
    document.update(metadata)
    document.update(
        {
            "status": "ok",
            "pages": doc.pages,
            "read_method": doc.read_method,
            "read_notes": "; ".join(doc.read_notes) or None,
            "ocr_pages": doc.ocr_pages,
            "ocr_confidence": doc.ocr_confidence,
            "n_tables": len(tables),
            "n_cells": len(cells),
            "n_communes": communes_in(scope.district_code) if scope and scope.district_code else None,
        }
    )
    return ExtractionResult(
        document,
        {
            "annex_tables": tables,
            "annex_cells": cells,
            "annex_texts": texts,
            "footnotes": notes,
            "footnote_items": items,
            "unit_names": unit_names,
            "claims": claims,
            "doc_references": references,
            "metadata_sources": header_statements(doc.doc_id, metadata) + caption_statements,
        },
    )
