"""Gold publication dates and events on the five sample articles (articles/)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.context import Context
from generator.dates import find_dates
from generator.model import Article
from generator.pipeline import analyse

REPO = Path(__file__).resolve().parent.parent
# Fixed "today" so the weekday inference does not change as years pass (2027 has a Friday
# 10 December too).
TODAY = dt.date(2026, 11, 22)


def dated(seed: str) -> Article:
    ctx = Context.for_project(REPO)
    (path,) = (REPO / "articles").glob(f"{seed}_*.txt")
    article = analyse(path, ctx)
    assert isinstance(article, Article), article
    article.published = None
    return find_dates(article, ctx, today=TODAY)


def test_seed_000_header_date_is_not_trusted() -> None:
    published = dated("000").published
    assert published is not None
    # The only date is the site's header banner ("• Tuesday, 17 February 2026").
    assert published.confidence == "low"
    assert published.source == "page-chrome"
    assert "page chrome" in (published.reason or "")


def test_seed_000_relative_events_are_not_resolved_against_chrome() -> None:
    # "مساء أمس الاثنين" against the banner would put a precise wrong date on the timeline.
    assert dated("000").events == []


def test_seed_001_dateline_day_month_order() -> None:
    published = dated("001").published
    assert published is not None
    assert (published.value, published.precision, published.confidence, published.source) == (
        "2020-01-07",
        "day",
        "high",
        "dateline",
    )
    assert published.evidence == "07/01/2020"


def test_seed_001_events() -> None:
    events = {(e.date, e.evidence) for e in dated("001").events}
    assert ("2020-01-05", "الأول من أمس") in events
    assert ("2014", "عام 2014") in events


def test_seed_002_year_precision() -> None:
    published = dated("002").published
    assert published is not None
    assert published.value == "2025" and published.precision == "year"
    assert published.confidence == "low" and published.reason


def test_seed_003_weekday_inference() -> None:
    published = dated("003").published
    assert published is not None
    assert (published.value, published.precision) == ("2021-12-10", "day")
    assert published.confidence == "medium"
    assert published.evidence == "الجمعة 10 من كانون الأول"


@pytest.mark.parametrize(
    ("date", "evidence"),
    [
        ("2021-12-09", "9 من كانون الأول الحالي"),
        ("2021-08-07", "7 من آب الماضي"),
        ("2021-08-09", "9 من آب الماضي"),
        ("2021-07-26", "26 من تموز الماضي"),
        ("2014-09", "أيلول عام 2014"),
        ("2021-03", "آذار الماضي"),
    ],
)
def test_seed_003_reported_events(date: str, evidence: str) -> None:
    found = [e for e in dated("003").events if e.date == date and e.evidence == evidence]
    assert len(found) == 1
    assert found[0].status == "reported"
    assert evidence in found[0].ar


def test_seed_003_deadline_is_planned() -> None:
    (event,) = [e for e in dated("003").events if e.date == "2021-12-31"]
    assert event.status == "planned"


def test_seed_003_events_are_ordered_and_unique() -> None:
    events = dated("003").events
    assert [e.date for e in events] == sorted(e.date for e in events)
    assert len({e.id for e in events}) == len(events)


def test_seed_004_month_precision_from_deadline() -> None:
    published = dated("004").published
    assert published is not None
    assert (published.value, published.precision) == ("2024-09", "month")


def test_seed_004_future_deadlines_are_planned() -> None:
    events = {e.date: e.status for e in dated("004").events}
    assert events["2025-09"] == "planned"
    assert events["2026-09"] == "planned"
    assert events["2021"] == "reported"


def test_event_ids_are_stable() -> None:
    assert [e.id for e in dated("003").events] == [e.id for e in dated("003").events]
