"""Compare the tables two versions of the pipeline extract from the same documents.

For a refactoring that must not change results: extract each raw folder with the code of a git
ref (in a temporary worktree, with this environment's packages) and with the working tree, then
compare every CSV table row by row on the columns both versions have. Columns only one side has
are listed, not compared; `pipeline_version` is ignored (it names the code, so it always differs).

    python -m tests.compare_outputs --before HEAD~3 raw ../shared/real
    python -m tests.compare_outputs --before-csv old/csv --after-csv new/csv

Exit code 0 when every shared column of every table is identical, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
IGNORED_COLUMNS = frozenset({"pipeline_version"})
DOCUMENT_SUFFIXES = (".docx", ".doc", ".pdf")
SHOWN_DIFFERENCES = 5


@dataclass
class TableComparison:
    table: str
    only_before: list[str] = field(default_factory=list)
    only_after: list[str] = field(default_factory=list)
    rows_before: int = 0
    rows_after: int = 0
    removed: list[dict[str, object]] = field(default_factory=list)
    added: list[dict[str, object]] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return not self.removed and not self.added


def read_table(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False) if path.exists() else pd.DataFrame()


def compare_table(name: str, before: pd.DataFrame, after: pd.DataFrame) -> TableComparison:
    """Rows of the columns both sides have, compared as multisets of text."""
    result = TableComparison(name, rows_before=len(before), rows_after=len(after))
    result.only_before = sorted(set(before.columns) - set(after.columns) - IGNORED_COLUMNS)
    result.only_after = sorted(set(after.columns) - set(before.columns) - IGNORED_COLUMNS)
    shared = [c for c in before.columns if c in set(after.columns) - IGNORED_COLUMNS]
    if not shared:
        return result
    counts = (
        before[shared].value_counts(dropna=False).rename("before").to_frame()
        .join(after[shared].value_counts(dropna=False).rename("after"), how="outer")
        .fillna(0)
    )  # fmt: skip
    for key, row in counts.iterrows():
        record = dict(zip(shared, key if isinstance(key, tuple) else (key,), strict=True))
        surplus = int(row["before"] - row["after"])
        (result.removed if surplus > 0 else result.added).extend([record] * abs(surplus))
    return result


def compare_folders(before: Path, after: Path) -> list[TableComparison]:
    names = sorted({p.stem for p in before.glob("*.csv")} | {p.stem for p in after.glob("*.csv")})
    return [compare_table(n, read_table(before / f"{n}.csv"), read_table(after / f"{n}.csv")) for n in names]


def report(label: str, comparisons: list[TableComparison]) -> bool:
    print(f"== {label}")
    for c in comparisons:
        state = "identical" if c.identical else f"{len(c.removed)} rows only before, {len(c.added)} only after"
        print(f"  {c.table}: {c.rows_before} -> {c.rows_after} rows; {state}")
        if c.only_before or c.only_after:
            print(f"    columns only before: {c.only_before or '-'}; only after: {c.only_after or '-'}")
        for side, rows in (("before", c.removed), ("after", c.added)):
            for row in rows[:SHOWN_DIFFERENCES]:
                print(f"    only {side}: {row}")
    return all(c.identical for c in comparisons)


def collect_documents(sources: list[Path], raw: Path) -> None:
    """Copy the documents of each source (a file or a folder, searched recursively) into `raw`."""
    raw.mkdir(parents=True, exist_ok=True)
    for source in sources:
        files = [source] if source.is_file() else sorted(source.rglob("*"))
        for path in files:
            if path.is_file() and path.suffix.lower() in DOCUMENT_SUFFIXES:
                shutil.copy(path, raw / path.name)


def extract_with(code: Path, raw: Path, out: Path) -> None:
    """Run `python -m pipeline extract` with the pipeline package found in `code`."""
    environment = {**os.environ, "PYTHONPATH": str(code)}
    command = [sys.executable, "-m", "pipeline", "extract", "--raw", str(raw), "--out", str(out), "--no-cache"]
    subprocess.run(command, cwd=code, env=environment, check=False, stdout=subprocess.DEVNULL)


def compare_ref(ref: str, sources: list[Path]) -> bool:
    with tempfile.TemporaryDirectory(prefix="compare-") as folder:
        work = Path(folder)
        worktree = work / "before-code"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(worktree), ref], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            collect_documents(sources, work / "raw")
            extract_with(worktree, work / "raw", work / "before")
            extract_with(REPO, work / "raw", work / "after")
            return report(f"{ref} against the working tree", compare_folders(work / "before/csv", work / "after/csv"))
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(worktree)], check=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="git ref whose code extracts the 'before' tables")
    parser.add_argument("--before-csv", type=Path, help="a folder of CSV tables extracted before")
    parser.add_argument("--after-csv", type=Path, help="a folder of CSV tables extracted after")
    parser.add_argument("sources", nargs="*", type=Path, help="documents or folders of documents (with --before)")
    args = parser.parse_args(argv)
    if args.before_csv and args.after_csv:
        same = report(f"{args.before_csv} against {args.after_csv}", compare_folders(args.before_csv, args.after_csv))
    elif args.before and args.sources:
        same = compare_ref(args.before, args.sources)
    else:
        parser.error("give --before REF with documents, or --before-csv and --after-csv")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
