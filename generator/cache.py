"""Caches by content hash under the project's ``.cache/`` (git-ignored): work done once is kept.

* **Analysis** (``.cache/analysis/<key>.json``): the analysed ``Article`` of one input file.
  The key is a SHA-256 over everything the analysis reads: the file's bytes and name, its
  sidecar's bytes, ``names.yml``, the reference day and the input size cap, and the *version*
  of the analysis: a hash of the generator's own code and language data
  (``generator/**/*.py`` outside ``site/`` and ``translate/``, and ``generator/data/*``). Any
  change to one of them is a new key, so a stale entry is never read; it is just left unused.
  An article whose lines recur on other pages of its site (``generator.site_repeats``) adds
  those lines to its key: a new page of the site re-cleans the pages it shares chrome with.
* **Site lines** (``.cache/site-lines/<key>.json``): the pre-pass's view of one input file
  (its site and line digests), under the file's analysis key without the recurring lines.
* The site's caches (``generator.collection.briefings``) use :func:`code_version` the same way.

A cache entry that cannot be read (truncated, from another version of the format) is ignored
and rewritten: a cache may make a run faster, never different. JSON rather than pickle, so an
entry is plain data that cannot run code when read.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .context import Context
from .model import Article
from .regular import NotRegularFile, read_regular
from .site_repeats import PageLines

CACHE_DIR = ".cache"
ANALYSIS_DIR = "analysis"
FRONT_MATTER_DIR = "front-matter"
SITE_LINES_DIR = "site-lines"
# Bumped when the layout of an entry changes (the key then changes with it).
ANALYSIS_FORMAT = "2"
PACKAGE = Path(__file__).resolve().parent
SOURCE_SUFFIXES = (".py", ".yml", ".yaml", ".tsv", ".json", ".txt")
# Parts of the package the analysis never runs: changing the site or a translation engine
# must not throw away every analysed article.
NOT_ANALYSIS = ("site", "translate")

_ARTICLE = TypeAdapter(Article)
_PAGE_LINES = TypeAdapter(PageLines)


def code_version(*, exclude: Iterable[str] = ()) -> str:
    """SHA-256 over the package's source and data files (their paths and bytes), in a stable
    order, with the Python version: the version of everything computed from them."""
    skipped = tuple(exclude)
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(PACKAGE.rglob("*")):
        relative = path.relative_to(PACKAGE)
        if (
            path.suffix not in SOURCE_SUFFIXES
            or "__pycache__" in relative.parts
            or (relative.parts[0] in skipped and len(relative.parts) > 1)
            or not path.is_file()
        ):
            continue
        digest.update(relative.as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@cache
def analysis_version() -> str:
    return code_version(exclude=NOT_ANALYSIS)


def _file_digest(path: Path) -> bytes:
    """SHA-256 of a file's bytes, or a marker for a file that is absent. Raises OSError when
    the file is there but cannot be read."""
    try:
        return hashlib.sha256(read_regular(path)).digest()
    except FileNotFoundError:
        return b"absent"
    except NotRegularFile:  # never read: a named pipe would block the run here
        return b"not a regular file"


class AnalysisCache:
    """Analysed articles of one project, by content hash."""

    def __init__(self, ctx: Context) -> None:
        self.folder = ctx.root / CACHE_DIR / ANALYSIS_DIR
        # What every key shares: the code, and the project settings the stages read.
        digest = hashlib.sha256(f"{ANALYSIS_FORMAT}\0{analysis_version()}\0".encode())
        digest.update(f"{ctx.today.isoformat()}\0{ctx.max_input_bytes}\0".encode())
        digest.update(_file_digest(ctx.root / "names.yml"))
        self._shared = digest.digest()
        self.hits = 0
        self.stored = 0

    def key(self, path: Path) -> str | None:
        """The key of an input file, or None when it cannot be read (the analysis reports why)."""
        from .ingest import SIDECAR_SUFFIX  # ingest imports the HTML extractor: only when needed

        digest = hashlib.sha256(self._shared)
        # The name decides the format (.txt, .html ...) and finds the sidecar.
        digest.update(os.fsencode(path.name) + b"\0")
        try:
            digest.update(hashlib.sha256(read_regular(path)).digest())
            digest.update(_file_digest(path.with_name(path.stem + SIDECAR_SUFFIX)))
        except (OSError, ValueError):  # unreadable, a name too long ...: not cached
            return None
        return digest.hexdigest()

    @staticmethod
    def with_recurring(key: str, recurring: frozenset[str]) -> str:
        """The key of an article whose analysis also depends on the lines it shares with other
        pages of its site; without any, the file's own key (nothing else to depend on)."""
        if not recurring:
            return key
        digest = hashlib.sha256(f"{key}\0".encode())
        digest.update("\0".join(sorted(recurring)).encode())
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str, path: Path) -> Article | None:
        """The cached analysis of ``path`` (made for the same bytes), or None."""
        try:
            article = _ARTICLE.validate_json(self._path(key).read_bytes())
        except (OSError, ValueError, ValidationError):
            return None
        article.source = path
        self.hits += 1
        return article

    def forget_all_but(self, keys: Iterable[str]) -> None:
        """Delete the analyses of articles not among ``keys`` (changed, gone, or analysed by
        another version of the code): every version would otherwise leave a full set behind."""
        remove_other_files(self.folder, {self._path(key).name for key in keys})

    def put(self, key: str, article: Article) -> None:
        """Keep an analysed article; a cache that cannot be written is only a slower next run."""
        try:
            write_cache_file(self._path(key), _ARTICLE.dump_json(article))
        except (OSError, ValueError):  # a full disk: this run is still right, only slower
            return
        self.stored += 1


