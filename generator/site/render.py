"""Render briefing, home, timeline and entity pages from front matter through Jinja2 templates.

Templates produce Markdown whose data-bearing parts are HTML blocks with every value
HTML-escaped (autoescape). Python-Markdown leaves HTML blocks alone, so scraped text can never
become Markdown links, images or raw HTML on the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape
from mkdocs.utils import get_relative_url

from ..cache import CACHE_DIR
from ..collection import entities, related, timeline
from ..collection.briefings import Collection, Entry, site_version
from ..collection.entities import EntityRecord
from ..collection.related import Link
from ..collection.related_cache import ScoringFile, kept_related
from ..collection.timeline import TIMELINE_URL, Item, Year
from ..text import paragraphs as text_paragraphs
from . import chart
from .i18n import Language, Strings, display_date, month_name, published_label

HOME_URL = ""
LATEST = 10
RECENT = 8


# Compared by identity: what is computed from it (build.page_keys) is kept per object.
@dataclass(frozen=True, slots=True, eq=False)
class SiteData:
    """What the pages of one build share, computed once from the collection."""

    collection: Collection
    timeline: list[Item]
    related: dict[str, list[Link]]
    entities: dict[str, EntityRecord]
    entity_items: dict[str, list[Item]]  # entity id -> its timeline entries
    years: list[Year]  # the timeline by year, then month: one page each

    @classmethod
    def of(cls, collection: Collection, root: Path | None = None) -> SiteData:
        """``root``: the project, whose cache may hold the related briefings (related_cache)."""
        named = {
            (entry.briefing.id, event_id): ids
            for entry in collection.entries
            for event_id, ids in _event_entities(entry).items()
        }

        def names(entry: Entry, event: Any) -> tuple[str, ...]:
            if event is None:
                return entities.publication_entities(entry)
            return named[(entry.briefing.id, event.id)]

        items = timeline.items(collection, names)
        scoring = ScoringFile(root) if root is not None else None
        by_entity: dict[str, list[Item]] = {}
        for item in items:
            # A publication belongs to every entity its article names, not only the top ones.
            ids = (
                [m.id for m in item.entry.briefing.entities]
                if item.event is None
                else item.entities
            )
            for entity in dict.fromkeys(ids):
                by_entity.setdefault(entity, []).append(item)
        return cls(
            collection,
            items,
            kept_related(collection, root, partial(related.related, store=scoring)),
            entities.index(collection, named),
            by_entity,
            timeline.grouped(items),
        )


def _event_entities(entry: Entry) -> dict[str, tuple[str, ...]]:
    """``entities.event_entities``, kept with the entry (and its page cache): it matches names."""
    found = entry.derived.get("event_entities")
    if found is None:
        found = {key: list(ids) for key, ids in entities.event_entities(entry).items()}
        entry.derived["event_entities"] = found
    return {key: tuple(ids) for key, ids in found.items()}


@lru_cache(maxsize=1)
def site_data(collection: Collection, root: Path | None = None) -> SiteData:
    """``SiteData.of(collection)``, computed once per collection and process: both language
    builds fork from the process that computed it (generator.site.build) and reuse it."""
    return SiteData.of(collection, root)


def safe_url(value: str | None) -> str | None:
    """Only web links are linked: a scraped ``javascript:`` or ``data:`` URL stays text."""
    if value and value.strip().lower().startswith(("https://", "http://")):
        return value.strip()
    return None


# What Python-Markdown gives a meaning to in inline text (its ESCAPED_CHARS, less ">", which
# HTML escaping turns into "&gt;"): links, images, emphasis, code, attribute lists "{: ...}".
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def markdown_text(value: str) -> Markup:
    """``value`` as literal text on a Markdown line (a page heading, which MkDocs reads the
    page title from): one line, Markdown punctuation backslash-escaped, then HTML-escaped."""
    return escape(_MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(str(value).split())))


def page_title(meta_title: object, rendered_title: str | None) -> Markup:
    """A page's title as escaped plain text, for ``page.meta["title"]``.

    Material writes ``page.meta.title`` unescaped into ``<title>`` and the header, and else
    ``page.title`` (HTML, from the first heading) through ``striptags``, which unescapes: a
    scraped "&lt;/title&gt;&lt;script&gt;" would come back to life there. A plain string (a
    headline) is text and is escaped; a rendered title loses its tags and is escaped again.
    """
    if isinstance(meta_title, Markup):
        return meta_title
    if meta_title is not None:
        return escape(str(meta_title))
    return escape(Markup(rendered_title or "").striptags())


def link_base(page_url: str) -> str:
    """The folder above the page at ``page_url``, which its sibling pages share: "entities/"
    for entities/b/, "/" (the top) for timeline/, and "" for the home page, which has none."""
    if not page_url.strip("/"):
        return ""
    folder = page_url.rstrip("/").rpartition("/")[0]
    return f"{folder}/"


# A link in a block rendered for the pages of several folders (Renderer._render's memo): its
# target between two of these, written relative to each folder when the block is put there.
_OPEN_LINK = "\x00"
_LINK = re.compile("\x00([^\x00]*)\x00")


def folder_url(target: str, page_url: str) -> str:
    """``target`` relative to the page at ``page_url``, written alike from every page of one
    folder: from entities/b/, the page entities/c/ is "../c/" and entities/b/ itself is "../b/"
    (MkDocs writes "./"), entities/b/x/ is "../b/x/". So a piece of a page renders alike on
    all its sibling pages, and is rendered once for all of them (``Renderer._render``'s memo)."""
    base = link_base(page_url)
    if not base:
        return get_relative_url(target, page_url)
    relative = get_relative_url(target, base)
    if relative in (".", "./"):
        return ".." + relative[1:]
    return "../" + relative


def paragraphs(body: str) -> list[str]:
    """The body's paragraphs (blank-line separated), whitespace-normalised."""
    return text_paragraphs(body, join_lines=True)


def shared_english(items: list[Any]) -> Any:
    """The English record of a section's items when they all share one provenance (status and
    engine), so the page says "reviewed translation" once, not after every sentence."""
    records = [item.en for item in items]
    kinds = {(record.status, record.engine) for record in records}
    return records[0] if len(kinds) == 1 else None


def by_sentence(events: list[Any]) -> list[list[Any]]:
    """Events (in date order) grouped by what they say and how: each group in the order of
    its first date. Two dates read from one sentence make two events with the same text."""
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for event in events:
        key = (event.ar, event.en.text, event.en.status, event.en.engine, event.status)
        groups.setdefault(key, []).append(event)
    return list(groups.values())


def compiled_templates(root: Path) -> jinja2.BytecodeCache | None:
    """Templates compiled by an earlier build, ours and the theme's (``.cache/templates``):
    compiling them is a tenth of a build that renders a few pages. Jinja checks each against
    its source; the generator's version is in the file names, as it sets the environments
    the code was compiled for. None when the folder cannot be written."""
    folder = root / CACHE_DIR / "templates"
    version = site_version()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.cache"):
            if not stale.name.startswith(f"{version}-"):
                stale.unlink(missing_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder), f"{version}-%s.cache")


