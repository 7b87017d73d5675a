"""A raw folder mixing the seed with broken and hostile files: one clear failed row per bad file,
the seed's tables complete, nothing lost when a run is killed, reruns incremental and parallel."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import duckdb
import pytest

from pipeline.readers.scan.ocr import ocr_status
from pipeline.run import DATABASE_NAME, run_extract
from tests.conftest import FIXTURES, SEED_DOCX, SEED_PDF, generated_fixtures
from tests.fixtures.bad_inputs import BAD_INPUTS, docx_without_annex

EXPECTED_ERRORS = {
    "truncated.pdf": "damaged, truncated",
    "corrupt.pdf": "not a PDF",
    "encrypted.pdf": "encrypted",
    "not-a-zip.docx": "not a valid DOCX",
    "no-main-part.docx": "no word/document.xml",
    "empty.docx": "not a valid DOCX",
    "empty.pdf": "empty (0 bytes)",
    "budget.xlsx": "unsupported file type",
    "deep.docx": "nested too deeply",
    "bomb.docx": "zip bomb",
}


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mixed")
    raw = folder / "raw"
    raw.mkdir()
    for path in (SEED_DOCX, SEED_PDF):
        shutil.copy(path, raw / path.name)
    for build in BAD_INPUTS.values():
        build(raw)
    docx_without_annex(raw)
    return folder


def test_each_bad_file_fails_alone_with_a_clear_error(mixed_folder: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "extract",
            "--raw",
            str(mixed_folder / "raw"),
            "--out",
            str(mixed_folder / "out"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 3, result.stderr  # some documents failed
    with duckdb.connect(str(mixed_folder / "out" / DATABASE_NAME), read_only=True) as con:
        rows = dict(con.execute("SELECT source_file, coalesce(error, status) FROM documents").fetchall())
        seed_cells = con.execute(
            "SELECT d.format, count(*) FROM annex_cells c JOIN documents d USING (doc_id) WHERE d.status = 'ok' "
            "GROUP BY 1 ORDER BY 1"
        ).fetchall()
        no_annex = con.execute("SELECT status, n_tables FROM documents WHERE source_file = 'no-annex.docx'").fetchone()
    for name, words in EXPECTED_ERRORS.items():
        assert words in rows[name], (name, rows[name])
    assert rows["meo-vac-30-CTr-HU-2022.pdf"] == "ok"
    # A scan is read by OCR where Tesseract is installed, and skipped (not failed) where it is not.
    assert rows["scan.pdf"] == ("ok" if ocr_status() is None else rows["scan.pdf"])
    assert ocr_status() is None or "OCR cannot run" in rows["scan.pdf"]
    # The same bytes under two names: read once (the first in order), the other points to it.
    twins = sorted([rows["copy-of-seed.docx"], rows["meo-vac-30-CTr-HU-2022.docx"]])
    assert twins[0] == "ok" and twins[1].startswith("same file as copy-of-seed.docx")
    assert seed_cells == [("docx", 46), ("pdf", 46)]
    assert no_annex == ("ok", 0)


def test_killed_run_leaves_the_previous_outputs_intact(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(SEED_DOCX, raw)
    run_extract(raw, out)
    database = out / DATABASE_NAME
    before = database.read_bytes()
    csv_before = (out / "csv" / "annex_cells.csv").read_bytes()
    pdfs = [*generated_fixtures(".pdf"), SEED_PDF]
    for pdf in pdfs:
        shutil.copy(pdf, raw / pdf.name)
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "extract", "--raw", str(raw), "--out", str(out), "--no-cache"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(2.5)  # killed while reading the PDFs, before anything is renamed into place
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert database.read_bytes() == before
    assert (out / "csv" / "annex_cells.csv").read_bytes() == csv_before
    with duckdb.connect(str(database), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM annex_cells").fetchone() == (46,)
    summary = run_extract(raw, out)  # the next run cleans up and completes
    assert summary.documents_ok == 1 + len(pdfs)
    assert not list(out.glob(".*.tmp"))


def test_reruns_are_incremental_and_idempotent(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    for path in (SEED_DOCX, SEED_PDF):
        shutil.copy(path, raw / path.name)
    first = run_extract(raw, out)
    tables_first = _dump(out)
    second = run_extract(raw, out)
    assert (first.documents_parsed, second.documents_parsed, second.documents_cached) == (2, 0, 2)
    assert _dump(out) == tables_first
    (raw / "meo-vac-30-CTr-HU-2022.docx").write_bytes((FIXTURES / "seed_like" / "seed_like.docx").read_bytes())
    third = run_extract(raw, out)
    assert (third.documents_parsed, third.documents_cached) == (1, 1)


def _dump(out: Path) -> dict[str, list[tuple[object, ...]]]:
    with duckdb.connect(str(out / DATABASE_NAME), read_only=True) as con:
        return {
            name: con.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall()
            for name in ("documents", "annex_cells", "footnote_items", "claims", "checks")
        }


def test_process_pool_and_dask_give_the_tables_of_a_serial_run(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    raw = tmp_path / "raw"
    raw.mkdir()
    for path in [SEED_DOCX, SEED_PDF, *generated_fixtures(".docx")]:
        shutil.copy(path, raw / path.name)
    run_extract(raw, tmp_path / "serial", use_cache=False)
    with ProcessPoolExecutor(max_workers=2) as pool:
        run_extract(raw, tmp_path / "pool", pool, use_cache=False)
    with (
        LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        run_extract(raw, tmp_path / "dask", client.get_executor(), use_cache=False)
    serial = _dump(tmp_path / "serial")
    assert _dump(tmp_path / "pool") == serial
    assert _dump(tmp_path / "dask") == serial
