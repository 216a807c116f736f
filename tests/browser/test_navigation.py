"""Links a reader follows: the language switcher and the timeline's anchors, under a sub-path."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest

from .conftest import Site
from .harness import LANG_ROOTS, Tab

OTHER = {"ar": "en", "en": "ar"}


@pytest.mark.parametrize("kind", ["home", "briefing", "timeline", "year"])
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_switcher_goes_to_the_same_page_and_back(
    tab: Tab, site: Site, lang: str, kind: str
) -> None:
    start = site.path(lang, kind)
    tab.goto(start)
    tab.switch_language()
    assert tab.path() == site.path(OTHER[lang], kind)
    assert tab.page.evaluate("document.documentElement.lang") == OTHER[lang]
    tab.switch_language()
    assert tab.path() == start


def fragment(tab: Tab, selector: str) -> str:
    href = tab.page.locator(selector).first.get_attribute("href")
    assert href and "#" in href, f"{selector} on {tab.path()} has no anchor: {href!r}"
    return urlsplit(href).fragment


def year_page(tab: Tab, selector: str, timeline: str) -> str:
    """The timeline page a link on the current page leads to: one year's, or the undated one."""
    href = tab.page.locator(selector).first.get_attribute("href") or ""
    page = urljoin(tab.path(), href).partition("#")[0]
    assert re.fullmatch(re.escape(timeline) + r"(\d{4}|undated)/", page), page
    return page


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_briefing_to_its_timeline_entry_and_back(tab: Tab, site: Site, lang: str) -> None:
    timeline = site.path(lang, "timeline")
    for slug in site.briefings:
        briefing = site.path(lang, "briefing", slug)
        tab.goto(briefing)
        anchor = fragment(tab, "a.timeline-link.publication-link")
        year = year_page(tab, "a.timeline-link.publication-link", timeline)
        tab.click_to("a.timeline-link.publication-link", f"{year}#{anchor}")
        tab.assert_visible_below_header(anchor)
        tab.click_to(f'[id="{anchor}"] a.briefing', briefing)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_event_to_the_timeline_and_back_to_the_event(tab: Tab, site: Site, lang: str) -> None:
    timeline = site.path(lang, "timeline")
    with_events = [slug for slug, data in site.briefings.items() if data.get("events")]
    assert with_events, "the sample briefings should have dated events"
    for slug in with_events:
        briefing = site.path(lang, "briefing", slug)
        tab.goto(briefing)
        event = tab.page.locator("ol.events > li").first.get_attribute("id")
        assert event, f"the first event on {briefing} has no id"
        link = f'[id="{event}"] a.timeline-link'
        anchor = fragment(tab, link)
        tab.click_to(link, f"{year_page(tab, link, timeline)}#{anchor}")
        tab.assert_visible_below_header(anchor)
        tab.click_to(f'[id="{anchor}"] a.source', f"{briefing}#{event}")
        tab.assert_visible_below_header(event)


def test_pages_stay_under_the_sub_path(tab: Tab, site: Site) -> None:
    """Every same-site link on the home pages resolves under the sub-path the site is served at."""
    for lang in LANG_ROOTS:
        tab.goto(site.path(lang, "home"))
        hrefs = tab.page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
        local = [h for h in hrefs if urlsplit(h).netloc == urlsplit(site.base).netloc]
        assert local, "no local links found"
        assert [h for h in local if not h.startswith(site.base)] == []
