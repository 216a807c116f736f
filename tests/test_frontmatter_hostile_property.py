"""Generated hostile front matter through the real check and generate: one line per problem, never
a traceback, never a long run.

Pages are written as YAML text (not through the page writer, which only writes plain data): every
value type an editor can type (null, booleans, integers of any size, floats, dates that exist and
dates that do not, binary, sets, ordered maps), tags, anchors and aliases up to an alias bomb,
merge keys, control characters raw and escaped, lone surrogates, huge values and deep nesting, at
keys the schema knows and keys it does not. See generator/yamlguard.py and
tests/test_frontmatter_hostile.py for the table of each case and its exact message.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import EXIT_ERRORS, EXIT_OK, main
from generator.collection.briefings import load_collection
from generator.errors import FrontMatterError

from .conftest import make_project

SCALARS = [
    "~",
    "null",
    "",
    "true",
    "no",
    "on",
    "0",
    "-17",
    "2.5",
    "1e999",
    ".inf",
    ".nan",
    "0x1F",
    "0o17",
    "1_000",
    "190:20:30",
    "9" * 5000,
    "0x" + "f" * 5000,
    "2020-01-07",
    "2020-02-30",
    "2020-13-45",
    "2020-01-01 10:00:00",
    "2020-01-01 25:61:00",
    "'2020-02-30'",
    "'٢٠١٤'",
    "'۲۰۱۴-۰۱-۰۲'",
    "index",
    "con",
    "a" * 300,
    "mark-esper",
    "نص عربي",
    "«لا يوجد قرار»",
    '"\\ud800"',
    '"\\udfff x"',
    '"\\U00110000"',
    '"a\\x02b"',
    '"\\0"',
    '"\\e[31m"',
    '"\\N"',
    '"\\x7f"',
    '"\\u0085"',
    '"\\t\\n"',
    "!!binary aGVsbG8=",
    "!!binary '!!!'",
    "!!set {a, b}",
    "!!omap [a: 1, b: 2]",
    "!!pairs [a: 1]",
    "!!timestamp 2020-02-30",
    "!!float x",
    "!!int 5",
    "!!str 5",
    "!!python/name:os.system",
    "!!python/object/apply:os.system ['true']",
    "!foo x",
    "! x",
    "&anchor x",
    "*anchor",
    "*undefined",
    "[]",
    "{}",
    "'" + "x" * 100_000 + "'",
    "[" + ", ".join(["x"] * 2000) + "]",
]
# Raw characters YAML refuses as typed, or reads in its own way.
RAW = ["\x00", "\x02", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff", "\t", "\r", "\ud7ff"]
KEYS = ["ar", "en", "text", "status", "id", "value", "rank", "<<", "? x", "unknown", "١"]

scalar = st.one_of(
    st.sampled_from(SCALARS),
    st.tuples(st.sampled_from(SCALARS[:30]), st.sampled_from(RAW)).map("".join),
)
value = st.recursive(
    scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
        st.dictionaries(st.sampled_from(KEYS), inner, max_size=3).map(
            lambda d: "{" + ", ".join(f"{k}: {v}" for k, v in d.items()) + "}"
        ),
    ),
    max_leaves=6,
)


def bomb(levels: int) -> str:
    lines = ["b0: &b0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"b{n}: &b{n} [{', '.join([f'*b{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


extra_lines = st.one_of(
    st.integers(1, 9).map(bomb),
    st.integers(1, 200_000).map(lambda n: "figures: " + "[" * n + "]" * n + "\n"),
    st.integers(1, 3000).map(lambda n: "figures:\n" + "- " * n + "x\n"),
    st.sampled_from(RAW).map(lambda c: f"reviewed: a{c}b\n"),
    st.just("base: {id: o}\noutlet:\n  <<: {id: o, ar: أ, en: O}\n"),
    st.just("%YAML 1.1\n"),
    st.just("reviewed: true\nreviewed: false\n"),
)
# The keys of a page, each either its ordinary value or a generated one.
SLOTS = {
    "headline_ar": "عنوان",
    "headline_en": "{text: Title, status: reviewed}",
    "outlet": "{id: rudaw, ar: رووداو, en: Rudaw}",
    "published": "{value: '2020-01-07', precision: day, confidence: low, source: s}",
    "url": "'https://example.com/a'",
    "entity_id": "iraq",
    "rank": "1",
    "reviewed": "false",
    "locked": "[]",
}


def hostile_page(chosen: dict[str, str], extra: str) -> str:
    v = {**SLOTS, **chosen}
    return (
        "---\n"
        "schema: 1\n"
        "id: x\n"
        f"headline:\n  ar: {v['headline_ar']}\n  en: {v['headline_en']}\n"
        f"outlet: {v['outlet']}\n"
        f"published: {v['published']}\n"
        "sources:\n"
        f"  - {{path: a.txt, sha256: '{'a' * 64}', format: txt, encoding: utf-8, "
        f"url: {v['url']}}}\n"
        f"entities:\n  - {{id: {v['entity_id']}, type: place, ar: العراق, en: Iraq}}\n"
        "quotes:\n"
        "  - id: q-1\n"
        "    speaker: {kind: unknown}\n"
        "    ar: قول\n"
        "    sentence: قال قولا\n"
        f"    rank: {v['rank']}\n"
        f"reviewed: {v['reviewed']}\n"
        f"locked: {v['locked']}\n"
        f"{extra}"
        "---\n\nنص.\n"
    )


pages = st.builds(
    hostile_page,
    st.dictionaries(st.sampled_from(list(SLOTS)), value, max_size=3),
    st.one_of(st.just(""), extra_lines),
)
# One problem: the file, a line (when the page has one for it), a key and a message, on one line,
# with nothing a terminal would act on.
PROBLEM = re.compile(r"[^\n]*x\.md(:\d+)?: [^\n]+?: [^\n]+")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SECONDS = 30  # a guard against a hang: the slowest example takes a few seconds on a busy machine


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("hostile") / "project", articles=[])
    (root / "docs" / "briefings").mkdir(parents=True)
    return root


def write(root: Path, text: str) -> Path:
    path = root / "docs" / "briefings" / "x.md"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=pages)
def test_check_reports_hostile_front_matter_one_line_a_problem(root: Path, text: str) -> None:
    write(root, text)
    started = time.monotonic()
    try:
        load_collection(root / "docs", cache=False)
    except FrontMatterError as exc:
        assert exc.problems
        for problem in exc.problems:
            shown = str(problem)
            assert PROBLEM.fullmatch(shown), shown
            assert not CONTROL.search(shown), shown
    assert time.monotonic() - started < SECONDS


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=pages)
def test_generate_and_build_never_raise_on_hostile_front_matter(
    root: Path, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # generate reads every page (and learns editors' translations from it); build checks first.
    write(root, text)
    started = time.monotonic()
    assert main(["--project", str(root), "generate"]) in {EXIT_OK, EXIT_ERRORS}
    assert main(["--project", str(root), "build", "--no-generate"]) in {EXIT_OK, EXIT_ERRORS}
    err = capsys.readouterr().err
    for line in err.splitlines():
        if line.startswith("error "):
            assert PROBLEM.fullmatch(line.removeprefix("error ")), line
    assert not CONTROL.search(err)
    assert time.monotonic() - started < 2 * SECONDS
