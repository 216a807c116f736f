"""The master timeline: every briefing's publication and every dated event, in date order."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from ..model import Event
from .collection import Collection, Entry


@dataclass(frozen=True, slots=True)
class Item:
    """One line of the timeline: a publication or an event, at its real precision."""

    date: str | None
    precision: str | None
    entry: Entry
    event: Event | None = None

    @property
    def anchor(self) -> str:
        """Stable across rebuilds: made of the briefing id and the event's own id."""
        if self.event is None:
            return publication_anchor(self.entry)
        return event_anchor(self.entry, self.event)

    @property
    def sort_key(self) -> tuple[str, int, str]:
        # Undated last; on the same date a publication follows the events it reports.
        return (self.date or "9999", 1 if self.event is None else 0, self.anchor)


def publication_anchor(entry: Entry) -> str:
    return f"pub-{entry.briefing.id}"


def event_anchor(entry: Entry, event: Event) -> str:
    return f"{entry.briefing.id}--{event.id}"


def items(collection: Collection) -> list[Item]:
    found: list[Item] = []
    for entry in collection.entries:
        published = entry.briefing.published
        found.append(
            Item(
                published.value if published else None,
                published.precision if published else None,
                entry,
            )
        )
        found.extend(Item(e.date, e.precision, entry, e) for e in entry.briefing.events)
    return sorted(found, key=lambda item: item.sort_key)


@dataclass(frozen=True, slots=True)
class Month:
    key: str  # "2021-12", or "2021" for items known only to the year
    items: list[Item]


@dataclass(frozen=True, slots=True)
class Year:
    year: str  # "" for undated items
    months: list[Month]


def grouped(collection: Collection) -> list[Year]:
    """Items grouped by year, then by month (year-precision items form their own group)."""
    years = []
    for year, in_year in groupby(items(collection), key=lambda i: (i.date or "")[:4]):
        months = [
            Month(key, list(group))
            for key, group in groupby(in_year, key=lambda i: (i.date or "")[:7])
        ]
        years.append(Year(year, months))
    return years
