"""Every command of the command line has help text and is documented in the README."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import build_parser

README = Path(__file__).resolve().parents[2] / "README.md"


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_there_are_commands() -> None:
    assert {"extract", "check", "publish", "report"} <= set(subcommands())


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_command_has_help_and_is_in_the_readme(name: str) -> None:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {choice.dest: choice.help for choice in action._choices_actions}
    assert helps.get(name), f"{name} has no help text"
    assert subcommands()[name].description, f"{name} has no description"
    assert re.search(rf"python -m pipeline {name}\b", README.read_text(encoding="utf-8")), f"{name} not in README"


def test_exit_codes_are_documented() -> None:
    text = README.read_text(encoding="utf-8")
    for code in ("| 0 |", "| 2 |", "| 3 |", "| 4 |", "| 5 |"):
        assert code in text


def test_top_level_help_lists_every_command() -> None:
    result = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, check=True)
    for name in subcommands():
        assert name in result.stdout
