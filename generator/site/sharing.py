"""What a shared link shows: titles, descriptions and locales for OpenGraph, Twitter and feeds.

The theme override ``templates/theme/partials/sharing.html`` reads these values from
``config.extra.briefings.sharing`` (per site) and ``page.meta.sharing`` (per briefing);
``feeds.py`` reuses the same title and description for feed entries.

Every value is plain text in the page's language. English text is only ever a translation
(``English.text``); while it is pending, the English description names the outlet, the date
and the pending state instead of showing Arabic as if it were English.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup, escape

from ..collection.briefings import Entry
from .i18n import DEFAULT_LANGUAGE, LANGUAGES, Language, Strings, published_label

FEED_FILE = "feed.xml"
# Search results show about 160 characters of a description and link previews about 200; a
# longer one is cut there by the reader's side, and costs bytes twice on every page (the
# description and og:description meta).
DESCRIPTION_LIMIT = 200
SEPARATOR = " · "


def plain(text: str) -> str:
    """One line of text: meta attributes and feed titles have no place for line breaks."""
    return " ".join(text.split())


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, marked with an ellipsis."""
    text = plain(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ،,.;:؛") + "…"


def gist_sentences(entry: Entry, code: str) -> list[str]:
    """The gist in ``code``, in article order; English keeps only the translated sentences.

    Briefings written before the gist existed have no ``gist`` field at all.
    """
    gist = getattr(entry.briefing, "gist", None) or []
    # Stable sort: items without a position keep their stored order.
    ordered = sorted(gist, key=lambda item: getattr(item, "position", 0))
    if code == "ar":
        return [plain(item.ar) for item in ordered if item.ar]
    return [plain(item.en.text) for item in ordered if item.en and item.en.text]


def title(entry: Entry, lang: Language) -> str:
    """The briefing's headline in ``lang``; the Arabic one while the English is pending."""
    english = entry.briefing.headline.en.text
    return plain(english if lang.code == "en" and english else entry.briefing.headline.ar)


def title_language(entry: Entry, lang: Language) -> str:
    """The language the ``title`` is really in (an English page may carry an Arabic title)."""
    return "en" if lang.code == "en" and entry.briefing.headline.en.text else "ar"


def description(entry: Entry, lang: Language, strings: Strings) -> str:
    """The gist in ``lang`` when there is one, else the headline, outlet and date."""
    sentences = gist_sentences(entry, lang.code)
    if sentences:
        return shorten(" ".join(sentences))
    briefing = entry.briefing
    parts: list[str] = []
    headline = briefing.headline.en.text if lang.code == "en" else briefing.headline.ar
    if headline:
        parts.append(plain(headline))
    if briefing.outlet:
        parts.append(briefing.outlet.en if lang.code == "en" else briefing.outlet.ar)
    # The trusted date only: a page-chrome date must not travel with the link.
    date = published_label(entry.date, lang)
    if date:
        parts.append(date)
    if not headline:
        parts.append(strings.translation_pending)
    return shorten(SEPARATOR.join(parts))


def briefing_meta(entry: Entry, lang: Language, strings: Strings) -> dict[str, str]:
    """``page.meta.sharing`` of a briefing page (the other pages share as the website)."""
    meta = {"title": title(entry, lang), "description": description(entry, lang, strings)}
    published = entry.date
    # OpenGraph wants an instant; only a day-precise date can honestly be one (a bare ISO date).
    if published and published.precision == "day":
        meta["published_time"] = published.value
    return meta


def meta_description(meta: dict[str, str]) -> Markup:
    """``page.meta.description``, which Material writes into ``<meta>`` without escaping it.

    Escaped here, or a scraped '"' or '<' in a headline would end the attribute and spill the
    rest of ``<head>`` into the page. Also the page's language, unlike the Arabic headline.
    """
    return escape(meta["description"])


def language_roots(site_url: str | None, lang: Language) -> dict[str, str] | None:
    """Absolute root of each language's site, plus ``x-default``; None without a site_url.

    ``site_url`` is this language's own address (the plugin has already appended ``en/`` on
    the English build), so the other root is found through the relative ``other_root``.
    """
    if not site_url:
        return None
    own = site_url if site_url.endswith("/") else site_url + "/"
    found = {lang.code: own, lang.other: urljoin(own, lang.other_root)}
    # The same order in both sitemaps; readers whose language matches neither are sent to
    # the default (Arabic) site.
    roots = {code: found[code] for code in LANGUAGES}
    roots["x-default"] = found[DEFAULT_LANGUAGE]
    return roots


def site_settings(site_url: str | None, lang: Language) -> dict[str, Any]:
    """``config.extra.briefings.sharing``: what every page's sharing meta and the sitemap need."""
    strings, other = Strings(lang.code), Strings(lang.other)
    return {
        "roots": language_roots(site_url, lang),
        "og_locale": strings.og_locale,
        "og_locale_alternate": other.og_locale,
        "feed": FEED_FILE,
        "feed_title": strings.feed_title,
    }
