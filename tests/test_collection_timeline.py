"""The timeline's data: honest placement of dates, stable anchors, recent entries, Arabic dates."""

from __future__ import annotations

import pytest

from generator.collection import timeline
from generator.collection.briefings import Collection
from generator.site.i18n import ARABIC, ENGLISH, display_date

from .test_collection_related import day, make

CHROME = day("2026-02-17", "low", "page-chrome")
EVENTS = [
    {
        "id": "ev-a",
        "date": "2021-12-31",
        "precision": "day",
        "status": "planned",
        "ar": "لن يكون هناك وجود لقوات قتالية بحلول 31 من كانون الأول.",
        "evidence": "31 من كانون الأول",
    },
    {
        "id": "ev-b",
        "date": "2021-08",
        "precision": "month",
        "ar": "وأعلنت قوات التحالف انسحاب قوات من القاعدة في آب الماضي.",
        "evidence": "آب الماضي",
    },
]


def collection() -> Collection:
    return Collection(
        (
            make("chrome", "رووداو: الدفاع تنفي", published=CHROME),
            make("dated", "انتهاء المهمة", published=day("2021-12-10"), events=EVENTS),
            make(
                "guess",
                "البنتاغون يقلص",
                published={
                    **day("2025"),
                    "precision": "year",
                    "confidence": "low",
                    "source": "text",
                },
            ),
            make("none", "بلا تاريخ"),
        )
    )


def test_a_page_chrome_date_is_not_placed_in_time_but_a_low_confidence_one_is() -> None:
    items = {item.anchor: item for item in timeline.items(collection())}
    assert items["pub-chrome"].date is None  # the day the page was scraped is not news
    assert not items["pub-chrome"].uncertain
    assert (items["pub-guess"].date, items["pub-guess"].uncertain) == ("2025", True)
    assert (items["pub-dated"].date, items["pub-dated"].uncertain) == ("2021-12-10", False)


def test_items_are_in_date_order_with_undated_last() -> None:
    order = [item.anchor for item in timeline.items(collection())]
    assert order == [
        "dated--ev-b",
        "pub-dated",
        "dated--ev-a",
        "pub-guess",
        "pub-chrome",
        "pub-none",
    ]


def test_anchors_do_not_depend_on_the_other_briefings() -> None:
    alone = Collection((collection().entries[1],))
    anchors = {item.anchor for item in timeline.items(alone)}
    assert anchors == {"pub-dated", "dated--ev-a", "dated--ev-b"}


def test_recent_entries_are_the_latest_dated_ones_and_never_planned() -> None:
    recent = timeline.recent(timeline.items(collection()), 3)
    assert [item.anchor for item in recent] == ["pub-guess", "pub-dated", "dated--ev-b"]


def test_groups_by_year_then_month_with_year_only_items_apart() -> None:
    years = timeline.grouped(timeline.items(collection()))
    assert [(y.year, [m.key for m in y.months]) for y in years] == [
        ("2021", ["2021-08", "2021-12"]),
        ("2025", ["2025"]),
        ("", [""]),
    ]


@pytest.mark.parametrize(
    ("value", "precision", "arabic", "english"),
    [
        ("2020-01-07", "day", "7 كانون الثاني 2020", "7 January 2020"),
        ("2024-09", "month", "أيلول 2024", "September 2024"),
        ("2021-12-10", "day", "10 كانون الأول 2021", "10 December 2021"),
        ("2021-08", "month", "آب 2021", "August 2021"),
        ("2025", "year", "2025", "2025"),
        ("2024-09-01", "month", "أيلول 2024", "September 2024"),  # never "1 September"
    ],
)
def test_dates_in_arabic_month_names_and_at_their_precision(
    value: str, precision: str, arabic: str, english: str
) -> None:
    assert display_date(value, precision, ARABIC) == arabic
    assert display_date(value, precision, ENGLISH) == english
    assert "\u200f" not in display_date(value, precision, ARABIC)
