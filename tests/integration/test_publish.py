"""Publishing: Excel-friendly CSVs, a valid Frictionless data package, a readable checks report."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest
from frictionless import validate

from pipeline.cli import main
from pipeline.publish import BOM
from pipeline.schemas import TABLE_ORDER, table_spec


@pytest.fixture(scope="module")
def published(seed_folder: Path) -> Path:
    assert main(["publish", "--out", str(seed_folder / "out")]) == 0
    return seed_folder / "out" / "publish"


def test_every_table_is_a_csv_with_a_byte_order_mark(published: Path) -> None:
    for name in TABLE_ORDER:
        data = (published / f"{name}.csv").read_bytes()
        assert data.startswith(BOM), name
        header = data[len(BOM) :].split(b"\n", 1)[0].decode("utf-8").split(",")
        assert header == table_spec(name).column_names


def test_codes_keep_their_leading_zeros(published: Path) -> None:
    with (published / "annex_cells.csv").open(encoding="utf-8-sig") as handle:
        codes = {row["unit_code"] for row in csv.DictReader(handle) if row["unit_code"]}
    assert "00787" in codes and all(len(code) == 5 for code in codes)


def test_datapackage_validates_with_frictionless(published: Path) -> None:
    package = json.loads((published / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == list(TABLE_ORDER)
    cells = next(r for r in package["resources"] if r["name"] == "annex_cells")
    described = {f["name"]: f["description"] for f in cells["schema"]["fields"]}
    assert described["row_path"].startswith("Hierarchical row key")
    report = validate(published / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_checks_report_lists_the_seed_checks(published: Path) -> None:
    markdown = (published / "checks.md").read_text(encoding="utf-8")
    page = (published / "checks.html").read_text(encoding="utf-8")
    for source in ("meo-vac-30-CTr-HU-2022.docx", "meo-vac-30-CTr-HU-2022.pdf"):
        assert f"## {source}" in markdown and source in page
    assert "| footnote_vs_annex | 16 | 0 | 0 |" in markdown
    assert "### Con số chưa đối chiếu được" in markdown and "<section class='unchecked'>" in page


def test_columns_carry_descriptions_in_duckdb(seed_db: duckdb.DuckDBPyConnection) -> None:
    missing = seed_db.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal AND schema_name = 'main' "
        "AND (comment IS NULL OR comment = '')"
    ).fetchall()
    assert missing == []


def test_failed_checks_are_in_the_report_with_both_sides(tmp_path: Path) -> None:
    from tests.conftest import SEED_DOCX, extract_folder
    from tests.fixtures.plant import replace_in_part

    planted = replace_in_part(SEED_DOCX, tmp_path / "planted.docx", "word/footnotes.xml", "Tả Lũng 5", "Tả Lũng 6")
    extract_folder([planted], tmp_path).close()
    assert main(["report", "--out", str(tmp_path / "out")]) == 0
    markdown = (tmp_path / "out" / "report" / "checks.md").read_text(encoding="utf-8")
    at = markdown.index("`footnote_vs_annex` _(")
    heading = markdown[:at].splitlines()[-1]
    assert "dòng II.2" in heading and "00796" in heading and "chú thích 1" in heading
    sides = markdown[at : markdown.index("Nguyên nhân có thể", at)]
    assert "| Số đối chiếu | II.2 | Kế hoạch từ năm 2022 - 2025 |" in sides and "| 5 | — |" in sides
    assert "| Số tìm thấy |  | [chú thích] Tả Lũng 6 thôn |  | 6 | — |" in sides
    assert "| Chênh lệch | | | | +1 | |" in sides
