"""No injection into front matter: any string goes through the page writer and comes back
unchanged, with the same type, for both readers (ruamel, YAML 1.2, as the generator reads
pages; PyYAML, YAML 1.1, as MkDocs and GitHub read them). YAML is only ever loaded safely.

What is round-tripped: every Unicode string, including NUL and other control characters, line
and paragraph separators (written escaped), ``---`` and ``...`` lines, YAML indicators and tags,
Arabic, direction marks and bidi controls (the site removes those when it shows a value, see
tests/test_injection.py). What is rejected: lone surrogates, which are not text (no UTF-8 file
holds them and MkDocs' reader refuses their escape): the page is not written. The schema
refuses values of the wrong type, and YAML tags never construct anything.
"""

from __future__ import annotations

import ast
import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from generator.errors import BriefingError, FrontMatterError
from generator.frontmatter import load_briefing, read_page, render_page, write_page

REPO = Path(__file__).resolve().parent.parent
SHA = "a" * 64

# Pieces a hostile or unlucky string is made of: YAML syntax, tags, document markers, line
# breaks of every kind, Arabic, direction marks and controls.
FRAGMENTS = [
    "---",
    "...",
    "\n---\n",
    "\n...\n",
    ": ",
    " #",
    "# ",
    "- ",
    "? ",
    "!!python/object/apply:os.system ['touch pwned']",
    "!!python/name:os.system",
    "!ENV HOME",
    "&anchor ",
    "*anchor",
    "<<",
    "{",
    "}",
    "[",
    "]",
    "|",
    ">",
    "%YAML 1.1",
    "@",
    "`",
    "'",
    '"',
    "\\",
    "\t",
    "\r",
    "\r\n",
    "\x85",
    "\u2028",
    "\u2029",
    "\x00",
    "\x1b[31m",
    "\ufeff",
    "\u200f",
    "\u200e",
    "\u061c",
    "\u202e",
    "\u2066",
    "الدفاع الأمريكية تنفي",
    "«لا يوجد قرار»",
    "٢٠٢٠",
    "yes",
    "no",
    "on",
    "null",
    "~",
    "2020-01-07",
    "12:30",
    "1e3",
    "0x1F",
    "0o17",
    ".inf",
    "=",
    " ",
]
hostile_text = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=5)), max_size=8).map("".join),
)


def page_data(texts: list[str]) -> dict[str, Any]:
    """A briefing's front matter with a string from ``texts`` in every free-text field."""
    t = itertools.cycle(texts)
    english = {"text": next(t), "status": "reviewed", "engine": next(t)}
    return {
        "schema": 1,
        "id": "payload",
        "headline": {"ar": next(t), "en": english, "provenance": "editor"},
        "outlet": {"id": "rudaw", "ar": next(t), "en": next(t), "evidence": next(t)},
        "published": {
            "value": "2020-01-07",
            "precision": "day",
            "confidence": "low",
            "source": next(t),
            "evidence": next(t),
            "reason": next(t),
        },
        "sources": [
            {"path": next(t), "sha256": SHA, "format": "txt", "encoding": next(t), "url": next(t)}
        ],
        "entities": [{"id": "x", "type": "person", "ar": next(t), "en": next(t), "role": next(t)}],
        "quotes": [
            {
                "id": "q-1",
                "speaker": {"kind": "person", "entity": "x", "ar": next(t), "en": next(t)},
                "ar": next(t),
                "sentence": next(t),
                "en": {"text": next(t), "status": "machine", "engine": next(t)},
                "rank": 1,
                "paragraph": 2,
            }
        ],
        "events": [
            {
                "id": "ev-1",
                "date": "2020-01",
                "precision": "month",
                "ar": next(t),
                "evidence": next(t),
                "entities": [next(t)],
            }
        ],
        "gist": [{"ar": next(t), "paragraph": 1, "position": 3, "en": {"status": "pending"}}],
        "figures": [{"value": "2,500", "unit": "troops", "en": next(t), "ar": next(t)}],
        "reviewed": True,
    }


