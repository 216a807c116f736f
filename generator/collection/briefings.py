"""Every briefing of the site, read from ``docs/briefings/`` once per build and validated."""

from __future__ import annotations

import hashlib
import json
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..cache import CACHE_DIR, code_version, remove_other_files, write_cache_file
from ..errors import FrontMatterError, Problem
from ..frontmatter import load_briefing, read_values
from ..model import Briefing, PublishedDate
from ..slugs import RESERVED
from ..speed.forking import fork_context
from ..speed.gcpause import cycle_collector_paused
from ..textnorm import NEVER_SHOWN, shown_text

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
    digest: str = field(default="", compare=False)  # SHA-256 of the page file ("": not read)
    # What the site computes from this briefing alone (word stems, the entities of each event):
    # kept with the page cache, so an unchanged page is not analysed again.
    derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

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


# Compared by identity: an unchanged project gives the same object back (PageCache), and what
# is computed from a collection is kept per object (render.site_data, review_page.queue_of).
@dataclass(frozen=True, slots=True, eq=False)
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


# JSON writes the C0 controls as escapes (\u0002, \b), not as themselves. A false match (an
# escaped backslash before a "b") only costs the slower path.
_JSON_CONTROL_ESCAPE = re.compile(r"\\(?:u00[01]|[bfr])")


