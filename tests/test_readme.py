"""The README's promises: its two commands are the ones CI runs, and every command is documented."""

from __future__ import annotations

import re

from generator.cli import parser

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    return [line.strip() for line in README.splitlines() if line.startswith("    python3 -m venv")]


def test_readme_opens_with_exactly_two_commands() -> None:
    commands = readme_commands()
    assert len(commands) == 2
    head = README.split("## ", 1)[0]
    assert all(command in head for command in commands)
    assert commands[0].endswith("&& briefings build")
    assert commands[1].endswith("&& python -m pytest")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    test_command = readme_commands()[1]
    assert f"{test_command} || status=$?" in ci


def test_install_commands_differ_only_by_the_test_extra() -> None:
    build, test = readme_commands()
    assert (
        build.split(" && briefings build")[0].replace("-e .", '-e ".[test]"')
        == test.split(" && python -m pytest")[0]
    )


def test_every_command_and_option_is_documented() -> None:
    commands = parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name, sub in commands.items():
        assert f"`briefings {name}" in README, name
        for action in sub._actions:
            for flag in action.option_strings:
                if flag not in ("-h", "--help"):
                    assert re.search(rf"`briefings {name}[^`]*{flag}", README), (name, flag)
