"""PDF characters -> text lines, with footnote markers kept apart from the text they follow.

Knows only glyph geometry: which characters share a baseline, where a space falls, which small
raised digits are footnote markers, and how text wrapped inside a narrow cell rejoins.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pipeline.text import is_vietnamese_syllable

Char = dict[str, Any]
SUPERSCRIPT_SIZE_RATIO = 0.8  # a marker is set smaller than the text around it ...
SUPERSCRIPT_RAISE_RATIO = 0.15  # ... and its baseline sits above the line's baseline
BASELINE_TOLERANCE_RATIO = 0.2  # glyphs whose baselines differ by less than this share of the size
SPACE_GAP_RATIO = 0.12  # a gap wider than an eighth of the font size is a space (a space glyph is about a quarter)
SEGMENT_GAP_RATIO = 2.0  # a gap wider than two ems separates side-by-side blocks
NUMERIC_FRAGMENT_CHARS = frozenset("0123456789.,%")


@dataclass
class Segment:
    x0: float
    x1: float
    text: str
    size: float


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    italic: bool
    page: int
    markers: list[tuple[str, int]] = field(default_factory=list)  # (footnote number, offset in text)
    segments: list[Segment] = field(default_factory=list)


def _baseline(char: Char) -> float:
    """Distance of the glyph's baseline from the page top's side (PDF y grows upwards)."""
    return -float(char["matrix"][5])


def group_lines(chars: Iterable[Char]) -> list[list[Char]]:
    """Characters sharing a baseline, top to bottom, each line left to right.

    Grouping by baseline, not by glyph boxes, keeps apart two columns whose lines are offset by a
    few points. A run of small raised glyphs (a footnote marker) joins the line it is raised above.
    """
    clusters: list[list[Char]] = []
    for char in sorted((c for c in chars if c["upright"]), key=lambda c: (_baseline(c), c["x0"])):
        previous = clusters[-1][-1] if clusters else None
        tolerance = BASELINE_TOLERANCE_RATIO * max(char["size"], previous["size"]) if previous else 0.0
        if previous is not None and abs(_baseline(char) - _baseline(previous)) <= tolerance:
            clusters[-1].append(char)
        else:
            clusters.append([char])
    summaries = [_Cluster.of(cluster) for cluster in clusters]
    lines: list[list[Char]] = []
    for index, cluster in enumerate(clusters):
        host = _raised_over(index, summaries)
        if host is None:
            lines.append(cluster)
        else:
            clusters[host].extend(cluster)  # the host's list is (or will be) in `lines`
    return [sorted(line, key=lambda c: c["x0"]) for line in lines if line]


@dataclass(frozen=True)
class _Cluster:
    baseline: float
    size: float  # the line's dominant size
    largest: float
    x0: float
    x1: float

    @staticmethod
    def of(chars: list[Char]) -> _Cluster:
        return _Cluster(
            _baseline(chars[0]),
            _line_size(chars),
            max(c["size"] for c in chars),
            min(c["x0"] for c in chars),
            max(c["x1"] for c in chars),
        )


def _raised_over(index: int, clusters: list[_Cluster]) -> int | None:
    """The cluster a run of small glyphs is raised above, if it is a superscript run: one of the
    next clusters down (clusters are ordered by baseline), less than its own size below."""
    small = clusters[index]
    for other_index in range(index + 1, len(clusters)):
        other = clusters[other_index]
        drop = other.baseline - small.baseline
        if drop >= 2 * max(other.size, small.largest / SUPERSCRIPT_SIZE_RATIO):
            break
        raised = 0 < drop < other.size
        beside = other.x0 - other.size <= small.x0 and small.x1 <= other.x1 + other.size
        if small.largest < SUPERSCRIPT_SIZE_RATIO * other.size and raised and beside:
            return other_index
    return None


def _line_size(chars: list[Char]) -> float:
    sizes = Counter(round(c["size"], 1) for c in chars if c["text"].strip())
    return sizes.most_common(1)[0][0] if sizes else (chars[0]["size"] if chars else 0.0)


def is_superscript(char: Char, line_size: float, baseline: float) -> bool:
    smaller = char["size"] < SUPERSCRIPT_SIZE_RATIO * line_size
    return bool(smaller and char["bottom"] < baseline - SUPERSCRIPT_RAISE_RATIO * line_size)


def build_line(chars: list[Char], page: int, marker_numbers: set[str] | frozenset[str] = frozenset()) -> Line:
    """One line's text; superscript digit runs whose number is in `marker_numbers` become markers."""
    size = _line_size(chars)
    body = [c for c in chars if c["size"] >= SUPERSCRIPT_SIZE_RATIO * size]
    baseline = Counter(round(c["bottom"], 1) for c in body).most_common(1)[0][0] if body else chars[0]["bottom"]
    text: list[str] = []
    markers: list[tuple[str, int]] = []
    pending_marker = ""
    previous: Char | None = None
    for char in chars:
        superscript = char["text"].isdigit() and is_superscript(char, size, baseline)
        if superscript:
            pending_marker += char["text"]
            previous = char
            continue
        if pending_marker:
            _flush_marker(pending_marker, text, markers, marker_numbers)
            pending_marker = ""
        if (
            previous is not None
            and char["x0"] - previous["x1"] > SPACE_GAP_RATIO * size
            and char["text"] != " "
            and previous["text"] != " "
        ):
            text.append(" ")
        text.append(char["text"])
        previous = char
    if pending_marker:
        _flush_marker(pending_marker, text, markers, marker_numbers)
    joined = "".join(text)
    stripped = joined.rstrip()
    lead = len(joined) - len(joined.lstrip())
    return Line(
        text=stripped.lstrip(),
        x0=min(c["x0"] for c in chars),
        x1=max(c["x1"] for c in chars),
        top=min(c["top"] for c in body or chars),
        bottom=max(c["bottom"] for c in body or chars),
        size=size,
        bold=_share(body, "Bold") > 0.5,
        italic=_share(body, "Italic", "Oblique") > 0.5,
        page=page,
        markers=[(number, max(0, min(offset - lead, len(stripped) - lead))) for number, offset in markers],
        segments=_segment_texts(body or chars, size),
    )


