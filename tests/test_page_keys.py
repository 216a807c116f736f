"""Page keys cannot drift from what the pages show: every leaf field of the front matter,
changed one at a time, changes the key of every page whose output it changes.

An incremental build keeps a page, and its search entry, while its key (``build.page_keys``,
``ReviewPage.key``) is unchanged: a template that starts showing another field of a briefing
on another page would leave that page stale. The fields are enumerated from the published
JSON Schema, so a field added to ``generator/model.py`` is covered without touching this file.
Each change is tried in process on the sample briefings, rendering every page of both
languages; a few of them also go through the real build, incremental against full.
"""

from __future__ import annotations

import copy
import html
import json
import re
import shutil
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from pydantic import BaseModel

from generator.collection.briefings import BRIEFINGS_FOLDER, load_collection
from generator.frontmatter import briefing_to_data, write_page
from generator.model import LOCKABLE, Briefing
from generator.site import review_page, search, sharing
from generator.site.build import build_site, page_keys
from generator.site.i18n import LANGUAGES
from generator.site.render import Renderer, site_data

from .conftest import REPO, make_project
from .test_incremental import EPOCH, built, files

SCHEMA = REPO / "schema" / "briefing.schema.json"
# How many changes also go through the real build (each costs an incremental and a full one).
BUILT_CHANGES = 4


# --- the leaves of the schema ---------------------------------------------------------------

Path_ = tuple[str, ...]  # ("entities", "[]", "wikidata"): "[]" stands for every list item


def dotted(path: Path_) -> str:
    return ".".join(path).replace(".[]", "[]")


