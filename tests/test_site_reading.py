"""The reading experience on the built sample site: entity pages, related briefings, the home
page, the timeline and its chart, in both languages (sample articles -> `briefings build`)."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from lxml import html

from generator.frontmatter import load_briefing

from .linkcheck import broken_links, third_party_loads
from .sites import timeline_pages

PREFIX = {"ar": "", "en": "en/"}
DIRECTION = {"ar": "rtl", "en": "ltr"}
S000, S001 = "000-51295827b7bc72d8", "001-ea719c2dc020a5b8"
S002, S003, S004 = "002-05af058da5e47de5", "003-94a82db443eba38b", "004-6694573e73f3076d"


@pytest.fixture
def built(sample_site: Path) -> Path:
    return sample_site


def load(root: Path, lang: str, url: str) -> html.HtmlElement:
    return html.fromstring((root / "site" / PREFIX[lang] / url / "index.html").read_bytes())


def target(page_url: str, href: str) -> str:
    """Where a relative link on ``page_url`` leads (site-root path, with its fragment)."""
    path, _, fragment = href.partition("#")
    resolved = posixpath.normpath(posixpath.join(page_url, path)) if path else page_url
    resolved = "" if resolved in (".", "") else resolved.rstrip("/") + "/"
    return resolved + (f"#{fragment}" if fragment else "")


def entity_ids(root: Path) -> set[str]:
    found = set()
    for path in (root / "docs/briefings").glob("*.md"):
        found |= {m.id for m in load_briefing(path)[0].entities}
    return found


def test_one_entity_page_per_entity_in_both_languages(built: Path) -> None:
    ids = entity_ids(built)
    assert {"mark-esper", "pentagon", "iraq", "qasim-al-araji"} <= ids
    for lang in PREFIX:
        pages = {
            p.parent.name for p in (built / "site" / PREFIX[lang] / "entities").glob("*/index.html")
        }
        assert pages == ids
        root = load(built, lang, "entities/mark-esper/")
        assert (root.get("lang"), root.get("dir")) == (lang, DIRECTION[lang])


@pytest.mark.parametrize(
    ("lang", "title", "other_script"),
    [("en", "Mark Esper", ("ar", "مارك إسبر")), ("ar", "مارك إسبر", ("en", "Mark Esper"))],
)
def test_entity_page_shows_both_names_role_briefings_and_events(
    built: Path, lang: str, title: str, other_script: tuple[str, str]
) -> None:
    page = load(built, lang, "entities/mark-esper/")
    assert page.xpath("string(//article//h1)").strip().rstrip("¶") == title
    facts = page.xpath("//dl[@class='entity-facts']")[0]
    # The name in the other script is isolated from the page's direction.
    assert facts.xpath(f"string(.//bdi[@lang='{other_script[0]}'])") in other_script[1:]
    assert "US Secretary of Defense (2019-2020)" in facts.text_content()
    briefings = {
        target("entities/mark-esper/", a.get("href")).split("#")[0]
        for a in page.xpath("//h2[@id='briefings']/following-sibling::ul[1]//a")
    }
    assert briefings == {f"briefings/{S000}/", f"briefings/{S001}/"}
    assert page.xpath("//svg[contains(@class, 'coverage-chart')]")


def test_wikidata_links_only_checked_ids(built: Path) -> None:
    links = load(built, "en", "entities/iraq/").xpath("//dl[@class='entity-facts']//a/@href")
    assert links == ["https://www.wikidata.org/wiki/Q796"]
    assert not load(built, "en", "entities/mark-esper/").xpath("//dl[@class='entity-facts']//a")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_entity_index_lists_every_entity_by_type(built: Path, lang: str) -> None:
    page = load(built, lang, "entities/")
    linked = {
        target("entities/", h)
        for h in page.xpath("//ul[contains(@class, 'entity-index')]//a/@href")
    }
    assert linked == {f"entities/{i}/" for i in entity_ids(built)}
    assert page.xpath("//ul[contains(@class, 'entity-index--person')]//a[@href='mark-esper/']")
    assert page.xpath("//ul[contains(@class, 'entity-index--place')]//a[@href='iraq/']")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_briefing_entities_link_to_their_pages(built: Path, lang: str) -> None:
    page = load(built, lang, f"briefings/{S003}/")
    items = page.xpath("//ul[contains(@class, 'entity-list')]/li")
    assert items
    for item in items:
        href = item.xpath("./a[@class='entity-link']/@href")[0]
        assert (
            built / "site" / PREFIX[lang] / target(f"briefings/{S003}/", href) / "index.html"
        ).is_file()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_timeline_entries_link_their_entities_and_entity_pages_filter_them(
    built: Path, lang: str
) -> None:
    anchors = {}
    for url, year in timeline_pages(built / "site" / PREFIX[lang]).items():
        for item in year.xpath("//li[contains(@class, 'timeline-entry')]"):
            named = {target(url, h) for h in item.xpath(".//a[@class='entity-link']/@href")}
            anchors[item.get("id")] = named
    # "وقال الأعرجي ..." names Qasim al-Araji by his surname alone.
    araji = {a for a, named in anchors.items() if "entities/qasim-al-araji/" in named}
    assert f"{S003}--ev-cbbfa1586d" in araji
    page = load(built, lang, "entities/qasim-al-araji/")
    on_page = set(page.xpath("//li[contains(@class, 'timeline-entry')]/@id"))
    assert araji <= on_page  # the entity page is the timeline filtered by the entity
    assert on_page <= set(anchors)  # with the timeline's own anchors
    # Each event names who reported it, and links to it on its briefing.
    outlets = {
        f"briefings/{p.stem}/": b.outlet
        for p in (built / "docs/briefings").glob("*.md")
        if (b := load_briefing(p)[0]).outlet
    }
    sources = page.xpath("//li[contains(@class, 'timeline-entry')]/a[@class='source']")
    assert sources
    for source in sources:
        briefing, _, event = target("entities/qasim-al-araji/", source.get("href")).partition("#")
        assert event.startswith("ev-")
        outlet = outlets[briefing]
        assert source.text_content() == (outlet.en if lang == "en" else outlet.ar)


@pytest.mark.parametrize(
    ("lang", "same_event", "date"),
    [("en", "same event", "7 January 2020"), ("ar", "الحدث نفسه", "7 كانون الثاني 2020")],
)
def test_seeds_000_and_001_link_each_other_as_the_same_event(
    built: Path, lang: str, same_event: str, date: str
) -> None:
    for page, other in ((S000, S001), (S001, S000)):
        first = load(built, lang, f"briefings/{page}/").xpath("//ul[@class='related']/li")[0]
        href = first.xpath("./a[@class='related-link']/@href")[0]
        assert target(f"briefings/{page}/", href) == f"briefings/{other}/"
        reason = first.xpath("string(.//span[contains(@class, 'reason--same-event')])")
        assert reason.startswith(same_event) and reason.endswith(date)
        shared = first.xpath(".//span[contains(@class, 'reason--shared')]//a/@href")
        assert "../../entities/mark-esper/" in shared


@pytest.mark.parametrize(
    ("page", "other", "period"), [(S003, S004, "2021"), (S004, S002, "2024"), (S002, S004, "2024")]
)
def test_the_wind_down_steps_link_each_other_with_the_period(
    built: Path, page: str, other: str, period: str
) -> None:
    items = load(built, "en", f"briefings/{page}/").xpath("//ul[@class='related']/li")
    by_target = {target(f"briefings/{page}/", i.xpath("./a/@href")[0]): i for i in items}
    item = by_target[f"briefings/{other}/"]
    assert item.xpath("string(.//span[contains(@class, 'reason--same-period')])") == (
        f"same period: {period}"
    )


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_home_has_counts_latest_briefings_and_recent_entries(built: Path, lang: str) -> None:
    home = load(built, lang, "")
    counts = [int(n) for n in home.xpath("//ul[@class='counts']//strong/text()")]
    assert counts[:2] == [5, 3] and len(counts) == 4 and all(counts)
    latest = home.xpath("//ul[@class='briefing-list']/li/a/@href")
    assert len(latest) == 5
    # 000's only date is page chrome: it is listed last, as undated, not as the newest.
    assert latest[-1] == f"briefings/{S000}/"
    years = timeline_pages(built / "site" / PREFIX[lang])
    recent = home.xpath(
        "//ol[contains(@class, 'timeline--recent')]//a[@class='timeline-link']/@href"
    )
    assert recent
    for href in recent:
        url, _, anchor = target("", href).partition("#")
        assert years[url].get_element_by_id(anchor) is not None


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_timeline_places_the_page_chrome_date_under_undated(built: Path, lang: str) -> None:
    years = timeline_pages(built / "site" / PREFIX[lang])
    entry = years["timeline/undated/"].get_element_by_id(f"pub-{S000}")
    assert entry.xpath("preceding::p[contains(@class, 'timeline-note')]")
    assert not entry.xpath(".//time")  # no machine-readable date for it
    assert "2026" in entry.xpath("string(.//span[@class='untrusted-date'])")
    briefing = load(built, lang, f"briefings/{S002}/")
    link = briefing.xpath("//a[contains(@class, 'publication-link')]/@href")
    url, _, anchor = target(f"briefings/{S002}/", link[0]).partition("#")
    uncertain = years[url].get_element_by_id(anchor)
    assert "timeline-entry--uncertain" in uncertain.get("class")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_timeline_has_the_coverage_chart(built: Path, lang: str) -> None:
    chart = load(built, lang, "timeline/").xpath("//svg[contains(@class, 'coverage-chart')]")
    assert len(chart) == 1 and chart[0].get("role") == "img"
    assert chart[0].xpath("./title/text()")


@pytest.mark.parametrize(("lang", "other"), [("ar", "en"), ("en", "ar")])
def test_switcher_stays_on_entity_pages(built: Path, lang: str, other: str) -> None:
    for url in ("entities/", "entities/pentagon/"):
        href = load(built, lang, url).xpath('//a[contains(@class, "language-switch")]/@href')[0]
        assert target(PREFIX[lang] + url, href) == PREFIX[other] + url


def test_latin_names_in_arabic_pages_are_isolated(built: Path) -> None:
    page = load(built, "ar", f"briefings/{S004}/")
    names = page.xpath("//ul[contains(@class, 'entity-list')]//bdi[@lang='en']/text()")
    assert "Sabrina Singh" in names
    role = load(built, "ar", "entities/sabrina-singh/").xpath("//dl//bdi[@dir='ltr']/text()")
    assert "Pentagon deputy press secretary" in role


def test_no_broken_link_and_nothing_from_another_host(built: Path) -> None:
    assert broken_links(built / "site") == []
    assert third_party_loads(built / "site") == []


def test_print_styles_keep_entries_whole(built: Path) -> None:
    css = (built / "site/assets/briefings.css").read_text(encoding="utf-8")
    media = css[css.index("@media print") :]
    assert ".timeline-entry" in media and "break-inside: avoid" in media
    assert "border-inline-start" in css and "inset-inline-start" in css  # mirrors in RTL


def test_third_party_loads_are_found(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<html><head><link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Amiri">'
        '<style>@import url("//cdn.example.org/x.css");</style></head><body></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "a.css").write_text('@font-face { src: url("https://x.org/f.woff2"); }')
    assert third_party_loads(tmp_path) == [
        "index.html: https://fonts.googleapis.com/css?family=Amiri",
        "index.html: //cdn.example.org/x.css",
        "a.css: https://x.org/f.woff2",
    ]
