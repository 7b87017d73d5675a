"""Every command of the command line has help text and is documented in the README."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import cli
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
    codes = {value for name, value in vars(cli).items() if name.startswith("EXIT_")}
    assert len(codes) >= 6
    for code in codes:
        assert f"| {code} |" in text, f"exit code {code} is not in the README's table"
        assert str(code) in (build_parser().epilog or ""), f"exit code {code} is not in --help"


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_every_option_is_in_the_readme(name: str) -> None:
    text = README.read_text(encoding="utf-8")
    for action in subcommands()[name]._actions:
        for option in action.option_strings:
            if option.startswith("--") and option != "--help":
                assert option in text, f"{name} {option} is not in the README"


def test_top_level_help_lists_every_command() -> None:
    result = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, check=True)
    for name in subcommands():
        assert name in result.stdout
