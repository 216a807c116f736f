"""The MkDocs plugin: briefing pages are rendered from their front matter at build time.

So an editor's change to a page's front matter shows on the next ``mkdocs build`` without
re-running the analysis. The home, timeline and entity pages are generated from all briefings.
One build makes one language; ``generator.site.build`` runs the two builds.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from html.parser import (  # type: ignore[attr-defined]
    HTMLParser,
    attrfind_tolerant,
    tagfind_tolerant,
)
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from material.plugins.search.plugin import SearchIndex
from material.plugins.search.plugin import void as SEARCH_VOID
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..errors import FrontMatterError
from ..fsutil import crash_point
from . import feeds, review_page, search, sharing
from .build import Manifest, page_keys, remove_stale
from .collection import Collection, load_collection, save_derived
from .i18n import LANGUAGES, Strings
from .render import Renderer, page_title

# Generated pages that the nav of mkdocs.yml lists; the others (entity pages) are reached from
# the pages, like briefings, so they are marked "not in nav" rather than reported as omitted.
IN_NAV = frozenset({"index.md", "timeline.md"})


class BriefingsConfig(Config):
    language = opt.Choice(tuple(LANGUAGES), default="ar")
    templates = opt.Type(str, default="templates")


class KeptFile(File):
    """A page an incremental build keeps from the previous build (generator.site.build):
    MkDocs neither reads nor renders it in ``dirty`` mode."""

    def is_modified(self) -> bool:
        return False


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    # Set by generator.site.build before the build: the previous build's manifest (an
    # incremental build) and where to write this build's.
    previous: Manifest | None = None
    manifest_out: Path | None = None
    rendered = 0  # pages rendered by this build
    built = 0  # pages of this build

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.lang = LANGUAGES[self.config.language]
        root = Path(config.config_file_path).parent
        self.renderer = Renderer(root / self.config.templates, self.lang)
        self.raw_html = FastRawHtml()
        extensions = [e for e in config.markdown_extensions if not isinstance(e, FastRawHtml)]
        config.markdown_extensions = [*extensions, self.raw_html]
        if config.site_url and self.lang.path:
            # Same paths under /<code>/: absolute URLs (404 page, sitemap) must say so too.
            config.site_url = config.site_url.rstrip("/") + "/" + self.lang.path
        # The theme overrides read these to draw the language switcher and hreflang links.
        config.extra["briefings"] = {
            "language": self.lang.code,
            "direction": self.lang.direction,
            "other_language": self.lang.other,
            "other_root": self.lang.other_root,
            # Pages with absolute links (the 404 page) need the other root as an absolute path.
            "other_root_absolute": posixpath.normpath(
                posixpath.join(urlsplit(config.site_url or "/").path, self.lang.other_root)
            ).rstrip("/")
            + "/",
            "language_names": {code: Strings(code).language_name for code in LANGUAGES},
        }
        config.extra["briefings"]["sharing"] = sharing.site_settings(config.site_url, self.lang)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        try:
            self.collection: Collection = load_collection(Path(config.docs_dir))
        except FrontMatterError as exc:
            raise PluginError(str(exc)) from None
        self.pages = self.collection.by_src_uri()
        # Briefing pages are rendered from the collection in on_page_markdown: MkDocs need not
        # read their files (and parse their front matter once more).
        pages: dict[str, Callable[[], str]] = dict.fromkeys(self.pages, str)
        pages.update(self.renderer.prepare(self.collection))
        save_derived(self.collection, Path(config.docs_dir))
        keys = page_keys(self.renderer.site)
        self.manifest = Manifest("", dict.fromkeys(pages))
        self.generated = set(pages) - set(self.pages)
        self.generated_docs: dict[str, list[dict[str, str]]] = {}
        for src_uri, render in pages.items():
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                files.remove(existing)
            inclusion = InclusionLevel.UNDEFINED if src_uri in IN_NAV else InclusionLevel.NOT_IN_NAV
            key = self.manifest.pages[src_uri] = keys.get(src_uri)
            file = KeptFile.generated(config, src_uri, content="", inclusion=inclusion)
            if not self._kept(file, key):
                file = File.generated(config, src_uri, content=render(), inclusion=inclusion)
            files.append(file)
        # The editors' review queue, at an unlinked noindex URL (see review_page).
        review_page.add_page(files, config, self.collection, self.renderer)
        self.files = files
        if self.previous is not None:
            # The site starts as hard links to the previous build's files: what MkDocs writes
            # must be a new file, or the old site would change under its readers.
            for file in files:
                if file.is_modified():
                    Path(file.abs_dest_path).unlink(missing_ok=True)
        return files

    def _kept(self, file: File, key: str | None) -> bool:
        """Whether an incremental build keeps the previous build's page (same key, still there)."""
        previous = self.previous
        return (
            previous is not None
            and key is not None
            and previous.pages.get(file.src_uri) == key
            and previous.dests.get(file.src_uri) == file.dest_uri
            and Path(file.abs_dest_path).is_file()
        )

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        entry = self.pages.get(page.file.src_uri)
        if entry is None:
            if page.file.src_uri in self.generated:
                # Indexed in on_page_context, from its headings and opening text only.
                page.meta["search"] = {"exclude": True}
            return None
        page.meta["title"] = self.renderer.headline(entry)
        page.meta["sharing"] = sharing.briefing_meta(entry, self.lang, self.renderer.strings)
        page.meta["description"] = sharing.meta_description(page.meta["sharing"])
        # Material would parse the page's HTML only for search.finish_index to replace its
        # entry with one made from the front matter: it is made from the front matter alone.
        page.meta["search"] = {"exclude": True}
        return self.renderer.briefing(entry)

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        # After rendering (page.title is known), before the theme and the search index read it.
        page.meta["title"] = page_title(page.meta.get("title"), page.title)
        page.markdown = ""  # rendered: MkDocs keeps every page until the end, not its Markdown
        ids = self.raw_html.take_ids()
        page.present_anchor_ids = (page.present_anchor_ids or set()) | ids  # type: ignore[operator]
        return html

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> TemplateContext:
        if page.file.src_uri in self.generated:
            search_plugin = config.plugins.get("material/search")
            if search_plugin is not None:
                self.generated_docs[page.url] = outline_docs(page, search_plugin.config)
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        # Material sets the direction on <body> only; screen readers, browser translation and
        # the tests read it from <html>, where the HTML standard puts it.
        crash_point("page")  # tests/test_crash.py kills the build here, mid-way
        self.rendered += 1
        page.content = ""  # written out: nothing reads it again, and all pages are kept
        return _HTML_OPEN.sub(
            f'<html lang="{self.lang.code}" dir="{self.lang.direction}"', output, count=1
        )

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        feeds.write_feed(self.collection, self.lang, self.renderer.strings, config)
        site_dir = Path(config.site_dir)
        pages = self.files.documentation_pages()
        self.built = len(pages)
        self.manifest.dests = {file.src_uri: file.dest_uri for file in pages}
        # A briefing page kept from the previous build keeps its search entry too.
        previous = self.previous
        known = {
            entry.url: previous.briefing_docs[entry.url]
            for entry in self.collection.entries
            if previous is not None
            and entry.url in previous.briefing_docs
            and previous.pages.get(entry.src_uri) == self.manifest.pages.get(entry.src_uri)
        }
        written = search.finish_index(
            site_dir, self.collection, self.lang.code, self._all_docs, known
        )
        urls = {entry.url for entry in self.collection.entries}
        self.manifest.briefing_docs = {d["location"]: d for d in written if d["location"] in urls}
        if self.previous is not None:
            remove_stale(site_dir, self.previous, self.manifest)
        if self.manifest_out is not None:
            self.manifest.write(self.manifest_out)

    def _all_docs(self, indexed: list[dict[str, str]]) -> list[dict[str, str]]:
        """Search entries of every page, in page order: a briefing's is made from its front
        matter (search.briefing_doc); other pages' are Material's, or the previous build's
        for a page it kept."""
        by_page: dict[str, list[dict[str, str]]] = {}
        for doc in indexed:
            by_page.setdefault(doc["location"].partition("#")[0], []).append(doc)
        previous = self.previous.docs if self.previous is not None else {}
        docs: list[dict[str, str]] = []
        for file in self.files.documentation_pages():
            entry = self.pages.get(file.src_uri)
            if entry is not None:
                # The title Material takes from the page's <h1>: the headline, escaped.
                title = html.escape(self.renderer.headline(entry), quote=False)
                docs.append({"location": entry.url, "title": title.replace("\n", " ").strip()})
                continue
            url = file.page.url if file.page is not None else file.url  # "" for the home page
            found = self.generated_docs.get(url) or by_page.get(url)
            found = [search.page_doc(d) for d in found] if found is not None else None
            if found is None:
                found = previous.get(url, [])
            self.manifest.docs[url] = found
            docs.extend(found)
        return docs


