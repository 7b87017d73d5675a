"""Shared by the benchmark scripts: replace one named section of benchmarks/results.md."""

from __future__ import annotations

import platform
import re
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.md"
HEADER = "# Benchmark results\n\nWritten by the scripts in this folder; a script replaces only its own section.\n"


def machine() -> str:
    return f"{platform.machine()}, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def write_section(name: str, body: str) -> None:
    """Replace (or add) the section `name` of results.md with `body`, stamped with date and machine."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else HEADER
    stamp = f"_{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {machine()}_"
    section = f"<!-- {name} -->\n## {name}\n\n{stamp}\n\n{body.strip()}\n<!-- /{name} -->\n"
    pattern = re.compile(rf"<!-- {re.escape(name)} -->.*?<!-- /{re.escape(name)} -->\n", re.DOTALL)
    text = pattern.sub(lambda _m: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text, encoding="utf-8")
