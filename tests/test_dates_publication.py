"""Publication date: order of trust, page chrome, conflicts and honest precision."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.dates.events import find_events, status_of
from generator.dates.expressions import find_mentions
from generator.dates.publication import chrome_reasons, find_publication, parse_declared
from generator.dates.resolve import Value, years_for_weekday
from generator.model import Article, HtmlMetadata, Sidecar

TODAY = dt.date(2026, 11, 22)
BODY = "وقال المسؤول إن القوات ستبقى في العراق، وأعلن في أيلول عام 2014 تشكيل التحالف."


def article(text: str = BODY, **kwargs: object) -> Article:
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    return Article(source=Path("x.txt"), text=text, paragraphs=paragraphs, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "text", "expected"),
    [
        (
            {"sidecar": Sidecar(date="2020-01-07")},
            "07/01/2019\n\n" + BODY,
            ("2020-01-07", "high", "sidecar"),
        ),
        ({"sidecar": Sidecar(date="2020-01")}, BODY, ("2020-01", "high", "sidecar")),
        ({}, "العنوان\n\n07/01/2020\n\n" + BODY, ("2020-01-07", "high", "dateline")),
        ({}, "نشر في: 10 ديسمبر 2021\n\n" + BODY, ("2021-12-10", "high", "dateline")),
        ({}, "الجمعة 10 كانون الأول 2021\n\n" + BODY, ("2021-12-10", "high", "dateline")),
        (
            {"html_metadata": HtmlMetadata(date="2020-01-07T10:00:00+03:00")},
            BODY,
            ("2020-01-07", "high", "html-metadata"),
        ),
        # A dateline beats HTML metadata; the disagreement lowers it to medium (for review).
        (
            {"html_metadata": HtmlMetadata(date="2020-01-09")},
            "07/01/2020\n\n" + BODY,
            ("2020-01-07", "medium", "dateline"),
        ),
        # A dateline before the years the text reports conflicts: low confidence.
        ({}, "07/01/2010\n\n" + BODY, ("2010-01-07", "low", "dateline")),
        # Chrome only: kept, but low.
        (
            {},
            "• Tuesday, 17 February 2026\n\n" + BODY.replace("2014", "2026"),
            ("2026-02-17", "low", "page-chrome"),
        ),
        (
            {},
            "آخر تحديث: 3 مارس 2020\n\nوقال المسؤول إن القوات ستبقى.",
            ("2020-03-03", "low", "page-chrome"),
        ),
    ],
)
def test_order_of_trust(
    kwargs: dict[str, object], text: str, expected: tuple[str, str, str]
) -> None:
    published = find_publication(article(text, **kwargs), TODAY)
    assert published is not None
    assert (published.value, published.confidence, published.source) == expected


def test_chrome_reasons() -> None:
    assert chrome_reasons("• Tuesday, 17 February 2026")
    assert chrome_reasons("آخر تحديث 12:30 07/01/2020")
    assert chrome_reasons("07/01/2020") == []


def test_nothing_to_go_on_gives_none() -> None:
    assert find_publication(article("وقال المسؤول أمس إن القوات ستبقى."), TODAY) is None


def test_bare_latest_year_is_not_asserted() -> None:
    # The latest year a text mentions is a lower bound, not the publication year.
    assert find_publication(article("ارتفعت الأسعار منذ عام 2014 بنسبة كبيرة."), TODAY) is None


def test_weekday_without_any_year_is_low() -> None:
    text = "وقال المسؤول، الجمعة 10 من كانون الأول، إن القوات ستبقى."
    published = find_publication(article(text), TODAY)
    assert published is not None
    assert published.confidence == "low"
    assert published.value == "2021-12-10" and "no year in the text" in (published.reason or "")


def test_weekday_with_several_fitting_years_lists_them() -> None:
    text = "وقال المسؤول، الجمعة 10 من كانون الأول، إن القوات ستبقى منذ عام 2005."
    published = find_publication(article(text), TODAY)
    assert published is not None
    assert published.confidence == "low"
    assert "2010, 2021" in (published.reason or "")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2020-01-07", "2020-01-07"),
        ("2020", "2020"),
        ("2020-01", "2020-01"),
        ("7 January 2020", "2020-01-07"),
        ("nonsense", None),
    ],
)
def test_parse_declared(text: str, value: str | None) -> None:
    parsed = parse_declared(text)
    assert (parsed.iso() if parsed else None) == value


def test_years_for_weekday() -> None:
    # 10 December falls on a Friday in 2010, 2021 and 2027.
    assert years_for_weekday(12, 10, 4, 2005, 2030) == [2010, 2021, 2027]


@pytest.mark.parametrize(
    ("value", "sentence", "anchor", "status"),
    [
        (Value(2025, 9), "وينتهي في موعد أقصاه سبتمبر 2025.", Value(2024, 9), "planned"),
        (Value(2021), "وانتهت العمليات في عام 2021.", Value(2024, 9), "reported"),
        (Value(2024), "في نهاية العام الحالي بحلول العام الحالي", Value(2024, 9), "planned"),
        (Value(2025, 9), "وينتهي في موعد أقصاه سبتمبر 2025.", None, "planned"),
    ],
)
def test_status(value: Value, sentence: str, anchor: Value | None, status: str) -> None:
    mention = find_mentions(sentence)[-1]
    assert status_of(value, mention, anchor) == status


def test_events_need_an_anchor_for_relative_dates() -> None:
    paragraphs = ["وأعلن التحالف أمس أنه أوقف مهام التدريب، بعد تشكيله في أيلول عام 2014."]
    assert [e.date for e in find_events(paragraphs, None)] == ["2014-09"]
    assert [e.date for e in find_events(paragraphs, Value(2020, 1, 7))] == ["2014-09", "2020-01-06"]


def test_dateline_paragraph_is_not_an_event() -> None:
    assert find_events(["07/01/2020", "الجمعة 10 من كانون الأول"], Value(2021, 12, 10)) == []


def test_event_after_publication_is_planned() -> None:
    (event,) = find_events(["وسيعقد الاجتماع في 3 نيسان المقبل في بغداد."], Value(2021, 12, 10))
    assert (event.date, event.status, event.paragraph) == ("2022-04-03", "planned", 1)
