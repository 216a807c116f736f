"""The briefing pages already on disk, as ``briefings generate`` reads them: fast as plain
values when only looked at, round-trip when written, and indexed by the articles they hold."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import frontmatter, merge
from .cache import FrontMatterCache
from .context import Context
from .errors import FrontMatterError, Problem
from .speed.gcpause import cycle_collector_paused
from .translate import pages as translation


@dataclass(frozen=True, slots=True)
class Existing:
    """A briefing already on disk, found by one of its sources."""

    slug: str
    page: OnDisk
    sha256: frozenset[str]


@dataclass(slots=True)
class OnDisk:
    """A briefing page on disk. Most pages of a run are only looked at (their sources, their
    English fields): they are read fast, as plain values (generator.speed.fastyaml). A page
    the run writes is read again round-trip first (``for_writing``), so that an editor's
    comments, quoting and key order survive."""

    path: Path
    data: dict[str, Any]  # plain values, or ruamel's round-trip map once read for writing
    body: str
    round_trip: bool
    problems: list[Problem] = field(default_factory=list)  # found reading it (duplicate keys)

    @classmethod
    def read(cls, path: Path, known: FrontMatterCache) -> OnDisk:
        """Raises FrontMatterError (from the round-trip reader) when the page cannot be read."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            problem = Problem(path, "(file)", f"cannot be read ({exc.strerror or exc})")
            raise FrontMatterError([problem]) from None
        digest = hashlib.sha256(data).hexdigest()
        cached = known.get(digest)
        if cached is not None:
            return cls(path, *cached, round_trip=False)
        found = frontmatter.read_values(path, data)
        if found is None:
            page = frontmatter.read_page(path)
            return cls(path, page.data, page.body, round_trip=True, problems=page.problems)
        values, body = merge.plain(found[0]), found[1]
        known.put(digest, values, body)
        return cls(path, values, body, round_trip=False)

    def for_writing(self) -> None:
        """Read the page round-trip, with what this run changed in its English fields."""
        if self.round_trip:
            return
        page = frontmatter.read_page(self.path)
        translation.copy_english(self.data, page.data)
        self.data, self.body, self.round_trip = page.data, page.body, True


def read_existing(ctx: Context) -> tuple[list[OnDisk], set[Path]]:
    """Every briefing page on disk that parses as YAML (validation is ``briefings check``'s),
    and the pages that cannot be merged (unreadable, or with duplicate keys): those are never
    overwritten, an editor's work in them would be lost."""
    pages, blocked = [], set()
    known = FrontMatterCache(ctx.root)
    with cycle_collector_paused():
        for path in sorted(ctx.briefings_dir.glob("*.md")) if ctx.briefings_dir.is_dir() else []:
            try:
                page = OnDisk.read(path, known)
            except FrontMatterError:
                blocked.add(path)
                continue
            pages.append(page)
            if page.problems:
                blocked.add(path)
    known.prune()
    return pages, blocked


def index_by_source(pages: list[OnDisk]) -> dict[str, Existing]:
    """Map each source path (relative to the project) to the briefing that holds it.

    Pages whose front matter no longer validates are still indexed by their id, so a typo
    made by an editor never causes a second page for the same article.
    """
    index: dict[str, Existing] = {}
    for page in pages:
        sources = page.data.get("sources") or []
        shas = frozenset(str(s.get("sha256", "")) for s in sources if isinstance(s, dict))
        for source in sources:
            if isinstance(source, dict) and source.get("path"):
                index[str(source["path"])] = Existing(page.path.stem, page, shas)
    return index