_HTML_OPEN = re.compile(r'<html lang="[^"]*"')


# --- indexing the generated pages faster ----------------------------------------------------------
#
# search.page_doc keeps of a page other than a briefing only the titles of its sections and the
# opening text of its first one. Material's parser would read all of it (megabytes for the
# timeline of a large site): it is given the page up to its second section, then the
# headings alone. With every heading at the top level (not inside another element), Material
# cuts the same sections with the same titles and the same first text. Otherwise, or with a
# comment or script, it reads the whole page. tests/test_incremental.py compares the two.


def outline(content: str) -> str:
    """The part of ``content`` that page_doc's entries come from (see above)."""
    if _UNSURE.search(content):
        return content
    stack: list[str] = []
    headings: list[list[int]] = []  # [start, end] of top-level headings with an id
    for tag in _TAG.finditer(content):
        closing, name, rest = tag.group(1), tag.group(2).lower(), tag.group(3)
        if closing:
            if stack and stack[-1] == name:  # as Material: other end tags change nothing
                stack.pop()
                if not stack and headings and headings[-1][1] < 0:
                    headings[-1][1] = tag.end()
            continue
        if name in SEARCH_VOID or rest.endswith("/"):
            continue
        if _HEADING.fullmatch(name) and any(k == "id" for k, _ in _attributes(content, tag)):
            if stack:
                return content  # a heading inside another element
            headings.append([tag.start(), -1])
        stack.append(name)
    if any(end < 0 for _, end in headings):
        return content
    cut = 1 if headings and headings[0][0] == 0 else 0  # the first section: a heading, or not
    if len(headings) <= cut:
        return content
    start = headings[cut][0]
    return content[:start] + "".join(content[s:e] for s, e in headings[cut:])