def plain(value: Any) -> Any:
    """ruamel's round-trip objects as plain Python (dict, list, str, int, bool)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    for kind in (bool, int, str):  # bool first: it is an int too
        if isinstance(value, kind):
            return kind(value)
    return value


def same(read: Any, written: Any) -> bool:
    """Equal, and every scalar of the same type (a "1" that came back as 1 is not the same)."""
    if isinstance(written, dict):
        return (
            isinstance(read, dict)
            and read.keys() == written.keys()
            and all(same(read[k], written[k]) for k in written)
        )
    if isinstance(written, list):
        return (
            isinstance(read, list)
            and len(read) == len(written)
            and all(same(r, w) for r, w in zip(read, written, strict=True))
        )
    return type(read) is type(written) and read == written


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(hostile_text, min_size=1, max_size=6))
def test_any_string_reads_back_unchanged_with_its_type(tmp_path: Path, texts: list[str]) -> None:
    path = tmp_path / "payload.md"
    data = page_data(texts)
    write_page(path, data, "نص المقال.\n\n---\n\nفقرة ثانية.")
    page = read_page(path)
    assert same(plain(page.data), data)
    assert page.body == "نص المقال.\n\n---\n\nفقرة ثانية.\n"
    # MkDocs' own reader (PyYAML, YAML 1.1) sees the same values, and the same body.
    text = path.read_bytes().decode("utf-8")
    body, meta = get_data(text)
    assert same(meta, data)
    assert body.strip() == "نص المقال.\n\n---\n\nفقرة ثانية."


@settings(max_examples=100, deadline=None)
@given(text=hostile_text)
def test_a_value_never_ends_the_front_matter_early(text: str) -> None:
    # The fence is found line by line; a value must never produce a line that is only "---"
    # (or "...", where MkDocs' reader stops).
    page = render_page({"headline": {"ar": text}}, "نص.")
    for lines in (page.splitlines(), page.split("\n")):  # ours, and MkDocs' reading
        fences = [n for n, line in enumerate(lines) if line.rstrip(" \t") in {"---", "..."}]
        assert fences == [0, lines.index("نص.") - 2]


@pytest.mark.parametrize("text", ["\ud800", "نص \udfff", "\ud83d"])
def test_a_lone_surrogate_is_refused_and_nothing_is_written(tmp_path: Path, text: str) -> None:
    path = tmp_path / "payload.md"
    with pytest.raises(BriefingError, match=r"^not Unicode text: a lone surrogate U\+D"):
        write_page(path, page_data([text]), "نص.")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
        "!!python/name:os.system",
        "!!set {{a, b}}",
        "&a [*a, *a, *a, *a]",
    ],
)
def test_a_tagged_value_is_refused_and_never_runs(tmp_path: Path, tagged: str) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "payload.md"
    value = tagged.format(marker=marker)
    path.write_text(
        f"---\nschema: 1\nid: payload\nheadline:\n  ar: {value}\n"
        f"sources:\n  - path: a.txt\n    sha256: {SHA}\n    format: txt\n    encoding: utf-8\n"
        "---\n\nنص.\n",
        encoding="utf-8",
    )
    with pytest.raises(FrontMatterError) as caught:
        load_briefing(path)
    assert caught.value.problems[0].key.startswith("headline")
    # MkDocs' reader refuses the Python tags too.
    _, meta = get_data(path.read_text(encoding="utf-8"))
    assert not isinstance(meta.get("headline", {}), dt.date)
    assert not marker.exists()


# --- every YAML load in the code base is a safe one ------------------------------------------

SAFE_LOADERS = {"SafeLoader", "CSafeLoader"}
SAFE_RUAMEL_TYPES = {"rt", "safe"}
SOURCE_DIRS = ("generator", "eval", "bench", "tests")


def _loaders_named(node: ast.AST) -> set[str]:
    """The loader classes an expression names ("yaml.SafeLoader", getattr(yaml, "CSafeLoader"))."""
    names = set()
    for part in ast.walk(node):
        if isinstance(part, ast.Name):
            names.add(part.id)
        elif isinstance(part, ast.Attribute):
            names.add(part.attr)
        elif isinstance(part, ast.Constant) and isinstance(part.value, str):
            names.add(part.value)
    return {name for name in names if name.endswith("Loader")}


def yaml_loads(path: Path) -> list[str]:
    """Every unsafe YAML load in a Python file, as 'line: code'."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # Module constants such as _SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader).
    constants = {
        target.id: _loaders_named(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    # Module classes such as class _FastLoader(yaml.CSafeLoader): safe when every base is.
    constants.update(
        {
            node.name: set().union(*(_loaders_named(base) for base in node.bases))
            for node in tree.body
            if isinstance(node, ast.ClassDef) and node.bases
        }
    )
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = (
            node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        )
        keywords = {k.arg: k.value for k in node.keywords}
        if name in {"unsafe_load", "full_load", "unsafe_load_all", "full_load_all"}:
            found.append(f"{node.lineno}: {name}")
        elif name in {"load", "load_all"} and isinstance(node.func, ast.Attribute):
            owner = ast.unparse(node.func.value)
            if owner not in {"yaml", "pyyaml"}:
                continue  # ruamel's YAML().load, json.load ...: checked by their constructor
            loader = keywords.get("Loader") or (node.args[1] if len(node.args) > 1 else None)
            named = set()
            if loader is not None:
                named = _loaders_named(loader)
                if isinstance(loader, ast.Name) and loader.id in constants:
                    named = constants[loader.id]
            if not named or not named <= SAFE_LOADERS:
                found.append(f"{node.lineno}: {ast.unparse(node)}")
        elif name == "YAML":
            typ = keywords.get("typ")
            value = typ.value if isinstance(typ, ast.Constant) else "rt" if typ is None else None
            values = set(value) if isinstance(value, list) else {value}
            if not values <= SAFE_RUAMEL_TYPES:
                found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def test_every_yaml_load_in_the_code_base_is_safe() -> None:
    files = [p for d in SOURCE_DIRS for p in (REPO / d).rglob("*.py")]
    assert len(files) > 20
    unsafe = {p.relative_to(REPO).as_posix(): yaml_loads(p) for p in files}
    assert {path: lines for path, lines in unsafe.items() if lines} == {}


@pytest.mark.parametrize(
    "code",
    [
        "yaml.load(text)",
        "yaml.load(text, Loader=yaml.Loader)",
        "yaml.load(text, yaml.FullLoader)",
        "pyyaml.unsafe_load(text)",
        "yaml.full_load(text)",
        "YAML(typ='unsafe').load(text)",
        "YAML(typ=['unsafe']).load(text)",
        "L = getattr(yaml, 'UnsafeLoader')\nyaml.load(text, Loader=L)",
    ],
)
def test_the_check_finds_unsafe_loads(tmp_path: Path, code: str) -> None:
    path = tmp_path / "module.py"
    path.write_text(f"{code}\n", encoding="utf-8")
    assert yaml_loads(path) != []


@pytest.mark.parametrize(
    "code",
    [
        "yaml.safe_load(text)",
        "yaml.load(text, Loader=yaml.CSafeLoader)",
        "YAML(typ='safe')",
        "L = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)\nyaml.load(text, Loader=L)",
    ],
)
def test_the_check_accepts_safe_loads(tmp_path: Path, code: str) -> None:
    path = tmp_path / "module.py"
    path.write_text(f"{code}\n", encoding="utf-8")
    assert yaml_loads(path) == []


def test_pyyaml_reads_like_mkdocs() -> None:
    # The reference reader of the round-trip test is the one MkDocs uses for front matter.
    assert get_data("---\nx: '1'\n---\nbody") == ("body", {"x": "1"})
    with pytest.raises(yaml.YAMLError):
        yaml.safe_load("x: !!python/name:os.system")
