"""Search in the browser: Arabic spelling variants and English names find the right briefings.

The expected briefings come from the front matter (headline and entity names), never from the
search index, so a smaller or differently built index is judged by what readers look for.
"""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Site
from .harness import Tab

# (site language, what a reader types, the same words as the briefings write them)
SEARCHES = [
    ("ar", "إسبر", "إسبر"),  # as written
    ("ar", "اسبر", "إسبر"),  # bare alef: how most people type it
    ("ar", "أسبر", "إسبر"),  # hamza on the wrong seat
    ("ar", "إِسْبَر", "إسبر"),  # fully vocalised
    ("ar", "مَارْك", "مارك"),  # vocalised first name
    ("ar", "مارك اسبر", "مارك إسبر"),  # the full name, bare alef
    ("ar", "الامريكية", "الأمريكية"),  # a headline word without its hamza
    ("ar", "Esper", "Esper"),  # the English name on the Arabic site
    ("en", "Esper", "Esper"),
    ("en", "esper", "Esper"),  # readers do not capitalise
    ("en", "إسبر", "إسبر"),  # the Arabic name on the English site
]


def searchable_text(front_matter: dict[str, Any]) -> str:
    """What a briefing is certainly searched by: its headlines and entity names."""
    headline = front_matter.get("headline") or {}
    english = (headline.get("en") or {}).get("text") or ""
    names = [f"{e.get('ar', '')} {e.get('en', '')}" for e in front_matter.get("entities") or []]
    return " ".join([headline.get("ar", ""), english, *names]).casefold()


def naming(site: Site, written: str) -> set[str]:
    return {
        slug for slug, data in site.briefings.items() if written.casefold() in searchable_text(data)
    }


@pytest.mark.parametrize(("lang", "query", "written"), SEARCHES)
def test_search_finds_the_briefings(
    tab: Tab, site: Site, lang: str, query: str, written: str
) -> None:
    expected = naming(site, written)
    assert expected, f"no sample briefing names {written!r}: the table needs updating"
    tab.goto(site.path(lang, "home"))
    found = tab.search(query)
    assert expected <= found, f"{query!r} on the {lang} site missed {sorted(expected - found)}"


def test_a_word_in_no_briefing_finds_none(tab: Tab, site: Site) -> None:
    """The harness reads real results: an absent word gives none (not the whole site)."""
    tab.goto(site.path("ar", "home"))
    assert tab.search("زرافة") == set()