def outline_docs(page: Page, search_config: Any) -> list[dict[str, str]]:
    """Material's search entries for ``page``, from its outline."""
    meta = {key: value for key, value in page.meta.items() if key != "search"}
    stub = SimpleNamespace(
        content=outline(page.content or ""), toc=page.toc, url=page.url, meta=meta, title=page.title
    )
    index = SearchIndex(**search_config)
    index.add_entry_from_context(stub)
    return list(index.entries)


_HEADING = re.compile(r"h[1-6]")


def _attributes(source: str, tag: re.Match[str]) -> list[tuple[str, str | None]]:
    """A start tag's attributes, read as HTMLParser.parse_starttag reads them."""
    found: list[tuple[str, str | None]] = []
    at = tagfind_tolerant.match(source, tag.start() + 1).end()
    while at < tag.end() and (match := attrfind_tolerant.match(source, at)):
        key, has_value, value = match.group(1, 2, 3)
        at = match.end()
        if not has_value:
            value = None
        elif value[:1] == value[-1:] and value[:1] in ("'", '"'):
            value = value[1:-1]
        found.append((key.lower(), html.unescape(value) if value else value))
    return found


# --- reading the pages' raw HTML faster ---------------------------------------------------------
#
# The generated pages are mostly raw HTML blocks (render.py). Python-Markdown finds them with an
# HTML parser written in Python (preprocessor "html_block"), and MkDocs parses every page once
# more for the ids of its raw HTML ("mkdocs_raw_html", for anchor validation): two thirds of a
# large build's time. For a page of well-formed blocks that start at the beginning of a line
# and end at the end of one (what the templates write) both results are found from the tags
# alone, by the same rules: the same stash, the same text, the same ids. Anything else (a
# comment, a script or style with content, a tag inside a line of text, a backtick ...) goes
# to the original parsers. tests/test_incremental.py compares both on every sample page.

