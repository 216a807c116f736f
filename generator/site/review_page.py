"""The editors' review page: the review queue (``generator/review.py``) at ``review/``.

Published with the site, because editors work in GitHub's web editor and have no local build,
but kept from readers: linked from no page, not in the nav, left out of the search index
(Material's ``search.exclude`` meta), of the sitemap and of the feeds, and marked ``noindex``
for search engines (the theme's ``review.html``).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import yaml
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..review import Item, Queue, collection_queue
from .collection import Collection
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


def why_html(item: Item, strings: Strings) -> Markup:
    """The item's "why" with each value isolated: an English reason or key inside an Arabic
    sentence (or an Arabic quote inside an English one) cannot reorder its neighbours."""
    values = {k: Markup("<bdi>{}</bdi>").format(v) for k, v in item.values(strings).items()}
    return Markup(escape(strings[item.message])).format(**values)


def page_markdown(
    queue: Queue, renderer: Renderer, config: MkDocsConfig, collection: Collection
) -> str:
    body = renderer.env.get_template(REVIEW_TEMPLATE).render(
        lang=renderer.lang,
        t=renderer.strings,
        url=lambda target: get_relative_url(target, REVIEW_URL),
        why=lambda item: why_html(item, renderer.strings),
        groups=queue.by_kind(),
        entries={entry.briefing.id: entry for entry in collection.entries},
        edit_urls={e.briefing.id: edit_url(config, e.src_uri) for e in collection.entries},
    )
    return f"---\n{yaml.safe_dump(REVIEW_META, sort_keys=False)}---\n\n{body}"


def add_page(
    files: Files, config: MkDocsConfig, collection: Collection, renderer: Renderer
) -> None:
    """Add the review page to this build's files (replacing a docs/review.md, as the other
    generated pages do)."""
    root = Path(config.config_file_path).parent
    queue = collection_queue(collection, root, Path(config.docs_dir))
    content = page_markdown(queue, renderer, config, collection)
    existing = files.get_file_from_path(REVIEW_SOURCE)
    if existing is not None:
        files.remove(existing)
    file = File.generated(
        config, REVIEW_SOURCE, content=content, inclusion=InclusionLevel.NOT_IN_NAV
    )
    files.append(file)
    UnlistedPage(None, file, config)  # becomes file.page; MkDocs then reuses it