@dataclass(frozen=True, slots=True)
class Leaf:
    path: Path_
    node: dict[str, Any]  # its JSON Schema, the null branch removed
    nullable: bool


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The node behind a reference or an optional (``anyOf`` with null), and whether null is
    allowed."""
    nullable = False
    if "anyOf" in node:
        branches = [b for b in node["anyOf"] if b.get("type") != "null"]
        assert len(branches) == 1, f"a union this test cannot change: {node}"
        nullable = len(branches) < len(node["anyOf"])
        node = branches[0]
    if "$ref" in node:
        node = defs[node["$ref"].rpartition("/")[2]]
    return node, nullable


def schema_nodes(schema: dict[str, Any]) -> Iterator[tuple[Path_, dict[str, Any], bool]]:
    """Every node of the schema below the root, by path: objects, lists and leaves."""
    defs = schema.get("$defs", {})

    def walk(node: dict[str, Any], path: Path_) -> Iterator[tuple[Path_, dict[str, Any], bool]]:
        node, nullable = _resolve(node, defs)
        if path:
            yield path, node, nullable
        if "properties" in node:
            for name, child in node["properties"].items():
                yield from walk(child, (*path, name))
        elif node.get("type") == "array":
            yield from walk(node["items"], (*path, "[]"))

    yield from walk(schema, ())


def is_leaf(node: dict[str, Any]) -> bool:
    return "properties" not in node and node.get("type") != "array"


def schema_leaves(schema: dict[str, Any]) -> list[Leaf]:
    return [Leaf(p, n, null) for p, n, null in schema_nodes(schema) if is_leaf(n)]


def model_leaves(model: type[BaseModel], path: Path_ = ()) -> Iterator[Path_]:
    """The same paths, found from the pydantic model's annotations (the schema's source)."""
    for name, info in model.model_fields.items():
        yield from _annotation_leaves(info.annotation, (*path, info.alias or name))


def _annotation_leaves(annotation: Any, path: Path_) -> Iterator[Path_]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _annotation_leaves(typing.get_args(annotation)[0], path)
    elif origin in (typing.Union, types.UnionType):
        (kind,) = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        yield from _annotation_leaves(kind, path)
    elif origin is list:
        yield from _annotation_leaves(typing.get_args(annotation)[0], (*path, "[]"))
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield from model_leaves(annotation, path)
    else:
        yield path


# --- another valid value ----------------------------------------------------------------------


def _pattern_candidates(value: str | None) -> Iterator[str]:
    """Values to try for a string with a pattern; the first the pattern accepts is taken."""
    if value:
        yield f"{value}-b"  # slugs and ids
        if re.fullmatch(r"\d{4}.*", value):
            yield f"{int(value[:4]) - 1}{value[4:]}"  # dates: a year earlier
        if re.fullmatch(r"Q\d+", value):
            yield f"Q{int(value[1:]) + 1}"  # Wikidata ids
        yield value[:-1] + ("0" if value[-1] != "0" else "1")  # hashes
    yield from ("b", "2019", "Q42", "0" * 64)
    yield from (name for name in (*LOCKABLE, "headline.en") if name != value)  # lock paths


def changed(node: dict[str, Any], value: Any) -> Any:
    """A valid value for a leaf of schema ``node`` other than ``value`` (None: absent)."""
    if "enum" in node:
        return next(choice for choice in node["enum"] if choice != value)
    kind = node.get("type")
    if kind == "boolean":
        return not value
    if kind == "integer":
        return value + 1 if value is not None else node.get("minimum", 1)
    if kind == "string" and "pattern" in node:
        for candidate in _pattern_candidates(value):
            if candidate != value and re.fullmatch(node["pattern"], candidate):
                return candidate
        raise AssertionError(f"no value to try for the pattern {node['pattern']}: add one")
    if kind == "string":
        if value is None:
            return "نص جديد"
        return f"{value} {'جديد' if re.search('[ء-ي]', value) else 'new'}"
    raise AssertionError(f"no way to change a leaf of type {kind!r}: add one")


def example(node: dict[str, Any], defs: dict[str, Any], variant: int = 0) -> Any:
    """A valid value for ``node`` with every field present (a list item the samples lack);
    examples of other ``variant`` numbers differ from it."""
    node, _ = _resolve(node, defs)
    if "properties" in node:
        return {name: example(child, defs, variant) for name, child in node["properties"].items()}
    if node.get("type") == "array":
        return [example(node["items"], defs, variant)]
    value = node["default"] if node.get("default") is not None else changed(node, None)
    for _ in range(variant):
        value = changed(node, value)
    return value


# Leaves whose value names a record of the briefing (an id, with no pattern of its own in the
# schema): they are changed to another of those ids, so the change exercises the link.
REFERENCES: dict[Path_, Path_] = {
    ("events", "[]", "entities", "[]"): ("entities", "[]", "id"),
    ("quotes", "[]", "speaker", "entity"): ("entities", "[]", "id"),
}


def referable(data: dict[str, Any], path: Path_) -> list[Any]:
    """The ids a leaf at ``path`` may name in the briefing ``data`` (none: not a reference)."""
    target = REFERENCES.get(path)
    return [get(holder, key) for holder, key in slots(data, target)] if target else []


# --- changes to one briefing ------------------------------------------------------------------


def slots(data: Any, path: Path_) -> Iterator[tuple[Any, str | int]]:
    """Where the leaf at ``path`` sits in ``data``: (its mapping or list, key) pairs, one per
    occurrence whose containers exist (the leaf itself may be absent)."""
    if not path:
        return
    head, rest = path[0], path[1:]
    if head == "[]":
        if isinstance(data, list):
            for index, item in enumerate(data):
                if rest:
                    yield from slots(item, rest)
                else:
                    yield data, index
        return
    if not isinstance(data, dict):
        return
    if rest:
        yield from slots(data.get(head), rest)
    else:
        yield data, head


def complete(data: Any, path: Path_, nodes: dict[Path_, dict[str, Any]], defs: Any) -> None:
    """Make the containers of the leaf at ``path`` exist in ``data``: an absent record, or
    an empty list, gets an example."""
    for depth in range(1, len(path)):
        prefix = path[:depth]
        found = list(slots(data, prefix))
        values = [get(holder, key) for holder, key in found]
        if path[depth] == "[]":
            if not any(values):
                holder, key = found[0]
                holder[key] = [new_item(data, prefix, [], nodes, defs)]
        elif all(value is None for value in values):
            holder, key = found[0]
            holder[key] = example(nodes[prefix], defs)


def new_item(
    data: dict[str, Any], path: Path_, items: list[Any], nodes: dict[Path_, Any], defs: Any
) -> Any:
    """An item for the list at ``path`` unlike its ``items``: an id of the briefing when the
    list names its records, else an example."""
    ids = [found for found in referable(data, (*path, "[]")) if found not in items]
    return ids[0] if ids else example(nodes[(*path, "[]")], defs, len(items))


def filled(data: Any, path: Path_) -> int:
    """How many of the containers of ``path`` hold something in ``data``."""
    return sum(
        any(get(holder, key) for holder, key in slots(data, path[:depth]))
        for depth in range(1, len(path))
    )


def _has(holder: Any, key: str | int) -> bool:
    return isinstance(holder, list) or key in holder


def get(holder: Any, key: str | int) -> Any:
    return holder[key] if _has(holder, key) else None


@dataclass(slots=True)
class Change:
    """One change to one briefing: ``base`` is the state it starts from (the sample, or the
    sample with the record or list item the leaf needs), ``edit`` makes the change."""

    name: str
    leaf: str | None  # the schema leaf it changes, for the coverage count
    briefing: int  # index of the briefing in the collection
    edit: Callable[[dict[str, Any], str], str]  # changes the data in place; returns the body
    base: Callable[[dict[str, Any]], None] | None = None


def leaf_change(leaf: Leaf, to_none: bool = False) -> Callable[[dict[str, Any], str], str]:
    def edit(data: dict[str, Any], body: str) -> str:
        ids = referable(data, leaf.path)
        for number, (holder, key) in enumerate(list(slots(data, leaf.path))):
            value = get(holder, key)
            others = [other for other in ids if other != value]
            if to_none:
                if _has(holder, key):
                    del holder[key]  # type: ignore[arg-type]
            elif others:
                holder[key] = others[number % len(others)]
            else:
                holder[key] = changed(leaf.node, value)
        return body

    return edit


def list_change(path: Path_, how: str) -> Callable[[dict[str, Any], str], str]:
    def edit(data: dict[str, Any], body: str) -> str:
        for holder, key in slots(data, path):
            items = get(holder, key)
            if items:
                holder[key] = items[::-1] if how == "reversed" else items[:-1]
        return body

    return edit


def changes(schema: dict[str, Any], samples: list[dict[str, Any]]) -> list[Change]:
    """Every leaf changed to another value (and removed, when optional), every optional
    record removed, every list reversed and shortened, and the body; each in one briefing,
    taken in turn among those where the change applies."""
    defs = schema.get("$defs", {})
    nodes = {path: node for path, node, _ in schema_nodes(schema)}
    found: list[Change] = []

    def add(
        name: str,
        leaf: str | None,
        edit: Any,
        where: list[int],
        prepare: Any = None,
        path: Path_ = (),
    ) -> None:
        """``prepare``: makes a briefing one the change applies to, when no sample is; it is
        done to one of those that have the most of ``path``'s containers."""
        base = None
        if not where and prepare is not None:
            reach = [filled(data, path) for data in samples]
            where, base = [i for i, depth in enumerate(reach) if depth == max(reach)], prepare
        assert where, f"{name}: no sample briefing to change"
        found.append(Change(name, leaf, where[len(found) % len(where)], edit, base))

    def given(leaf: Leaf) -> Callable[[dict[str, Any]], None]:
        """The briefing given the leaf's containers, and the leaf a value."""

        def prepare(data: dict[str, Any]) -> None:
            complete(data, leaf.path, nodes, defs)
            if all(get(holder, key) is None for holder, key in slots(data, leaf.path)):
                leaf_change(leaf)(data, "")

        return prepare

    def lengthened(path: Path_, count: int) -> Callable[[dict[str, Any]], None]:
        """The briefing given list items at ``path`` (examples) up to ``count``."""

        def prepare(data: dict[str, Any]) -> None:
            complete(data, (*path, "[]"), nodes, defs)
            holder, key = max(slots(data, path), key=lambda slot: len(get(*slot) or []))
            while len(holder[key]) < count:
                holder[key].append(new_item(data, path, holder[key], nodes, defs))

        return prepare

    def having(test: Callable[[Any, str | int], bool], path: Path_) -> list[int]:
        return [i for i, data in enumerate(samples) if any(test(*s) for s in slots(data, path))]

    for leaf in schema_leaves(schema):
        name = dotted(leaf.path)
        anywhere = having(lambda holder, key: True, leaf.path)
        add(f"{name}: another value", name, leaf_change(leaf), anywhere, given(leaf), leaf.path)
        if leaf.nullable:
            present = having(lambda holder, key: get(holder, key) is not None, leaf.path)
            add(f"{name}: removed", name, leaf_change(leaf, True), present, given(leaf), leaf.path)
    for path, node, nullable in schema_nodes(schema):
        if nullable and not is_leaf(node):
            present = having(lambda holder, key: get(holder, key) is not None, path)
            add(
                f"{dotted(path)}: removed", None, leaf_change(Leaf(path, node, True), True), present
            )
        if node.get("type") == "array":
            for how, count in (("reversed", 2), ("shortened", node.get("minItems", 0) + 1)):
                longer = having(lambda h, k, count=count: len(get(h, k) or []) >= count, path)
                add(
                    f"{dotted(path)}: {how}",
                    None,
                    list_change(path, how),
                    longer,
                    lengthened(path, count),
                    path,
                )
    add("the body: a paragraph added", None, longer_body, list(range(len(samples))))
    return found


