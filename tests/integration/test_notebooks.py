"""The notebooks as committed: without outputs, and failing loudly. nbmake runs them in `make test`
(on an extraction of raw/, or on $PLANS_DB); each section of the analysis raises when its result is
empty although the database holds what it needs, so a query that silently matches nothing (a
derived column shadowed by a table's own, as `measure` once was) cannot pass."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


def cells(path: Path) -> list[dict[str, object]]:
    return list(json.loads(path.read_text(encoding="utf-8"))["cells"])


def source(cell: dict[str, object]) -> str:
    text = cell["source"]
    return "".join(text) if isinstance(text, list) else str(text)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(path: Path) -> None:
    for cell in cells(path):
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, source(cell)[:80]


def test_every_section_of_the_analysis_checks_it_has_rows() -> None:
    (analysis,) = [p for p in NOTEBOOKS if p.name.startswith("02_")]
    sections: dict[str, str] = {}
    heading = ""
    for cell in cells(analysis):
        text = source(cell)
        if cell["cell_type"] == "markdown" and text.startswith("## "):
            heading = text.splitlines()[0]
            sections[heading] = ""
        elif cell["cell_type"] == "code" and heading:
            sections[heading] += text
    assert len(sections) >= 7 and any("2025" in h for h in sections)
    for heading, code in sections.items():
        assert "expect_rows(" in code, f"{heading} never checks that its result has rows"


def test_no_query_of_the_analysis_names_a_derived_column_like_a_table_column() -> None:
    (analysis,) = [p for p in NOTEBOOKS if p.name.startswith("02_")]
    code = "\n".join(source(c) for c in cells(analysis) if c["cell_type"] == "code")
    assert not re.search(r"SELECT c\.\*,", code), "c.* beside derived columns can give two columns one name"
    assert "AS line_measure" in code and 'isin(["thôn", "bản", "xã"])' in code
