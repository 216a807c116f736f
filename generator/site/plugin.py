"""The MkDocs plugin: briefing pages are rendered from their front matter at build time.

So an editor's change to a page's front matter shows on the next ``mkdocs build`` without
re-running the analysis. The home, timeline and entity pages are generated from all briefings.
One build makes one language; ``generator.site.build`` runs the two builds.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..errors import FrontMatterError
from . import feeds, search, sharing
from .collection import Collection, load_collection
from .i18n import LANGUAGES, Strings
from .render import Renderer

# Generated pages that the nav of mkdocs.yml lists; the others (entity pages) are reached from
# the pages, like briefings, so they are marked "not in nav" rather than reported as omitted.
IN_NAV = frozenset({"index.md", "timeline.md"})


class BriefingsConfig(Config):
    language = opt.Choice(tuple(LANGUAGES), default="ar")
    templates = opt.Type(str, default="templates")


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.lang = LANGUAGES[self.config.language]
        root = Path(config.config_file_path).parent
        self.renderer = Renderer(root / self.config.templates, self.lang)
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
        for src_uri, content in self.renderer.prepare(self.collection).items():
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                files.remove(existing)
            inclusion = InclusionLevel.UNDEFINED if src_uri in IN_NAV else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        entry = self.pages.get(page.file.src_uri)
        if entry is None:
            return None
        page.meta["title"] = self.renderer.headline(entry)
        page.meta["sharing"] = sharing.briefing_meta(entry, self.lang, self.renderer.strings)
        page.meta["description"] = sharing.meta_description(page.meta["sharing"])
        return self.renderer.briefing(entry)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        # Material sets the direction on <body> only; screen readers, browser translation and
        # the tests read it from <html>, where the HTML standard puts it.
        return _HTML_OPEN.sub(
            f'<html lang="{self.lang.code}" dir="{self.lang.direction}"', output, count=1
        )

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        feeds.write_feed(self.collection, self.lang, self.renderer.strings, config)
        search.finish_index(Path(config.site_dir), self.collection, self.lang.code)


_HTML_OPEN = re.compile(r'<html lang="[^"]*"')