def longer_body(data: dict[str, Any], body: str) -> str:
    return body + "\n\nوقال متحدث باسم التحالف الدولي في 12 آذار 2021 إن المشاورات مستمرة.\n"


# --- what the pages show, and their keys --------------------------------------------------------


@dataclass(slots=True)
class Outcome:
    change: Change
    applied: bool  # the change made the briefing differ
    stale: list[str] = field(default_factory=list)  # pages changed under an unchanged key
    elsewhere: list[str] = field(default_factory=list)  # changed pages, the briefing's aside


class Trial:
    """The sample briefings in a throwaway project, changed one at a time and restored."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / "docs" / BRIEFINGS_FOLDER
        self.original = {path.name: path.read_bytes() for path in self.folder.glob("*.md")}
        collection = load_collection(root / "docs", cache=False)
        self.samples = [briefing_to_data(entry.briefing) for entry in collection.entries]
        self.bodies = [entry.body for entry in collection.entries]
        self.names = [Path(entry.src_uri).name for entry in collection.entries]
        self.renderers = {
            code: Renderer(REPO / "templates", lang) for code, lang in LANGUAGES.items()
        }
        self.config = load_config(str(root / "mkdocs.yml"))

    def pages(self) -> dict[str, tuple[str | None, Any]]:
        """Every page of both languages, by "<language>:<source>": its key and what the build
        makes of the collection for it (all that an incremental build keeps with the key)."""
        collection = load_collection(self.root / "docs", cache=False)
        keys = page_keys(site_data(collection))
        review = review_page.prepare(self.config, collection)
        found: dict[str, tuple[str | None, Any]] = {}
        for code, renderer in self.renderers.items():
            for uri, render in renderer.prepare(collection).items():
                found[f"{code}:{uri}"] = (keys.get(uri), render())
            for entry in collection.entries:
                # What the plugin sets besides the Markdown, and the page's search entry.
                title = renderer.headline(entry)
                meta = sharing.briefing_meta(entry, renderer.lang, renderer.strings)
                heading = html.escape(title, quote=False).replace("\n", " ").strip()
                doc = search.briefing_doc(entry, code, heading)
                shown = (renderer.briefing(entry), title, meta, doc)
                found[f"{code}:{entry.src_uri}"] = (keys.get(entry.src_uri), shown)
            page = types.SimpleNamespace(meta={})
            markdown = review.render(page, renderer)  # type: ignore[arg-type]
            found[f"{code}:{review_page.REVIEW_SOURCE}"] = (review.key(), (markdown, page.meta))
        return found

    def write(
        self, index: int, data: dict[str, Any], body: str, folder: Path | None = None
    ) -> None:
        """The briefing's page, with a new name when its id changed (the id is the name)."""
        folder = folder or self.folder
        Briefing.model_validate(data)
        path = folder / f"{data['id']}.md"
        if path.name != self.names[index]:
            (folder / self.names[index]).unlink()
        write_page(path, data, body)

    def restore(self) -> None:
        for path in self.folder.glob("*.md"):
            if path.name not in self.original:
                path.unlink()
        for name, data in self.original.items():
            (self.folder / name).write_bytes(data)

    def edited(self, change: Change) -> tuple[dict[str, Any], str, dict[str, Any], str]:
        """The briefing's data and body before the change (its base) and after."""
        data = copy.deepcopy(self.samples[change.briefing])
        if change.base is not None:
            change.base(data)
        body = self.bodies[change.briefing]
        after = copy.deepcopy(data)
        return data, body, after, change.edit(after, body)

    def run(self, change: Change, sample: dict[str, tuple[str | None, Any]]) -> Outcome:
        data, body, after, new_body = self.edited(change)
        try:
            before = sample
            if change.base is not None:
                self.write(change.briefing, data, body)
                before = self.pages()
            outcome = Outcome(change, (after, new_body) != (data, body))
            self.write(change.briefing, after, new_body)
            now = self.pages()
        finally:
            self.restore()
        own = {f"{BRIEFINGS_FOLDER}/{name}.md" for name in (data["id"], after["id"])}
        for page in before.keys() & now.keys():
            (old_key, old), (new_key, new) = before[page], now[page]
            if old == new:
                continue
            if page.partition(":")[2] not in own:
                outcome.elsewhere.append(page)
            if new_key is not None and new_key == old_key:
                outcome.stale.append(page)
        return outcome


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def trial(tmp_path_factory: pytest.TempPathFactory) -> Trial:
    root = make_project(tmp_path_factory.mktemp("keys") / "project", articles=[])
    shutil.copytree(REPO / "docs" / BRIEFINGS_FOLDER, root / "docs" / BRIEFINGS_FOLDER)
    return Trial(root)


