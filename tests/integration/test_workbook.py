"""The Excel workbook of publish/: a sheet per table and one explaining the columns, codes kept as
text, figures as numbers with Vietnamese-friendly formats, the header frozen and filtered."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from pipeline.report import HTML_NAME
from pipeline.schemas import TABLE_ORDER, table_spec
from pipeline.workbook import GUIDE_SHEET, SHEET_NAME_LIMIT, WORKBOOK_NAME, sheet_name


@pytest.fixture(scope="module")
def publish_run(seed_folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "publish", "--out", str(seed_folder / "out")],
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def workbook(seed_folder: Path, publish_run: subprocess.CompletedProcess[str]) -> Workbook:
    assert publish_run.returncode == 0, publish_run.stderr
    return openpyxl.load_workbook(seed_folder / "out" / "publish" / WORKBOOK_NAME)


def header(workbook: Workbook, sheet: str) -> list[str]:
    return [str(cell.value) for cell in workbook[sheet][1]]


def column(workbook: Workbook, sheet: str, name: str) -> list[openpyxl.cell.cell.Cell]:
    index = header(workbook, sheet).index(name)
    return [row[index] for row in workbook[sheet].iter_rows(min_row=2)]


def test_publish_prints_where_the_workbook_and_the_report_are(
    seed_folder: Path, publish_run: subprocess.CompletedProcess[str]
) -> None:
    publish = seed_folder / "out" / "publish"
    assert f"workbook: {publish / WORKBOOK_NAME}" in publish_run.stdout
    assert f"report: {publish / HTML_NAME}" in publish_run.stdout
    assert (publish / HTML_NAME).is_file() and (publish / "annex_cells.csv").is_file()  # the CSVs stay


def test_a_sheet_per_table_after_the_one_explaining_the_columns(workbook: Workbook) -> None:
    assert workbook.sheetnames == [GUIDE_SHEET, *TABLE_ORDER]
    for name in TABLE_ORDER:
        assert header(workbook, name) == table_spec(name).column_names
        assert workbook[name].freeze_panes == "A2"
        assert workbook[name].auto_filter.ref is not None and workbook[name].auto_filter.ref.startswith("A1:")
    explained = {(row[0], row[2]): row[4] for row in workbook[GUIDE_SHEET].iter_rows(min_row=2, values_only=True)}
    assert explained[("annex_cells", "row_path")].startswith("Hierarchical row key")
    assert ("checks", "diagnosis") in explained


def test_codes_stay_text_with_their_leading_zeros(workbook: Workbook) -> None:
    codes = [cell for cell in column(workbook, "annex_cells", "unit_code") if cell.value is not None]
    assert codes and all(cell.data_type == "s" and len(cell.value) == 5 for cell in codes)
    assert "00787" in {cell.value for cell in codes}
    assert all(cell.data_type == "s" for cell in column(workbook, "admin_units", "unit_code"))


def test_figures_are_numbers_shown_with_grouping_and_their_decimals(workbook: Workbook) -> None:
    values = [cell for cell in column(workbook, "annex_cells", "value") if cell.value is not None]
    assert values and all(isinstance(cell.value, int | float) for cell in values)
    assert all(cell.number_format.startswith("#,##0") for cell in values)
    shown = 0
    for name in ("expected", "actual", "difference", "tolerance"):
        for cell in column(workbook, "checks", name):
            if cell.value is None or cell.number_format == "0.00E+00":
                continue
            decimals = len(cell.number_format.partition(".")[2])  # '#,##0.0' shows 0,5 in Vietnamese settings
            assert round(cell.value, decimals) == pytest.approx(cell.value), (name, cell.value, cell.number_format)
            shown += decimals > 0
    assert shown  # some figures have decimals, and they are shown
    pages = [cell for cell in column(workbook, "documents", "pages") if cell.value is not None]
    assert pages and all(cell.number_format == "0" for cell in pages)  # counts, not grouped figures


def test_sheet_names_fit_excel() -> None:
    assert sheet_name("annex_cells", 2) == "annex_cells (2)"
    long = sheet_name("a_table_name_far_longer_than_excel_allows", 12)
    assert len(long) == SHEET_NAME_LIMIT and long.endswith(" (12)")
