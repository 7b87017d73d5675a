"""Command line: argument parsing only; every make target maps to one command here."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from pipeline.run import RunSummary, run_extract

EXIT_OK = 0
EXIT_DOCUMENTS_FAILED = 3
EXIT_CHECKS_FAILED = 4


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Turn Vietnamese planning documents (DOCX, PDF) into validated, cross-checked tables.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log every step, not only problems")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    extract = commands.add_parser(
        "extract",
        help="read every document in the raw folder into <out>/plans.duckdb and <out>/csv",
        description="Read every document under --raw, validate the tables, run the cross-checks and "
        "write <out>/plans.duckdb and <out>/csv/<table>.csv. The raw folder is never modified.",
    )
    extract.add_argument("--raw", type=Path, default=Path("raw"), help="folder of source documents (default: raw)")
    extract.add_argument("--out", type=Path, default=Path("extracted"), help="output folder (default: extracted)")
    return parser


def print_summary(summary: RunSummary) -> None:
    print(
        f"documents: {summary.documents_ok} ok, {summary.documents_failed} failed; "
        f"annex tables: {summary.tables}; cells: {summary.cells}; "
        f"checks: {summary.checks_passed} passed, {summary.checks_failed} failed, {summary.checks_warned} warned; "
        f"quarantined rows: {summary.quarantined}"
    )


def exit_code(summary: RunSummary) -> int:
    if summary.documents_failed:
        return EXIT_DOCUMENTS_FAILED
    if summary.checks_failed:
        return EXIT_CHECKS_FAILED
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if args.command == "extract":
        summary = run_extract(args.raw, args.out)
        print_summary(summary)
        return exit_code(summary)
    return EXIT_OK