@pytest.fixture(scope="module")
def outcomes(trial: Trial, schema: dict[str, Any]) -> list[Outcome]:
    sample = trial.pages()
    return [trial.run(change, sample) for change in changes(schema, trial.samples)]


def test_the_schema_has_the_leaves_of_the_model(schema: dict[str, Any]) -> None:
    found = [leaf.path for leaf in schema_leaves(schema)]
    assert found == list(model_leaves(Briefing))
    assert len(found) == len(set(found)) > 50


def test_every_leaf_of_the_schema_is_changed(
    schema: dict[str, Any], outcomes: list[Outcome]
) -> None:
    leaves = {dotted(leaf.path) for leaf in schema_leaves(schema)}
    changed_leaves = {o.change.leaf for o in outcomes if o.applied}
    assert leaves - changed_leaves == set()
    assert [o.change.name for o in outcomes if not o.applied] == []


def test_pages_rewritten_from_their_values_are_the_same(trial: Trial) -> None:
    """The changes rewrite a page from its values: that alone changes nothing shown."""
    before = trial.pages()
    try:
        for index, data in enumerate(trial.samples):
            trial.write(index, data, trial.bodies[index])
        assert trial.pages() == before
    finally:
        trial.restore()


def test_a_page_that_shows_a_change_has_a_new_key(outcomes: list[Outcome]) -> None:
    stale = [
        f"{o.change.name} (in briefing {o.change.briefing}): {page}"
        for o in outcomes
        for page in o.stale
    ]
    assert stale == [], "pages an incremental build would keep stale:\n" + "\n".join(stale)
    # The changes reach other pages than the briefing's own: the test sees what they share.
    assert sum(bool(o.elsewhere) for o in outcomes) > 10


