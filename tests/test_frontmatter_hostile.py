"""Hostile and mistaken YAML in the files editors write: one line per problem, never a traceback.

Front matter (read by ``check``, ``generate`` and ``build``), the translation memory,
``names.yml``, ``briefings.yml`` and sidecars. Each case is a mistake an editor can type or an
attack a pull request can carry: an alias bomb, values YAML cannot build (an unquoted decimal, an
impossible date, a 5,000-digit integer), a raw NUL, deep nesting, tags, merge keys, escapes that
make control characters or lone surrogates, ids that name a page of the site, and dates in
Arabic-Indic digits. See generator/yamlguard.py.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import EXIT_ERRORS
from generator.collection.briefings import load_collection
from generator.config import load_config
from generator.entities.gazetteer import with_names_file
from generator.errors import ConfigError, FrontMatterError
from generator.frontmatter import load_briefing
from generator.sidecar import read_sidecar
from generator.translate.memory import TranslationMemory

SHA = "a" * 64
# The front matter's own lines are 2-10; what a case adds starts on line 11.
BASE = (
    "---\n"
    "schema: 1\n"
    "id: x\n"
    "headline:\n"
    "  ar: عنوان\n"
    "sources:\n"
    "  - path: a.txt\n"
    f"    sha256: {SHA}\n"
    "    format: txt\n"
    "    encoding: utf-8\n"
)


def page(extra: str) -> str:
    """A page with ``extra`` at the end of its front matter; indented, inside the headline."""
    if extra.startswith("  "):
        return BASE.replace("  ar: عنوان\n", f"  ar: عنوان\n{extra}") + "---\n\nنص.\n"
    return f"{BASE}{extra}---\n\nنص.\n"


def published(value: str) -> str:
    return f"published:\n  value: {value}\n  precision: day\n  confidence: low\n  source: s\n"


def entity(entity_id: str) -> str:
    return f"entities:\n  - id: {entity_id}\n    type: place\n    ar: مكان\n    en: Place\n"


LONG_ID = "a" * 300
ENTITY_RULE = "expected at most 80 lowercase ASCII letters, digits and '-' (e.g. 'iraq')"
# Nine aliases of nine aliases, four levels: 6,561 values from a few hundred bytes.
SMALL_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"
    for prev, name in (("a", "b"), ("b", "c"), ("c", "d"))
)
ALIASES = "anchors and aliases are not allowed in front matter; write the value out"

CASES = [
    (
        "unquoted decimal",
        published("2.5"),
        ['12: published.value: YAML reads unquoted 2.5 as a number; write "2.5" in quotes'],
    ),
    (
        "unquoted decimal where a boolean goes",
        "reviewed: .inf\n",
        ["11: reviewed: Input should be a valid boolean, got inf"],
    ),
    (
        "impossible unquoted date",
        published("2020-02-30"),
        ["12: published.value: 2020-02-30 is not a date (day is out of range for month)"],
    ),
    (
        "impossible quoted date",
        published("'2020-02-30'"),
        [
            "12: published.value: no such date (a month is 01-12, a day one of that month), "
            "got '2020-02-30'"
        ],
    ),
    (
        "impossible timestamp",
        "reviewed: 2020-01-01 25:00:00\n",
        ["11: reviewed: 2020-01-01 25:00:00 is not a date (hour must be in 0..23)"],
    ),
    (
        "5,000-digit integer",
        "figures:\n  - value: '1'\n    unit: u\n    en: e\n    ar: a\n    paragraph: "
        + "9" * 5000
        + "\n",
        ["16: figures.0.paragraph: a number of 5000 digits; at most 20 (write text in quotes)"],
    ),
    (
        "5,000-digit hexadecimal integer",
        "reviewed: 0x" + "f" * 5000 + "\n",
        ["11: reviewed: a number of 5002 digits; at most 20 (write text in quotes)"],
    ),
    (
        "raw NUL",
        "reviewed: a\x00b\n",
        ["11: (yaml): U+0000 cannot be typed as is in YAML; delete it"],
    ),
    (
        "escape that is no character",
        'reviewed: "\\U00110000"\n',
        [
            "11: (yaml): invalid YAML: an escape that is no character "
            "(chr() arg not in range(0x110000))"
        ],
    ),
    (
        "lone surrogate",
        'outlet: {id: o, ar: "\\ud800", en: O}\n',
        ["11: outlet.ar: not Unicode text: a lone surrogate U+D800; delete it"],
    ),
    (
        "control character in a gist sentence",
        'gist:\n  - {ar: "جملة\\x7f", paragraph: 1, position: 1}\n',
        ["12: gist.0.ar: control character U+007F; delete it (pages and feeds cannot show it)"],
    ),
    (
        "control character in an outlet",
        'outlet: {id: o, ar: "رووداو\\x02", en: "Rudaw\\e[31m"}\n',
        [
            "11: outlet.ar: control character U+0002; delete it (pages and feeds cannot show it)",
            "11: outlet.en: control character U+001B; delete it (pages and feeds cannot show it)",
        ],
    ),
    (
        "control character in a key",
        '"a\\x1b[2J": 1\n',
        [
            "11: a\\u001b[2J: unknown key; allowed here: schema, id, headline, outlet, "
            "published, sources, entities, quotes, events, gist, figures, reviewed, locked"
        ],
    ),
    (
        "deep nesting",
        "figures: " + "[" * 5000 + "]" * 5000 + "\n",
        ["11: figures" + ".0" * 19 + ": nested more than 20 levels deep"],
    ),
    (
        "deep block nesting",
        "figures:\n" + "- " * 5000 + "x\n",
        ["12: figures" + ".0" * 19 + ": nested more than 20 levels deep"],
    ),
    (
        "alias bomb",
        SMALL_BOMB,
        [f"{line}: {key}: {ALIASES}" for line, key in ((11, "a"), (12, "b"), (13, "c"), (14, "d"))],
    ),
    (
        "binary",
        "reviewed: !!binary aGVsbG8=\n",
        [
            "11: reviewed: the tag !!binary is not allowed in front matter; write a plain value "
            "(in quotes if it is text)"
        ],
    ),
    (
        "set",
        "locked: !!set {published: null}\n",
        [
            "11: locked: the tag !!set is not allowed in front matter; write a plain value "
            "(in quotes if it is text)"
        ],
    ),
    (
        "omap",
        "locked: !!omap [published: 1]\n",
        [
            "11: locked: the tag !!omap is not allowed in front matter; write a plain value "
            "(in quotes if it is text)"
        ],
    ),
    (
        "python tag",
        "reviewed: !!python/object/apply:os.system ['true']\n",
        [
            "11: reviewed: the tag !!python/object/apply:os.system is not allowed in front "
            "matter; write a plain value (in quotes if it is text)"
        ],
    ),
    (
        "merge key",
        "outlet:\n  <<: {id: o, ar: أ, en: O}\n",
        ["12: outlet.<<: the merge key '<<' is not allowed in front matter; write the keys out"],
    ),
    (
        "entity id that names the entity index",
        entity("index"),
        [
            "12: entities.0.id: names a page of the site (the entity index, or a Windows device "
            "name such as 'con'); choose another id, got 'index'"
        ],
    ),
    (
        "300-character entity id",
        entity(LONG_ID),
        [f"12: entities.0.id: {ENTITY_RULE}, got {LONG_ID!r}"],
    ),
    (
        "Arabic-Indic digits in a date",
        published("'٢٠١٤'").replace("day", "year"),
        [
            "12: published.value: expected YYYY, YYYY-MM or YYYY-MM-DD in ASCII digits (0-9), "
            "got '٢٠١٤'; write '2014'"
        ],
    ),
    (
        "Persian digits in an event date",
        "events:\n  - {id: e, date: '۲۰۱۴-۰۱', precision: month, ar: حدث, evidence: ۲۰۱۴}\n",
        [
            "12: events.0.date: expected YYYY, YYYY-MM or YYYY-MM-DD in ASCII digits (0-9), "
            "got '۲۰۱۴-۰۱'; write '2014-01'"
        ],
    ),
]


def hostile_page(root: Path, extra: str) -> Path:
    path = root / "docs" / "briefings" / "x.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page(extra), encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "extra", "expected"), CASES, ids=[c[0] for c in CASES])
def test_check_reports_each_problem_on_one_line(
    project: Path, name: str, extra: str, expected: list[str]
) -> None:
    path = hostile_page(project, extra)
    with pytest.raises(FrontMatterError) as caught:
        load_collection(project / "docs", cache=False)
    found = [str(problem) for problem in caught.value.problems]
    assert found == [f"{path}:{line}" for line in expected]
    with pytest.raises(FrontMatterError) as again:  # the round-trip reader says the same
        load_briefing(path)
    assert [str(problem) for problem in again.value.problems] == found


@pytest.mark.parametrize(
    ("typed", "key", "line"),
    [
        ('  ar: "عنوان\\x02"\n', "headline.ar", 5),
        ('    url: "https://example.com/\\x02"\n', "sources.0.url", 11),
    ],
)
def test_a_control_character_in_a_headline_or_url_is_reported(
    project: Path, typed: str, key: str, line: int
) -> None:
    # One \x02 in these made feed.xml ill-formed, and check said nothing.
    text = page("")
    text = text.replace("  ar: عنوان\n", typed) if key == "headline.ar" else text
    text = (
        text.replace("    encoding: utf-8\n", "    encoding: utf-8\n" + typed)
        if line == 11
        else text
    )
    path = project / "docs" / "briefings" / "x.md"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FrontMatterError) as caught:
        load_collection(project / "docs", cache=False)
    message = "control character U+0002; delete it (pages and feeds cannot show it)"
    assert [str(p) for p in caught.value.problems] == [f"{path}:{line}: {key}: {message}"]


# --- the other files editors write --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "entries:\n  - ar: س\n    en: s\n    engine: google\n    date: 2026-02-30\n",
            "tm.yml:5: (yaml): invalid YAML: 2026-02-30 is not a date (day is out of range for "
            "month)",
        ),
        (
            'entries:\n  - {ar: س, en: "s\\x02", engine: google, date: "2026-01-01"}\n',
            "tm.yml:2: entries.0.en: control character U+0002; delete it (pages and feeds cannot "
            "show it)",
        ),
        (
            "entries: &e\n  - {ar: س, en: s, engine: google, date: '2026-01-01'}\nmore: *e\n",
            "tm.yml:1: entries: anchors and aliases are not allowed in tm.yml; write the value out",
        ),
    ],
)
def test_a_broken_translation_memory_is_one_line(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "tm.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        TranslationMemory.load(path)
    assert str(caught.value).splitlines()[0] == f"{tmp_path}/{expected}"


def test_names_file_and_settings_refuse_an_alias_bomb(tmp_path: Path) -> None:
    bomb = SMALL_BOMB.replace("a: &a", "iraq: &a")
    (tmp_path / "names.yml").write_text(bomb, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"names\.yml:1: iraq: anchors and aliases are not"):
        with_names_file(tmp_path)
    (tmp_path / "briefings.yml").write_text("translation: &t {timeout: 1}\nx: *t\n")
    with pytest.raises(ConfigError, match=r"briefings\.yml:1: translation: anchors and aliases"):
        load_config(tmp_path)


def test_names_file_ids_follow_the_front_matter_rule(tmp_path: Path) -> None:
    (tmp_path / "names.yml").write_text(f"{LONG_ID}:\n  type: place\n  ar: مكان\n  en: P\n")
    with pytest.raises(ConfigError, match=r"names\.yml:1: entity id 'a{300}' must be"):
        with_names_file(tmp_path)


def test_a_sidecar_date_in_arabic_indic_digits_is_made_ascii(tmp_path: Path) -> None:
    sidecar = tmp_path / "a.meta.yml"
    sidecar.write_text("date: ٢٠٢٠-٠١-٠٧\n", encoding="utf-8")
    assert read_sidecar(sidecar) == {"date": "2020-01-07"}


# --- the real commands ----------------------------------------------------------------------


def briefings(root: Path, command: str) -> tuple[int, str]:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(root), command],
        capture_output=True,
        text=True,
        timeout=120,  # a guard against a hang: the alias bomb below ran for over 300 s
    )
    return result.returncode, result.stderr


def bomb(levels: int) -> str:
    """The attack of issue 18: nine aliases a level, some 560 bytes for seven levels."""
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


COMMAND_CASES = {
    "bomb": (bomb(7), [f"bomb.md:{11 + n}: l{n}: {ALIASES}" for n in range(7)]),
    "brackets": (
        "figures: " + "[" * 100_000 + "]" * 100_000 + "\n",
        ["brackets.md:11: figures" + ".0" * 19 + ": nested more than 20 levels deep"],
    ),
    "surrogate": (
        '  en: {text: "\\ud800", status: reviewed}\n',
        ["surrogate.md:6: headline.en.text: not Unicode text: a lone surrogate U+D800; delete it"],
    ),
    "decimal": (
        published("2.5"),
        [
            'decimal.md:12: published.value: YAML reads unquoted 2.5 as a number; write "2.5" '
            "in quotes"
        ],
    ),
}


def test_check_and_build_say_one_line_a_problem_and_stop(project: Path) -> None:
    # The bomb ran for over 300 s; 100,000 brackets crashed the process (libyaml's C stack);
    # build crashed on the surrogate that check reported.
    folder = project / "docs" / "briefings"
    folder.mkdir(parents=True)
    for name, (extra, _) in COMMAND_CASES.items():
        (folder / f"{name}.md").write_text(page(extra).replace("id: x", f"id: {name}"))
    for command in ("check", "build"):
        code, err = briefings(project, command)
        assert code == EXIT_ERRORS, err
        assert "Traceback" not in err
        errors = [line.removeprefix("error ") for line in err.splitlines() if "error " in line]
        expected = [line for _, lines in COMMAND_CASES.values() for line in lines]
        if command == "build":  # generate first rewrites the pages it can (decimal.md) above
            errors, expected = ([re.sub(r":\d+:", ":", e) for e in x] for x in (errors, expected))
        assert sorted(e.removeprefix(f"{folder}/") for e in errors) == sorted(expected)
    assert "Site not built" in err
    assert not (project / "site").exists()