class SiteLinesCache:
    """The pre-pass's view of each input file (``site_repeats.PageLines``), by the file's key."""

    def __init__(self, ctx: Context) -> None:
        self.folder = ctx.root / CACHE_DIR / SITE_LINES_DIR

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> PageLines | None:
        try:
            return _PAGE_LINES.validate_json(self._path(key).read_bytes())
        except (OSError, ValueError, ValidationError):
            return None

    def put(self, key: str, lines: PageLines) -> None:
        try:
            write_cache_file(self._path(key), _PAGE_LINES.dump_json(lines))
        except (OSError, ValueError):  # not cached: only a slower next run
            return

    def forget_all_but(self, keys: Iterable[str]) -> None:
        remove_other_files(self.folder, {self._path(key).name for key in keys} | {self.LAST})

    # The recurring lines each file was last analysed with, by file key: a page whose chrome
    # changed (a new page of its site) is regenerated although its file did not change.
    LAST = "last-recurring.json"

    def last_recurring(self) -> dict[str, str]:
        try:
            found = json.loads((self.folder / self.LAST).read_bytes())
        except (OSError, ValueError):
            return {}
        return found if isinstance(found, dict) else {}

    def remember_recurring(self, last: dict[str, str]) -> None:
        try:
            write_cache_file(self.folder / self.LAST, json.dumps(last, sort_keys=True).encode())
        except (OSError, ValueError):
            return


class FrontMatterCache:
    """The values of briefing pages' front matter (plain, JSON-safe) and their bodies, by the
    hash of the page's bytes: ``generate`` looks at every page on every run."""

    FORMAT = "1"

    def __init__(self, root: Path) -> None:
        self.folder = root / CACHE_DIR / FRONT_MATTER_DIR
        self.seen: set[str] = set()

    def _path(self, digest: str) -> Path:
        return self.folder / f"{self.FORMAT}-{digest}.json"

    def get(self, digest: str) -> tuple[dict[str, Any], str] | None:
        self.seen.add(digest)
        try:
            record = json.loads(self._path(digest).read_bytes())
            values, body = record["values"], record["body"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not (isinstance(values, dict) and isinstance(body, str)):
            return None
        return values, body

    def put(self, digest: str, values: dict[str, Any], body: str) -> None:
        record = {"values": values, "body": body}
        try:
            write_cache_file(self._path(digest), json.dumps(record, ensure_ascii=False).encode())
        except (OSError, TypeError, ValueError):  # not cached: only a slower next run
            return

    def prune(self) -> None:
        """Forget the pages not seen by this run (changed or deleted since)."""
        remove_other_files(self.folder, {self._path(digest).name for digest in self.seen})


def remove_other_files(folder: Path, keep: set[str]) -> None:
    """Delete the files of a cache folder not named in ``keep``; a folder that cannot be
    listed is left as it is (stale entries are only disk space)."""
    try:
        stale = [p for p in folder.iterdir() if p.name not in keep]
    except OSError:
        return
    for path in stale:
        path.unlink(missing_ok=True)


def write_cache_file(path: Path, data: bytes) -> None:
    """Write a cache file through a temporary file and a rename, so a reader never sees half
    of one. Not flushed to disk (``fsync``) like the pages are: after a power cut an entry may
    be lost or unreadable, and an unreadable entry is ignored and rebuilt."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
