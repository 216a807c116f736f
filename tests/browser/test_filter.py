"""In Chromium: the timeline's entity filter, and entity pages without console errors."""

from __future__ import annotations

import pytest

from .harness import Tab

VISIBLE_IDS = "els => els.filter(e => e.offsetParent !== null).map(e => e.id)"


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_timeline_filters_by_entity_and_back(tab: Tab, prefix: str) -> None:
    tab.goto(f"{prefix}timeline/2021/")
    entries = tab.page.locator("li.timeline-entry")
    everything = entries.evaluate_all(VISIBLE_IDS)
    expected = tab.page.locator("li.timeline-entry[data-entities~='qasim-al-araji']").evaluate_all(
        "els => els.map(e => e.id)"
    )
    assert expected and len(expected) < len(everything)

    tab.page.select_option("#timeline-filter", "qasim-al-araji")
    assert entries.evaluate_all(VISIBLE_IDS) == expected
    # Months left without an entry are hidden with their lists.
    headings = tab.page.locator(".timeline-group").evaluate_all(VISIBLE_IDS)
    every = tab.page.locator(".timeline-group").evaluate_all("els => els.map(e => e.id)")
    assert headings and len(headings) < len(every)

    tab.page.select_option("#timeline-filter", "")
    assert entries.evaluate_all(VISIBLE_IDS) == everything


@pytest.mark.parametrize("path", ["entities/", "entities/qasim-al-araji/", "en/entities/iraq/"])
def test_entity_pages_load_cleanly_with_their_chart(tab: Tab, path: str) -> None:
    tab.goto(path)
    if path != "entities/":
        box = tab.page.locator("svg.coverage-chart").bounding_box()
        assert box is not None and box["width"] > 300
