"""Scan twins (tests/fixtures/scan_twins.py) against their born-digital originals (issue 16, item 8).

The builder's tests need nothing but the Python packages. The parity tests print the seed's pages
that hold its header block, both footnotes and its annex (`SEED_PARITY_PAGES`), and one generated
fixture whose rows are keyed by their labels, degrade them, read them by OCR and match what they
give against the original cut to the same pages (benchmarks/scan_twins.py; its full table is in
benchmarks/results.md). Tests of what the OCR path already does must pass; the issue's targets
(98% of cells and 95% of footnote items, phone photos 95%) are expected failures stating the
figure measured, to be made strict as the reader reaches them. Needs Tesseract with its Vietnamese
model: where it is missing the parity tests are skipped, except in CI, where that is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pytest

from benchmarks.scan_twins import SEED_PARITY_PAGES, Parity, TwinSet, extract_timed, run
from pipeline.readers.scan.ocr import ocr_status
from tests.conftest import SEED_PDF
from tests.fixtures.scan_twins import DEGRADATIONS, build_twin, cut_pages

OCR_MISSING = ocr_status() is not None and not os.environ.get("CI")
needs_ocr = pytest.mark.skipif(OCR_MISSING, reason=f"OCR unavailable: {ocr_status()}")
SEED_TWINS = TwinSet("seed", ("clean_300", "grey_200_speckle_skew", "skew_300", "phone_photo"), SEED_PARITY_PAGES)
LABEL_KEYED_TWINS = TwinSet("no_stt_column", ("clean_300",))
CELL_TARGET, ITEM_TARGET, PHONE_TARGET = 0.98, 0.95, 0.95
BUILDER_PAGES = (4, 13)  # a portrait page with a footnote, the landscape annex


# --------------------------------------------------------------------------------------------
# The builder
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def builder_original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return cut_pages(SEED_PDF, BUILDER_PAGES, tmp_path_factory.mktemp("original"))


def page_sizes(pdf: Path) -> list[float]:
    """Width and height of every page, in points, one after the other."""
    with pdfplumber.open(pdf) as document:
        return [float(side) for page in document.pages for side in (page.width, page.height)]


@pytest.mark.parametrize("degradation", DEGRADATIONS)
def test_a_twin_is_image_only_with_the_original_page_sizes(
    builder_original: Path, degradation: str, tmp_path: Path
) -> None:
    twin = build_twin(builder_original, degradation, tmp_path)
    with pdfplumber.open(twin) as document:
        assert all(not page.chars and len(page.images) == 1 for page in document.pages)
    assert page_sizes(twin) == pytest.approx(page_sizes(builder_original), abs=0.01)


@pytest.mark.parametrize("degradation", ["grey_200_speckle_skew", "phone_photo"])
def test_a_twin_is_the_same_bytes_on_every_build(builder_original: Path, degradation: str, tmp_path: Path) -> None:
    first = build_twin(builder_original, degradation, tmp_path / "first").read_bytes()
    assert build_twin(builder_original, degradation, tmp_path / "second").read_bytes() == first


def first_page_gray(pdf: Path) -> np.ndarray:
    document = pdfium.PdfDocument(str(pdf))
    try:
        return np.asarray(document[0].render(scale=1, grayscale=True).to_pil().convert("L"))
    finally:
        document.close()


def test_black_and_white_is_stored_in_one_bit_and_a_phone_photo_has_a_desk_around_the_page(
    builder_original: Path, tmp_path: Path
) -> None:
    with pdfplumber.open(build_twin(builder_original, "bw_300", tmp_path)) as document:
        assert all(page.images[0]["bits"] == 1 for page in document.pages)
    photo = first_page_gray(build_twin(builder_original, "phone_photo", tmp_path))
    assert photo[:10, :10].mean() < 110 and photo[:10, -10:].mean() < 110  # the desk in the corners
    centre = photo[photo.shape[0] // 3 : 2 * photo.shape[0] // 3, photo.shape[1] // 3 : 2 * photo.shape[1] // 3]
    assert np.percentile(centre, 90) > 150  # the paper in the middle


def test_the_seed_cut_to_its_parity_pages_keeps_every_cell_and_footnote_item(tmp_path: Path) -> None:
    """The pages the parity tests print hold all the seed's annex cells and footnote items."""
    whole = extract_timed(SEED_PDF)
    cut = extract_timed(cut_pages(SEED_PDF, SEED_PARITY_PAGES, tmp_path))
    assert (len(cut.cells), len(cut.items), cut.footnotes) == (len(whole.cells), len(whole.items), 2) == (46, 19, 2)


