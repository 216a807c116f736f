"""An Atom feed of the latest briefings, one per language (``feed.xml`` at each language root).

Atom rather than RSS 2.0 because Atom (RFC 4287) allows relative links, resolved against the
feed's own address (section 2, xml:base). A site built without ``site_url`` therefore still
gets a valid feed whose links work wherever the site is served; RSS 2.0 requires absolute
links and would have to be skipped. With a ``site_url`` every link is absolute.

The output is deterministic, so two builds of the same briefings are byte-identical: no build
clock is read, the feed's ``updated`` comes from ``SOURCE_DATE_EPOCH`` or the latest briefing.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from ..collection.briefings import Collection, Entry
from ..fsutil import write_bytes_atomic
from ..model import PublishedDate
from .i18n import Language, Strings
from .render import safe_url
from .sharing import FEED_FILE, description, plain, title, title_language

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED_SIZE = 50
# Ids are URNs derived from the briefing id, not from the site's address: moving the site (or
# setting site_url later) must not make feed readers show every briefing again.
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:arabic-news-briefings")
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class FeedError(ValueError):
    """A build setting the feed cannot use (an invalid SOURCE_DATE_EPOCH)."""


def period_start(published: PublishedDate) -> dt.datetime:
    """The instant Atom requires for a date that has none.

    Noon UTC of the first day of the period: the same calendar day in every time zone from
    UTC-11 to UTC+11, so a reader never shows the eve of the real date (midnight UTC would
    show 6 January for a 7 January article in the Americas).
    """
    parts = [int(p) for p in published.value.split("-")] + [1, 1]
    return dt.datetime(parts[0], parts[1], parts[2], 12, tzinfo=dt.UTC)


def rfc3339(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def source_date_epoch(environ: Mapping[str, str]) -> dt.datetime | None:
    """``SOURCE_DATE_EPOCH`` (reproducible-builds.org) as a UTC instant, when set."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise FeedError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got {value!r}"
        )
    return EPOCH + dt.timedelta(seconds=int(value))


def urn(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, '/'.join(parts))}"


def _text(parent: ET.Element, tag: str, text: str, language: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    if language:
        element.set(XML_LANG, language)
    return element


def _link(parent: ET.Element, href: str, rel: str, kind: str, hreflang: str) -> None:
    ET.SubElement(parent, "link", {"rel": rel, "type": kind, "href": href, "hreflang": hreflang})


def _entry(feed: ET.Element, entry: Entry, lang: Language, strings: Strings, root: str) -> None:
    briefing = entry.briefing
    # Only briefings with a trusted date are in the feed (Collection.latest): a page-chrome
    # date is the day the page was scraped, not an instant to announce the briefing at.
    published = entry.date
    assert published is not None
    element = ET.SubElement(feed, "entry")
    _text(element, "id", urn("briefing", lang.code, briefing.id))
    heading_lang = title_language(entry, lang)
    # xml:lang only where the title is not in the feed's language: an Arabic headline in the
    # English feed while its translation is pending.
    _text(element, "title", title(entry, lang), heading_lang if heading_lang != lang.code else None)
    _link(element, urljoin(root, entry.url), "alternate", "text/html", lang.code)
    original = safe_url(briefing.sources[0].url)
    if original:
        _link(element, original, "via", "text/html", "ar")
    moment = rfc3339(period_start(published))
    # A month- or year-precise date has no honest publication instant: only "updated" (which
    # Atom requires) carries it; "published" is written for day-precise dates alone.
    if published.precision == "day":
        _text(element, "published", moment)
    _text(element, "updated", moment)
    if briefing.outlet:
        author = ET.SubElement(element, "author")
        _text(author, "name", briefing.outlet.en if lang.code == "en" else briefing.outlet.ar)
    _text(element, "summary", description(entry, lang, strings))


def build_feed(
    collection: Collection,
    lang: Language,
    strings: Strings,
    *,
    site_name: str,
    site_description: str | None,
    site_url: str | None,
    environ: Mapping[str, str],
) -> ET.Element:
    """The Atom feed of ``lang``'s site: its latest dated briefings, newest first.

    Undated briefings are left out: a feed entry needs an ``updated`` instant and inventing
    one would be a lie. ``site_url`` is this language's root; without it links are relative
    to the feed, which sits at that root.
    """
    base = site_url.rstrip("/") + "/" if site_url else ""
    latest = collection.latest(FEED_SIZE)
    instants = [period_start(e.date) for e in latest if e.date]
    pinned = source_date_epoch(environ)
    if pinned is not None:
        instants.append(pinned)
    # Atom elements are written unqualified under a default xmlns: ElementTree's own
    # default_namespace option refuses the unqualified attributes (rel, href) Atom uses.
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: lang.code})
    _text(feed, "id", urn("feed", lang.code, plain(site_name)))
    _text(feed, "title", plain(site_name))
    if site_description:
        _text(feed, "subtitle", plain(site_description))
    # Nothing dated and no SOURCE_DATE_EPOCH: the epoch, a fixed value, rather than the clock.
    _text(feed, "updated", rfc3339(max(instants, default=EPOCH)))
    author = ET.SubElement(feed, "author")
    _text(author, "name", plain(site_name))
    _link(feed, urljoin(base, FEED_FILE), "self", "application/atom+xml", lang.code)
    _link(feed, urljoin(base, "./"), "alternate", "text/html", lang.code)
    other_feed = urljoin(base, lang.other_root + FEED_FILE)
    _link(feed, other_feed, "alternate", "application/atom+xml", lang.other)
    for entry in latest:
        _entry(feed, entry, lang, strings, base)
    return feed


def serialise(feed: ET.Element) -> bytes:
    ET.indent(feed, space="  ")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def write_feed(
    collection: Collection, lang: Language, strings: Strings, config: MkDocsConfig
) -> Path:
    """Write ``feed.xml`` at the root of this language's built site; return its path."""
    try:
        feed = build_feed(
            collection,
            lang,
            strings,
            site_name=config.site_name,
            site_description=config.site_description,
            site_url=config.site_url,
            environ=os.environ,
        )
    except FeedError as exc:
        raise PluginError(str(exc)) from None
    path = Path(config.site_dir) / FEED_FILE
    write_bytes_atomic(path, serialise(feed) + b"\n")
    return path
