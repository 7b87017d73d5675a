"""Command line: argument parsing only; every make target maps to one command here."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from pipeline.checks import recheck_database
from pipeline.limits import DEFAULT_LIMITS, Limits
from pipeline.outputs import OutputBusy, OutputUnwritable, csvs_match, output_lock
from pipeline.publish import write_csvs, write_package
from pipeline.report import HTML_NAME, REPORT_FOLDER, report_path, write_report, write_report_files
from pipeline.report.console import failure_lines
from pipeline.run import DATABASE_NAME, RunRefused, RunSummary, run_extract, summarize
from pipeline.workbook import WORKBOOK_NAME, write_workbook

log = logging.getLogger(__name__)
EXIT_OK = 0
EXIT_USAGE = 2  # argparse's own code for a wrong command line
EXIT_DOCUMENTS_FAILED = 3
EXIT_CHECKS_FAILED = 4
EXIT_NO_DATABASE = 5
EXIT_BUSY = 6  # another run is writing the output folder


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Turn Vietnamese planning documents (DOCX, PDF) into validated, cross-checked tables.",
        epilog="Exit codes: 0 all read and all checks passed (warnings allowed); 2 wrong command line; "
        "3 a document could not be read; 4 a check failed; 5 no database to work on (run extract first); "
        "6 another run is writing the output folder.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log every step, not only problems")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    extract = commands.add_parser(
        "extract",
        help="read every document in the raw folder into <out>/plans.duckdb and <out>/csv",
        description="Read every document under --raw, validate the tables, run the cross-checks and "
        "write <out>/plans.duckdb, <out>/csv/<table>.csv and the checks report <out>/report/checks.html; print "
        "each failed check and the report's path. The raw folder is never modified.",
    )
    extract.add_argument("--raw", type=Path, default=Path("raw"), help="folder of source documents (default: raw)")
    _add_out(extract)
    extract.add_argument(
        "--jobs", type=int, default=1, help="documents extracted in parallel, in a process pool (default: 1)"
    )
    extract.add_argument(
        "--dask-scheduler",
        metavar="ADDRESS",
        help="extract on a Dask cluster (e.g. tcp://scheduler:8786) instead of this machine; needs 'distributed'",
    )
    extract.add_argument("--no-cache", action="store_true", help="parse every document again, ignoring <out>/cache")
    extract.add_argument(
        "--allow-empty",
        action="store_true",
        help="write empty outputs when the raw folder holds no document (refused otherwise, exit 2)",
    )
    defaults = DEFAULT_LIMITS
    extract.add_argument("--max-pages", type=int, default=defaults.max_pages,
                         help=f"a document with more pages fails (default: {defaults.max_pages})")  # fmt: skip
    extract.add_argument(
        "--max-page-megapixels",
        type=float,
        default=defaults.max_page_megapixels,
        help=f"a page to OCR with a larger picture fails its document (default: {defaults.max_page_megapixels:g})",
    )
    extract.add_argument("--max-seconds", type=float, default=defaults.max_seconds,
                         help=f"time allowed to read one document (default: {defaults.max_seconds:g})")  # fmt: skip
    check = commands.add_parser(
        "check",
        help="run the cross-checks again on <out>/plans.duckdb and print their summary",
        description="Re-run every SQL check of pipeline/checks on the existing database (after you edit or add "
        "a check) without reading the documents again; rewrite the CSVs and <out>/report.",
    )
    _add_out(check)
    publish = commands.add_parser(
        "publish",
        help="write <out>/publish: an Excel workbook, CSVs, datapackage.json and the checks report",
        description="Write <out>/publish with plans.xlsx (a sheet per table, codes as text), one UTF-8 CSV per "
        "table (with a byte-order mark, for Excel), a Frictionless datapackage.json generated from schemas/, "
        "and checks.md / checks.html; print the report's path.",
    )
    _add_out(publish)
    report = commands.add_parser(
        "report",
        help="write <out>/report/checks.md and checks.html and print the markdown",
        description="Write the checks report again (in Vietnamese; per document: failed checks with both sides, "
        "their likely cause and a picture of the page, then warnings) and print it.",
    )
    _add_out(report)
    return parser


def _add_out(command: argparse.ArgumentParser) -> None:
    command.add_argument("--out", type=Path, default=Path("extracted"), help="output folder (default: extracted)")


@contextmanager
def executor_for(jobs: int, dask_scheduler: str | None) -> Iterator[Executor | None]:
    """None (serial), a process pool of `jobs` workers, or a Dask cluster's executor."""
    if dask_scheduler:
        from distributed import Client  # optional: only this option needs Dask

        with Client(dask_scheduler) as client:  # type: ignore[no-untyped-call]
            yield client.get_executor()
    elif jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            yield pool
    else:
        yield None


