"""The master timeline: every briefing's publication and every dated event, in date order.

It is one page per year (``timeline/2021/``, and ``timeline/undated/``) under an index
(``timeline/``) with the coverage chart and every year and month: a single page of a desk's
years of coverage would be megabytes, and one edit would mean rendering all of it again.

A publication date that cannot place the briefing in time (page chrome: the day a page was
viewed or scraped, see :func:`collection.trusted_date`) is not put on the axis: the briefing is
listed under "Undated" with the date the page showed, marked as untrusted. Dates of low
confidence that do come from the article stay in place and are marked as uncertain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

from ..model import Event
from .briefings import Collection, Entry

TIMELINE_URL = "timeline/"
UNDATED = "undated"  # the page of the briefings the timeline cannot place

# (entry, event or None for the publication) -> the ids of the entities it names
Namer = Callable[[Entry, Event | None], tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Item:
    """One line of the timeline: a publication or an event, at its real precision."""

    date: str | None
    precision: str | None
    entry: Entry
    event: Event | None = None
    entities: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        """Stable across rebuilds: made of the briefing id and the event's own id."""
        if self.event is None:
            return publication_anchor(self.entry)
        return event_anchor(self.entry, self.event)

    @property
    def page(self) -> str:
        """The URL of the timeline page that lists this item."""
        return page_url(self.date)

    @property
    def uncertain(self) -> bool:
        """A publication whose date the article only suggests (low confidence)."""
        published = self.entry.date
        return self.event is None and published is not None and published.confidence == "low"

    @property
    def planned(self) -> bool:
        return self.event is not None and self.event.status == "planned"

    @property
    def sort_key(self) -> tuple[str, int, str]:
        # Undated last; on the same date a publication follows the events it reports.
        return (self.date or "9999", 1 if self.event is None else 0, self.anchor)


def page_url(date: str | None) -> str:
    """The timeline page of a date: its year's, or the undated page."""
    return year_url(date[:4] if date else "")


def year_url(year: str) -> str:
    """``timeline/2021/``; ``timeline/undated/`` for ``""``."""
    return f"{TIMELINE_URL}{year or UNDATED}/"


def year_source(year: str) -> str:
    """The source path of a year's page (``timeline/2021.md``)."""
    return f"{year_url(year).rstrip('/')}.md"


def publication_page(entry: Entry) -> str:
    """The timeline page that lists a briefing's publication (undated when untrusted)."""
    return page_url(entry.date.value if entry.date else None)


def publication_anchor(entry: Entry) -> str:
    return f"pub-{entry.briefing.id}"


def event_anchor(entry: Entry, event: Event) -> str:
    return f"{entry.briefing.id}--{event.id}"


def items(collection: Collection, named: Namer | None = None) -> list[Item]:
    found: list[Item] = []
    for entry in collection.entries:
        published = entry.date
        found.append(
            Item(
                published.value if published else None,
                published.precision if published else None,
                entry,
                entities=named(entry, None) if named else (),
            )
        )
        found.extend(
            Item(e.date, e.precision, entry, e, named(entry, e) if named else ())
            for e in entry.briefing.events
        )
    return sorted(found, key=lambda item: item.sort_key)


def recent(timeline: list[Item], count: int) -> list[Item]:
    """The latest dated entries, newest first; planned events are not news yet."""
    dated = [item for item in timeline if item.date and not item.planned]
    return dated[::-1][:count]


@dataclass(frozen=True, slots=True)
class Month:
    key: str  # "2021-12", or "2021" for items known only to the year
    items: list[Item]

    @property
    def is_month(self) -> bool:
        return len(self.key) == 7


@dataclass(frozen=True, slots=True)
class Year:
    year: str  # "" for undated items
    months: list[Month]

    @property
    def url(self) -> str:
        return year_url(self.year)

    @property
    def items(self) -> list[Item]:
        return [item for month in self.months for item in month.items]


def grouped(timeline: list[Item]) -> list[Year]:
    """Items grouped by year, then by month (year-precision items form their own group)."""
    years = []
    for year, in_year in groupby(timeline, key=lambda i: (i.date or "")[:4]):
        months = [
            Month(key, list(group))
            for key, group in groupby(in_year, key=lambda i: (i.date or "")[:7])
        ]
        years.append(Year(year, months))
    return years


def with_neighbours(years: list[Year]) -> list[tuple[Year | None, Year, Year | None]]:
    """Each year with the years before and after it (the pager of its page)."""
    return list(zip([None, *years], years, [*years[1:], None], strict=False))