def _shown(value: Any) -> Any:
    if isinstance(value, str):
        return shown_text(value)
    if isinstance(value, dict):
        return {key: _shown(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shown(item) for item in value]
    return value


def displayable(briefing: Briefing, body: str) -> tuple[Briefing, str]:
    """The briefing as the site may show it: no bidi control, no control character.

    The analysis removes them from article text (generator/textnorm.py), but front matter is
    edited by hand and names.yml or a sidecar can carry them: an unmatched U+202E reverses the
    text after it on the page, in link previews and in feed readers ("Trojan Source"), and one
    C0 control makes the Atom feed ill-formed XML. The page isolates mixed-direction text with
    <bdi>/dir instead. Every page, feed, sitemap and search entry is made from what this
    returns, so this is the one place they are removed. The file itself is left as it is.
    """
    dumped = briefing.model_dump_json()
    found = (
        NEVER_SHOWN.search(body),
        NEVER_SHOWN.search(dumped),
        _JSON_CONTROL_ESCAPE.search(dumped),
    )
    if not any(found):
        return briefing, body
    data = _shown(briefing.model_dump(by_alias=True))
    return Briefing.model_validate(data), shown_text(body)


def _id_line(data: Any) -> int | None:
    return data.lc.key("id")[0] + 2 if "id" in data else None


# --- reading pages fast ------------------------------------------------------------------------
#
# The site only needs the values: pages are read with libyaml (generator.speed.fastyaml); a
# page the fast reader leaves to the round-trip reader, or that does not validate (for its
# error messages), goes the slow way.


def read_fast(path: Path, data: bytes) -> tuple[Briefing, str] | None:
    """A page's validated front matter and body, or None when the round-trip reader must read
    it (see above): what it returns is what ``frontmatter.load_briefing`` would."""
    found = read_values(path, data)
    if found is None:
        return None
    values, body = found
    try:
        return Briefing.model_validate(values), body
    except ValidationError:
        return None


# --- the page cache -----------------------------------------------------------------------------

PAGES_DIR = Path(CACHE_DIR, "site", "pages")


@cache
def site_version() -> str:
    """Version of what the page cache holds: the whole generator (model, readers, site code)."""
    return code_version()[:16]


class PageCache:
    """Briefing pages read and validated, by the SHA-256 of their bytes: in this process, and
    in ``.cache/site/pages/<version>-<sha256>.json`` for the next run. One per project."""

    _projects: dict[Path, PageCache] = {}

    def __init__(self, root: Path | None) -> None:
        self.folder = root / PAGES_DIR if root is not None else None
        self.known: dict[str, Entry] = {}
        self.saved: dict[str, int] = {}  # digest -> how many derived values its file holds
        self.last: Collection | None = None

    @classmethod
    def of(cls, root: Path) -> PageCache:
        root = root.resolve()
        if root not in cls._projects:
            cls._projects[root] = cls(root)
        return cls._projects[root]

    def _file(self, digest: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{site_version()}-{digest}.json"

    def get(self, digest: str, src_uri: str) -> Entry | None:
        entry = self.known.get(digest)
        if entry is None and self.folder is not None:
            entry = self._read(digest, src_uri)
        # The same bytes under another name are another page (the id check decides).
        return entry if entry is not None and entry.src_uri == src_uri else None

    def _read(self, digest: str, src_uri: str) -> Entry | None:
        try:
            data = json.loads(self._file(digest).read_bytes())
            briefing = Briefing.model_validate(data["briefing"])
            entry = Entry(briefing, data["body"], src_uri, digest)
        except (OSError, ValueError, KeyError, TypeError, ValidationError):
            return None  # absent, or unreadable: the page is read again
        entry.derived.update(data.get("derived") or {})
        self.known[digest] = entry
        self.saved[digest] = len(entry.derived)
        return entry

    def put(self, digest: str, entry: Entry) -> None:
        self.known[digest] = entry

    def collection(self, entries: list[Entry]) -> Collection:
        """The collection of these entries: the previous object when nothing changed."""
        last = self.last
        if last is not None and [id(e) for e in last.entries] == [id(e) for e in entries]:
            return last
        self.last = Collection(tuple(entries))
        self.save()
        return self.last

    def save(self) -> None:
        """Write the entries of the current collection that are new or have new derived values;
        remove the files of pages that are gone. A cache that cannot be written is ignored."""
        if self.folder is None or self.last is None:
            return
        current = {id(entry) for entry in self.last.entries}
        digests = {d for d, entry in self.known.items() if id(entry) in current}
        for digest in digests:
            entry = self.known[digest]
            if self.saved.get(digest) == len(entry.derived):
                continue
            record = {
                "briefing": entry.briefing.model_dump(mode="json", by_alias=True),
                "body": entry.body,
                "derived": entry.derived,
            }
            try:
                # Arabic as UTF-8: half the bytes of ASCII escapes, and read twice as fast.
                data = json.dumps(record, ensure_ascii=False).encode()
                write_cache_file(self._file(digest), data)
            except (OSError, TypeError, ValueError):
                return
            self.saved[digest] = len(entry.derived)
        self._prune(digests)

    def _prune(self, digests: set[str]) -> None:
        assert self.folder is not None
        remove_other_files(self.folder, {self._file(digest).name for digest in digests})
        for digest in set(self.known) - digests:
            del self.known[digest]
            self.saved.pop(digest, None)


def save_derived(collection: Collection, docs_dir: Path) -> None:
    """Keep what was computed from ``collection``'s pages (``Entry.derived``) for the next run."""
    pages = PageCache.of(docs_dir.parent)
    if pages.last is collection:
        pages.save()


# --- the collection -----------------------------------------------------------------------------


def load_collection(docs_dir: Path, *, cache: bool = True) -> Collection:
    """Read and validate every briefing; raise one FrontMatterError listing all problems.

    Pages already read (by this process, or by an earlier run: ``.cache/site`` beside
    ``docs/``) are not parsed again: they are found by the hash of their bytes. When no page
    changed, the same ``Collection`` object comes back, and what was computed from it with it.
    """
    with cycle_collector_paused():
        return _load(docs_dir, cache)


def _load(docs_dir: Path, cache: bool) -> Collection:
    folder = docs_dir / BRIEFINGS_FOLDER
    pages = PageCache.of(docs_dir.parent) if cache else PageCache(None)
    found: dict[int, Entry] = {}
    problems: dict[int, list[Problem]] = {}  # by the page's position: reported in file order
    unread: list[_Unread] = []
    for index, path in enumerate(sorted(folder.glob("*.md")) if folder.is_dir() else []):
        src_uri = f"{BRIEFINGS_FOLDER}/{path.name}"
        try:
            data = path.read_bytes()
        except OSError as exc:
            reason = f"cannot be read ({exc.strerror or exc})"
            problems[index] = [Problem(path, "(file)", reason)]
            continue
        digest = hashlib.sha256(data).hexdigest()
        known = pages.get(digest, src_uri)
        if known is not None:
            found[index] = known
        else:
            unread.append(_Unread(index, path, data, src_uri, digest))
    for page, (entry, its_problems) in zip(unread, _read_all(unread), strict=True):
        if its_problems:
            problems[page.index] = its_problems
        if entry is not None:
            pages.put(page.digest, entry)
            found[page.index] = entry
    if problems:
        raise FrontMatterError([p for index in sorted(problems) for p in problems[index]])
    return pages.collection([found[index] for index in sorted(found)])


# A page costs a few milliseconds to read and validate: a collection read for the first time (a
# fresh clone, as on CI) is read by as many processes as there are cores.
PARALLEL_READ_FROM = 200


@dataclass(frozen=True, slots=True)
class _Unread:
    index: int
    path: Path
    data: bytes
    src_uri: str
    digest: str


def _read_all(unread: list[_Unread]) -> list[tuple[Entry | None, list[Problem]]]:
    workers = min(os.cpu_count() or 1, 4)
    context = fork_context()
    if len(unread) < PARALLEL_READ_FROM or workers < 2 or context is None:
        return [_read_one(page) for page in unread]
    # Forked: the workers inherit the loaded code and data, and send back pickled entries.
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        return list(pool.map(_read_one, unread, chunksize=32))


def _read_one(page: _Unread) -> tuple[Entry | None, list[Problem]]:
    problems: list[Problem] = []
    entry = _read_entry(page.path, page.data, page.src_uri, page.digest, problems)
    return entry, problems


def _read_entry(
    path: Path, data: bytes, src_uri: str, digest: str, problems: list[Problem]
) -> Entry | None:
    """One page read and checked; its problems are added to ``problems``."""
    fast = read_fast(path, data)
    line: int | None = None
    if fast is not None:
        briefing, body = fast
    else:
        try:
            briefing, page = load_briefing(path)
        except FrontMatterError as exc:
            problems.extend(exc.problems)
            return None
        body, line = page.body, _id_line(page.data)
    if briefing.id != path.stem or briefing.id in RESERVED:
        if fast is not None:  # the round-trip reader knows the line of the id
            line = _id_line(load_briefing(path)[1].data)
        if briefing.id != path.stem:
            message = f"must equal the file name '{path.stem}', got {briefing.id!r}"
        else:
            message = (
                f"'{briefing.id}' cannot be a page name (MkDocs' folder index or a Windows "
                "device name); rename the file and its id"
            )
        problems.append(Problem(path, "id", message, line))
        return None
    try:
        briefing, body = displayable(briefing, body)
    except ValidationError as exc:
        key = ".".join(str(part) for part in exc.errors()[0]["loc"])
        problems.append(Problem(path, key, "holds nothing but invisible control characters"))
        return None
    return Entry(briefing, body, src_uri, digest)