# A tag as HTMLParser reads it; attribute values may hold ">" inside quotes.
_TAG = re.compile(r"""<(/?)([a-zA-Z][^\t\n\r\f />\x00]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
# Elements whose content HTMLParser reads as text (newer Pythons add RCDATA ones).
_RAW_TEXT = "|".join(
    (*HTMLParser.CDATA_CONTENT_ELEMENTS, *getattr(HTMLParser, "RCDATA_CONTENT_ELEMENTS", ()))
)
_UNSURE = re.compile(rf"<[!?]|</>|<(?:{_RAW_TEXT})\b[^>]*>[^<]|markdown=|`")
_BLANK_LINE_AFTER = re.compile(r"[ ]*\n[ ]*\n")


def raw_blocks(md: Markdown, source: str) -> list[tuple[bool, str]] | None:
    """``source`` cut as Python-Markdown's HTMLExtractor cuts it: (is raw HTML, text) pieces,
    each raw block with the newline the extractor keeps; None when the page is not that simple."""
    if _UNSURE.search(source):
        return None
    pieces: list[tuple[bool, str]] = []
    pos = 0
    while (start := source.find("<", pos)) >= 0:
        first = _TAG.match(source, start)
        if (start and source[start - 1] != "\n") or first is None or first.group(1):
            return None
        if not md.is_block_level(first.group(2).lower()):
            return None
        stack: list[str] = []
        end = None
        for tag in _TAG.finditer(source, start):
            closing, name, rest = tag.group(1), tag.group(2).lower(), tag.group(3)
            if not closing:
                if name != "hr" and not rest.endswith("/"):  # <hr> and <x/> stay unstacked
                    stack.append(name)
                continue
            if name in stack:  # an end tag closes everything opened after its start tag
                while stack.pop() != name:
                    pass
            if not stack:
                end = tag.end()
                break
        if end is None or not source.startswith("\n", end):
            return None  # more on the line of the end tag: left to HTMLExtractor
        # The extractor keeps a newline with the block when a blank line follows it.
        kept = "\n" if _BLANK_LINE_AFTER.match(source, end) else ""
        pieces += [(False, source[pos:start]), (True, source[start:end] + kept)]
        pos = end
    pieces.append((False, source[pos:]))
    return pieces


def anchor_ids(source: str) -> set[str | None] | None:
    """The ids MkDocs' raw-HTML preprocessor collects (``id``, and ``name`` of ``<a>``)."""
    if _UNSURE.search(source):
        return None
    found: set[str | None] = set()
    for tag in _TAG.finditer(source):
        text = tag.group(3).lower()
        if tag.group(1) or ("id" not in text and "name" not in text):
            continue  # an end tag, or no attribute that could be an id
        name = tag.group(2).lower()
        for key, value in _attributes(source, tag):
            if key == "id" or (key == "name" and name == "a"):
                found.add(value)
    return found


class _StashRawHtml(Preprocessor):
    """Stores the raw HTML blocks as "html_block" would, before MkDocs' "mkdocs_raw_html" and
    "html_block" run: both then parse only what is left (headings). The ids of the stored
    blocks are handed to the page by the plugin (``on_page_content``)."""

    def __init__(self, md: Markdown, extension: FastRawHtml) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        source = "\n".join(lines)
        pieces = raw_blocks(self.md, source)
        ids = anchor_ids(source) if pieces is not None else None
        self.extension.ids = ids or set()
        if pieces is None or ids is None:
            return lines  # the original parsers read it all
        text = []
        for raw, piece in pieces:
            text += ["\n", self.md.htmlStash.store(piece), "\n\n"] if raw else [piece]
        return "".join(text).split("\n")


class FastRawHtml(Extension):
    """Registered by the plugin for the pages of its build (see above)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str | None] = set()

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        # After whitespace normalisation (30), before MkDocs' raw HTML ids (21) and html_block (20).
        md.preprocessors.register(_StashRawHtml(md, self), "briefings_raw_html", 25)

    def take_ids(self) -> set[str | None]:
        """The ids of the raw HTML of the page just converted."""
        ids, self.ids = self.ids, set()
        return ids
