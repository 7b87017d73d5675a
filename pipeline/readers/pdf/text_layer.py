"""Whether a PDF page's text layer can be trusted, and if not, why: a page -> a reason or None.

A scan has no text layer, or only the few characters of an electronic-signature stamp. Some
scans carry an OCR layer made without Vietnamese, which lost every diacritic ("UBND TINH HA
TINH"); some born-digital files show unmapped glyphs as "(cid:N)". Such pages are read by OCR.
"""

from __future__ import annotations

import re
from typing import Any

MIN_TEXT_CHARS = 40  # fewer: no text layer, or only a signature stamp's
MIN_LETTERS_FOR_DIACRITICS = 150
MAX_ASCII_ONLY_SHARE = 0.985  # Vietnamese prose has far more than 1.5 % letters outside ASCII
CID_SHARE = 0.1
# Frequent Vietnamese words written without their marks: their presence says the text is
# Vietnamese, so a missing diacritic is a loss, not an English document.
VIETNAMESE_WITHOUT_MARKS = frozenset(
    {"cua", "va", "cac", "ngay", "thang", "nam", "tinh", "huyen", "xa", "thon", "ubnd", "nong", "theo", "duoc"}
)
WORD_RE = re.compile(r"[A-Za-z]+")


def text_layer_problem(page: Any) -> str | None:
    """None when the page's text layer is usable; otherwise why it is not."""
    chars = [c["text"] for c in page.chars if c["text"].strip()]
    if len(chars) < MIN_TEXT_CHARS:
        if not chars:
            return "no text layer"
        return f"text layer holds only {len(chars)} characters (a stamp or a page number)"
    cids = sum(1 for c in chars if c.startswith("(cid:"))
    if cids > CID_SHARE * len(chars):
        return f"text layer shows unmapped glyphs ({cids} '(cid:N)' codes)"
    text = "".join(chars)
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) >= MIN_LETTERS_FOR_DIACRITICS:
        ascii_share = sum(1 for ch in letters if ch.isascii()) / len(letters)
        words = {w.lower() for w in WORD_RE.findall(" ".join(_words(page)))}
        if ascii_share > MAX_ASCII_ONLY_SHARE and len(words & VIETNAMESE_WITHOUT_MARKS) >= 3:
            return "text layer without Vietnamese diacritics"
    return None


def _words(page: Any) -> list[str]:
    return [str(w["text"]) for w in page.extract_words()]