def print_summary(summary: RunSummary) -> None:
    print(
        f"documents: {summary.documents_ok} ok, {summary.documents_failed} failed, "
        f"{summary.documents_skipped} skipped (need OCR or LibreOffice), {summary.documents_duplicate} duplicates "
        f"({summary.documents_parsed} parsed, {summary.documents_cached} from cache); "
        f"annex tables: {summary.tables}; cells: {summary.cells}; "
        f"checks: {summary.checks_passed} passed, {summary.checks_failed} failed, "
        f"{summary.checks_warned} warned; quarantined rows: {summary.quarantined}"
    )


def print_failures(out: Path) -> None:
    """After the summary: each failed check (a few per document), then where the report is."""
    database = out / DATABASE_NAME
    if database.exists():
        lines = failure_lines(database)
        if lines:
            print("failed checks:")
            print("\n".join(lines))
    print(f"report: {report_path(out)}")


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
    try:
        return run_command(args)
    except (RunRefused, OutputUnwritable) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OutputBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BUSY


def run_command(args: argparse.Namespace) -> int:
    if args.command == "extract":
        with executor_for(args.jobs, args.dask_scheduler) as executor:
            limits = Limits(args.max_pages, args.max_page_megapixels, args.max_seconds)
            summary = run_extract(args.raw, args.out, executor, not args.no_cache, args.allow_empty, limits)
        print_summary(summary)
        print_failures(args.out)
        return exit_code(summary)
    database = args.out / DATABASE_NAME
    if not database.exists():
        print(f"no database at {database}: run 'python -m pipeline extract' first", file=sys.stderr)
        return EXIT_NO_DATABASE
    with output_lock(args.out):
        return run_on_database(args, database)


def run_on_database(args: argparse.Namespace, database: Path) -> int:
    """check, publish and report: on the database of the last extraction, its CSVs brought back in
    step with it first if a run was killed between writing the one and the other."""
    csv_folder = args.out / "csv"
    if not csvs_match(database, csv_folder):
        log.warning("%s is not from the run that wrote %s (a run was stopped between the two): rewriting it",
                    csv_folder, database)  # fmt: skip
        write_csvs(database, csv_folder)
    if args.command == "check":
        recheck_database(database)
        write_csvs(database, csv_folder)
        write_report(database, args.out / REPORT_FOLDER)
        summary = summarize(database)
        print_summary(summary)
        print_failures(args.out)
        return exit_code(summary)
    if args.command == "publish":
        publish_folder = args.out / "publish"
        written = write_package(database, publish_folder, extra=lambda folder: publish_extras(database, folder))
        print(f"published {len(written)} files to {publish_folder}")
        print(f"workbook: {publish_folder / WORKBOOK_NAME}")
        print(f"report: {publish_folder / HTML_NAME}")
        return EXIT_OK
    markdown_path, html_path = write_report(database, args.out / REPORT_FOLDER)
    print(markdown_path.read_text(encoding="utf-8"))
    print(f"written: {markdown_path} and {html_path}", file=sys.stderr)
    return EXIT_OK


def publish_extras(database: Path, folder: Path) -> None:
    """What publish adds to the CSVs and datapackage.json: the workbook and the report."""
    write_workbook(database, folder / WORKBOOK_NAME)
    write_report_files(database, folder)
