"""Front matter in, pages out: events, quotes and entities on briefings and the timeline."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from lxml import html

from generator.cli import EXIT_OK, main
from generator.frontmatter import read_page, write_page

from .conftest import SAMPLE_ARTICLES, make_project
from .linkcheck import broken_links

EVENTS = [
    {
        "id": "ev-withdrawal-end",
        "date": "2025-09",
        "precision": "month",
        "status": "planned",
        "ar": "ينتهي في موعد أقصاه سبتمبر 2025.",
        "evidence": "سبتمبر 2025",
    },
    {
        "id": "ev-coalition",
        "date": "2014-09",
        "precision": "month",
        "status": "reported",
        "ar": "وشُكّل التحالف الدولي في أيلول عام 2014.",
        "evidence": "أيلول عام 2014",
        "en": {
            "text": "The international coalition was formed in September 2014.",
            "status": "reviewed",
            "engine": "memory",
        },
    },
]
QUOTE = {
    "id": "q-singh",
    "rank": 1,
    "ar": "لا، الولايات المتحدة لن تنسحب من العراق",
    "sentence": "“لا، الولايات المتحدة لن تنسحب من العراق” وأضافت.",
    "speaker": {
        "kind": "person",
        "entity": "sabrina-singh",
        "ar": "سابرينا سينغ",
        "en": "Sabrina Singh",
    },
}
ENTITY = {"id": "sabrina-singh", "type": "person", "ar": "سابرينا سينغ", "en": "Sabrina Singh"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = make_project(tmp_path_factory.mktemp("pages") / "project", SAMPLE_ARTICLES[4:5])
    assert main(["--project", str(root), "generate"]) == EXIT_OK
    path = next((root / "docs/briefings").glob("*.md"))
    page = read_page(path)
    page.data["published"] = {
        "value": "2024-09",
        "precision": "month",
        "confidence": "medium",
        "source": "inference",
        "reason": "no dateline; dated by its events",
    }
    page.data["events"], page.data["quotes"], page.data["entities"] = EVENTS, [QUOTE], [ENTITY]
    write_page(path, page.data, page.body)
    assert main(["--project", str(root), "build", "--no-generate"]) == EXIT_OK
    return root, path.stem


def load(root: Path, url: str) -> html.HtmlElement:
    return html.fromstring((root / "site" / url / "index.html").read_bytes())


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_timeline_events_link_to_the_briefing_and_back(site: tuple[Path, str], prefix: str) -> None:
    root, slug = site
    page_url = f"{prefix}briefings/{slug}/"
    briefing = load(root, page_url)
    for event in EVENTS:
        anchor = f"{slug}--{event['id']}"
        back = briefing.get_element_by_id(event["id"]).xpath(".//a[@class='timeline-link']/@href")
        year_url, fragment = back[0].split("#")
        year_url = posixpath.normpath(posixpath.join(page_url, year_url))
        assert (year_url, fragment) == (f"{prefix}timeline/{event['date'][:4]}", anchor)
        item = load(root, year_url).get_element_by_id(anchor)
        href = item.xpath(".//a[@class='source']/@href")[0]
        target, fragment = href.split("#")
        assert posixpath.normpath(posixpath.join(year_url, target)) == page_url.rstrip("/")
        assert briefing.get_element_by_id(fragment) is not None


def test_precision_is_shown_as_it_is(site: tuple[Path, str]) -> None:
    root, slug = site
    item = load(root, "en/timeline/2014/").get_element_by_id(f"{slug}--ev-coalition")
    assert item.xpath("string(.//time)") == "September 2014"
    published = load(root, "timeline/2024/").get_element_by_id(f"pub-{slug}")
    assert published.xpath("string(.//time)") == "أيلول 2024"


def test_planned_events_are_marked_and_never_shown_as_happened(site: tuple[Path, str]) -> None:
    root, slug = site
    item = load(root, "en/timeline/2025/").get_element_by_id(f"{slug}--ev-withdrawal-end")
    assert "timeline-entry--planned" in item.get("class")
    assert "Planned or expected" in item.text_content()


def test_english_page_shows_reviewed_english_and_pending_arabic_honestly(
    site: tuple[Path, str],
) -> None:
    root, slug = site
    page = load(root, f"en/briefings/{slug}/")
    reviewed = page.get_element_by_id("ev-coalition")
    assert reviewed.xpath("string(.//*[@class='english'])") == EVENTS[1]["en"]["text"]
    assert "reviewed translation" in reviewed.text_content()
    pending = page.get_element_by_id("ev-withdrawal-end")
    assert pending.xpath(".//*[@class='original']/@lang") == ["ar"]
    assert "translation pending" in pending.text_content()
    assert not pending.xpath(".//*[@class='english']")


@pytest.mark.parametrize(("prefix", "name"), [("", "سابرينا سينغ"), ("en/", "Sabrina Singh")])
def test_quote_and_entities_show_names_in_the_page_language(
    site: tuple[Path, str], prefix: str, name: str
) -> None:
    root, slug = site
    page = load(root, f"{prefix}briefings/{slug}/")
    quote = page.get_element_by_id("q-singh")
    assert name in quote.xpath("string(.//figcaption)")
    assert QUOTE["ar"] in quote.xpath("string(.//blockquote)")
    people = page.xpath("string(//ul[contains(@class, 'entity-list--person')])")
    assert "Sabrina Singh" in people and "سابرينا سينغ" in people


def test_every_internal_link_and_anchor_resolves(site: tuple[Path, str]) -> None:
    assert broken_links(site[0] / "site") == []


def test_the_article_text_is_on_the_arabic_page_and_the_english_page_links_to_it(
    site: tuple[Path, str],
) -> None:
    root, slug = site
    arabic = load(root, f"briefings/{slug}/")
    paragraphs = arabic.xpath("//div[@class='article-text']/p/@id")
    assert paragraphs[:2] == ["p1", "p2"]
    english_url = f"en/briefings/{slug}/"
    english = load(root, english_url)
    assert not english.xpath("//div[@class='article-text']")
    (link,) = english.xpath("//p[@class='article-text-elsewhere']/a")
    path, _, fragment = link.get("href").partition("#")
    resolved = posixpath.normpath(posixpath.join(english_url, path))
    assert (resolved, fragment) == (f"briefings/{slug}", "text")
    assert link.get("hreflang") == "ar"
    assert f"paragraphs: {len(paragraphs)}" in link.getparent().text_content()
    # The gist's paragraph marks lead to the paragraph on the Arabic page.
    marks = english.xpath("//ol[@class='gist']//a[@class='paragraph-link']/@href")
    assert marks
    for href in marks:
        path, _, fragment = href.partition("#")
        assert posixpath.normpath(posixpath.join(english_url, path)) == f"briefings/{slug}"
        assert fragment in paragraphs
