"""The MkDocs plugin: briefing pages are rendered from their front matter at build time.

So an editor's change to a page's front matter shows on the next ``mkdocs build`` without
re-running the analysis. The home, timeline and entity pages are generated from all briefings.
One build makes one language; ``generator.site.build`` runs the two builds.
"""

from __future__ import annotations

import html
import posixpath
import re
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..collection.briefings import Collection, load_collection, save_derived
from ..errors import FrontMatterError
from ..fsutil import crash_point
from . import feeds, review_page, search, sharing
from .build import page_keys
from .compact import compact
from .i18n import LANGUAGES, Strings
from .manifest import Manifest, remove_stale, stamp
from .rawhtml import FastRawHtml, outline_docs
from .render import Renderer, compiled_templates, page_title

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
    version = ""  # of the build (manifest.build_version), for the manifest
    rendered = 0  # pages rendered by this build
    built = 0  # pages of this build

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.lang = LANGUAGES[self.config.language]
        self.root = Path(config.config_file_path).parent
        self.renderer = Renderer(self.root / self.config.templates, self.lang)
        self.compiled = compiled_templates(self.root)
        self.renderer.env.bytecode_cache = self.compiled
        self.raw_html = FastRawHtml()
        extensions = [e for e in config.markdown_extensions if not isinstance(e, FastRawHtml)]
        config.markdown_extensions = [*extensions, self.raw_html]
        toc = config.mdx_configs.get("toc")
        if toc is not None and toc.get("permalink") and "permalink_title" not in toc:
            # Python-Markdown's title is English; mkdocs.en.yml cannot set it for its language
            # alone (INHERIT replaces the whole list of extensions).
            toc["permalink_title"] = Strings(self.lang.code).permalink_title
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

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        env.bytecode_cache = self.compiled  # the theme's templates (see compiled_templates)
        return env

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        try:
            self.collection: Collection = load_collection(Path(config.docs_dir))
        except FrontMatterError as exc:
            raise PluginError(str(exc)) from None
        self.pages = self.collection.by_src_uri()
        # Briefing pages are rendered from the collection in on_page_markdown: MkDocs need not
        # read their files (and parse their front matter once more).
        self.generated: dict[str, Callable[[], str]] = self.renderer.prepare(
            self.collection, self.root
        )
        keys = {**page_keys(self.renderer.site)}
        save_derived(self.collection, Path(config.docs_dir))  # with what the keys computed
        # The editors' review queue, at an unlinked noindex URL (see review_page): rendered,
        # like the pages above, only when its key changed.
        self.review = review_page.prepare(config, self.collection)
        keys[review_page.REVIEW_SOURCE] = self.review.key()
        uris = [*self.pages, *self.generated, review_page.REVIEW_SOURCE]
        self.manifest = Manifest("", dict.fromkeys(uris))
        self.generated_docs: dict[str, list[dict[str, str]]] = {}
        self.packed: dict[str, bytes] = {}
        for src_uri in uris:
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                files.remove(existing)
            inclusion = InclusionLevel.UNDEFINED if src_uri in IN_NAV else InclusionLevel.NOT_IN_NAV
            key = self.manifest.pages[src_uri] = keys.get(src_uri)
            # Rendered when MkDocs reads the page (on_page_markdown), so that the Markdown of
            # thousands of pages is never held all at once.
            file = KeptFile.generated(config, src_uri, content="", inclusion=inclusion)
            if not self._kept(file, key):
                file = File.generated(config, src_uri, content="", inclusion=inclusion)
            files.append(file)
        review_page.unlist(files, config)
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
            if page.file.src_uri == review_page.REVIEW_SOURCE:
                return self.review.render(page, self.renderer)
            render = self.generated.get(page.file.src_uri)
            if render is None:
                return None
            # Indexed in on_page_context, from its headings and opening text only.
            page.meta["search"] = {"exclude": True}
            return render()
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
        if page.file.src_uri in self.pages or page.file.src_uri in self.generated:
            # MkDocs holds every page's HTML from its rendering to its writing: thousands of
            # pages, hundreds of megabytes. Compressed meanwhile, a fifth of that.
            self.packed[page.file.src_uri] = zlib.compress(html.encode(), 1)
            return ""
        return html

    # Last: Material's search plugin indexes none of these pages (they are excluded) but would
    # search all of their HTML for its data-search- attributes; it finds it empty, and what it
    # would do is done here.
    @event_priority(-100)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> TemplateContext:
        packed = self.packed.pop(page.file.src_uri, None)
        if packed is None:
            return context
        page.content = zlib.decompress(packed).decode()
        search_plugin = config.plugins.get("material/search")
        if search_plugin is None:
            return context
        if page.file.src_uri in self.generated:
            self.generated_docs[page.url] = outline_docs(page, search_plugin.config)
        if search_plugin.config.enabled and "data-search-" in page.content:
            page.content = _SEARCH_ATTRIBUTE.sub("", page.content)
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        crash_point("page")  # tests/test_crash.py kills the build here, mid-way
        self.rendered += 1
        content, page.content = page.content or "", ""  # written out: nothing reads it again
        # Material sets the direction on <body> only; screen readers, browser translation and
        # the tests read it from <html>, where the HTML standard puts it.
        output = _HTML_OPEN.sub(
            f'<html lang="{self.lang.code}" dir="{self.lang.direction}"', output, count=1
        )
        return compact(output, content)

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
            self.manifest.version = self.version
            self.manifest.stamp = stamp(site_dir)
            try:
                self.manifest.write(self.manifest_out)
            except OSError:  # no manifest: the next build is a full one
                self.manifest_out.unlink(missing_ok=True)

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
# What Material's search plugin removes from every page (SearchPlugin.on_page_context).
_SEARCH_ATTRIBUTE = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")
