"""The manifest of a language's build, in ``.cache/site/``: what the next build may keep.

It holds a key for every page (``build.page_keys``), where each page was written and the
search entries of the pages. ``build_version`` digests everything a page depends on besides
its own data, and ``stamp`` identifies the built site the manifest describes: a build keeps
the previous pages only when both are unchanged (see ``generator/site/build.py``).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from ..cache import CACHE_DIR, write_cache_file
from ..collection.briefings import BRIEFINGS_FOLDER, site_version

CONFIG_FILES = {"ar": "mkdocs.yml", "en": "mkdocs.en.yml"}
MANIFESTS = Path(CACHE_DIR, "site")
# The packages whose output is in the site.
RENDERERS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "babel")


@dataclass(slots=True)
class Manifest:
    """What one language's build made: page keys, output paths and search entries."""

    version: str
    pages: dict[str, str | None] = field(default_factory=dict)  # src_uri -> key (None: always)
    dests: dict[str, str] = field(default_factory=dict)  # src_uri -> output path, site-relative
    docs: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # url -> search entries
    briefing_docs: dict[str, dict[str, str]] = field(default_factory=dict)  # url -> final entry
    stamp: list[int] = field(default_factory=list)  # of the built search index (see stamp)

    # Two JSON lines: what decides whether the manifest describes the site in place (its
    # version and stamp, read by the process that decides), then the rest (megabytes of search
    # entries, read by each language's build).

    @classmethod
    def read(cls, path: Path) -> Manifest | None:
        try:
            head, body = path.read_bytes().split(b"\n", 1)
            data = {**json.loads(head), **json.loads(body)}
            return cls(**{name: data[name] for name in MANIFEST_FIELDS})
        except (OSError, ValueError, KeyError, TypeError):
            return None

    @classmethod
    def read_head(cls, path: Path) -> Manifest | None:
        """The version and stamp of the manifest at ``path``, without the rest."""
        try:
            with path.open("rb") as handle:
                data = json.loads(handle.readline())
            return cls(str(data["version"]), stamp=list(data["stamp"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write(self, path: Path) -> None:
        head = {name: getattr(self, name) for name in HEAD_FIELDS}
        body = {name: getattr(self, name) for name in MANIFEST_FIELDS if name not in HEAD_FIELDS}
        data = json.dumps(head) + "\n" + json.dumps(body, ensure_ascii=False)
        write_cache_file(path, data.encode())


MANIFEST_FIELDS = ("version", "pages", "dests", "docs", "briefing_docs", "stamp")
HEAD_FIELDS = ("version", "stamp")


def manifest_path(root: Path, language: str, *, new: bool = False) -> Path:
    return root / MANIFESTS / f"manifest-{language}{'.new' if new else ''}.json"


def _tree_digest(digest: Any, folder: Path, skip: str | None = None) -> None:
    """Every file's path and bytes under ``folder``, but the folder ``skip`` (not walked:
    thousands of briefing pages)."""
    found = []
    for parent, folders, files in os.walk(folder):
        relative = Path(parent).relative_to(folder)
        if relative == Path():
            folders[:] = [name for name in folders if name != skip]
        found += [(relative / name).as_posix() for name in files if Path(parent, name).is_file()]
    for name in sorted(found):
        digest.update(name.encode() + b"\0" + hashlib.sha256((folder / name).read_bytes()).digest())


def build_version(root: Path, language: str) -> str:
    """Everything a page's output depends on besides its own data: generator and renderer
    versions, both configuration files, the templates and theme overrides, the other files of
    ``docs/`` (assets, hand-written pages) and the environment the configuration reads.

    Not ``SOURCE_DATE_EPOCH``, which the Pages workflow sets from each commit: no page shows
    the build date (the feed does, and every build writes it)."""
    digest = hashlib.sha256(f"{language}\0{site_version()}\0".encode())
    for name in RENDERERS:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-\0".encode())
    for name in CONFIG_FILES.values():
        config = root / name
        digest.update(config.read_bytes() if config.is_file() else b"-")
    _tree_digest(digest, root / "templates")
    _tree_digest(digest, root / "docs", skip=BRIEFINGS_FOLDER)
    digest.update(f"SITE_URL={os.environ.get('SITE_URL', '')}\0".encode())
    return digest.hexdigest()


def stamp(site_root: Path) -> list[int]:
    """Identity of a built language site: its search index's size and time. Another build in
    between (``mkdocs build`` by hand) changes it; a copy that keeps times does not, as when
    the Pages workflow gets the last deployment's site back from GitHub's cache (a tar)."""
    try:
        info = (site_root / "search" / "search_index.json").stat()
    except OSError:
        return []
    return [info.st_size, info.st_mtime_ns]


def remove_stale(site_dir: Path, previous: Manifest, current: Manifest) -> None:
    """Delete the pages of the previous build that this build no longer has."""
    gone = {previous.dests[uri] for uri in previous.dests} - set(current.dests.values())
    for dest in sorted(gone):
        path = site_dir / dest
        path.unlink(missing_ok=True)
        for parent in path.parents:
            if parent == site_dir or not parent.is_relative_to(site_dir):
                break
            try:
                parent.rmdir()  # only when empty
            except OSError:
                break
