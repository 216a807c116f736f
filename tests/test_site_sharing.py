"""Sharing meta, feed autodiscovery and the hreflang sitemap, on the real built sample site."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from lxml import html

from generator.collection.briefings import Entry, load_collection
from generator.model import Briefing
from generator.site.i18n import ARABIC, ENGLISH, LANGUAGES, Language, Strings
from generator.site.sharing import briefing_meta, language_roots, shorten

from .sites import GIST, SITE_URL, TRICKY_HEADLINE
from .test_site_feeds import ARABIC_LETTER

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SERVED_AT = "http://127.0.0.1:8000/briefings-site/"  # how a browser would see SITE_URL's paths
LONG = "قال المتحدث باسم وزارة الدفاع الأمريكية إن القوات باقية في العراق " * 8


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("  نفى   إسبر\nوجود قرار  ", 300, "نفى إسبر وجود قرار"),
        ("نفى إسبر وجود قرار بالانسحاب", 20, "نفى إسبر وجود قرار…"),
        ("Esper denied any decision, officials said", 30, "Esper denied any decision…"),
        (LONG, 300, None),  # checked below: cut on a word, within the limit
    ],
)
def test_shorten(text: str, limit: int, expected: str | None) -> None:
    result = shorten(text, limit)
    assert len(result) <= limit
    if expected is not None:
        assert result == expected
    else:
        assert result.endswith("…") and " ".join(LONG.split()).startswith(result[:-1])


@pytest.mark.parametrize(
    ("site_url", "lang", "expected"),
    [
        (None, ARABIC, None),
        ("", ENGLISH, None),
        (
            "https://example.org/",
            ARABIC,
            {
                "ar": "https://example.org/",
                "en": "https://example.org/en/",
                "x-default": "https://example.org/",
            },
        ),
        (
            # The English build's site_url already ends in en/ (the plugin appends it).
            "https://example.org/briefings-site/en/",
            ENGLISH,
            {
                "ar": "https://example.org/briefings-site/",
                "en": "https://example.org/briefings-site/en/",
                "x-default": "https://example.org/briefings-site/",
            },
        ),
        (
            "https://example.org/briefings-site",
            ARABIC,
            {
                "ar": "https://example.org/briefings-site/",
                "en": "https://example.org/briefings-site/en/",
                "x-default": "https://example.org/briefings-site/",
            },
        ),
    ],
)
def test_language_roots(
    site_url: str | None, lang: Language, expected: dict[str, str] | None
) -> None:
    assert language_roots(site_url, lang) == expected


HEADLINE = "الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق"
GIST_OUT_OF_ORDER = [
    {
        "ar": "ونقل عن إسبر قوله إن بلاده لا تنوي الانسحاب.",
        "paragraph": 3,
        "position": 7,
        "en": {"status": "pending"},
    },
    {
        "ar": "نفى البنتاغون وجود خطط لسحب القوات الأمريكية من العراق.",
        "paragraph": 1,
        "position": 1,
        "en": {
            "text": "The Pentagon denied plans to withdraw US troops from Iraq.",
            "status": "machine",
            "engine": "google",
        },
    },
]


def entry(**changes: Any) -> Entry:
    data: dict[str, Any] = {
        "id": "000-51295827b7bc72d8",
        "headline": {"ar": HEADLINE},
        "outlet": {"id": "rudaw", "ar": "رووداو", "en": "Rudaw"},
        "published": {
            "value": "2020-01-07",
            "precision": "day",
            "confidence": "high",
            "source": "dateline",
        },
        "sources": [
            {"path": "articles/000.txt", "sha256": "0" * 64, "format": "txt", "encoding": "utf-8"}
        ],
    }
    data.update(changes)
    return Entry(Briefing.model_validate(data), "", f"briefings/{data['id']}.md")


MONTH = {"value": "2020-01", "precision": "month", "confidence": "medium", "source": "inference"}
CHROME = {"value": "2026-02-17", "precision": "day", "confidence": "low", "source": "page-chrome"}


@pytest.mark.parametrize(
    ("code", "changes", "description", "published_time"),
    [
        ("ar", {}, f"{HEADLINE} · رووداو · 7 كانون الثاني 2020", "2020-01-07"),
        ("en", {}, "Rudaw · 7 January 2020 · translation pending", "2020-01-07"),
        (
            "en",
            {"headline": {"ar": HEADLINE, "en": {"text": "Pentagon denies Iraq pull-out plans"}}},
            "Pentagon denies Iraq pull-out plans · Rudaw · 7 January 2020",
            "2020-01-07",
        ),
        (
            "ar",
            {"gist": GIST_OUT_OF_ORDER},
            "نفى البنتاغون وجود خطط لسحب القوات الأمريكية من العراق. "
            "ونقل عن إسبر قوله إن بلاده لا تنوي الانسحاب.",
            "2020-01-07",
        ),
        (
            "en",
            {"gist": GIST_OUT_OF_ORDER},
            "The Pentagon denied plans to withdraw US troops from Iraq.",
            "2020-01-07",
        ),
        (
            "en",
            {"gist": GIST_OUT_OF_ORDER[:1]},  # nothing translated yet: never the Arabic
            "Rudaw · 7 January 2020 · translation pending",
            "2020-01-07",
        ),
        ("ar", {"published": MONTH}, f"{HEADLINE} · رووداو · كانون الثاني 2020", None),
        # A page-chrome date is the day the page was scraped: it does not travel with a link.
        ("ar", {"published": CHROME}, f"{HEADLINE} · رووداو", None),
        ("en", {"outlet": None, "published": None}, "translation pending", None),
    ],
)
def test_briefing_meta(
    code: str, changes: dict[str, Any], description: str, published_time: str | None
) -> None:
    meta = briefing_meta(entry(**changes), LANGUAGES[code], Strings(code))
    assert meta["description"] == description
    assert meta.get("published_time") == published_time


@pytest.fixture
def project(tricky_project: Path) -> Path:
    return tricky_project


@pytest.fixture
def absolute(tricky_site_absolute: Path) -> Path:
    return tricky_site_absolute


@pytest.fixture
def relative(tricky_site_relative: Path) -> Path:
    return tricky_site_relative


def pages(root: Path, lang: Language) -> dict[str, Path]:
    """Every built page of one language by URL ("", "timeline/", ...), the 404 page aside."""
    site = root / "site" / lang.path
    nested = {other.path for other in LANGUAGES.values() if other.path}
    found = {}
    for path in sorted(site.rglob("index.html")):
        rel = path.parent.relative_to(site).as_posix()
        if lang.path == "" and rel.split("/")[0] + "/" in nested:
            continue  # another language's tree inside the default one
        if rel == "review":
            continue  # the editors' page (site/review_page.py): no canonical URL, not shared
        found["" if rel == "." else rel + "/"] = path
    return found


def meta(tree: html.HtmlElement, key: str) -> list[str]:
    attribute = "property" if key.startswith(("og:", "article:")) else "name"
    return tree.xpath(f"//head/meta[@{attribute}='{key}']/@content")


@pytest.mark.parametrize("code", ["ar", "en"])
def test_every_page_has_sharing_meta(absolute: Path, code: str) -> None:
    lang = LANGUAGES[code]
    strings, other = Strings(code), Strings(lang.other)
    entries = {e.url: e for e in load_collection(absolute / "docs").entries}
    found = pages(absolute, lang)
    assert set(entries) <= set(found) and {"", "timeline/"} <= set(found)
    for url, path in found.items():
        tree = html.fromstring(path.read_bytes())
        for key in ("og:site_name", "og:title", "og:description", "twitter:card"):
            assert len(meta(tree, key)) == 1 and meta(tree, key)[0].strip(), (url, key)
        assert meta(tree, "og:locale") == [strings.og_locale]
        assert meta(tree, "og:locale:alternate") == [other.og_locale]
        assert meta(tree, "og:url") == [SITE_URL + lang.path + url]
        assert meta(tree, "og:url") == tree.xpath("//link[@rel='canonical']/@href")
        entry = entries.get(url)
        assert meta(tree, "og:type") == ["article" if entry else "website"]
        if code == "en":  # an English description never shows Arabic as English
            assert not ARABIC_LETTER.search(meta(tree, "og:description")[0]), url
        if entry:
            date = entry.date
            expected = [date.value] if date and date.precision == "day" else []
            assert meta(tree, "article:published_time") == expected


@pytest.mark.parametrize(
    ("code", "description"),
    [
        ("ar", " ".join(s["ar"] for s in GIST)),
        ("en", GIST[0]["en"]["text"]),  # the pending sentence is left out, never shown in Arabic
    ],
)
def test_briefing_shares_its_gist_and_escaped_title(
    absolute: Path, code: str, description: str
) -> None:
    url = "briefings/001-ea719c2dc020a5b8/"
    english = next(
        e.briefing.headline.en.text
        for e in load_collection(absolute / "docs").entries
        if e.url == url
    )
    # The English page's title is the Arabic one while its translation is pending.
    title = english if code == "en" and english else TRICKY_HEADLINE
    tree = html.fromstring(pages(absolute, LANGUAGES[code])[url].read_bytes())
    assert meta(tree, "og:title") == [title]
    assert meta(tree, "og:description") == [description]
    # X reads these from OpenGraph: a second copy would only make every page heavier.
    assert meta(tree, "twitter:card") == ["summary"]
    assert meta(tree, "twitter:title") == meta(tree, "twitter:description") == []
    # Material's own description tag gets the same text, escaped: <head> stays whole.
    assert tree.xpath("//head/meta[@name='description']/@content") == [description]


def test_without_site_url_there_is_no_og_url(relative: Path) -> None:
    for lang in LANGUAGES.values():
        for path in pages(relative, lang).values():
            tree = html.fromstring(path.read_bytes())
            assert meta(tree, "og:url") == [] and meta(tree, "og:title")


def material_bundle() -> str:
    scripts = resources.files("material").joinpath("templates/assets/javascripts")
    [bundle] = [p for p in scripts.iterdir() if re.fullmatch(r"bundle\.\w+\.min\.js", p.name)]
    return bundle.read_text(encoding="utf-8")


def test_material_still_fetches_a_sitemap_next_to_every_alternate_link() -> None:
    # The premise of the next test; if Material changes this, re-check what it now fetches.
    bundle = material_bundle()
    assert 'M("link[rel=alternate]")' in bundle
    assert 'new URL("sitemap.xml",e)' in bundle


@pytest.mark.parametrize("site", ["absolute", "relative"])
def test_feed_is_discoverable_and_costs_material_no_404(
    site: str, request: pytest.FixtureRequest
) -> None:
    root: Path = request.getfixturevalue(site)
    for lang in LANGUAGES.values():
        for url, path in pages(root, lang).items():
            tree = html.fromstring(path.read_bytes())
            page_url = urljoin(SERVED_AT, lang.path + url)
            feeds = tree.xpath("//head/link[@rel='alternate'][@type='application/atom+xml']")
            assert len(feeds) == 1 and feeds[0].get("hreflang") == lang.code, url
            assert urljoin(page_url, feeds[0].get("href")) == SERVED_AT + lang.path + "feed.xml"
            for href in tree.xpath("//link[@rel='alternate']/@href"):
                # What Material's language selector requests for each alternate link.
                fetched = urljoin(urljoin(page_url, href), "sitemap.xml")
                assert served(root, fetched).is_file(), (url, href, fetched)
    english_404 = html.fromstring((root / "site/en/404.html").read_bytes())
    assert english_404.xpath("//link[@rel='alternate']") == []


def served(root: Path, url: str) -> Path:
    """The file a URL under SERVED_AT or SITE_URL is answered with."""
    for base in (SERVED_AT, SITE_URL):
        if url.startswith(base):
            path = root / "site" / url.removeprefix(base)
            return path / "index.html" if url.endswith("/") else path
    raise AssertionError(f"{url} is outside the site")


@pytest.mark.parametrize("code", ["ar", "en"])
def test_sitemap_names_both_languages_of_every_page(absolute: Path, code: str) -> None:
    lang = LANGUAGES[code]
    urlset = ET.parse(absolute / "site" / lang.path / "sitemap.xml").getroot()
    urls = urlset.findall(f"{SITEMAP}url")
    locs = [u.findtext(f"{SITEMAP}loc") for u in urls]
    assert sorted(locs) == sorted(SITE_URL + lang.path + url for url in pages(absolute, lang))
    for url in urls:
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in url.findall(f"{XHTML}link")
            if link.get("rel") == "alternate"
        }
        assert set(alternates) == {"ar", "en", "x-default"}
        assert alternates[code] == url.findtext(f"{SITEMAP}loc")
        assert alternates["x-default"] == alternates["ar"]
        page = urlsplit(alternates["ar"]).path.removeprefix(urlsplit(SITE_URL).path)
        assert alternates["en"] == SITE_URL + "en/" + page
        for href in alternates.values():
            assert served(absolute, href).is_file(), href


def test_sitemap_without_site_url_is_valid_and_empty(relative: Path) -> None:
    # Sitemaps take absolute URLs only; MkDocs' own sitemap is empty here too.
    for lang in LANGUAGES.values():
        urlset = ET.parse(relative / "site" / lang.path / "sitemap.xml").getroot()
        assert urlset.tag == f"{SITEMAP}urlset" and len(urlset) == 0
