"""Table grids on a page image: straightening the scan, finding its ruling lines, and the grid
of cells they draw (merged cells told apart by their missing borders). OpenCV morphology; no OCR.
"""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass

import cv2
import numpy as np

LINE_MIN_FRACTION = 0.05  # a horizontal rule is at least this share of the page's width ...
VLINE_MIN_FRACTION = 0.02  # ... a vertical one this share of its height (a single row's border)
EDGE_MERGE_PX = 12  # strokes closer than this are one grid line
BORDER_PRESENT = 0.6  # share of a slot's side that must be inked for a border to be there
MIN_SKEW_DEGREES = 0.05


@dataclass(frozen=True)
class Grid:
    xs: list[int]  # column edges, pixels
    ys: list[int]  # row edges, pixels
    cells: list[tuple[int, int, int, int]]  # (row, col, last_row, last_col)


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """Ink as 255, paper as 0: Otsu's threshold, so light-gray rulings of a colour scan count."""
    _threshold, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return mask


def _stroke_slopes(mask: np.ndarray, min_length: float, vertical: bool) -> list[float]:
    """Slopes of the long strokes of a ruling mask: dy/dx for horizontal ones, dx/dy for vertical."""
    count, labels, stats, _centroids = cv2.connectedComponentsWithStats(mask)
    slopes = []
    for index in range(1, count):
        if stats[index][3 if vertical else 2] < min_length:
            continue
        ys, xs = np.nonzero(labels == index)
        along, across = (ys, xs) if vertical else (xs, ys)
        slopes.append(float(np.polyfit(along.astype(float), across.astype(float), 1)[0]))
    return slopes


def deskew(gray: np.ndarray) -> np.ndarray:
    """The page turned so that its table rules are level, then sheared so that they are upright:
    a scan a fraction of a degree askew (or fed through the scanner at a slant) moves a rule by a
    whole cell border over a page's height."""
    height, width = gray.shape
    horizontal, _vertical = ruling_masks(ink_mask(gray))
    slopes = _stroke_slopes(horizontal, 0.3 * width, vertical=False)
    if slopes and abs(np.degrees(np.arctan(statistics.median(slopes)))) >= MIN_SKEW_DEGREES:
        angle = float(np.degrees(np.arctan(statistics.median(slopes))))
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
        gray = cv2.warpAffine(gray, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)
    _horizontal, vertical = ruling_masks(ink_mask(gray))
    slopes = _stroke_slopes(vertical, 0.1 * height, vertical=True)
    if slopes and abs(np.degrees(np.arctan(statistics.median(slopes)))) >= MIN_SKEW_DEGREES:
        shear = statistics.median(slopes)  # x moves by `shear` per pixel down: move it back
        sheared = np.array([[1.0, -shear, shear * height / 2], [0.0, 1.0, 0.0]], dtype=np.float32)
        gray = cv2.warpAffine(gray, sheared, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)
    return gray


