"""A run never loses, doubles or invents data, and never runs wild (issue 18).

Each test builds one bad input or situation beside the seed's good documents and shows: the good
documents complete and exactly once, the documented exit code, a message that says what is wrong.
"""

from __future__ import annotations

import csv
import fcntl
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline.cache import ExtractionCache
from pipeline.cli import EXIT_BUSY, EXIT_CHECKS_FAILED, EXIT_DOCUMENTS_FAILED, EXIT_OK, EXIT_USAGE
from pipeline.outputs import LOCK_NAME, csv_run_id, database_run_id
from pipeline.places import Scope, load_gazetteer, resolve_name
from pipeline.readers.libreoffice import soffice_path
from pipeline.readers.scan.ocr import ocr_status
from pipeline.readers.word.docx import MAX_COLUMNS, read_docx
from pipeline.run import CACHE_FOLDER, DATABASE_NAME, run_extract
from pipeline.schemas import table_spec
from tests.conftest import FIXTURES, SEED_DOCX, SEED_PDF
from tests.fixtures import trust_inputs as inputs

SEED_CELLS = 46  # annex cells of the seed, in its DOCX and in its PDF
GOOD_EXIT = (EXIT_OK, EXIT_CHECKS_FAILED)
REAL_DOC = next((FIXTURES / "real" / "dev").glob("*/*.doc"), None)


