"""Atom feeds: the sample site built for real, each feed parsed and checked against its pages."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from generator.collection.briefings import Collection, Entry, load_collection
from generator.model import Briefing, PublishedDate
from generator.site.feeds import (
    ATOM,
    FEED_SIZE,
    XML_LANG,
    FeedError,
    build_feed,
    period_start,
    rfc3339,
    serialise,
    source_date_epoch,
)
from generator.site.i18n import ARABIC, ENGLISH, LANGUAGES, Strings

from .sites import GIST, SITE_URL, TRICKY_HEADLINE, build_copy

A = f"{{{ATOM}}}"
ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


@pytest.fixture
def project(tricky_project: Path) -> Path:
    return tricky_project


@pytest.fixture
def absolute(tricky_site_absolute: Path) -> Path:
    return tricky_site_absolute


@pytest.fixture
def relative(tricky_site_relative: Path) -> Path:
    return tricky_site_relative


def feed(root: Path, code: str) -> ET.Element:
    return ET.parse(root / "site" / LANGUAGES[code].path / "feed.xml").getroot()


def site_file(root: Path, url: str) -> Path:
    """The built file an absolute site URL or site path leads to."""
    path = urlsplit(url).path.removeprefix(urlsplit(SITE_URL).path).lstrip("/")
    target = root / "site" / path
    return target / "index.html" if url.endswith("/") else target


def links(element: ET.Element, rel: str, kind: str = "text/html") -> list[str]:
    found = element.findall(f"{A}link[@rel='{rel}'][@type='{kind}']")
    return [link.get("href", "") for link in found]


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        ("2020-01-07", "day", "2020-01-07T12:00:00Z"),
        ("2024-09", "month", "2024-09-01T12:00:00Z"),
        ("2025", "year", "2025-01-01T12:00:00Z"),
    ],
)
def test_a_date_becomes_noon_utc_of_the_start_of_its_period(
    value: str, precision: str, expected: str
) -> None:
    date = PublishedDate(value=value, precision=precision, confidence="high", source="dateline")
    assert rfc3339(period_start(date)) == expected


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, None),
        ({"SOURCE_DATE_EPOCH": ""}, None),
        ({"SOURCE_DATE_EPOCH": "1700000000"}, "2023-11-14T22:13:20Z"),
        ({"SOURCE_DATE_EPOCH": " 0 "}, "1970-01-01T00:00:00Z"),
    ],
)
def test_source_date_epoch(environ: dict[str, str], expected: str | None) -> None:
    moment = source_date_epoch(environ)
    assert (rfc3339(moment) if moment else None) == expected


@pytest.mark.parametrize("value", ["yesterday", "-5", "1.5"])
def test_an_invalid_source_date_epoch_is_named(value: str) -> None:
    with pytest.raises(FeedError) as error:
        source_date_epoch({"SOURCE_DATE_EPOCH": value})
    assert str(error.value) == (
        f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got {value!r}"
    )


def briefing(number: int, date: str | None) -> Entry:
    data: dict[str, Any] = {
        "id": f"{number:03d}-synthetic",
        "headline": {"ar": f"القوات الأمريكية في العراق: تقرير رقم {number}"},
        "sources": [
            {
                "path": f"articles/{number}.txt",
                "sha256": "0" * 64,
                "format": "txt",
                "encoding": "utf-8",
            }
        ],
    }
    if date:
        data["published"] = {
            "value": date,
            "precision": "day",
            "confidence": "high",
            "source": "dateline",
        }
    return Entry(Briefing.model_validate(data), "", f"briefings/{data['id']}.md")


def synthetic(count: int) -> Collection:
    start = dt.date(2020, 1, 1)
    dated = [briefing(n, (start + dt.timedelta(days=n)).isoformat()) for n in range(count)]
    return Collection((*dated, briefing(count, None)))


@pytest.mark.parametrize(
    ("count", "environ", "updated"),
    [
        (60, {}, "2020-02-29T12:00:00Z"),  # the newest briefing: day 59 after 1 January 2020
        (3, {}, "2020-01-03T12:00:00Z"),
        (3, {"SOURCE_DATE_EPOCH": "1700000000"}, "2023-11-14T22:13:20Z"),
        (0, {}, "1970-01-01T00:00:00Z"),  # nothing dated: a fixed value, never the clock
    ],
)
def test_feed_holds_the_latest_dated_briefings_newest_first(
    count: int, environ: dict[str, str], updated: str
) -> None:
    root = build_feed(
        synthetic(count),
        ARABIC,
        Strings("ar"),
        site_name="موجزات",
        site_description=None,
        site_url=None,
        environ=environ,
    )
    parsed = ET.fromstring(serialise(root))
    entries = parsed.findall(f"{A}entry")
    assert len(entries) == min(count, FEED_SIZE)
    dates = [e.findtext(f"{A}updated") for e in entries]
    assert dates == sorted(dates, reverse=True)
    assert parsed.findtext(f"{A}updated") == updated
    assert parsed.find(f"{A}subtitle") is None


@pytest.mark.parametrize(
    ("english", "title_lang"),
    [(None, "ar"), ("US forces in Iraq: report", None)],  # pending: the Arabic, marked as such
)
def test_english_feed_marks_an_arabic_title(english: str | None, title_lang: str | None) -> None:
    entry = briefing(1, "2020-01-07")
    entry.briefing.headline.en.text = english
    root = build_feed(
        Collection((entry,)),
        ENGLISH,
        Strings("en"),
        site_name="Arabic News Briefings",
        site_description=None,
        site_url=None,
        environ={},
    )
    [element] = ET.fromstring(serialise(root)).findall(f"{A}entry")
    title = element.find(f"{A}title")
    assert title is not None and title.get(XML_LANG) == title_lang
    assert title.text == (english or entry.briefing.headline.ar)
    assert not ARABIC_LETTER.search(element.findtext(f"{A}summary", ""))


@pytest.mark.parametrize("code", ["ar", "en"])
def test_feed_entries_match_the_briefings(absolute: Path, code: str) -> None:
    lang = LANGUAGES[code]
    root = feed(absolute, code)
    assert root.tag == f"{A}feed"
    assert root.get(XML_LANG) == code
    collection = load_collection(absolute / "docs")
    expected = collection.latest(FEED_SIZE)
    entries = root.findall(f"{A}entry")
    assert len(entries) == len(expected) > 0
    assert RFC3339.match(root.findtext(f"{A}updated", ""))
    ids = [e.findtext(f"{A}id", "") for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    for element, entry in zip(entries, expected, strict=True):
        b, date = entry.briefing, entry.date
        assert date is not None
        [href] = links(element, "alternate")
        assert href == SITE_URL + lang.path + entry.url
        assert site_file(absolute, href).is_file()
        heading = element.find(f"{A}title")
        assert heading is not None
        english = b.headline.en.text
        if code == "en" and english:
            assert (heading.text, heading.get(XML_LANG)) == (english, None)
        else:
            assert heading.text == b.headline.ar
            assert heading.get(XML_LANG) == ("ar" if code == "en" else None)
        assert element.findtext(f"{A}updated") == rfc3339(period_start(date))
        published = element.findtext(f"{A}published")
        assert published == (rfc3339(period_start(date)) if date.precision == "day" else None)
        author = element.findtext(f"{A}author/{A}name")
        outlet = b.outlet
        assert author == ((outlet.en if code == "en" else outlet.ar) if outlet else None)
        summary = element.findtext(f"{A}summary", "")
        assert summary.strip()
        if code == "en":  # Arabic never passes for English in an English summary
            assert not ARABIC_LETTER.search(summary), summary


def test_gist_is_the_summary_in_each_language(absolute: Path) -> None:
    for code, expected in [
        ("ar", " ".join(s["ar"] for s in GIST)),
        ("en", GIST[0]["en"]["text"]),  # the pending sentence is left out, not shown in Arabic
    ]:
        entries = feed(absolute, code).findall(f"{A}entry")
        summaries = {links(e, "alternate")[0]: e.findtext(f"{A}summary") for e in entries}
        url = SITE_URL + LANGUAGES[code].path + "briefings/001-ea719c2dc020a5b8/"
        assert summaries[url] == expected


def test_tricky_headline_survives_the_xml(absolute: Path) -> None:
    titles = [e.findtext(f"{A}title") for e in feed(absolute, "ar").findall(f"{A}entry")]
    assert TRICKY_HEADLINE in titles


@pytest.mark.parametrize("code", ["ar", "en"])
def test_feed_links_itself_the_site_and_the_other_feed(absolute: Path, code: str) -> None:
    lang = LANGUAGES[code]
    root = feed(absolute, code)
    assert links(root, "self", "application/atom+xml") == [SITE_URL + lang.path + "feed.xml"]
    assert links(root, "alternate") == [SITE_URL + lang.path]
    [other] = links(root, "alternate", "application/atom+xml")
    assert other == SITE_URL + LANGUAGES[lang.other].path + "feed.xml"
    assert site_file(absolute, other).is_file()


@pytest.mark.parametrize("code", ["ar", "en"])
def test_without_site_url_links_are_relative_to_the_feed(relative: Path, code: str) -> None:
    lang = LANGUAGES[code]
    feed_url = f"http://127.0.0.1:8000/{lang.path}feed.xml"  # wherever the site is served
    root = feed(relative, code)
    hrefs = [link.get("href", "") for link in root.iter(f"{A}link")]
    assert hrefs and not [h for h in hrefs if "://" in h or h.startswith("/")]
    for href in hrefs:
        path = urlsplit(urljoin(feed_url, href)).path.lstrip("/")
        target = relative / "site" / path
        assert (target / "index.html" if path.endswith("/") or not path else target).is_file()


def test_two_builds_are_byte_identical(project: Path, relative: Path) -> None:
    again = build_copy(project, project.parent / "again")
    for name in ("feed.xml", "en/feed.xml", "sitemap.xml", "en/sitemap.xml"):
        assert (again / "site" / name).read_bytes() == (relative / "site" / name).read_bytes()


def test_source_date_epoch_dates_the_feed(project: Path) -> None:
    root = build_copy(project, project.parent / "epoch", SOURCE_DATE_EPOCH="1893456000")
    for code in LANGUAGES:
        assert feed(root, code).findtext(f"{A}updated") == "2030-01-01T00:00:00Z"
