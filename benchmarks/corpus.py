"""Corpus builder for the scale benchmarks: many distinct documents made from the test documents.

    python -m benchmarks.corpus N FOLDER [--pdf-share 0.2]

Each document is one of the repository's plan documents (the seed and the generated fixtures, of
several shapes and page counts) made distinct: a DOCX gets its own document number wherever it is
printed; a PDF gets a trailing comment after its end-of-file marker, which readers ignore. Every
document is therefore a real plan with consistent figures and a different sha256.
"""

from __future__ import annotations

import argparse
import random
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The documents' own numbers; a copy gets its own, everywhere it is printed (header and captions).
OWN_NUMBERS = ("30-CTr/HU", "12-CTr/HU", "25-KH/HU", "215/KH-UBND")


def templates() -> tuple[list[Path], list[Path]]:
    generated = [p for p in REPO.glob("tests/fixtures/*/*.*") if (p.parent / "annex_cells.golden.csv").exists()]
    documents = sorted(REPO.glob("raw/*.*")) + sorted(p for p in generated if p.suffix in (".docx", ".pdf"))
    return [p for p in documents if p.suffix == ".docx"], [p for p in documents if p.suffix == ".pdf"]


def _renumbered_docx(template: Path, target: Path, serial: int) -> None:
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                for number in OWN_NUMBERS:
                    text = text.replace(number, f"{serial}{number[number.index('-') if '-' in number else 0 :]}")
                data = text.encode("utf-8")
            copy.writestr(item, data)


def build_corpus(count: int, folder: Path, pdf_share: float = 0.2, seed: int = 7) -> list[Path]:
    """Write `count` distinct documents into `folder` (reusing what a previous call wrote)."""
    folder.mkdir(parents=True, exist_ok=True)
    docx_templates, pdf_templates = templates()
    chooser = random.Random(seed)
    written = []
    for serial in range(1, count + 1):
        as_pdf = chooser.random() < pdf_share
        template = chooser.choice(pdf_templates if as_pdf else docx_templates)
        target = folder / f"doc-{serial:05d}{template.suffix}"
        if not target.exists():
            if as_pdf:
                target.write_bytes(template.read_bytes() + f"\n%% corpus copy {serial}\n".encode())
            else:
                _renumbered_docx(template, target, serial)
        written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description="Build a benchmark corpus of distinct plan documents.")
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--pdf-share", type=float, default=0.2)
    args = parser.parse_args()
    build_corpus(args.count, args.folder, args.pdf_share)


if __name__ == "__main__":
    main()
