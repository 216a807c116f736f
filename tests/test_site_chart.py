"""The coverage chart: counts by month and by year only, an accessible SVG, mirrored in Arabic."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree

from generator.collection import timeline
from generator.collection.briefings import Collection
from generator.site.chart import WIDTH, count, coverage_svg
from generator.site.i18n import ARABIC, ENGLISH, Language, Strings

from .test_collection_related import day, make

SVG = "{http://www.w3.org/2000/svg}"


def event(event_id: str, date: str, precision: str) -> dict[str, Any]:
    return {
        "id": event_id,
        "date": date,
        "precision": precision,
        "ar": "حدث <مؤرخ>",
        "evidence": date,
    }


def items() -> list[timeline.Item]:
    events = [
        event("ev-1", "2020-01-05", "day"),
        event("ev-2", "2020-01", "month"),
        event("ev-3", "2014", "year"),
        event("ev-4", "2014", "year"),
    ]
    return timeline.items(
        Collection(
            (
                make("a", "عنوان", published=day("2020-01-07"), events=events),
                make("b", "عنوان", published=day("2021-12-10")),
                make("c", "عنوان", published=day("2026-02-17", "low", "page-chrome")),
            )
        )
    )


def test_counts_by_month_and_by_year_only() -> None:
    counts = count(items())
    assert counts.months == {"2020-01": (1, 2), "2021-12": (1, 0)}
    assert counts.years == {"2014": (0, 2)}  # year precision is never spread over months
    assert (counts.articles, counts.events, counts.span()) == (2, 4, (2014, 2021))


def svg(lang: Language) -> etree._Element:
    markup = coverage_svg(items(), lang, Strings(lang.code), "test")
    assert markup is not None
    return etree.fromstring(str(markup).encode())


@pytest.mark.parametrize(
    ("lang", "title", "words"),
    [
        (ENGLISH, "Coverage month by month", ["Articles: 2 · Events: 4", "2014–2021"]),
        (ARABIC, "التغطية شهراً بشهر", ["المقالات: 2 · الأحداث: 4"]),
    ],
)
def test_the_chart_is_an_accessible_image_with_text(
    lang: Language, title: str, words: list[str]
) -> None:
    root = svg(lang)
    assert root.get("role") == "img"
    labelled = root.get("aria-labelledby").split()
    assert [root.find(f"{SVG}title").get("id"), root.find(f"{SVG}desc").get("id")] == labelled
    assert root.findtext(f"{SVG}title") == title
    for word in words:
        assert word in root.findtext(f"{SVG}desc")
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "2014" in labels and "2020" in labels  # year labels, as text
    assert not list(root.iter(f"{SVG}script"))
    tips = [t.text for t in root.iter(f"{SVG}title")]
    assert any(t.startswith(("January 2020", "كانون الثاني 2020")) for t in tips)


def bar_x(root: etree._Element, tip: str) -> float:
    for group in root.iter(f"{SVG}g"):
        if group.findtext(f"{SVG}title", "").startswith(tip):
            return float(group.find(f"{SVG}rect").get("x"))
    raise AssertionError(tip)


def test_time_runs_with_the_reading_direction() -> None:
    english, arabic = svg(ENGLISH), svg(ARABIC)
    # Left to right in English, right to left in Arabic.
    assert bar_x(english, "January 2020") < bar_x(english, "December 2021")
    assert bar_x(arabic, "كانون الثاني 2020") > bar_x(arabic, "كانون الأول 2021")
    assert 0 <= bar_x(arabic, "كانون الأول 2021") < WIDTH


def test_no_chart_without_a_dated_item() -> None:
    undated = timeline.items(Collection((make("a", "عنوان"),)))
    assert coverage_svg(undated, ENGLISH, Strings("en"), "test") is None
