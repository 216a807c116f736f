"""The review queue: what in the briefings needs a human, each item with its file, line and why.

``briefings review`` prints it (or ``--json`` for tools, ``generator/review.py``); the site builds
it as an editors' page at ``review/`` (``generator/site/review_page.py``). The queue only reads
pages: fixing an item is an edit of the page's front matter (``EDITING.md``); the item is gone on
the next run.

The "why" of an item is an interface string of ``generator/data/ui.yml`` (``review_why_*``) with
the item's values filled in, so the command line (English) and both site languages say the same.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml
from ruamel.yaml.comments import CommentedMap

from ..conflicts import CONFLICTS_FILE, conflict_of, still_open
from ..errors import ConfigError, FrontMatterError
from ..frontmatter import Page, line_of, read_page, validate
from ..merge import ARABIC_CHANGED, BODY_KEY, Conflict
from ..model import Briefing
from .briefings import BRIEFINGS_FOLDER, UNTRUSTED_SOURCES, Collection

# Kinds in the order they are shown: what breaks the build first, then what readers see wrong.
KINDS = ("invalid", "conflict", "date", "translation", "entity", "speaker", "unreviewed")
# Words of a quote shown to recognise it in the list.
EXCERPT_WORDS = 10
# Translated fields of a briefing, in page order; "headline" is one record, the others lists.
TRANSLATED = ("headline", "gist", "quotes", "events")

Locate = Callable[[tuple[int | str, ...]], int | None]


class Wording(Protocol):
    """The interface strings of one language (``generator.site.i18n.Strings``)."""

    def __getitem__(self, key: str) -> str: ...


@dataclass(frozen=True, slots=True)
class Item:
    """One thing a human should look at."""

    kind: str  # one of KINDS
    page: str  # the file to edit, relative to the project root
    briefing: str  # the briefing id (the file name without .md)
    key: str  # the front-matter key, dotted ("published.value", "quotes.1.speaker")
    line: int | None  # 1-based line of that key in the file, when known
    message: str  # ui.yml key of the "why"
    params: dict[str, str] = field(default_factory=dict)
    anchor: str | None = None  # where on the briefing page the item shows

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}" if self.line else self.page

    @property
    def url(self) -> str:
        page = f"{BRIEFINGS_FOLDER}/{self.briefing}/"
        return f"{page}#{self.anchor}" if self.anchor else page

    def values(self, strings: Wording) -> dict[str, str]:
        """The values of the "why", in the language of ``strings`` where they have one."""
        params = dict(self.params)
        if "confidence" in params:  # "low" is "منخفضة" on the Arabic page
            params["confidence"] = strings["confidence_" + params["confidence"]]
        return params

    def why(self, strings: Wording) -> str:
        return strings[self.message].format(**self.values(strings))


@dataclass(frozen=True, slots=True)
class Queue:
    items: tuple[Item, ...]
    briefings: int  # how many pages were looked at

    def by_kind(self) -> list[tuple[str, list[Item]]]:
        groups = [(kind, [i for i in self.items if i.kind == kind]) for kind in KINDS]
        return [(kind, items) for kind, items in groups if items]


# --- what one briefing needs ------------------------------------------------------------------


def _dotted(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc)


# What a finder yields: kind, key path, ui.yml message, its values, anchor on the page.
Found = tuple[str, tuple[int | str, ...], str, dict[str, str], str | None]


def _date(b: Briefing) -> Iterator[Found]:
    p = b.published
    if p is None:
        yield ("date", ("published",), "review_why_no_date", {}, None)
    elif p.confidence != "high" or p.source in UNTRUSTED_SOURCES:
        params = {"value": p.value, "confidence": p.confidence, "source": p.source}
        params["reason"] = p.reason or "-"
        yield ("date", ("published", "value"), "review_why_date", params, None)


def _translations(b: Briefing) -> Iterator[Found]:
    # One item per field, not per sentence: the editor fixes a field in one sitting.
    for name in TRANSLATED:
        records = [b.headline] if name == "headline" else getattr(b, name)
        pending = [i for i, r in enumerate(records) if r.en.status == "pending"]
        if pending:
            loc = (name, "en") if name == "headline" else (name, pending[0], "en")
            params = {"field": name, "pending": str(len(pending)), "total": str(len(records))}
            # The anchor is the section's (templates/briefing.md.j2; strict builds check it).
            yield ("translation", loc, "review_why_translation", params, name)


def _entities(b: Briefing) -> Iterator[Found]:
    for i, e in enumerate(b.entities):
        if e.en_source == "romanised":
            # Names found by title cues get a romanised English name and a guessed type;
            # "other" means the cues could not tell a person from an organisation.
            message = "review_why_entity_type" if e.type == "other" else "review_why_entity"
            params = {"id": e.id, "ar": e.ar, "en": e.en, "type": e.type}
            yield ("entity", ("entities", i, "en"), message, params, "entities")


def _excerpt(text: str) -> str:
    words = text.split()
    return " ".join(words[:EXCERPT_WORDS]) + (" …" if len(words) > EXCERPT_WORDS else "")


def _speakers(b: Briefing) -> Iterator[Found]:
    for i, q in enumerate(b.quotes):
        if q.speaker.kind == "unknown":
            params = {"id": q.id, "quote": _excerpt(q.ar)}
            yield ("speaker", ("quotes", i, "speaker"), "review_why_speaker", params, q.id)


def _unreviewed(b: Briefing) -> Iterator[Found]:
    if not b.reviewed:
        yield ("unreviewed", ("reviewed",), "review_why_unreviewed", {}, None)


FINDERS = (_date, _translations, _entities, _speakers, _unreviewed)


def briefing_items(b: Briefing, page: str, locate: Locate) -> list[Item]:
    return [
        Item(kind, page, b.id, _dotted(loc), locate(loc), message, params, anchor)
        for finder in FINDERS
        for kind, loc, message, params, anchor in finder(b)
    ]


# --- where a key is in the file ---------------------------------------------------------------

_KEY_PART = re.compile(r"[^.\[\]]+")


def key_path(key: str) -> tuple[int | str, ...]:
    """ "quotes.1.speaker" or "quotes[1].speaker" -> ("quotes", 1, "speaker")."""
    return tuple(int(p) if p.isdigit() else p for p in _KEY_PART.findall(key))


# --- conflicts of the last regeneration -------------------------------------------------------


def load_conflicts(root: Path) -> list[Conflict]:
    """``generated/conflicts.yml``: absent means no conflicts; a malformed file is an error
    (``generate`` writes it, so a broken one was edited by hand and must not hide conflicts)."""
    path = root / CONFLICTS_FILE
    if not path.is_file():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{CONFLICTS_FILE}: not readable YAML ({exc})") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise ConfigError(f"{CONFLICTS_FILE}: expected a list of conflicts")
    conflicts = []
    for number, entry in enumerate(data, start=1):
        found = conflict_of(entry)
        if not isinstance(found, Conflict):
            raise ConfigError(f"{CONFLICTS_FILE}: conflict {number} {found}")
        conflicts.append(found)
    return conflicts


def conflict_items(
    conflicts: list[Conflict], pages: Mapping[str, Page], locate: Mapping[str, Locate]
) -> list[Item]:
    """The conflicts still open (as ``generate`` decides: settled once the editor took the
    generated value or locked the key, or the page is gone), so an edit clears its item at once."""
    items = []
    front_matter = {name: page.data for name, page in pages.items()}
    for c in conflicts:
        if not still_open(c, front_matter):
            continue
        line = locate[c.page](key_path(c.key)) if c.page in locate else None
        message, params = _conflict_why(c)
        items.append(Item("conflict", c.page, Path(c.page).stem, c.key, line, message, params))
    return items


def _conflict_why(c: Conflict) -> tuple[str, dict[str, str]]:
    """The "why" of a conflict and its values. The Arabic changed under a reviewed translation:
    both wordings and the English in full, which the editor starts the new translation from."""
    if c.kind == ARABIC_CHANGED:
        texts = {"old": c.editor["ar"], "english": c.editor["en"], "new": c.generated["ar"]}
        return "review_why_arabic_changed", {"key": c.key, **texts}
    return "review_why_conflict", {
        "key": c.key,
        "editor": _show(c.editor),
        "generated": _show(c.generated),
    }


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 120 else text[:119] + "…"


# --- the queue of a project (command line) ----------------------------------------------------


def build_queue(root: Path, docs_dir: Path | None = None) -> Queue:
    """Read every briefing page of the project; invalid pages are items too (kind "invalid")."""
    root = root.resolve()
    folder = (docs_dir or root / "docs") / BRIEFINGS_FOLDER
    paths = sorted(folder.glob("*.md")) if folder.is_dir() else []
    items: list[Item] = []
    pages: dict[str, Page] = {}
    locators: dict[str, Locate] = {}
    for path in paths:
        name = _relative(path, root)
        try:
            page = read_page(path)
        except FrontMatterError as exc:
            items.extend(_invalid(name, path, exc))
            continue

        def locate(loc: tuple[int | str, ...], page: Page = page) -> int | None:
            # A conflict in the Arabic text names the body, which starts after the front matter.
            return page.body_line if loc == (BODY_KEY,) else line_of(page.data, loc)

        pages[name], locators[name] = page, locate
        try:
            briefing = validate(page)
        except FrontMatterError as exc:
            items.extend(_invalid(name, path, exc))
            continue
        items.extend(briefing_items(briefing, name, locate))
    items = conflict_items(load_conflicts(root), pages, locators) + items
    return Queue(tuple(_ordered(items)), len(paths))


def _invalid(name: str, path: Path, exc: FrontMatterError) -> list[Item]:
    message = "review_why_invalid"
    return [
        Item("invalid", name, path.stem, p.key, p.line, message, {"problem": p.message})
        for p in exc.problems
    ]


def _ordered(items: list[Item]) -> list[Item]:
    """By kind (KINDS order), then file and line; stable within one key."""
    return sorted(items, key=lambda i: (KINDS.index(i.kind), i.page, i.line or 0))


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def collection_queue(collection: Collection, root: Path, docs_dir: Path) -> Queue:
    """The queue of a validated collection, as the site build has it: no line numbers, which
    would cost a round-trip parse of every page in both language builds."""
    conflicts = load_conflicts(root)
    items: list[Item] = []
    pages: dict[str, Page] = {}
    docs = _relative(docs_dir, root)  # once: resolving every page's path is most of the cost
    for entry in collection.entries:
        path = docs_dir / entry.src_uri
        name = f"{docs}/{entry.src_uri}"
        b = entry.briefing
        if conflicts:  # only conflicts read the front matter; dumping it is a quarter of the cost
            data = CommentedMap(b.model_dump(mode="json", by_alias=True, exclude_none=True))
            pages[name] = Page(path, data, entry.body, 0)
        items.extend(briefing_items(b, name, _nowhere))
    items = conflict_items(conflicts, pages, {}) + items
    return Queue(tuple(_ordered(items)), len(collection.entries))


def _nowhere(loc: tuple[int | str, ...]) -> int | None:
    return None
