"""Dates stated as data (an editor's sidecar, a page's metadata), read at their real precision.

A year-only value stays a year. A time with an offset ("2024-12-25T01:30:00+03:00") is read as
the local date it was published on, 25 December, and never converted to UTC, which would give
24 December. A UTC time ("Z") is the UTC date; late in the UTC evening the local date in the
region (UTC+0 to UTC+4) may already be the next day, so that date is not asserted with
confidence unless a local dateline confirms it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .resolve import Value, make

_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::\d{2}(?:[.,]\d+)?)?\s*"
    r"(?P<zone>Z|z|UTC|GMT|[+-]\d{2}:?\d{2}|[+-]\d{2})?$"
)
# The region's clocks run from UTC+0 (Morocco in winter) to UTC+4 (the UAE, Oman): from 20:00
# UTC on, the local date may be the next day.
_LATEST_SAME_DAY_UTC_HOUR = 20


@dataclass(frozen=True, slots=True)
class Declared:
    value: Value
    utc_hour: int | None = None  # the hour, when the value is a time in UTC

    @property
    def next_day_possible(self) -> bool:
        return self.utc_hour is not None and self.utc_hour >= _LATEST_SAME_DAY_UTC_HOUR

    def local_dates(self) -> set[str]:
        """The local dates this value may be in the region (one, or two late in UTC)."""
        dates = {self.value.iso()}
        if self.next_day_possible:
            dates.add(Value.of(self.value.date() + dt.timedelta(days=1)).iso())
        return dates

    def agrees(self, other: Value) -> bool:
        """``other`` (a dateline) names the same date, to the precision both have."""
        if other.precision == "day" and self.value.precision == "day":
            return other.iso() in self.local_dates()
        shorter = min(len(other.iso()), len(self.value.iso()))
        return other.iso()[:shorter] == self.value.iso()[:shorter]

    def doubt(self) -> str | None:
        """Why this value is not certain as a publication date, or None."""
        if self.value.precision == "year":
            return (
                "the page's metadata gives only a year (as a copyright notice does), so the "
                "year is all it says and it may be the site's, not the article's"
            )
        if self.next_day_possible:
            following = Value.of(self.value.date() + dt.timedelta(days=1)).iso()
            return (
                f"the page's metadata gives {self.utc_hour:02d}h UTC on {self.value.iso()}; "
                f"in the region's time zones (UTC+0 to +4) that may already be {following}"
            )
        return None


def read_declared(text: str) -> Declared | None:
    """A sidecar or metadata date: ISO "2020-01-07", "2020-01", "2020", times, else dateparser."""
    text = str(text).strip()
    if match := re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text):
        value = make(*(int(g) for g in match.groups() if g))
        return Declared(value) if value else None
    if match := _ISO.match(text):
        value = make(*(int(g) for g in match.groups()[:3]))
        if value is None:
            return None
        zone = (match["zone"] or "").upper().replace(":", "")
        utc = zone in ("Z", "UTC", "GMT", "+0000", "-0000", "+00")
        # The date as written is the local date of an offset or zoneless time.
        return Declared(value, int(match.group(4)) if utc else None)
    if match := re.match(r"(\d{4})-(\d{2})-(\d{2})", text):
        value = make(*(int(g) for g in match.groups()))
        return Declared(value) if value else None
    import dateparser  # slow to import; only the rare non-ISO declared date needs it

    parsed = dateparser.parse(
        text, settings={"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"]}
    )
    return Declared(Value.of(parsed.date())) if parsed else None


def parse_declared(text: str) -> Value | None:
    """The value of a declared date, as ``read_declared`` reads it."""
    declared = read_declared(text)
    return declared.value if declared else None
