"""Editors' mistakes in front matter: the exact message, in `briefings check` and `mkdocs build`.

Each case edits one line of a valid page the way an editor might get it wrong (YAML 1.1 traps
included: `no`, `on`, `12:30`, unquoted dates, tabs, duplicate keys) and names the line the
message points at. No case may end in a traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator import frontmatter
from generator.cli import EXIT_ERRORS, EXIT_OK, main
from generator.model import Briefing

from .conftest import make_project

PUBLISHED_KEYS = "schema, id, headline, outlet, published, sources, entities, quotes, events"

VALID: dict[str, Any] = {
    "id": "000-sample",
    "headline": {"ar": "الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق"},
    "published": {
        "value": "2020-01-07",
        "precision": "day",
        "confidence": "high",
        "source": "dateline",
        "evidence": "07/01/2020",
    },
    "sources": [
        {"path": "articles/000.txt", "sha256": "a" * 64, "format": "txt", "encoding": "utf-8"}
    ],
    "quotes": [
        {
            "id": "q1",
            "speaker": {
                "kind": "person",
                "entity": "mark-esper",
                "ar": "مارك إسبر",
                "en": "Mark Esper",
            },
            "ar": "لا يوجد أيّ قرار على الإطلاق بمغادرة العراق",
            "sentence": "وقال إسبر: لا يوجد أيّ قرار على الإطلاق بمغادرة العراق",
            "rank": 1,
        }
    ],
    "events": [
        {
            "id": "ev-1",
            "date": "2020-01-05",
            "precision": "day",
            "ar": "صوّت البرلمان العراقي على إخراج القوات الأجنبية",
            "evidence": "الأحد",
        }
    ],
}

# (case, line as generated, line as the editor left it, the line the message names, key, message)
CASES = [
    (
        "date-format",
        '  value: "2020-01-07"',
        "  value: 7 Jan",
        "  value: 7 Jan",
        "published.value",
        "expected YYYY, YYYY-MM or YYYY-MM-DD, got '7 Jan'",
    ),
    (
        "date-as-number",
        '  value: "2020-01-07"',
        "  value: 2020",
        "  value: 2020",
        "published.value",
        'YAML reads unquoted 2020 as a number; write "2020" in quotes',
    ),
    (
        "no-is-false",
        "  ar: الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق",
        "  ar: no",
        "  ar: no",
        "headline.ar",
        'YAML 1.1 (MkDocs, GitHub) reads unquoted no as false; write "no" in quotes',
    ),
    (
        "on-is-true",
        "      en: Mark Esper",
        "      en: on",
        "      en: on",
        "quotes.0.speaker.en",
        'YAML 1.1 (MkDocs, GitHub) reads unquoted on as true; write "on" in quotes',
    ),
    (
        "true-is-boolean",
        "      en: Mark Esper",
        "      en: true",
        "      en: true",
        "quotes.0.speaker.en",
        'YAML reads unquoted true as a boolean; write "true" in quotes',
    ),
    (
        "sexagesimal",
        "  evidence: 07/01/2020",
        "  evidence: 12:30",
        "  evidence: 12:30",
        "published.evidence",
        "YAML 1.1 (MkDocs, GitHub) reads unquoted 12:30 as the number 750 (base 60); "
        'write "12:30" in quotes',
    ),
    (
        "unquoted-date-in-text",
        "  evidence: 07/01/2020",
        "  evidence: 2020-01-07",
        "  evidence: 2020-01-07",
        "published.evidence",
        'YAML reads unquoted 2020-01-07 as a date; write "2020-01-07" in quotes',
    ),
    (
        "empty-text",
        "  ar: الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق",
        "  ar:",
        "  ar:",
        "headline.ar",
        "expected text, got an empty value",
    ),
    (
        "tab-indent",
        "  precision: day",
        "\tprecision: day",
        "\tprecision: day",
        "(yaml)",
        "tab character in the indentation; YAML allows only spaces there",
    ),
    (
        "duplicate-key",
        "reviewed: false",
        "reviewed: false\nreviewed: true",
        "reviewed: true",
        "reviewed",
        "duplicate key (first on line {first}); delete one of the two",
    ),
    (
        "colon-in-text",
        "  ar: الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق",
        "  ar: قال إسبر: لا قرار",
        "  ar: قال إسبر: لا قرار",
        "(yaml)",
        "invalid YAML: a ': ' inside an unquoted value (or a wrong indent); "
        "put the value in quotes",
    ),
    (
        "unknown-key-typo",
        "reviewed: false",
        "reveiwed: true",
        "reveiwed: true",
        "reveiwed",
        "unknown key; did you mean 'reviewed'?",
    ),
    (
        "unknown-key",
        "reviewed: false",
        "colour: blue",
        "colour: blue",
        "colour",
        f"unknown key; allowed here: {PUBLISHED_KEYS}, gist, figures, reviewed, locked",
    ),
    (
        "missing-key",
        "  precision: day",
        "",
        "published:",
        "published.precision",
        "required key is missing",
    ),
    (
        "not-an-allowed-value",
        "  confidence: high",
        "  confidence: sure",
        "  confidence: sure",
        "published.confidence",
        "Input should be 'high', 'medium' or 'low', got 'sure'",
    ),
    (
        "bad-id",
        "  - id: ev-1",
        "  - id: Ev 1",
        "  - id: Ev 1",
        "events.0.id",
        "expected lowercase ASCII letters, digits and '-' (e.g. 'mark-esper'), got 'Ev 1'",
    ),
    (
        "bad-lock",
        "reviewed: false",
        "locked: [publshed]",
        "locked: [publshed]",
        "locked.0",
        "expected a key of this page to lock, e.g. 'published' or 'headline.en', got 'publshed'",
    ),
]


def valid_page() -> str:
    data = frontmatter.briefing_to_data(Briefing.model_validate(VALID))
    return frontmatter.render_page(data, "نفى وزير الدفاع الأمريكي وجود قرار بالانسحاب.")


def broken_page(slug: str, old: str, new: str) -> str:
    text = valid_page().replace("id: 000-sample\n", f"id: {slug}\n")
    lines = text.split("\n")
    assert lines.count(old) == 1, old
    return "\n".join(new if line == old else line for line in lines if new or line != old)


def expected(slug: str, text: str, where: str, key: str, message: str) -> str:
    lines = text.split("\n")
    first = next((n for n, line in enumerate(lines, start=1) if line.startswith(f"{key}:")), 0)
    return f"docs/briefings/{slug}.md:{lines.index(where) + 1}: {key}: " + message.format(
        first=first
    )


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_project(tmp_path / "project", articles=[])
    (root / "docs" / "briefings").mkdir(parents=True)
    monkeypatch.chdir(root)  # paths are shown relative to where the command runs
    return root


def check(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["check"])
    return code, capsys.readouterr().err.splitlines()


def test_a_valid_page_passes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "docs/briefings/000-sample.md").write_text(valid_page(), encoding="utf-8")
    assert check(capsys) == (EXIT_OK, ["1 briefing(s) checked, no problems."])


@pytest.mark.parametrize(
    ("old", "new", "where", "key", "message"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_check_names_file_line_key_and_hint(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    old: str,
    new: str,
    where: str,
    key: str,
    message: str,
) -> None:
    text = broken_page("000-sample", old, new)
    (project / "docs/briefings/000-sample.md").write_text(text, encoding="utf-8")
    code, lines = check(capsys)
    assert code == EXIT_ERRORS
    assert lines == [
        "error " + expected("000-sample", text, where, key, message),
        "1 problem(s) found.",
    ]


def test_check_reports_every_problem_of_every_page_at_once(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = valid_page()
    for old, new in [
        ('  value: "2020-01-07"', "  value: 7 Jan"),
        ("      en: Mark Esper", "      en: on"),
        ("reviewed: false", "colour: blue"),
    ]:
        text = text.replace(f"\n{old}\n", f"\n{new}\n")
    (project / "docs/briefings/000-sample.md").write_text(text, encoding="utf-8")
    other = broken_page("001-other", "  precision: day", "\tprecision: day")
    (project / "docs/briefings/001-other.md").write_text(other, encoding="utf-8")
    code, lines = check(capsys)
    assert code == EXIT_ERRORS
    assert [line.split(": ", 2)[1] for line in lines[:-1]] == [
        "published.value",
        "quotes.0.speaker.en",
        "colour",
        "(yaml)",
    ]
    assert lines[-1] == "4 problem(s) found."


def test_mkdocs_build_gives_the_same_messages_without_a_traceback(project: Path) -> None:
    wanted = []
    for number, (_, old, new, where, key, message) in enumerate(CASES):
        slug = f"{number:03d}-case"
        text = broken_page(slug, old, new)
        (project / "docs/briefings" / f"{slug}.md").write_text(text, encoding="utf-8")
        wanted.append(expected(slug, text, where, key, message))
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode != 0
    assert "Traceback" not in build.stderr
    assert f"{len(CASES)} problem(s) in briefing front matter:" in build.stderr
    shown = [line.strip() for line in build.stderr.splitlines()]
    for line in wanted:
        assert line in shown
