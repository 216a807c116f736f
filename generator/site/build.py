"""Build the two language sites in parallel and swap the result into ``site/`` in one step.

Each language is its own MkDocs build of the same ``docs/`` (its own search index, its own
``lang``/``dir``), so the two builds are independent and run on both cores. Both are built
into a temporary folder next to ``site/``; only when both succeed is the old site replaced,
so a failed or interrupted build never leaves a half-written site behind.

The briefings are read, and what the pages share (timeline, related briefings, entities) is
computed, once, in this process: the two builds are forked from it and inherit both.

**Incremental builds.** Each build leaves a manifest per language in ``.cache/site/``: a key
for every page, made from everything the page shows (the hash of its briefing's file, the
briefings and entities it links and how it names them), and the search entries of the pages
other than briefings. The next build starts from a hard-linked copy of ``site/`` (no bytes
copied) and lets MkDocs (``dirty`` mode) render only the pages whose key changed; every file
it writes is unlinked first, so the old site is never written through a shared link. The
feeds, the search index, the sitemaps and the 404 page are always written again. A changed
configuration, template, asset or generator version, a missing manifest, or a ``site/``
that is not the one the manifest describes makes a full build. ``tests/test_incremental.py``
compares incremental and full builds byte for byte.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..collection.briefings import Entry, save_derived
from ..collection.entities import EntityRecord
from ..collection.timeline import with_neighbours, year_source
from ..errors import BriefingError
from ..fsutil import WriteError
from ..speed.forking import worker_context
from ..speed.gcpause import cycle_collector_paused
from . import swap
from .i18n import LANGUAGES
from .manifest import CONFIG_FILES, Manifest, build_version, manifest_path, stamp

# What every build writes again whatever changed: MkDocs' theme templates and the outputs of
# the plugins (search index, feed). Unlinked before an incremental build writes them.
ALWAYS_WRITTEN = (
    "404.html",
    "sitemap.xml",
    "sitemap.xml.gz",
    "search/search_index.json",
    "feed.xml",
)
# MkDocs warns about every dirty build; the manifest is what makes this one exact.
_DIRTY_WARNING = "A 'dirty' build is being performed"


@dataclass(slots=True)
class LanguageBuild:
    language: str
    ok: bool
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    rendered: int = 0  # pages rendered (the others were kept from the previous build)
    pages: int = 0


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings and errors so the parent process can print them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


class _NotDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(_DIRTY_WARNING)


# --- what a page shows ------------------------------------------------------------------------


def _key(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, default=str).encode()).hexdigest()


def entry_digest(entry: Entry) -> str:
    """The hash of the briefing's page file (or of its content, for entries made in memory)."""
    if entry.digest:
        return entry.digest
    found = entry.derived.get("content_digest")
    if found is None:
        text = entry.briefing.model_dump_json() + "\0" + entry.body
        found = entry.derived["content_digest"] = hashlib.sha256(text.encode()).hexdigest()
    return str(found)


# What the pages of other briefings, of entities and of the timeline show of a briefing, by
# the part of those pages that shows it (templates/_site.md.j2, entity.md.j2): "title" where
# one of its events is listed (the event's source link), "line" where the briefing itself is
# (a related briefing, a line of an entity's list, a publication on the timeline). Each part
# is digested from these front-matter fields, whole, so a template that shows another field
# there needs its name here. tests/test_page_keys.py changes every field of the schema and
# names the page a missing one would leave stale. Events are digested whole, each by its id.
SHOWN_ELSEWHERE: dict[str, tuple[str, ...]] = {
    "title": ("id", "headline"),
    "line": ("id", "headline", "outlet", "published"),
}


def shown(entry: Entry) -> dict[str, Any]:
    """Digests of what the pages of other briefings, of entities and of the timeline show of a
    briefing: one per part of SHOWN_ELSEWHERE, and "events", each event by id (a timeline
    entry, a related briefing's reason). A new text or a field none of them shows keeps them,
    and those pages. Kept with the entry (and its page cache)."""
    found: dict[str, Any] | None = entry.derived.get("shown")
    if found is None:
        b = entry.briefing
        found = {
            part: _key(*(_shown_value(getattr(b, name)) for name in names))
            for part, names in SHOWN_ELSEWHERE.items()
        }
        found["events"] = {event.id: _key(event.model_dump(mode="json")) for event in b.events}
        entry.derived["shown"] = found
    return found


def _shown_value(value: Any) -> Any:
    """``value`` as a key holds it: a briefing by what a line shows of it, records whole."""
    if isinstance(value, Entry):
        return shown(value)["line"]
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list | tuple):
        return [_shown_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _shown_value(item) for key, item in value.items()}
    return value


_RECORD_FIELDS = tuple(f.name for f in fields(EntityRecord))


