"""The publication date a saved HTML page states in its metadata, exactly as it states it.

Only machine-readable declarations count: a publication-date <meta> tag, a JSON-LD
``datePublished``, a microdata ``itemprop="datePublished"`` and a <time> element marked as the
publication time. Their value is returned as written ("2014", "2014-05", "2014-05-13T06:00Z"),
so a year-only declaration stays year-precise (``publication.parse_declared`` reads it).

trafilatura's own date (htmldate) is not used: when a page declares nothing it guesses from the
text and the markup ("منذ عام 2014" became 2014-01-01, a copyright footer became January 1st)
and pads a year to a day. Dates in the text are the date stage's rules, with their own
confidence (generator/dates/publication.py).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

# <meta name|property|itemprop=...> that declare the publication (not the modification) date,
# lower-cased: Open Graph's article namespace, schema.org, Dublin Core, Highwire Press (Google
# Scholar), PRISM, and the names common news CMSs and analytics tags (Parse.ly, Sailthru) use.
PUBLISHED_META = frozenset(
    {
        "article:published_time",
        "og:published_time",
        "og:article:published_time",
        "article:published",
        "datepublished",
        "rnews:datepublished",
        "dc.date",
        "dc.date.issued",
        "dc.date.created",
        "dcterms.date",
        "dcterms.issued",
        "dcterms.created",
        "citation_publication_date",
        "citation_date",
        "prism.publicationdate",
        "parsely-pub-date",
        "sailthru.date",
        "pubdate",
        "publishdate",
        "publish-date",
        "publish_date",
        "publication_date",
        "date",
    }
)
# <time> class names that mark it as the publication time (WordPress themes: "entry-date
# published"; an "updated" <time> beside it is the modification).
PUBLISHED_TIME_CLASSES = frozenset({"published", "pubdate", "datepublished"})
# A JSON-LD block larger than this is not article metadata (some pages inline whole app
# states); nesting is bounded for the same reason.
_JSON_LD_MAX_CHARS = 1_000_000
_JSON_LD_MAX_DEPTH = 12
_ARTICLE_TYPES = ("article", "posting", "report")


def stated_date(tree: Any) -> str | None:
    """The first publication date ``tree`` (an lxml HTML tree) declares, as written; else None.

    Order: <meta> tags, JSON-LD, microdata, <time>. The first kind a page uses is the one its
    CMS fills; the others, when present, repeat it. When the first gives the time in UTC and
    another declaration gives the same moment in local time ("2024-12-24T22:30:00Z" and
    "2024-12-25T01:30:00+03:00"), the local one is returned: its date is the day as published.
    """
    values = [v for v in (_meta(tree), _json_ld(tree), _microdata(tree), _time(tree)) if v]
    values += [v for v in _all_meta(tree) if v not in values]
    if not values:
        return None
    first = _moment(values[0])
    if first is not None and first.utcoffset() == dt.timedelta(0):
        for other in values[1:]:
            moment = _moment(other)
            if moment is not None and moment.utcoffset() and moment == first:
                return other
    return values[0]


def _moment(value: str) -> dt.datetime | None:
    """The instant a full ISO time names, with its offset; None for a date or no offset."""
    try:
        moment = dt.datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _all_meta(tree: Any) -> list[str]:
    """Every publication date the <meta> tags declare, in page order."""
    found = []
    for element in tree.iter("meta"):
        names = (element.get(a) for a in ("property", "name", "itemprop", "http-equiv"))
        declared = any(n and n.strip().lower() in PUBLISHED_META for n in names)
        if declared and (value := _clean(element.get("content"))):
            found.append(value)
    return found


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split()) if isinstance(value, str) else ""
    return text[:64] or None  # a date is short; anything longer is not one


def _meta(tree: Any) -> str | None:
    for element in tree.iter("meta"):
        names = (element.get(a) for a in ("property", "name", "itemprop", "http-equiv"))
        declared = any(n and n.strip().lower() in PUBLISHED_META for n in names)
        if declared and (value := _clean(element.get("content"))):
            return value
    return None


def _json_ld(tree: Any) -> str | None:
    found: list[tuple[bool, str]] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = script.text or ""
        if len(text) > _JSON_LD_MAX_CHARS:
            continue
        try:
            data = json.loads(text)
        except ValueError:
            continue
        found.extend(_published_in(data, 0))
    # The article's own date before that of the WebPage or WebSite around it.
    for is_article, value in found:
        if is_article:
            return value
    return found[0][1] if found else None


def _published_in(node: Any, depth: int) -> Iterator[tuple[bool, str]]:
    """(whether the object is an article, its datePublished) for every object in ``node``."""
    if depth > _JSON_LD_MAX_DEPTH:
        return
    if isinstance(node, list):
        for item in node:
            yield from _published_in(item, depth + 1)
    elif isinstance(node, dict):
        if value := _clean(node.get("datePublished")):
            kinds = node.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            article = any(isinstance(k, str) and k.lower().endswith(_ARTICLE_TYPES) for k in kinds)
            yield article, value
        for key, item in node.items():
            if key != "datePublished" and isinstance(item, (dict, list)):
                yield from _published_in(item, depth + 1)


def _microdata(tree: Any) -> str | None:
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag == "meta":
            continue  # <meta itemprop> is read with the other <meta> tags
        declared = (element.get("itemprop") or "").strip().lower() == "datepublished"
        if declared and (value := _clean(element.get("content") or element.get("datetime"))):
            return value
    return None


def _time(tree: Any) -> str | None:
    for element in tree.iter("time"):
        classes = {c.lower() for c in (element.get("class") or "").split()}
        declared = element.get("pubdate") is not None or classes & PUBLISHED_TIME_CLASSES
        if declared and (value := _clean(element.get("datetime"))):
            return value
    return None
