"""The editors' review page: the review queue (``generator/collection/review_queue.py``) at
``review/``.

Published with the site, because editors work in GitHub's web editor and have no local build,
but kept from readers: linked from no page, not in the nav, left out of the search index
(Material's ``search.exclude`` meta), of the sitemap and of the feeds, and marked ``noindex``
for search engines (the theme's ``review.html``).

Like the other generated pages it has a key (``ReviewPage.key``): an incremental build keeps the
previous page while the queue shows the same, and renders the Markdown only when it does not.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..collection.briefings import Collection, Entry
from ..collection.review_queue import Item, Queue, collection_queue
from .i18n import Strings
from .render import Renderer

REVIEW_URL = "review/"
REVIEW_SOURCE = "review.md"
REVIEW_TEMPLATE = "review.md.j2"
# Read by MkDocs and Material: the theme's review.html adds <meta name="robots" content="noindex">
# and Material's search plugin leaves the page out of the index.
REVIEW_META = {"template": "review.html", "search": {"exclude": True}}


class UnlistedPage(Page):
    """A page without a canonical address: MkDocs' sitemap lists only pages that have one, and
    the theme then writes no rel=canonical or og:url for it either."""

    def _set_canonical_url(self, base: str | None) -> None:
        super()._set_canonical_url(None)


def edit_url(config: MkDocsConfig, src_uri: str) -> str | None:
    """Where to edit a page on the forge (GitHub's web editor), as MkDocs computes it for its
    "edit" button; None unless mkdocs.yml sets ``repo_url``."""
    if not config.repo_url:
        return None
    if config.edit_uri_template:
        stem = src_uri.rsplit(".", 1)[0]
        path = config.edit_uri_template.format(path=src_uri, path_noext=stem)
    elif config.edit_uri:
        path = config.edit_uri.rstrip("/") + "/" + src_uri
    else:
        return None
    return urljoin(config.repo_url.rstrip("/") + "/", path)


# Whys the page words shorter than `briefings review`, because its section says the rest once:
# offline, every briefing has pending translations, thousands of items on one page.
PAGE_MESSAGES = {"review_why_translation": "review_why_translation_page"}


def why_html(item: Item, strings: Strings) -> Markup:
    """The item's "why" with each value isolated: an English reason or key inside an Arabic
    sentence (or an Arabic quote inside an English one) cannot reorder its neighbours."""
    values = {k: Markup("<bdi>{}</bdi>").format(v) for k, v in item.values(strings).items()}
    message = strings[PAGE_MESSAGES.get(item.message, item.message)]
    return Markup(escape(message)).format(**values)


def listed(entry: Entry) -> dict[str, Any]:
    """What the page shows of a briefing it lists: its headline, where the template reads it
    (``entry.briefing.headline``, templates/_macros.md.j2 ``headline_text``). The template gets
    only this, so the key holds all it can show; reading more fails the build (the renderer's
    Jinja is strict, and finds a dictionary's keys as attributes)."""
    headline = entry.briefing.headline
    return {"briefing": {"headline": {"ar": headline.ar, "en": {"text": headline.en.text}}}}


# Every field of an item is in the key: the page shows most of them, and a field added later
# cannot be left out.
_ITEM_FIELDS = tuple(f.name for f in fields(Item))


@dataclass(frozen=True, slots=True)
class ReviewPage:
    """The review page of one build: what its template is given, apart from the interface
    strings and the language (the build's version holds those, as it holds the template)."""

    groups: list[tuple[str, list[Item]]]
    entries: dict[str, dict[str, Any]]  # briefing id -> what the page shows of it (listed)
    edit_urls: dict[str, str | None]  # briefing id -> where to edit its page

    @classmethod
    def of(cls, queue: Queue, config: MkDocsConfig, collection: Collection) -> ReviewPage:
        named = {item.briefing for item in queue.items}
        shown = [entry for entry in collection.entries if entry.briefing.id in named]
        return cls(
            queue.by_kind(),
            {entry.briefing.id: listed(entry) for entry in shown},
            {entry.briefing.id: edit_url(config, entry.src_uri) for entry in shown},
        )

    def key(self) -> str:
        """Equal keys, equal pages: a hash of what the template is given, a small fraction of
        the cost of rendering it (and of MkDocs converting thousands of items)."""
        groups = [
            (kind, [[getattr(item, name) for name in _ITEM_FIELDS] for item in items])
            for kind, items in self.groups
        ]
        data = json.dumps(["review", groups, self.entries, self.edit_urls], ensure_ascii=False)
        return hashlib.sha256(data.encode()).hexdigest()

    def render(self, page: Page, renderer: Renderer) -> str:
        """For ``on_page_markdown``: the page's meta set (what a front matter would say, had
        the Markdown been made with the list of files), its Markdown returned."""
        page.meta.update(copy.deepcopy(REVIEW_META))
        return renderer.env.get_template(REVIEW_TEMPLATE).render(
            lang=renderer.lang,
            t=renderer.strings,
            url=lambda target: get_relative_url(target, REVIEW_URL),
            why=lambda item: why_html(item, renderer.strings),
            groups=self.groups,
            entries=self.entries,
            edit_urls=self.edit_urls,
        )


def prepare(config: MkDocsConfig, collection: Collection) -> ReviewPage:
    """The review page of the collection: the queue read, nothing rendered."""
    queue = queue_of(collection, Path(config.config_file_path).parent, Path(config.docs_dir))
    return ReviewPage.of(queue, config, collection)


# The queue of the last collection asked for: the same for every language, and the language
# builds fork from the process that reads the collection (build._prepare asks first).
@lru_cache(maxsize=1)
def queue_of(collection: Collection, root: Path, docs_dir: Path) -> Queue:
    return collection_queue(collection, root, docs_dir)


def unlist(files: Files, config: MkDocsConfig) -> None:
    """Give the review page of ``files`` its address-less page (see UnlistedPage)."""
    file = files.get_file_from_path(REVIEW_SOURCE)
    if file is not None:
        UnlistedPage(None, file, config)  # becomes file.page; MkDocs then reuses it
