"""Extraction of one document: raw file -> Document -> typed records for every output table.

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

from pipeline.document import Document
from pipeline.documents import document_row, misnamed
from pipeline.errors import DocumentError, DocumentSkipped
from pipeline.limits import DEFAULT_LIMITS, LimitExceeded, Limits, enforced
from pipeline.manifest import safe_name
from pipeline.parsers.annex import parse_annex_tables
from pipeline.parsers.footnotes import parse_footnotes
from pipeline.parsers.metadata import header_statements, parse_metadata
from pipeline.parsers.narrative import parse_claims
from pipeline.parsers.references import parse_references
from pipeline.places import communes_in
from pipeline.places.gazetteer import PRE_2025
from pipeline.places.matcher import UnitMatcher
from pipeline.places.resolve import resolve_claim_units, resolve_units
from pipeline.readers.html import read_html
from pipeline.readers.pdf.reader import read_pdf
from pipeline.readers.word.doc import read_doc
from pipeline.readers.word.docx import read_docx
from pipeline.records import DocumentRow

log = logging.getLogger(__name__)
Reader = Callable[[Path, str, str], Document]
READERS: dict[str, Reader] = {"docx": read_docx, "doc": read_doc, "pdf": read_pdf, "html": read_html}


@dataclass
class ExtractionResult:
    """Every record one document contributes: its documents row, and the others keyed by table name."""

    document: DocumentRow
    records: dict[str, list[Any]] = field(default_factory=dict)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def extract_document(
    path: Path,
    raw_root: Path,
    sha256: str | None = None,
    source_file: str | None = None,
    document_limits: Limits = DEFAULT_LIMITS,
) -> ExtractionResult:
    """Read and parse one file, within `document_limits`; `sha256` and its name (`source_file`,
    relative to `raw_root`) may be passed when the caller already has them."""
    source_file = source_file or safe_name(path.relative_to(raw_root).as_posix())
    sha256 = sha256 or file_sha256(path)
    document = document_row(path, source_file, sha256)
    reader = READERS.get(document.format)
    if reader is None:
        suffix = path.suffix.lower() or path.name
        document.error = (f"unsupported file type '{suffix}': only Word (.docx, .doc), PDF and web pages (.html) "
                          "are read; convert it to one of those")  # fmt: skip
        return ExtractionResult(document)
    try:
        with enforced(document_limits):
            doc = reader(path, source_file, sha256)
            note = misnamed(path, document.format)
            if note:
                doc.read_notes.insert(0, note)
            return _parse(doc, document)
    except LimitExceeded as exc:
        document.error = str(exc)
    except DocumentSkipped as exc:
        document.status, document.error = "skipped", str(exc)
    except DocumentError as exc:
        document.error = str(exc)
    except Exception as exc:  # a bug or an input no reader foresaw: record it, keep the run going
        log.exception("unexpected error in %s", source_file)
        document.error = f"unexpected {type(exc).__name__} while reading: {exc}; please report this file"
    return ExtractionResult(document)


def _parse(doc: Document, document: DocumentRow) -> ExtractionResult:
    metadata, scope = parse_metadata(doc)
    annex = parse_annex_tables(doc, UnitMatcher(scope).level)
    notes, items = parse_footnotes(doc)
    claims = parse_claims(doc)
    references, caption_statements = parse_references(doc, metadata.doc_number)
    unit_names = (
        resolve_units([*annex.cells, *annex.rows, *annex.columns], scope, "annex", doc.doc_id)
        + resolve_units(annex.texts, scope, "annex_text", doc.doc_id)
        + resolve_units(items, scope, "footnote", doc.doc_id)
        + resolve_claim_units(claims, scope, doc.doc_id)
    )
    for name, value in vars(metadata).items():
        setattr(document, name, value)
    document.status = "ok"
    document.pages = doc.pages
    document.read_method = doc.read_method
    document.read_notes = "; ".join(doc.read_notes) or None
    document.ocr_pages = doc.ocr_pages
    document.ocr_confidence = doc.ocr_confidence
    document.n_tables = len(annex.tables)
    document.n_cells = len(annex.cells)
    if scope is not None and scope.district_code and scope.edition == PRE_2025:
        document.n_communes = communes_in(scope.district_code)
    return ExtractionResult(
        document,
        {
            "annex_tables": annex.tables,
            "annex_rows": annex.rows,
            "annex_columns": annex.columns,
            "annex_cells": annex.cells,
            "annex_texts": annex.texts,
            "footnotes": notes,
            "footnote_items": items,
            "unit_names": unit_names,
            "claims": claims,
            "doc_references": references,
            "metadata_sources": header_statements(doc.doc_id, metadata) + caption_statements,
            "skipped_tables": annex.skipped,
        },
    )