# --------------------------------------------------------------------------------------------
# Parity, read by OCR
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def parity(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Parity]:
    if OCR_MISSING:
        pytest.skip(f"OCR unavailable: {ocr_status()}")
    results = run([SEED_TWINS, LABEL_KEYED_TWINS], jobs=2, work=tmp_path_factory.mktemp("scan-twins"))
    return {(p.document, p.degradation): p for result in results for p in result.parities}


def twins_of(twin_set: TwinSet) -> list[tuple[str, str]]:
    return [(twin_set.document, degradation) for degradation in twin_set.degradations]


@needs_ocr
@pytest.mark.parametrize("twin", twins_of(SEED_TWINS) + twins_of(LABEL_KEYED_TWINS), ids="/".join)
def test_every_figure_a_twin_gives_is_the_originals_at_that_place(
    parity: dict[tuple[str, str], Parity], twin: tuple[str, str]
) -> None:
    """Strict on values: what OCR cannot read may be missing, but a figure it gives is right."""
    result = parity[twin]
    assert result.twin.status == "ok"
    assert result.cells_by_position.precision >= 0.95, result.examples


@needs_ocr
@pytest.mark.parametrize(
    "twin", [("seed", "clean_300"), ("seed", "grey_200_speckle_skew"), ("no_stt_column", "clean_300")]
)
def test_a_scan_turned_under_a_degree_gives_the_annex_grid(
    parity: dict[tuple[str, str], Parity], twin: tuple[str, str]
) -> None:
    assert parity[twin].twin.grids == parity[twin].original.grids


@needs_ocr
def test_a_clean_scan_gives_most_cells_at_their_place(parity: dict[tuple[str, str], Parity]) -> None:
    """Measured at c6ca075: the seed 26 of 46 (lone '1's taken for borders, bold 7s and '110.' read
    as text); the label-keyed fixture 53 of 54."""
    assert parity[("seed", "clean_300")].cells_by_position.recall >= 0.5
    assert parity[("no_stt_column", "clean_300")].cells_by_position.f1 >= 0.95


CELL_TARGETS = [
    ("seed", "clean_300", CELL_TARGET, "0.00 by labels (markers I, II not read: rows ROW~1, 2~1), 0.72 by places"),
    ("seed", "grey_200_speckle_skew", CELL_TARGET, "0.00 by labels, 0.20 by places (5 of 46 cells)"),
    ("seed", "skew_300", CELL_TARGET, "0.00: turned 1.5-3°, no table found"),
    ("seed", "phone_photo", PHONE_TARGET, "0.00: no table found"),
    ("no_stt_column", "clean_300", CELL_TARGET, "0.34 by labels (the dot below dropped: 'Mậu Duệ' read 'Mâu Duê')"),
]


@needs_ocr
@pytest.mark.parametrize(
    ("document", "degradation", "target"),
    [
        pytest.param(
            document, degradation, target, marks=pytest.mark.xfail(strict=False, reason=f"at c6ca075: {measured}")
        )
        for document, degradation, target, measured in CELL_TARGETS
    ],
)
def test_a_twin_gives_the_originals_cells(
    parity: dict[tuple[str, str], Parity], document: str, degradation: str, target: float
) -> None:
    """The issue's target: the same (table, row path, column label, value) as the born-digital file."""
    assert parity[(document, degradation)].cells_by_label.f1 >= target


@needs_ocr
@pytest.mark.parametrize(
    ("degradation", "target"),
    [
        pytest.param(
            degradation, target, marks=pytest.mark.xfail(strict=False, reason="at c6ca075: 0.00, no footnote found")
        )
        for degradation, target in [
            ("clean_300", ITEM_TARGET),
            ("grey_200_speckle_skew", ITEM_TARGET),
            ("phone_photo", PHONE_TARGET),
        ]
    ],
)
def test_a_twin_gives_the_originals_footnote_items(
    parity: dict[tuple[str, str], Parity], degradation: str, target: float
) -> None:
    """The issue's target: the same (footnote, unit, value) items; a unit name a letter off counts when it
    resolves to the same commune."""
    assert parity[("seed", degradation)].items_by_unit.f1 >= target