def ruling_masks(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Long horizontal and vertical strokes: what survives an opening with a long thin kernel."""
    height, width = ink.shape
    h_kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, int(width * LINE_MIN_FRACTION)), 1))
    v_kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(20, int(height * VLINE_MIN_FRACTION))))
    # A scanned rule is rarely one unbroken run of pixels: close its breaks first. Horizontally by
    # little (wider closing joins the serifs along a line of text into a stroke); vertically by
    # more (a table's row is short, and text lines are further apart than that).
    horizontal = cv2.morphologyEx(cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((1, 3), np.uint8)),
                                  cv2.MORPH_OPEN, h_kernel)  # fmt: skip
    vertical = cv2.morphologyEx(cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((9, 1), np.uint8)),
                                cv2.MORPH_OPEN, v_kernel)  # fmt: skip
    return horizontal, vertical


def table_boxes(horizontal: np.ndarray, vertical: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (x0, y0, x1, y1) of connected rulings large enough to be a table."""
    height, width = horizontal.shape
    joined = cv2.dilate(horizontal | vertical, np.ones((5, 5), np.uint8))
    count, _labels, stats, _centroids = cv2.connectedComponentsWithStats(joined)
    boxes = []
    for index in range(1, count):
        x, y, w, h = (int(v) for v in stats[index][:4])
        if w > 0.2 * width and h > 0.03 * height:
            boxes.append((x, y, x + w - 1, y + h - 1))
    return sorted(boxes, key=lambda b: b[1])


def _edges(values: list[int]) -> list[int]:
    edges: list[list[int]] = []
    for value in sorted(values):
        if edges and value - edges[-1][-1] <= EDGE_MERGE_PX:
            edges[-1].append(value)
        else:
            edges.append([value])
    return [int(statistics.median(group)) for group in edges]


def _stroke_positions(mask: np.ndarray, axis: int) -> list[int]:
    """Centre lines of the strokes of a mask: y of horizontal strokes (axis 0), x of vertical ones."""
    count, _labels, stats, _centroids = cv2.connectedComponentsWithStats(mask)
    positions = []
    for index in range(1, count):
        x, y, w, h = (int(v) for v in stats[index][:4])
        positions.append(y + h // 2 if axis == 0 else x + w // 2)
    return positions


def grid_of(horizontal: np.ndarray, vertical: np.ndarray, box: tuple[int, int, int, int]) -> Grid | None:
    """Row and column edges of one table, and its cells: grid slots joined where a border is missing."""
    x0, y0, x1, y1 = box
    h_part = horizontal[y0 : y1 + 1, x0 : x1 + 1]
    v_part = vertical[y0 : y1 + 1, x0 : x1 + 1]
    ys = [y0 + y for y in _edges(_stroke_positions(h_part, 0))]
    xs = [x0 + x for x in _edges(_stroke_positions(v_part, 1))]
    # A grid line borders at least one whole slot; a stray stroke (an underline, a seal's edge) does not.
    ys = [y for y in ys if any(_inked(horizontal, y, a, b, along_y=False) for a, b in itertools.pairwise(xs))]
    xs = [x for x in xs if any(_inked(vertical, x, a, b, along_y=True) for a, b in itertools.pairwise(ys))]
    if len(xs) < 3 or len(ys) < 2:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = list(range(n_rows * n_cols))

    def find(slot: int) -> int:
        while parent[slot] != slot:
            parent[slot] = parent[parent[slot]]
            slot = parent[slot]
        return slot

    for row in range(n_rows):
        for col in range(n_cols):
            if col + 1 < n_cols and not _inked(vertical, xs[col + 1], ys[row], ys[row + 1], along_y=True):
                parent[find(row * n_cols + col + 1)] = find(row * n_cols + col)
            if row + 1 < n_rows and not _inked(horizontal, ys[row + 1], xs[col], xs[col + 1], along_y=False):
                parent[find((row + 1) * n_cols + col)] = find(row * n_cols + col)
    groups: dict[int, list[tuple[int, int]]] = {}
    for row in range(n_rows):
        for col in range(n_cols):
            groups.setdefault(find(row * n_cols + col), []).append((row, col))
    cells = [
        (min(r for r, _ in slots), min(c for _, c in slots), max(r for r, _ in slots), max(c for _, c in slots))
        for slots in groups.values()
    ]
    return Grid(xs, ys, sorted(cells))


def _inked(mask: np.ndarray, at: int, start: int, end: int, along_y: bool) -> bool:
    """Whether the border at `at` (x for a vertical border, y for a horizontal one) is drawn
    along most of start..end (the middle 60%, away from the corners)."""
    inset = (end - start) // 5
    lo, hi = start + inset, end - inset
    if hi <= lo:
        return True
    band = mask[lo:hi, max(0, at - 6) : at + 7] if along_y else mask[max(0, at - 6) : at + 7, lo:hi]
    covered = band.max(axis=1 if along_y else 0) > 0
    return bool(covered.mean() >= BORDER_PRESENT)