def _flush_marker(
    number: str, text: list[str], markers: list[tuple[str, int]], known: set[str] | frozenset[str]
) -> None:
    if number in known:
        markers.append((number, len("".join(text).rstrip())))
    else:
        text.append(number)


def _segment_texts(chars: list[Char], size: float) -> list[Segment]:
    """Side-by-side blocks of one line (the two columns of a header block), split at wide gaps."""
    segments: list[Segment] = []
    current: list[Char] = []
    for char in chars:
        if current and char["x0"] - current[-1]["x1"] > SEGMENT_GAP_RATIO * size:
            segments.append(_segment(current, size))
            current = []
        if char["text"].strip() or current:
            current.append(char)
    if current:
        segments.append(_segment(current, size))
    return [s for s in segments if s.text]


def _segment(chars: list[Char], size: float) -> Segment:
    parts: list[str] = []
    for index, char in enumerate(chars):
        gap = char["x0"] - chars[index - 1]["x1"] if index else 0.0
        if gap > SPACE_GAP_RATIO * size and " " not in (char["text"], chars[index - 1]["text"]):
            parts.append(" ")
        parts.append(char["text"])
    return Segment(chars[0]["x0"], chars[-1]["x1"], "".join(parts).strip(), size)


def _share(chars: list[Char], *words: str) -> float:
    if not chars:
        return 0.0
    return sum(1 for c in chars if any(w in c["fontname"] for w in words)) / len(chars)


def join_wrapped(lines: list[str]) -> str:
    """Rejoin text wrapped inside a narrow cell: 'Thượ' / 'ng' -> 'Thượng', 'Phố' / 'Cáo' -> 'Phố Cáo',
    '1' / '1' -> '11', 'TT-' / 'BTC' -> 'TT-BTC'.

    A break falls inside a word when the fragments are not syllables on their own but make one
    together; digits broken across lines of a numeric cell join without a space."""
    pieces = [line.strip() for line in lines if line.strip()]
    if not pieces:
        return ""
    numeric = all(set(p) <= NUMERIC_FRAGMENT_CHARS for p in pieces)
    text = pieces[0]
    for piece in pieces[1:]:
        if numeric or _breaks_inside_word(text, piece):
            text += piece
        else:
            text += " " + piece
    return text


def _breaks_inside_word(before: str, after: str) -> bool:
    head = before.split()[-1] if before.split() else ""
    tail = after.split()[0]
    if len(head) > 1 and head[-1] in "-/" and head[-2].isalnum() and tail[0].isalnum():
        return True  # a document code broken at its hyphen or slash: 'TT-' / 'BTC', '36/' / '2018'
    if not head or not tail or not head[-1].isalpha() or not tail[0].isalpha():
        return False
    if tail[0].isupper():
        return False
    joined_ok = is_vietnamese_syllable(head + tail)
    return joined_ok and not (is_vietnamese_syllable(head) and is_vietnamese_syllable(tail))
