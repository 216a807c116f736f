"""File names and front-matter values reach the terminal and the CI log escaped: a newline
cannot start a line of its own (on GitHub Actions, ``::error::`` at a line start is a workflow
command), and an ESC cannot start a terminal escape sequence."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import Problem
from generator.terminal import json_printable, markup, printable

from .conftest import make_project

TITLE = "الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق"
LEAD = (
    "نفى وزير الدفاع الأمريكي مارك إسبر مساء أمس الاثنين وجود خطط لانسحاب القوات "
    "الأمريكية من العراق، وقال إن القوات باقية لمحاربة تنظيم داعش."
)
# Raw control characters a terminal or log acts on: all but the line breaks the tool prints.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\nb", "a\\nb"),
        ("x\r::error::y", "x\\r::error::y"),
        ("\x1b]0;title\x07\x1b[2J", "\\x1b]0;title\\x07\\x1b[2J"),
        ("\x9b31m", "\\x9b31m"),  # the C1 form of ESC [
        ("مارك \u202eإسبر", "مارك \\u202eإسبر"),
        ("\u2028\u2029\u2066\u061c", "\\u2028\\u2029\\u2066\\u061c"),
        ("name\udcff.txt", "name\\udcff.txt"),
        ("الدفاع الأمريكية\ttab", "الدفاع الأمريكية\\ttab"),
        ("C:\\Users\\ok", "C:\\Users\\ok"),  # nothing to escape stays as it is
    ],
)
def test_printable_shows_control_characters_as_escapes(text: str, shown: str) -> None:
    assert printable(text) == shown
    assert printable(shown) == shown  # escaping twice changes nothing


def test_markup_and_json_forms() -> None:
    assert markup("[bold]x\n") == "\\[bold]x\\n"
    assert json_printable('{"k": "a\u202eb\x85"}') == '{"k": "a\\u202eb\\u0085"}'


def test_a_problem_prints_its_file_and_value_escaped(tmp_path: Path) -> None:
    problem = Problem(tmp_path / "x\n::error::y.md", "reason", "bad \x1b[2J value", 3)
    assert "\n" not in str(problem) and "\x1b" not in str(problem)
    assert str(problem).endswith("x\\n::error::y.md:3: reason: bad \\x1b[2J value")


def run(root: Path, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(root), *command],
        capture_output=True,
        text=True,
        timeout=600,
    )


def assert_clean(output: str) -> None:
    assert RAW_CONTROL.search(output) is None, repr(RAW_CONTROL.search(output))
    assert not [line for line in output.splitlines() if line.startswith("::")]


def test_file_names_and_front_matter_values_are_printed_escaped(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    articles = root / "articles"
    (articles / "story\n::error::injected.txt").write_text(f"{TITLE}\n\n{LEAD}\n", "utf-8")
    (articles / "empty\n::warning::x\x1b[2J.txt").write_text("\n", "utf-8")  # skipped
    generated = run(root, "generate")
    assert generated.returncode == 1, generated.stderr  # the empty one is skipped
    assert_clean(generated.stdout + generated.stderr)
    assert "story\\n::error::injected.txt" in generated.stderr
    assert "empty\\n::warning::x\\x1b[2J.txt: file is empty; skipped" in generated.stderr

    # A value typed (or pasted) into front matter: the reason of a low-confidence date. Control
    # characters are refused by check (the page is listed as invalid, its key named); a line
    # break and a bidi control are allowed in text, and are printed escaped.
    page = next(p for p in (root / "docs" / "briefings").glob("000-*.md"))
    text = page.read_text(encoding="utf-8")
    reason = re.search(r"^  reason: .*$", text, flags=re.M)
    assert reason is not None
    for hostile, shown in (
        (r'"\e]0;pwned\a\e[2J\n::error::from front matter"', "control character U+001B"),
        (
            r'"pasted\n::error::from front matter\u202e"',
            r"pasted\n::error::from front matter\u202e",
        ),
    ):
        page.write_text(text.replace(reason.group(), f"  reason: {hostile}"), encoding="utf-8")
        for command in (["review"], ["review", "--json"], ["check"]):
            result = run(root, *command)
            assert "Traceback" not in result.stderr, command
            assert_clean(result.stdout + result.stderr)
        review = run(root, "review")
        assert shown in review.stdout
