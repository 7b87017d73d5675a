"""Without Tesseract or LibreOffice the pipeline still runs: scans and .doc files are skipped, said so."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import extract_document
from pipeline.run import run_extract
from tests.conftest import FIXTURES, SEED_DOCX
from tests.fixtures.bad_inputs import image_only_pdf

MISSING_OCR = "Tesseract is not installed (run `make system-deps`)"


def test_a_scan_is_skipped_without_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pipeline.readers.pdf.reader.ocr_status", lambda: MISSING_OCR)
    scan = image_only_pdf(tmp_path)
    result = extract_document(scan, tmp_path)
    assert result.document.status == "skipped"
    assert "no text layer on every page" in (result.document.error or "")
    assert MISSING_OCR in (result.document.error or "")


def test_a_doc_is_skipped_without_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pipeline.readers.word.doc.soffice_path", lambda: None)
    doc = FIXTURES / "units_as_rows" / "units_as_rows.doc"
    result = extract_document(doc, doc.parent)
    assert result.document.status == "skipped"
    assert "LibreOffice" in (result.document.error or "")


def test_a_run_counts_skipped_documents_apart_from_failed_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pipeline.readers.pdf.reader.ocr_status", lambda: MISSING_OCR)
    raw = tmp_path / "raw"
    raw.mkdir()
    image_only_pdf(raw)
    (raw / SEED_DOCX.name).write_bytes(SEED_DOCX.read_bytes())
    summary = run_extract(raw, tmp_path / "out")
    assert (summary.documents_ok, summary.documents_failed, summary.documents_skipped) == (1, 0, 1)
