"""Cell F1 of every real document with transcriptions: extract them all, score each against its tables.

    python -m benchmarks.real_documents [--out FOLDER]

Reads tests/fixtures/real/*.table_N.csv (beside their documents) and tests/fixtures/real/dev/*/table_N.csv
(copies of ../shared/real, kept in the repository so that a fresh clone can run it),
extracts the documents into one folder, and prints a table of documents with cells expected,
extracted and matched (tests.transcriptions); the same table is written to
benchmarks/real_documents.md.
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
from pathlib import Path

import duckdb

from pipeline.run import DATABASE_NAME, run_extract
from tests.transcriptions import DocumentScore, score_document

REPO = Path(__file__).resolve().parent.parent
REAL = REPO / "tests" / "fixtures" / "real"
RESULTS = Path(__file__).resolve().parent / "real_documents.md"
DOCUMENT_SUFFIXES = (".docx", ".doc", ".pdf")


def real_documents(root: Path = REAL) -> dict[Path, list[Path]]:
    """Each real document with its transcriptions, numbered in order."""
    found: dict[Path, list[Path]] = {}

    def number(path: Path) -> int:
        match = re.search(r"table_(\d+)\.csv$", path.name)
        return int(match.group(1)) if match else 0

    for document in sorted(root.glob("*")):
        if document.suffix.lower() in DOCUMENT_SUFFIXES:
            found[document] = sorted(root.glob(f"{document.stem}.table_*.csv"), key=number)
    for folder in sorted((root / "dev").glob("*/")):
        for document in sorted(folder.iterdir()):
            if document.suffix.lower() in DOCUMENT_SUFFIXES:
                found[document] = sorted(folder.glob("table_*.csv"), key=number)
    return found


def score_all(out: Path, jobs_root: Path | None = None) -> list[DocumentScore]:
    documents = real_documents(jobs_root or REAL)
    raw = out / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for document in documents:
        shutil.copy(document, raw / document.name)
    run_extract(raw, out / "out")
    with duckdb.connect(str(out / "out" / DATABASE_NAME), read_only=True) as con:
        return [score_document(con, doc.name, tables) for doc, tables in documents.items()]


def table_of(scores: list[DocumentScore]) -> str:
    lines = ["| document | tables | cells expected | extracted | matched | F1 |", "|---|---|---|---|---|---|"]
    for score in scores:
        lines.append(
            f"| {score.document} | {len(score.tables)} | {score.expected} | {score.extracted} | {score.matched} "
            f"| {score.f1:.3f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="keep the extraction in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="real-") as temporary:
        out = args.out or Path(temporary)
        scores = score_all(out)
    text = table_of(scores)
    print(text)
    RESULTS.write_text("# Real documents against their transcriptions\n\n"
                       "`python -m benchmarks.real_documents` (cell F1, tests/transcriptions.py)\n\n" + text + "\n",
                       encoding="utf-8")  # fmt: skip


if __name__ == "__main__":
    main()
