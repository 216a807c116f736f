"""Every briefing of the site, read from ``docs/briefings/`` once per build and validated."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import FrontMatterError, Problem
from ..frontmatter import load_briefing
from ..model import Briefing, PublishedDate

BRIEFINGS_FOLDER = "briefings"
# Date sources that cannot place a briefing in time. Page chrome (a site banner's date) is
# usually the day the page was viewed or scraped: the date stage already refuses it as an
# anchor for relative dates (generator/dates/publication.py, anchor_of); the site does the same.
UNTRUSTED_SOURCES = frozenset({"page-chrome"})


def trusted_date(published: PublishedDate | None) -> PublishedDate | None:
    """The publication date when it may place the briefing on the timeline, else None."""
    if published is None or published.source in UNTRUSTED_SOURCES:
        return None
    return published


@dataclass(frozen=True, slots=True)
class Entry:
    """One briefing page: its validated front matter and its body (the cleaned Arabic text)."""

    briefing: Briefing
    body: str
    src_uri: str  # e.g. "briefings/<slug>.md"

    @property
    def url(self) -> str:
        return f"{BRIEFINGS_FOLDER}/{self.briefing.id}/"

    @property
    def date(self) -> PublishedDate | None:
        """The trusted publication date (see :func:`trusted_date`)."""
        return trusted_date(self.briefing.published)

    @property
    def sort_key(self) -> tuple[str, str]:
        # Undated briefings sort after dated ones; ties break on the stable id.
        return (self.date.value if self.date else "9999", self.briefing.id)


@dataclass(frozen=True, slots=True)
class Collection:
    entries: tuple[Entry, ...]

    def by_src_uri(self) -> dict[str, Entry]:
        return {entry.src_uri: entry for entry in self.entries}

    def latest(self, count: int) -> list[Entry]:
        """The most recently published briefings whose date can be trusted."""
        dated = [e for e in self.entries if e.date]
        return sorted(dated, key=lambda e: e.sort_key, reverse=True)[:count]

    def undated(self) -> list[Entry]:
        """Briefings without a trusted publication date, in id order."""
        return sorted((e for e in self.entries if not e.date), key=lambda e: e.briefing.id)


def load_collection(docs_dir: Path) -> Collection:
    """Read and validate every briefing; raise one FrontMatterError listing all problems."""
    folder = docs_dir / BRIEFINGS_FOLDER
    entries: list[Entry] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        try:
            briefing, page = load_briefing(path)
        except FrontMatterError as exc:
            problems.extend(exc.problems)
            continue
        if briefing.id != path.stem:
            problems.append(
                Problem(
                    path,
                    "id",
                    f"must equal the file name '{path.stem}', got {briefing.id!r}",
                    page.data.lc.key("id")[0] + 2 if "id" in page.data else None,
                )
            )
            continue
        entries.append(Entry(briefing, page.body, f"{BRIEFINGS_FOLDER}/{path.name}"))
    if problems:
        raise FrontMatterError(problems)
    return Collection(tuple(entries))