# Once per SiteData and process: the language builds fork from the process that computed it.
@lru_cache(maxsize=1)
def page_keys(site: Any) -> dict[str, str | None]:
    """A key for every page built from the collection (``render.SiteData``): equal keys, equal
    pages. ``None``: the page is always rendered (home, timeline index, entity index: they
    show something of every briefing). Shared: not to be changed by the caller."""
    names = {key: (record.ar, record.en) for key, record in site.entities.items()}

    def named(ids: Iterable[str]) -> list[Any]:
        return [(key, names.get(key)) for key in sorted(set(ids))]

    keys: dict[str, str | None] = {"index.md": None, "timeline.md": None, "entities/index.md": None}
    for entry in site.collection.entries:
        links = []
        shown_names: list[str] = []
        for link in site.related.get(entry.briefing.id, []):
            other = shown(link.entry)
            reasons = []
            for reason in link.reasons:
                ids = [m.id for m in reason.entities]
                shown_names += ids
                reasons.append(
                    (
                        reason.kind,
                        reason.date,
                        reason.precision,
                        other["events"][reason.event.id] if reason.event else None,
                        shown(reason.named_by)["title"] if reason.named_by else None,
                        ids,
                    )
                )
            links.append((other["line"], reasons))  # in order; scores are not shown
        keys[entry.src_uri] = _key("briefing", entry_digest(entry), links, named(shown_names))

    def listed(items: list[Any], linked: bool = True) -> list[Any]:
        """Timeline entries as a page lists them (the entities they name decide where a
        publication is listed); ``linked``: with links to those entities, showing names."""
        entries: list[tuple[Any, ...]] = []
        for item in items:
            of_entry = shown(item.entry)
            if item.event is None:
                entries.append((item.anchor, of_entry["line"], item.entities))
            else:
                event = of_entry["events"][item.event.id]
                entries.append((item.anchor, of_entry["title"], event, item.entities))
        return [entries, named(key for item in items for key in item.entities) if linked else []]

    for record in site.entities.values():
        items = site.entity_items.get(record.id, [])
        # Every field of the record, so that one added later cannot be left out.
        facts = [_shown_value(getattr(record, name)) for name in _RECORD_FIELDS]
        keys[f"{record.url.rstrip('/')}.md"] = _key("entity", facts, listed(items, linked=False))
    for before, year, after in with_neighbours(site.years):
        pager = [other.year if other else None for other in (before, after)]
        keys[year_source(year.year)] = _key("timeline-year", year.year, pager, listed(year.items))
    return keys


# --- one language ---------------------------------------------------------------------------


def build_language(
    root: str, language: str, site_dir: str, previous: str | None = None, version: str = ""
) -> LanguageBuild:
    """One MkDocs build (strict). Runs in a worker process; returns a picklable result.

    ``previous``: the built site of this language to update (incremental build, see above);
    ``version``: the build's (build_version), written into the new manifest."""
    from jinja2 import TemplateNotFound
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner is not our warning
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    quiet = _NotDirtyWarning()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    manifest = Manifest.read(manifest_path(Path(root), language)) if previous else None
    try:
        config = load_config(
            str(Path(root) / CONFIG_FILES[language]), site_dir=site_dir, strict=True
        )
        plugin: Any = config.plugins["briefings"]  # our BriefingsPlugin, with its build record
        plugin.manifest_out = manifest_path(Path(root), language, new=True)
        plugin.version = version
        if previous and manifest is not None:
            _link_copy(Path(previous), Path(site_dir), skip=_other_languages(language))
            for name in ALWAYS_WRITTEN:
                Path(site_dir, name).unlink(missing_ok=True)
            plugin.previous = manifest
        build(config, dirty=plugin.previous is not None)
    except MkDocsException as exc:
        return LanguageBuild(language, False, str(exc) or type(exc).__name__, handler.messages)
    except TemplateNotFound as exc:  # an OSError too, but nothing to do with writing
        return LanguageBuild(language, False, f"missing template: {exc}", handler.messages)
    except (OSError, WriteError) as exc:  # a full disk or a read-only folder: old site stays
        cause = exc.cause if isinstance(exc, WriteError) else exc
        reason = f"cannot write the site: {cause.strerror or cause}"
        return LanguageBuild(language, False, reason, handler.messages)
    finally:
        logger.removeHandler(handler)
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
    return LanguageBuild(language, True, None, handler.messages, plugin.rendered, plugin.built)


def _other_languages(language: str) -> set[str]:
    """Top folders of the other languages inside this language's site (``en`` in Arabic's)."""
    return {lang.path.rstrip("/") for code, lang in LANGUAGES.items() if code != language} - {""}