class Renderer:
    """Renders the generated pages of one language."""

    def __init__(self, templates_dir: Path, lang: Language) -> None:
        self.lang = lang
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates_dir),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # "{#" is Markdown's heading-id syntax ("## Text {#id}"), so comments use "{##".
            comment_start_string="{##",
            comment_end_string="##}",
        )
        self.env.filters["safe_url"] = safe_url
        self.env.filters["markdown_text"] = markdown_text
        self.env.globals["shared_english"] = shared_english
        self.env.globals["by_sentence"] = by_sentence
        self.strings = Strings(self.lang.code)
        self.site = SiteData.of(Collection(()))  # until prepare() reads the briefings
        self.memos: dict[tuple[str, str], str] = {}  # (key, link base) -> a shared block
        self.blocks: dict[str, str | None] = {}  # key -> the block with its links open

    def _render(self, name: str, page_url: str, **context: Any) -> str:
        base = link_base(page_url)
        # How url() writes a link: relative to this page ("page"); as a placeholder, in a block
        # rendered once for pages of any folder ("open"); relative to this folder ("folder").
        mode = "page"
        opened: list[str] = []  # the targets of the placeholders of the block rendering

        def url(target: str) -> str:
            if mode == "open":
                opened.append(target)
                return f"{_OPEN_LINK}{target}{_OPEN_LINK}"
            if mode == "folder":
                return folder_url(target, page_url)
            return get_relative_url(target, page_url)

        def twin(target: str) -> str:
            """``target`` on the other language's site, relative to this page."""
            return "../" * page_url.count("/") + self.lang.other_root + target

        def rendered(caller: Callable[[], str], how: str) -> str:
            nonlocal mode
            mode = how
            try:
                return caller()
            finally:
                mode = "page"

        def memo(key: str, caller: Callable[[], str]) -> Markup:
            """``{% call memo(key) %}...{% endcall %}``: the block rendered once per key, its
            links left open, then written once for each folder of pages (folder_url). A
            timeline entry is on the timeline and on the page of every entity it names."""
            if mode != "page":
                return Markup(caller())  # inside another shared block
            found = self.memos.get((key, base))
            if found is None:
                if key not in self.blocks:
                    opened.clear()
                    text = rendered(caller, "open")
                    # A placeholder's character in the text itself (rare) would be misread.
                    self.blocks[key] = text if text.count(_OPEN_LINK) == 2 * len(opened) else None
                block = self.blocks[key]
                if block is None:
                    found = rendered(caller, "folder")
                else:
                    found = _LINK.sub(lambda link: folder_url(link.group(1), page_url), block)
                self.memos[(key, base)] = found
            return Markup(found)

        return self.env.get_template(name).render(
            lang=self.lang,
            t=self.strings,
            url=url,
            twin=twin,
            memo=memo,
            date_label=lambda p: published_label(p, self.lang),
            display_date=lambda value, precision: display_date(value, precision, self.lang),
            month_name=lambda key: month_name(key, self.lang),
            publication_anchor=timeline.publication_anchor,
            publication_page=timeline.publication_page,
            event_anchor=timeline.event_anchor,
            timeline_page=timeline.page_url,
            timeline_url=TIMELINE_URL,
            entities_url=entities.ENTITIES_URL,
            entity_url=entities.entity_url,
            records=self.site.entities,
            related=self.site.related,
            **context,
        )

    def prepare(
        self, collection: Collection, root: Path | None = None
    ) -> dict[str, Callable[[], str]]:
        """Compute what the pages share; return every page made from the whole collection,
        by source path (the home page, the timeline and its years, the entity index and entity
        pages), as a function that renders it: an incremental build renders only the pages that
        changed. ``root``: the project, whose cache may hold the related briefings."""
        self.site = site_data(collection, root)
        self.memos.clear()
        self.blocks.clear()
        pages: dict[str, Callable[[], str]] = {
            "index.md": self.home,
            "timeline.md": self.timeline,
            f"{entities.ENTITIES_URL}index.md": self.entity_index,
        }
        for before, year, after in timeline.with_neighbours(self.site.years):
            render = partial(self.timeline_year, year, before, after)
            pages[timeline.year_source(year.year)] = render
        for record in self.site.entities.values():
            pages[f"{record.url.rstrip('/')}.md"] = partial(self.entity, record)
        return pages

    def briefing(self, entry: Entry) -> str:
        return self._render(
            "briefing.md.j2",
            entry.url,
            entry=entry,
            b=entry.briefing,
            paragraphs=paragraphs(entry.body),
        )

    def _chart(self, items: list[Item], key: str) -> Markup | None:
        return chart.coverage_svg(items, self.lang, self.strings, key)

    def home(self) -> str:
        collection = self.site.collection
        outlets = {e.briefing.outlet.id for e in collection.entries if e.briefing.outlet}
        return self._render(
            "home.md.j2",
            HOME_URL,
            collection=collection,
            latest=collection.latest(LATEST),
            undated=collection.undated(),
            recent=timeline.recent(self.site.timeline, RECENT),
            outlet_count=len(outlets),
            event_count=sum(len(e.briefing.events) for e in collection.entries),
            entity_count=len(self.site.entities),
        )

    def timeline(self) -> str:
        """The index of the timeline: its chart, and every year and month with their counts."""
        return self._render(
            "timeline.md.j2",
            TIMELINE_URL,
            years=self.site.years,
            chart=self._chart(self.site.timeline, "timeline"),
        )

    def timeline_year(self, year: Year, before: Year | None, after: Year | None) -> str:
        return self._render("timeline_year.md.j2", year.url, year=year, before=before, after=after)

    def entity_index(self) -> str:
        return self._render(
            "entities.md.j2",
            entities.ENTITIES_URL,
            groups=entities.by_type(self.site.entities),
        )

    def entity(self, record: EntityRecord) -> str:
        items = self.site.entity_items.get(record.id, [])
        # The list is the master timeline filtered by the entity (a publication names the
        # article's top entities there); the chart counts every article that names it. Listing
        # each publication under all of its entities made entity pages most of a large site.
        listed = [i for i in items if i.event is not None or record.id in i.entities]
        return self._render(
            "entity.md.j2",
            record.url,
            e=record,
            years=timeline.grouped(listed),
            chart=self._chart(items, "entity"),
        )

    def headline(self, entry: Entry) -> str:
        """The page title in this language; Arabic while the English one is pending."""
        english = entry.briefing.headline.en.text
        return english if self.lang.code == "en" and english else entry.briefing.headline.ar
