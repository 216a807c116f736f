"""Turn a ``Mention`` into a date value: absolute forms directly, relative ones against an anchor.

A ``Value`` is a date at day, month or year precision. It is never padded: "آذار 2021" stays
2021-03 all the way to the page, because a fake day would be a precise wrong date.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from hijridate import Hijri

from .expressions import Mention


@dataclass(frozen=True, slots=True)
class Value:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def of(cls, date: dt.date) -> Value:
        return cls(date.year, date.month, date.day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        if self.day and self.month:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"

    def first(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def date(self) -> dt.date:
        """The exact day; only for day precision."""
        if self.precision != "day":
            raise ValueError(f"{self.iso()} is not a day")
        return self.first()

    def after(self, other: Value) -> bool:
        """Wholly after ``other``: 2025-09 is after 2024-09-13; 2024 is not after 2024-09."""
        return self.first() > other.last()

    def before(self, other: Value) -> bool:
        return self.last() < other.first()

    def add_months(self, months: int) -> Value:
        index = self.year * 12 + (self.month or 1) - 1 + months
        return Value(index // 12, index % 12 + 1)


def make(year: int, month: int | None = None, day: int | None = None) -> Value | None:
    """A value if the date exists (no 31 February), else None."""
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return Value(year, month, day if month else None)


def hijri_value(mention: Mention) -> Value | None:
    """Umm al-Qura conversion (hijridate); a month without a day keeps only what is certain."""
    assert mention.year and mention.month
    try:
        if mention.day:
            return Value.of(Hijri(mention.year, mention.month, mention.day).to_gregorian())
        first = Hijri(mention.year, mention.month, 1).to_gregorian()
        last = Hijri(
            mention.year, mention.month, Hijri(mention.year, mention.month, 1).month_length()
        ).to_gregorian()
    except (ValueError, OverflowError):
        return None
    # A Hijri month straddles two Gregorian months: say the month only when both ends agree.
    if (first.year, first.month) == (last.year, last.month):
        return Value(first.year, first.month)
    return Value(first.year) if first.year == last.year else None


def years_for_weekday(month: int, day: int, weekday: int, low: int, high: int) -> list[int]:
    """Years in [low, high] in which day/month falls on ``weekday`` (Monday 0)."""
    years = []
    for year in range(low, high + 1):
        value = make(year, month, day)
        if value and value.date().weekday() == weekday:
            years.append(year)
    return years


def needs_anchor(mention: Mention) -> bool:
    """True when the mention means nothing without the publication date."""
    return mention.kind in ("relative-day", "weekday", "period") or (
        mention.kind == "absolute" and mention.year is None
    )


def resolve(mention: Mention, anchor: Value | None) -> Value | None:
    """The date a mention names, or None when it cannot be known from what we have.

    Relative forms need an anchor precise enough for them: "أمس" a day, "الشهر الماضي" a month,
    "العام الماضي" a year. A coarser anchor gives None, never a guess.
    """
    if mention.kind == "hijri":
        return hijri_value(mention)
    if not needs_anchor(mention):
        assert mention.year is not None
        return make(mention.year, mention.month, mention.day)
    if anchor is None:
        return None
    if mention.kind == "period":
        step = {"past": -1, "current": 0, "next": 1}[mention.qualifier or "current"]
        if mention.unit == "year":
            return Value(anchor.year + step)
        return anchor.add_months(step) if anchor.month else None
    if mention.kind == "relative-day":
        if anchor.precision != "day" or mention.offset is None:
            return None
        return Value.of(anchor.date() + dt.timedelta(days=mention.offset))
    if mention.kind == "weekday":
        return _weekday(mention, anchor)
    return _day_month(mention, anchor)


def _weekday(mention: Mention, anchor: Value) -> Value | None:
    """ "الاثنين الماضي": the latest Monday before; a bare weekday: the latest on or before,
    or the next one when the sentence speaks of a plan ("سيعقد الاجتماع الخميس")."""
    if anchor.precision != "day" or mention.weekday is None:
        return None
    today = anchor.date()
    back = (today.weekday() - mention.weekday) % 7
    ahead = (mention.weekday - today.weekday()) % 7
    if mention.qualifier == "past":
        return Value.of(today - dt.timedelta(days=back or 7))
    if mention.qualifier == "next" or (mention.future and mention.qualifier is None):
        return Value.of(today + dt.timedelta(days=ahead or 7))
    return Value.of(today - dt.timedelta(days=back))


def _day_month(mention: Mention, anchor: Value) -> Value | None:
    """A day and/or month without a year, placed by its qualifier relative to the anchor."""
    month, day = mention.month, mention.day
    assert month is not None
    if mention.qualifier == "current":
        return make(anchor.year, month, day)
    if anchor.month is None:
        return None  # "في 7 من آب الماضي" against a bare year: this year's or last year's?
    if mention.qualifier == "past":
        # The latest such date before publication. Writers say "الحالي/الجاري" for the current
        # month, so "آب الماضي" written in August means last year's.
        return make(anchor.year - (1 if month >= anchor.month else 0), month, day)
    if mention.qualifier == "next":
        return make(anchor.year + (1 if month <= anchor.month else 0), month, day)
    if day and mention.weekday is not None:
        # "الجمعة 10 من كانون الأول": the year around the anchor that makes the weekday right.
        years = years_for_weekday(month, day, mention.weekday, anchor.year - 1, anchor.year + 1)
        if not years:
            return None
        return make(min(years, key=lambda y: abs(y - anchor.year)), month, day)
    # No qualifier: news means the current year ("وصل في 3 مارس" written in March).
    return make(anchor.year, month, day)
