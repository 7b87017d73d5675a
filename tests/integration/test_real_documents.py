"""Real documents (tests/fixtures/real and real/dev) against their hand transcriptions: every
born-digital one extracts its tables at a cell F1 of at least 0.99 (benchmarks.real_documents
prints the whole table, scans included)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from benchmarks.real_documents import real_documents
from tests.conftest import extract_folder
from tests.transcriptions import score_document

DOCUMENTS = real_documents()
# Born digital: a DOCX, a legacy .doc, and the PDFs whose text layer is the document's own.
BORN_DIGITAL = [d for d in DOCUMENTS if d.suffix in (".docx", ".doc") or d.name.startswith("laocai_")]
MIN_F1 = 0.99


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return extract_folder(BORN_DIGITAL, tmp_path_factory.mktemp("real"))


@pytest.mark.parametrize("document", BORN_DIGITAL, ids=lambda p: p.name)
def test_born_digital_documents_extract_their_transcribed_tables(
    real: duckdb.DuckDBPyConnection, document: Path
) -> None:
    score = score_document(real, document.name, DOCUMENTS[document])
    assert score.f1 >= MIN_F1, score


def test_every_real_document_with_a_table_has_its_transcriptions() -> None:
    assert sum(1 for tables in DOCUMENTS.values() if tables) >= 7