def run_cli(*args: str | Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pipeline", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def query(out: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(out / DATABASE_NAME), read_only=True) as con:
        return con.execute(sql).fetchall()


def seed_cells_by_file(out: Path) -> dict[str, int]:
    """Annex cells of each document read, by file: the good documents' data, counted once."""
    rows = query(out, "SELECT d.source_file, count(c.doc_id) FROM documents d LEFT JOIN annex_cells c USING (doc_id) "
                      "WHERE d.status = 'ok' GROUP BY 1")  # fmt: skip
    return {str(name): int(str(count)) for name, count in rows}


def statuses(out: Path) -> dict[str, tuple[str, str | None]]:
    return {str(f): (str(s), e if e is None else str(e)) for f, s, e in query(
        out, "SELECT source_file, status, error FROM documents")}  # fmt: skip


# --- 1. killed while storing the cache ---------------------------------------------------------


def test_a_batch_stored_halfway_leaves_no_key_and_no_rows(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path / "cache", ("documents", "footnotes"))
    documents = pd.DataFrame({"doc_id": ["d" * 16], "source_file": ["a.docx"], "sha256": ["a" * 64],
                              "format": ["docx"], "status": ["ok"], "cache_key": ["k1"]})  # fmt: skip
    broken = pd.DataFrame({"no_such_column": [1], "cache_key": ["k1"]})  # fails after documents is inserted
    with pytest.raises(duckdb.Error):
        cache.store({"documents": documents, "footnotes": broken})
    assert cache.stored_keys() == set()  # nothing half-stored: the document is read again next run
    cache.store({"documents": documents})
    cache.store({"documents": documents})  # a racing run storing the same document again
    with duckdb.connect(str(cache.database), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone() == (1,)


# --- 2. overlapping runs on one output folder --------------------------------------------------


def test_a_second_run_on_a_busy_output_folder_stops_with_exit_6(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    inputs.copy_seed(raw, pdf=False)
    out.mkdir()
    with (out / LOCK_NAME).open("a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another run holds the folder
        result = run_cli("extract", "--raw", raw, "--out", out)
    assert result.returncode == EXIT_BUSY
    assert "another run" in result.stderr and "is writing" in result.stderr
    assert not (out / DATABASE_NAME).exists()
    assert run_cli("extract", "--raw", raw, "--out", out).returncode in GOOD_EXIT  # free again


def test_runs_started_together_store_every_document_once(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    inputs.copy_seed(raw)
    command = [sys.executable, "-m", "pipeline", "extract", "--raw", str(raw), "--out", str(out)]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(0.5)
    second = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    codes = sorted([first.wait(timeout=600), second.wait(timeout=600)])
    assert codes in ([EXIT_OK, EXIT_BUSY], [EXIT_OK, EXIT_OK])  # one waits its turn, or finds the work done
    assert seed_cells_by_file(out) == {SEED_DOCX.name: SEED_CELLS, SEED_PDF.name: SEED_CELLS}
    with duckdb.connect(str(out / CACHE_FOLDER / "extractions.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*), count(DISTINCT cache_key) FROM documents").fetchone() == (2, 2)


# --- 3. the same bytes under two suffixes ------------------------------------------------------


def test_the_same_bytes_under_other_suffixes_are_one_document(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    inputs.copy_seed(raw)
    shutil.copy(SEED_PDF, raw / "ban-sao.docx")  # a PDF copied under a Word name
    shutil.copy(SEED_DOCX, raw / "ban-sao-2.doc")  # a DOCX also saved as .doc
    result = run_cli("extract", "--raw", raw, "--out", out)
    assert result.returncode == EXIT_OK, result.stdout + result.stderr
    assert "2 duplicates" in result.stdout
    found = statuses(out)
    for twins in (("ban-sao.docx", SEED_PDF.name), ("ban-sao-2.doc", SEED_DOCX.name)):
        # The first name in order is read; the other names it.
        (read, _), (copy, why) = sorted((found[name] for name in twins), key=lambda pair: pair[0] != "ok")
        assert (read, copy) == ("ok", "duplicate") and "same file as" in str(why)
    assert sum(count for count in seed_cells_by_file(out).values()) == 2 * SEED_CELLS


def test_a_misnamed_file_is_read_as_what_it_is(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(SEED_PDF, raw / "ke-hoach.docx")
    assert run_cli("extract", "--raw", raw, "--out", out).returncode == EXIT_OK
    ((fmt, status, notes),) = query(out, "SELECT format, status, read_notes FROM documents")
    assert (fmt, status) == ("pdf", "ok")
    assert "named .docx, but it is a PDF file: read as one" in str(notes)
    assert seed_cells_by_file(out) == {"ke-hoach.docx": SEED_CELLS}


# --- 4. a missing, mistyped or empty --raw -----------------------------------------------------


def test_a_missing_or_empty_raw_folder_keeps_the_previous_outputs(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    inputs.copy_seed(raw, pdf=False)
    assert run_cli("extract", "--raw", raw, "--out", out).returncode == EXIT_OK
    database, cells_csv = (out / DATABASE_NAME).read_bytes(), (out / "csv" / "annex_cells.csv").read_bytes()
    missing = run_cli("extract", "--raw", tmp_path / "rwa", "--out", out)
    assert missing.returncode == EXIT_USAGE and "does not exist" in missing.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "README.md").write_text("notes only")
    refused = run_cli("extract", "--raw", empty, "--out", out)
    assert refused.returncode == EXIT_USAGE
    assert "no documents under" in refused.stderr and "previous extraction is kept" in refused.stderr
    assert (out / DATABASE_NAME).read_bytes() == database
    assert (out / "csv" / "annex_cells.csv").read_bytes() == cells_csv
    allowed = run_cli("extract", "--raw", empty, "--out", out, "--allow-empty")
    assert allowed.returncode == EXIT_OK
    assert query(out, "SELECT count(*) FROM documents") == [(0,)]


# --- 5. duplicates and editions ----------------------------------------------------------------


def test_checks_count_a_copied_document_once(tmp_path: Path) -> None:
    plain, copied = tmp_path / "plain", tmp_path / "copied"
    inputs.copy_seed(plain / "raw", pdf=False)
    inputs.copy_seed(copied / "raw", pdf=False)
    shutil.copy(SEED_DOCX, copied / "raw" / "ban-sao.docx")
    for folder in (plain, copied):
        run_extract(folder / "raw", folder / "out")
    sql = "SELECT check_name, status, expected, actual FROM checks ORDER BY ALL"
    assert query(copied / "out", sql) == query(plain / "out", sql)
    assert query(copied / "out", "SELECT count(*) FROM checks WHERE status = 'fail'") == [(0,)]


def test_the_docx_and_pdf_of_one_plan_are_editions_with_one_primary(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    inputs.copy_seed(raw)
    shutil.copy(SEED_DOCX, raw / "ban-sao.docx")
    run_extract(raw, out)
    editions = query(out, "SELECT source_file, status, plan_id, is_primary_edition FROM documents ORDER BY 1")
    plans = {plan for _f, status, plan, _p in editions if status == "ok"}
    assert len(plans) == 1  # the DOCX and the PDF: one plan
    primary = [(f, status) for f, status, _plan, is_primary in editions if is_primary]
    assert len(primary) == 1 and primary[0][0].endswith(".docx")  # a DOCX before a PDF; the copy is no edition
    once = query(out, "SELECT count(*) FROM annex_cells JOIN documents USING (doc_id) WHERE is_primary_edition")
    assert once == [(SEED_CELLS,)]


# --- 6. killed between the database and the CSVs -----------------------------------------------


def test_csvs_of_another_run_are_detected_and_rewritten(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    inputs.copy_seed(raw, pdf=False)
    run_extract(raw, out)
    old_csv = tmp_path / "old-csv"
    shutil.copytree(out / "csv", old_csv)
    shutil.copy(SEED_PDF, raw)
    run_extract(raw, out)
    assert database_run_id(out / DATABASE_NAME) == csv_run_id(out / "csv")
    shutil.rmtree(out / "csv")
    shutil.copytree(old_csv, out / "csv")  # as if killed after the database was swapped in
    assert database_run_id(out / DATABASE_NAME) != csv_run_id(out / "csv")
    result = run_cli("check", "--out", out)
    assert result.returncode == EXIT_OK
    assert "is not from the run that wrote" in result.stderr
    assert database_run_id(out / DATABASE_NAME) == csv_run_id(out / "csv")
    with (out / "csv" / "annex_cells.csv").open(encoding="utf-8") as handle:
        assert sum(1 for _ in csv.DictReader(handle)) == 2 * SEED_CELLS


# --- 7. a gridSpan of millions ------------------------------------------------------------------


@pytest.mark.parametrize("span", [5_000_000, 2_000_000_000])
def test_a_huge_grid_span_is_clipped_to_the_table(tmp_path: Path, span: int) -> None:
    path = inputs.huge_grid_span_docx(tmp_path, span)
    document = read_docx(path, path.name, "0" * 64)
    assert max(table.n_cols for table in document.tables) <= MAX_COLUMNS
    for table in document.tables:
        assert table.cell_at(0, 0) is not None or table.n_rows == 0  # the slot index stays small
    raw, out = tmp_path / "raw", tmp_path / "out"
    inputs.copy_seed(raw, pdf=False)
    shutil.move(path, raw / path.name)
    run_extract(raw, out)
    assert statuses(out)[path.name][0] == "ok"
    assert seed_cells_by_file(out)[SEED_DOCX.name] == SEED_CELLS


# --- 8. runaway inputs: pages, pixels, time -----------------------------------------------------


def test_limits_fail_the_document_that_exceeds_them_and_nothing_else(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    inputs.copy_seed(raw)
    inputs.blank_pdf(raw, pages=30)
    result = run_cli("extract", "--raw", raw, "--out", out, "--max-pages", 20)
    assert result.returncode == EXIT_DOCUMENTS_FAILED
    status, error = statuses(out)["blank-30-pages.pdf"]
    assert status == "failed" and "30 pages, more than the limit of 20 (--max-pages)" in str(error)
    assert seed_cells_by_file(out) == {SEED_DOCX.name: SEED_CELLS, SEED_PDF.name: SEED_CELLS}


@pytest.mark.skipif(ocr_status() is not None, reason="a page is rendered only to be OCR'd: needs Tesseract")
def test_a_giant_page_is_refused_before_it_is_rendered(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    inputs.copy_seed(raw, pdf=False)
    inputs.blank_pdf(raw, pages=1, size_pt=14_000, name="giant-page.pdf")  # 200 inches: gigapixels at 300 dpi
    run_extract(raw, out)
    status, error = statuses(out)["giant-page.pdf"]
    assert status == "failed" and "megapixels, more than the limit of" in str(error)
    assert "(--max-page-megapixels)" in str(error)
    assert seed_cells_by_file(out) == {SEED_DOCX.name: SEED_CELLS}


@pytest.mark.skipif(ocr_status() is not None, reason="the slow document is a scan: needs Tesseract")
def test_a_document_past_its_time_fails_and_the_run_goes_on(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    inputs.copy_seed(raw, pdf=False)
    scan = next((FIXTURES / "real" / "dev").glob("*scan*/*.pdf"))
    shutil.copy(scan, raw / "slow-scan.pdf")
    result = run_cli("extract", "--raw", raw, "--out", out, "--max-seconds", 2)
    assert result.returncode == EXIT_DOCUMENTS_FAILED
    status, error = statuses(out)["slow-scan.pdf"]
    assert status == "failed" and "longer than the limit of 2 s per document (--max-seconds)" in str(error)
    assert seed_cells_by_file(out) == {SEED_DOCX.name: SEED_CELLS}


# --- 9. odd file names --------------------------------------------------------------------------


def test_a_name_in_cp1258_bytes_is_kept_escaped(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    inputs.cp1258_named_copy(raw)
    shutil.copy(SEED_PDF, raw)
    result = run_cli("extract", "--raw", raw, "--out", out)
    assert result.returncode == EXIT_OK, result.stderr
    names = set(statuses(out))
    assert "Me\\xcco Va\\xf2c 30.docx" in names
    assert sum(seed_cells_by_file(out).values()) == 2 * SEED_CELLS
    with (out / "csv" / "documents.csv").open(encoding="utf-8") as handle:  # the CSV is valid UTF-8
        assert len(list(csv.DictReader(handle))) == 2


@pytest.mark.skipif(soffice_path() is None or REAL_DOC is None, reason="a .doc is read through LibreOffice")
def test_a_name_beginning_with_a_dash_is_no_option(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    assert REAL_DOC is not None
    shutil.copy(REAL_DOC, raw / "--version.doc")
    run_extract(raw, out)
    status, error = statuses(out)["--version.doc"]
    assert status == "ok", error
    assert query(out, "SELECT n_tables > 0 FROM documents") == [(True,)]


# --- 10. symbolic links ---------------------------------------------------------------------------


def test_a_symbolic_link_is_not_followed(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    inputs.copy_seed(raw, pdf=False)
    secret = tmp_path / "outside.docx"
    shutil.copy(SEED_DOCX, secret)  # a readable document, outside raw/: still not to be read
    os.symlink(secret, raw / "x.docx")
    os.symlink("/etc/passwd", raw / "y.doc")
    result = run_cli("extract", "--raw", raw, "--out", out)
    assert result.returncode == EXIT_DOCUMENTS_FAILED
    found = statuses(out)
    for link in ("x.docx", "y.doc"):
        assert found[link][0] == "failed" and "a symbolic link" in str(found[link][1])
    assert seed_cells_by_file(out) == {SEED_DOCX.name: SEED_CELLS}


# --- 11. a web page saved as .doc -----------------------------------------------------------------


def test_a_web_page_saved_as_doc_is_read_without_fetching_anything(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    inputs.copy_seed(raw, pdf=False)
    page = inputs.portal_page_as_doc(raw)
    run_extract(raw, out)
    ((fmt, status, method, notes),) = query(
        out, f"SELECT format, status, read_method, read_notes FROM documents WHERE source_file = '{page.name}'"
    )
    assert (fmt, status) == ("html", "ok")
    assert "named .doc, but it is a HTML file" in str(notes) and "without loading what it links to" in str(notes)
    assert method != "converted"  # never handed to LibreOffice
    figures = query(
        out,
        "SELECT unit_name_raw, value FROM annex_cells JOIN documents d USING (doc_id) "
        f"WHERE d.source_file = '{page.name}' AND row_path = '2' AND NOT is_total ORDER BY 1",
    )
    assert figures == [("Pả Vi", 10.0), ("Sơn Vĩ", 20.0), ("Xín Cái", 30.0)]
    assert seed_cells_by_file(out)[SEED_DOCX.name] == SEED_CELLS


# --- 12. lock files and notes ---------------------------------------------------------------------


def test_lock_files_and_notes_are_no_documents(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    inputs.copy_seed(raw, pdf=False)
    (raw / "~$o-vac-30.docx").write_bytes(b"\x00" * 162)  # Word's owner file beside an open document
    (raw / "ghi-chu.txt").write_text("hỏi lại phòng Nông nghiệp", encoding="utf-8")
    (raw / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    result = run_cli("-v", "extract", "--raw", raw, "--out", out)
    assert result.returncode == EXIT_OK, result.stderr
    assert set(statuses(out)) == {SEED_DOCX.name}
    assert "left out 3 files that are no documents" in result.stderr


# --- 13. malformed numbers ------------------------------------------------------------------------


def test_unusual_numbers_are_read_and_flagged_never_dropped(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    inputs.odd_numbers_docx(raw)
    run_extract(raw, out)
    cells = {(r, u): (v, n) for r, u, v, n in query(
        out, "SELECT row_path, unit_name_raw, value, value_notation FROM annex_cells WHERE NOT is_total")}  # fmt: skip
    warnings = query(out, "SELECT check_name, row_path, detail FROM checks WHERE status = 'warn'")
    for (row_path, commune), (text, value, notation) in inputs.ODD_NUMBERS.items():
        if value is None:  # not a number: kept as text and warned about
            assert (row_path, commune) not in cells
            assert any(name == "figure_texts" and f'"{text}"' in detail for name, _r, detail in warnings), text
        else:
            assert cells[(row_path, commune)] == (value, notation)
            assert any(name == "number_notation" and f'"{text}"' in detail for name, _r, detail in warnings), text
    texts = query(out, "SELECT text FROM annex_texts WHERE column_role = 'value'")
    assert ("4e0",) in texts


def test_value_notations_are_the_schema_s() -> None:
    allowed = next(c.allowed for c in table_spec("annex_cells").columns if c.name == "value_notation")
    assert {"space_thousands", "other_digits"} <= set(allowed or ())


# --- 14. places matched to the wrong commune ------------------------------------------------------


def test_a_name_a_letter_longer_is_not_fuzzy_matched_to_another_commune() -> None:
    gazetteer = load_gazetteer()
    ha_tinh = next(u for u in gazetteer.by_code.values() if u.level == "province" and u.name == "Hà Tĩnh")
    can_loc = next(u for u in gazetteer.districts_of(ha_tinh.code) if u.name == "Can Lộc")
    resolution = resolve_name("Tiên Lộc", Scope(ha_tinh.code, can_loc.code))  # an OCR'd 'Tiến Lộc'
    assert (resolution.unit_code, resolution.method) == (None, "unresolved")
    assert "Xã Thiên Lộc" in resolution.candidates  # named as a candidate, not taken
    assert resolve_name("Thiên Lôc", Scope(ha_tinh.code, can_loc.code)).official_name == "Thiên Lộc"


# --- 15. small but visible ------------------------------------------------------------------------


def test_unusable_output_paths_get_a_sentence_not_a_traceback(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    inputs.copy_seed(raw, pdf=False)
    a_file = tmp_path / "out.txt"
    a_file.write_text("not a folder")
    for out, words in ((a_file, "is a file, not a folder"), (Path("/proc/pipeline-out"), "cannot create")):
        result = run_cli("extract", "--raw", raw, "--out", out)
        assert result.returncode == EXIT_USAGE, result.stderr
        assert words in result.stderr and "Traceback" not in result.stderr
    quoted = tmp_path / "Hà Giang's plans"
    result = run_cli("extract", "--raw", raw, "--out", quoted)
    assert result.returncode == EXIT_OK, result.stderr
    assert run_cli("publish", "--out", quoted).returncode == EXIT_OK
    assert seed_cells_by_file(quoted) == {SEED_DOCX.name: SEED_CELLS}


def test_published_csvs_never_hold_a_formula(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    planted = raw / "formula.docx"
    shutil.copy(SEED_DOCX, planted)
    inputs.set_first_footnote_text(planted, '=HYPERLINK("http://192.0.2.1","bấm")')
    run_extract(raw, out)
    assert run_cli("publish", "--out", out).returncode == EXIT_OK
    published = (out / "publish" / "footnotes.csv").read_text(encoding="utf-8-sig")
    working = (out / "csv" / "footnotes.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(" in published and ",=HYPERLINK(" not in published.replace('"', "")
    assert "=HYPERLINK(" in working  # the working copy keeps the text as printed
    for line in csv.reader(published.splitlines()):
        assert not any(cell[:1] in "=+@" for cell in line if cell and not _is_number(cell))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_footnotes_behind_an_external_link_are_said_to_be_missing(tmp_path: Path) -> None:
    path = inputs.external_footnotes_docx(tmp_path)
    document = read_docx(path, path.name, "0" * 64)
    assert document.footnotes == [] or all(not f.text for f in document.footnotes)
    assert any("footnotes are an external link" in note for note in document.read_notes)
    with zipfile.ZipFile(path) as package:
        assert "http://192.0.2.1/footnotes.xml" in package.read("word/_rels/document.xml.rels").decode()
