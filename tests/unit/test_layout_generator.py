"""The seeded document generator, its transcriptions and its two producers (no LibreOffice needed)."""

from __future__ import annotations

import csv
import io
import random
import re
import tempfile
import zipfile
from pathlib import Path

import pdfplumber
import pytest

from tests.fixtures.build_all import LAYOUTS_DIR, same_package
from tests.fixtures.builder import PLANS, AnnexTable, ListLevel, WordList, build_docx, list_number_texts
from tests.fixtures.generator import CLASS_FIXTURES, generate
from tests.fixtures.plangen.common import Area, Titles
from tests.fixtures.plangen.places import pick_district, pick_province, pick_province_2025
from tests.fixtures.plangen.random_units import units_as_rows
from tests.fixtures.plangen.tables import LogicalTable
from tests.fixtures.reportlab_pdf import build_reportlab_pdf
from tests.fixtures.shapes import SHAPES
from tests.transcriptions import transcribed_cells

SEEDS = range(60)
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FOOTNOTE_ITEM = re.compile(r"^(?P<name>.+?) (?P<figure>[\d.,]+) (?P<word>.+)$")


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def steps(text: str) -> int:
    """A printed figure as an integer count of its last digit ("1.311,4" -> 13114); blanks and dashes are 0."""
    return int(text.replace(".", "").replace(",", "")) if text not in ("", "-") else 0


@pytest.mark.parametrize("seed", [3, 17, 42])
def test_the_same_seed_gives_the_same_document(seed: int) -> None:
    first, second = generate(seed), generate(seed)
    assert first.tables == second.tables
    assert first.features == second.features
    assert first.plan == second.plan


def test_transcriptions_are_rectangular_and_readable(tmp_path: Path) -> None:
    for seed in SEEDS:
        doc = generate(seed)
        assert len(doc.tables) == len(doc.plan.annexes) == len(doc.table_features)
        for number, text in enumerate(doc.tables, start=1):
            header, *rows = rows_of(text)
            assert header[1], f"seed {seed} table {number}: the label column has no header"
            assert all(len(row) == len(header) for row in rows), f"seed {seed} table {number}"
            path = tmp_path / f"{seed}_{number}.csv"
            path.write_text(text, encoding="utf-8")
            assert sum(transcribed_cells(path).values()) > 0


def _units_table(seed: int) -> LogicalTable:
    rng = random.Random(seed)
    choice = seed % 3
    if choice == 0:
        province, district = pick_district(rng, 8)
        area = Area(province, district, 2023, post_reform=False)
    elif choice == 1:
        area = Area(pick_province(rng, 4), None, 2022, post_reform=False)
    else:
        area = Area(pick_province_2025(rng), None, 2026, post_reform=True)
    return units_as_rows(rng, area, Titles("Biểu 01", "(Kèm theo)")).table


@pytest.mark.parametrize("seed", range(40))
def test_printed_totals_add_up(seed: int) -> None:
    """Total columns print the sum of their parts; the total row the sum of the top-level rows."""
    table = _units_table(seed)
    leaves = table.leaves
    for line in table.lines:
        for index, leaf in enumerate(leaves):
            if leaf.parts and line.cells[index]:
                parts = [line.cells[leaves.index(part)] for part in leaf.parts]
                assert steps(line.cells[index]) == sum(map(steps, parts)), (seed, line.label, leaf.title)
    summed = [index for index, leaf in enumerate(leaves) if leaf.role == "figure" and leaf.ratio_of is None]
    totals = [line for line in table.lines if not line.marker and line.bold and line.level is None]
    top = [line for line in table.lines if line.level == 0]
    for total in totals:
        for index in summed:
            assert steps(total.cells[index]) == sum(steps(line.cells[index]) for line in top), (seed, index)
    units = [line for line in table.lines if line.level is not None]
    for position, section in enumerate(units):
        if section.level == 0 and position + 1 < len(units) and units[position + 1].level == 1:
            members = []
            for line in units[position + 1 :]:
                if line.level == 0:
                    break
                members.append(line)
            for index in summed:
                assert steps(section.cells[index]) == sum(steps(m.cells[index]) for m in members), (seed, index)


def test_footnotes_add_up_to_the_figure_they_follow() -> None:
    checked = 0
    for seed in SEEDS:
        for para in generate(seed).plan.paragraphs:
            for offset, note in para.footnotes:
                figure = para.text[:offset].rsplit(" là ", 1)[1]
                total, word = figure.split(" ", 1)
                items = [FOOTNOTE_ITEM.match(item) for item in note.rstrip(".").split("; ")]
                assert all(m and m["word"] == word for m in items), note
                assert sum(steps(m["figure"]) for m in items if m) == steps(total), (seed, note)
                checked += 1
    assert checked > 10


def test_word_list_numbers_restart_under_a_higher_level() -> None:
    levels = WordList((ListLevel("upperRoman", "%1."), ListLevel("decimal", "%2"), ListLevel("lowerLetter", "%3)")))
    table = AnnexTable([], [[]], [[""]] * 7, numbering=levels, numbered_rows={0: 0, 1: 1, 2: 2, 3: 2, 4: 1, 5: 0, 6: 1})
    assert list_number_texts(table) == {0: "I.", 1: "1", 2: "a)", 3: "b)", 4: "2", 5: "II.", 6: "1"}


def test_word_numbered_markers_are_not_in_the_docx_text(tmp_path: Path) -> None:
    doc = CLASS_FIXTURES["word_numbering"]()
    path = build_docx(doc.plan, tmp_path / "numbered.docx")
    with zipfile.ZipFile(path) as package:
        body = package.read("word/document.xml").decode("utf-8")
        numbering = package.read("word/numbering.xml").decode("utf-8")
    assert "<w:numPr>" in body and 'w:val="upperRoman"' in numbering
    assert '<w:t xml:space="preserve">I.</w:t>' not in body
    assert rows_of(doc.tables[0])[2][0] == "I."


def test_reportlab_draws_every_word_on_its_own(tmp_path: Path) -> None:
    doc = CLASS_FIXTURES["money_resolution"]()
    path = build_reportlab_pdf(doc.plan, tmp_path / "words.pdf")
    with pdfplumber.open(path) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
        annex = pdf.pages[-1].extract_text(x_tolerance=1)
    assert chars and not any(c["text"] == " " for c in chars)  # words placed apart, no space glyph
    assert "38.452,5" in annex and "Bản Lầu" in annex
    assert path.read_bytes() == build_reportlab_pdf(doc.plan, tmp_path / "again.pdf").read_bytes()


@pytest.mark.parametrize("name", sorted(CLASS_FIXTURES))
def test_class_fixtures_on_disk_match_the_code(name: str) -> None:
    doc = CLASS_FIXTURES[name]()
    folder = LAYOUTS_DIR / name
    on_disk = sorted(folder.glob("table_*.csv"), key=lambda p: int(p.stem.split("_")[1]))
    assert [p.read_text(encoding="utf-8") for p in on_disk] == doc.tables
    with tempfile.TemporaryDirectory() as temporary:
        assert same_package(build_docx(doc.plan, Path(temporary) / f"{name}.docx"), folder / f"{name}.docx")


@pytest.mark.parametrize("name", [*PLANS, *SHAPES])
def test_existing_plans_build_as_before(name: str, tmp_path: Path) -> None:
    """The builder's extensions leave every plan that does not use them exactly as it was."""
    plan = PLANS[name]() if name in PLANS else SHAPES[name]().plan
    assert same_package(build_docx(plan, tmp_path / f"{name}.docx"), FIXTURES / name / f"{name}.docx")
