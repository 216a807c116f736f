"""Render briefing, home and timeline pages from front matter through the Jinja2 templates.

Templates produce Markdown whose data-bearing parts are HTML blocks with every value
HTML-escaped (autoescape). Python-Markdown leaves HTML blocks alone, so scraped text can never
become Markdown links, images or raw HTML on the page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from mkdocs.utils import get_relative_url

from . import timeline
from .collection import Collection, Entry
from .i18n import Language, Strings, display_date, published_label

TIMELINE_URL = "timeline/"
HOME_URL = ""


def safe_url(value: str | None) -> str | None:
    """Only web links are linked: a scraped ``javascript:`` or ``data:`` URL stays text."""
    if value and value.strip().lower().startswith(("https://", "http://")):
        return value.strip()
    return None


def paragraphs(body: str) -> list[str]:
    """The body's paragraphs (blank-line separated), whitespace-normalised."""
    return [" ".join(block.split()) for block in body.split("\n\n") if block.strip()]


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
        self.strings = Strings(self.lang.code)

    def _render(self, name: str, page_url: str, **context: Any) -> str:
        def url(target: str) -> str:
            return get_relative_url(target, page_url)

        return self.env.get_template(name).render(
            lang=self.lang,
            t=self.strings,
            url=url,
            date_label=lambda p: published_label(p, self.lang),
            display_date=lambda value, precision: display_date(value, precision, self.lang),
            publication_anchor=timeline.publication_anchor,
            event_anchor=timeline.event_anchor,
            timeline_url=TIMELINE_URL,
            **context,
        )

    def briefing(self, entry: Entry) -> str:
        return self._render(
            "briefing.md.j2",
            entry.url,
            entry=entry,
            b=entry.briefing,
            paragraphs=paragraphs(entry.body),
        )

    def home(self, collection: Collection) -> str:
        outlets = {e.briefing.outlet.id for e in collection.entries if e.briefing.outlet}
        return self._render(
            "home.md.j2",
            HOME_URL,
            collection=collection,
            latest=collection.latest(10),
            undated=[e for e in collection.entries if not e.briefing.published],
            outlet_count=len(outlets),
        )

    def timeline(self, collection: Collection) -> str:
        return self._render("timeline.md.j2", TIMELINE_URL, years=timeline.grouped(collection))

    def headline(self, entry: Entry) -> str:
        """The page title in this language; Arabic while the English one is pending."""
        english = entry.briefing.headline.en.text
        return english if self.lang.code == "en" and english else entry.briefing.headline.ar