def _link_copy(source: Path, target: Path, skip: set[str]) -> None:
    """A copy of ``source`` made of hard links (same files, no bytes copied). Folders are made
    anew (their times and modes are not copied: thousands of calls shutil.copytree makes);
    symbolic links stay links."""
    _link_folder(str(source), str(target), skip)


def _link_folder(source: str, target: str, skip: AbstractSet[str] = frozenset()) -> None:
    os.mkdir(target)
    with os.scandir(source) as entries:
        for entry in entries:
            if entry.name in skip:
                continue
            into = os.path.join(target, entry.name)
            if entry.is_symlink():
                os.symlink(os.readlink(entry.path), into)
            elif entry.is_dir():
                _link_folder(entry.path, into)
            else:
                os.link(entry.path, into)


# --- both languages -------------------------------------------------------------------------


def _prepare(root: Path) -> None:
    """Read the briefings and compute what the pages share, before the builds fork."""
    from ..collection.briefings import load_collection
    from . import review_page
    from .render import site_data

    try:
        # What is read and computed here lives as long as the process: the collector need not
        # walk it while it is made.
        with cycle_collector_paused():
            collection = load_collection(root / "docs")
            page_keys(site_data(collection, root))  # for the builds, kept with the page cache
            review_page.queue_of(collection, root, root / "docs")
            save_derived(collection, root / "docs")
    except BriefingError:
        return  # the builds report it, with the file and the line
    # The forked builds share these objects while no one writes to their memory pages: the
    # garbage collector would, walking them (https://docs.python.org/3/library/gc.html#gc.freeze).
    gc.freeze()


def _previous(
    root: Path, site_dir: Path, incremental: bool, versions: dict[str, str]
) -> dict[str, str | None]:
    """For each language, its built site when an incremental build can update it."""
    found: dict[str, str | None] = {}
    for language in CONFIG_FILES:
        site_root = site_dir / LANGUAGES[language].path
        manifest = Manifest.read_head(manifest_path(root, language)) if incremental else None
        usable = (
            manifest is not None
            and manifest.version == versions[language]
            and manifest.stamp == stamp(site_root)
            and bool(manifest.stamp)
        )
        found[language] = str(site_root) if usable else None
    if not all(found.values()):  # both or neither: the site is swapped as one
        found = dict.fromkeys(CONFIG_FILES)
    return found


def build_site(
    root: Path,
    site_dir: Path | None = None,
    *,
    parallel: bool = True,
    incremental: bool = True,
) -> list[LanguageBuild]:
    """Build every language; replace ``site_dir`` only if all builds succeed.

    ``incremental``: update the previous build's pages when its manifest allows (see above)."""
    root = root.resolve()
    site_dir = (site_dir or root / "site").resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    swap.recover(site_dir)  # what a killed build left behind
    versions = {language: build_version(root, language) for language in CONFIG_FILES}
    previous = _previous(root, site_dir, incremental, versions)
    _prepare(root)
    staging = Path(tempfile.mkdtemp(prefix=swap.staging_name(), dir=site_dir.parent))
    try:
        jobs = [
            (str(root), lang, str(staging / lang), previous[lang], versions[lang])
            for lang in CONFIG_FILES
        ]
        if parallel:
            # Forked where the platform can: the builds inherit what _prepare computed.
            with ProcessPoolExecutor(max_workers=len(jobs), mp_context=worker_context()) as pool:
                results = list(pool.map(build_language, *zip(*jobs, strict=True)))
        else:
            results = [build_language(*job) for job in jobs]
        if all(r.ok for r in results):
            _assemble(staging, site_dir)
            _keep_manifests(root)
        return results
    finally:
        # What _prepare froze may be garbage by the next build of a long-lived process
        # (briefings serve): the collector may look at it again.
        gc.unfreeze()
        for language in CONFIG_FILES:  # left by a build whose site was not kept
            manifest_path(root, language, new=True).unlink(missing_ok=True)
        shutil.rmtree(staging, ignore_errors=True)


def _keep_manifests(root: Path) -> None:
    """The new manifests describe the site now in place (its files were moved, not copied:
    the stamps their builds took still hold): make them current."""
    for language in CONFIG_FILES:
        new = manifest_path(root, language, new=True)
        try:
            os.replace(new, manifest_path(root, language))
        except OSError:  # not written: the next build is a full one
            manifest_path(root, language).unlink(missing_ok=True)


def _assemble(staging: Path, site_dir: Path) -> None:
    """Default language at the root, the others under their path, then swap into place."""
    default = next(code for code, lang in LANGUAGES.items() if not lang.path)
    tree = staging / default
    for code, lang in LANGUAGES.items():
        if lang.path:
            os.replace(staging / code, tree / lang.path)
    swap.replace_dir(tree, site_dir, staging / swap.PREVIOUS)