def built_sample(outcomes: list[Outcome]) -> list[Change]:
    """The changes the real build checks: those shown on the most other pages, one per
    top-level field, starting from the sample itself."""
    chosen: dict[str, Change] = {}
    ranked = sorted(outcomes, key=lambda o: -len(o.elsewhere))
    for o in ranked:
        top = o.change.name.split(".")[0].split("[")[0].split(":")[0]
        if o.elsewhere and o.change.base is None and top not in chosen:
            chosen[top] = o.change
    return list(chosen.values())[:BUILT_CHANGES]


def test_an_incremental_build_after_a_change_is_the_full_build(
    trial: Trial, outcomes: list[Outcome], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    built_root = tmp_path / "built"
    shutil.copytree(trial.root, built_root, symlinks=True)
    built(build_site(built_root, parallel=False, incremental=False))
    chosen = built_sample(outcomes)
    assert len(chosen) == BUILT_CHANGES
    for number, change in enumerate(chosen):
        root = tmp_path / f"changed-{number}"
        shutil.copytree(built_root, root, symlinks=True)
        _, _, data, body = trial.edited(change)
        trial.write(change.briefing, data, body, root / "docs" / BRIEFINGS_FOLDER)
        counts = built(build_site(root, parallel=False))
        full = tmp_path / f"full-{number}"
        built(build_site(root, full, parallel=False, incremental=False))
        assert files(root / "site") == files(full), change.name
        assert all(rendered < pages for rendered, pages in counts), change.name
