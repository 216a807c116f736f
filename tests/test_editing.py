"""EDITING.md's examples are true: each YAML block is applied to the file its first line names
and checked by the code that reads that file; the YAML-trap table is checked by `briefings check`.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from ruamel.yaml import YAML

from generator import langdata
from generator.entities.gazetteer import with_names_file
from generator.errors import FrontMatterError
from generator.frontmatter import load_briefing, read_page, write_page
from generator.merge import MISSING, find, plain
from generator.sidecar import read_sidecar
from generator.translate.memory import TranslationMemory

from .conftest import REPO

EDITING = (REPO / "EDITING.md").read_text(encoding="utf-8")
PAGES = REPO / "docs" / "briefings"
# A fenced yaml block, also indented inside a list item; its first line names its file.
_BLOCK = re.compile(r"^(?P<indent> *)```yaml\n(?P<body>.*?)^(?P=indent)```", re.M | re.S)
_FILE = re.compile(r"# (?P<file>\S+)")


def blocks() -> list[tuple[str, str]]:
    found = []
    for match in _BLOCK.finditer(EDITING):
        body = textwrap.dedent(match["body"])
        named = _FILE.match(body.splitlines()[0])
        assert named, f"EDITING.md: a YAML example must start with '# <file>': {body[:60]!r}"
        found.append((named["file"], body))
    return found


EXAMPLES = blocks()


def test_there_are_examples_of_every_kind() -> None:
    files = {name if not name.startswith("docs/") else "page" for name, _ in EXAMPLES}
    assert files == {"page", "names.yml", "translation-memory.yml"} | {
        name for name, _ in EXAMPLES if name.startswith("articles/")
    }
    assert any(name.startswith("articles/") for name, _ in EXAMPLES)


def _no_yaml11_surprise(text: str) -> Any:
    """The block as MkDocs and GitHub (YAML 1.1) read it must equal what `check` reads (1.2)."""
    rt = YAML(typ="rt").load(text)
    assert yaml.safe_load(text) == plain(rt), "a YAML 1.1 reader would retype a value"
    return rt


# List items are matched as the merge matches them (generator/merge.py).
LIST_IDS = {"quotes": "id", "events": "id", "entities": "id", "gist": "position"}


def apply(target: Any, fragment: Any, key: str | None = None) -> None:
    """Put ``fragment`` into ``target``: mappings key by key, listed records by their id (the
    record must exist: an example never names a quote the page lacks), other values whole."""
    for name, value in fragment.items():
        current = target.get(name)
        if isinstance(value, dict) and isinstance(current, dict):
            apply(current, value, name)
        elif name in LIST_IDS and isinstance(value, list) and isinstance(current, list):
            id_key = LIST_IDS[name]
            for item in value:
                (match,) = [c for c in current if c.get(id_key) == item[id_key]]
                apply(match, item, name)
        else:
            target[name] = value


PAGE_EXAMPLES = [(name, body) for name, body in EXAMPLES if name.startswith("docs/briefings/")]


@pytest.mark.parametrize(("name", "body"), PAGE_EXAMPLES, ids=[n for n, _ in PAGE_EXAMPLES])
def test_page_examples_pass_check(tmp_path: Path, name: str, body: str) -> None:
    source = REPO / name
    if not source.is_file():
        pytest.skip(f"{name} is not in this checkout")
    fragment = _no_yaml11_surprise(body)
    path = tmp_path / "docs" / "briefings" / source.name
    path.parent.mkdir(parents=True)
    shutil.copy2(source, path)
    page = read_page(path)
    apply(page.data, fragment)
    write_page(path, page.data, page.body)
    briefing, written = load_briefing(path)  # raises FrontMatterError, naming the problem
    for lock in briefing.locked:
        assert find(written.data, tuple(lock.split("."))) is not MISSING, lock


def _only(kind: str) -> list[str]:
    return [body for name, body in EXAMPLES if name == kind or name.endswith(kind)]


def test_names_example_is_applied(tmp_path: Path) -> None:
    (body,) = _only("names.yml")
    names = _no_yaml11_surprise(body)
    (tmp_path / "names.yml").write_text(body, encoding="utf-8")
    gazetteer = with_names_file(tmp_path)
    for entity_id, fields in names.items():
        entry = gazetteer.entries[entity_id]
        assert (entry.en, entry.en_source) == (fields["en"], "editor")


def test_sidecar_example_is_read(tmp_path: Path) -> None:
    (body,) = _only(".meta.yml")
    expected = _no_yaml11_surprise(body)
    path = tmp_path / "article.meta.yml"
    path.write_text(body, encoding="utf-8")
    assert read_sidecar(path) == {key: str(value) for key, value in expected.items()}
    assert expected["outlet"] in langdata.mapping("outlets")["outlets"]


def test_translation_memory_example_is_loaded(tmp_path: Path) -> None:
    (body,) = _only("translation-memory.yml")
    rows = _no_yaml11_surprise(body)["entries"]
    path = tmp_path / "translation-memory.yml"
    path.write_text(body, encoding="utf-8")
    memory = TranslationMemory.load(path)
    for row in rows:
        entry = memory.get(row["ar"])
        assert entry is not None and (entry.en, entry.reviewed) == (row["en"], row["reviewed"])


# --- the YAML-trap table ------------------------------------------------------------------------

_ROW = re.compile(r"^\| `(?P<wrong>[^`]+)` \| [^|]+ \| `(?P<right>[^`]+)` \|$", re.M)
TRAPS = [(m["wrong"], m["right"]) for m in _ROW.finditer(EDITING)]
# Where each key of the table sits in a sample page: (page, section line, key).
HOMES = {
    "text": ("000-51295827b7bc72d8.md", "headline:"),
    "evidence": ("000-51295827b7bc72d8.md", "published:"),
    "value": ("002-05af058da5e47de5.md", "published:"),
}


def test_the_trap_table_has_rows() -> None:
    assert len(TRAPS) >= 4
    assert {wrong.split(":")[0] for wrong, _ in TRAPS} <= set(HOMES)


def _with_line(text: str, section: str, line: str) -> str:
    """The page with the first ``<key>: ...`` line after ``section`` replaced by ``line``."""
    key = line.split(":")[0]
    start = text.index(f"\n{section}\n")
    match = re.compile(rf"^(?P<indent> +){key}: .*$", re.M).search(text, start)
    assert match, (section, key)
    return text[: match.start()] + match["indent"] + line + text[match.end() :]


@pytest.mark.parametrize(("wrong", "right"), TRAPS)
def test_trap_rows_are_caught_and_their_fix_passes(tmp_path: Path, wrong: str, right: str) -> None:
    try:
        read_wrong = yaml.safe_load(wrong)
    except yaml.YAMLError:
        read_wrong = None
    key = wrong.split(":")[0]
    assert read_wrong != yaml.safe_load(right) and isinstance(yaml.safe_load(right)[key], str)
    name, section = HOMES[key]
    source = PAGES / name
    if not source.is_file():
        pytest.skip(f"docs/briefings/{name} is not in this checkout")
    text = source.read_text(encoding="utf-8")
    path = tmp_path / name
    path.write_text(_with_line(text, section, right), encoding="utf-8")
    load_briefing(path)
    path.write_text(_with_line(text, section, wrong), encoding="utf-8")
    with pytest.raises(FrontMatterError) as check:
        load_briefing(path)
    (problem,) = check.value.problems
    assert problem.line is not None
    assert path.read_text(encoding="utf-8").splitlines()[problem.line - 1].strip() == wrong


# --- the sample output of `briefings review` ----------------------------------------------------

_TEXT = re.compile(r"^```text\n(?P<body>.*?)^```", re.M | re.S)
_LINE_NUMBER = re.compile(r"\.md:\d+ ")


def test_review_sample_output_matches_the_real_queue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every item line of the example is what `briefings review` prints for the sample pages
    (line numbers aside: they move whenever a page gains a line)."""
    from generator.cli import main

    if len(list(PAGES.glob("*.md"))) != 5:
        pytest.skip("the five sample pages are not in docs/")
    (example,) = [m["body"] for m in _TEXT.finditer(EDITING) if "briefings/" in m["body"]]
    monkeypatch.chdir(REPO)
    assert main(["review"]) == 0
    printed = [_LINE_NUMBER.sub(".md ", line) for line in capsys.readouterr().out.splitlines()]
    for line in example.splitlines():
        shown = _LINE_NUMBER.sub(".md ", line).removesuffix(" ...")
        assert any(p.startswith(shown) for p in printed), line
