"""Figures written the Vietnamese way for people: 26.122.346 and 0,5 (a dot groups thousands, a
comma marks decimals), as the documents themselves print them.

Input: a number (or None). Output: its text. Nothing here reads the database.
"""

from __future__ import annotations

import math

# A difference of two figures shown to two decimals can carry float noise (3.0599999999999987):
# six decimals keep every figure the documents print and drop the noise.
MAX_DECIMALS = 6
EMPTY = "—"


def vi_number(value: float | int | None, decimals: int | None = None) -> str:
    """'26.122.346', '1.036,66', '0,5', '-8.000.000'; EMPTY for a missing figure. `decimals`
    fixes how many are shown; otherwise as many as the figure has, up to MAX_DECIMALS."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return EMPTY
    if isinstance(value, float) and math.isinf(value):
        return "∞" if value > 0 else "-∞"
    shown = MAX_DECIMALS if decimals is None else decimals
    text = f"{abs(value):,.{shown}f}"
    if decimals is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    whole, _, fraction = text.partition(".")
    grouped = whole.replace(",", ".")
    sign = "-" if value < 0 and (whole.strip("0,") or fraction.strip("0")) else ""
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def vi_signed(value: float | int | None) -> str:
    """A difference, with its sign always shown: '+337.293', '-8.000.000'."""
    text = vi_number(value)
    if value is None or text == EMPTY or text.startswith("-") or text == "0":
        return text
    return f"+{text}"


def vi_percent(value: float | None) -> str:
    """An OCR confidence: '78%'."""
    return EMPTY if value is None else f"{vi_number(round(value))}%"
