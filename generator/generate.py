"""``briefings generate``: analyse every article and write one briefing page per story.

A page regenerated after an editor changed it is a three-way merge (:mod:`generator.merge`):
the base is the snapshot of what the generator wrote last time, ``generated/base/<slug>.yml``,
committed with the pages so a merge also works on a fresh clone after an edit made in GitHub's
web editor. Keys both sides changed are listed in ``generated/conflicts.yml``.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import MarkedYAMLError

from . import duplicates, frontmatter, ingest, merge, pipeline, schema
from .body_merge import merge_body
from .cache import FrontMatterCache
from .conflicts import (
    newest,
    read_conflicts,
    still_generated,
    still_open,
    write_conflicts,
)
from .context import Context
from .errors import ConfigError, FrontMatterError, Problem
from .fsutil import write_text_atomic
from .model import Article, Briefing, Source
from .shingle_cache import ShingleCache
from .slugs import slugify, unique
from .speed.gcpause import cycle_collector_paused
from .text import paragraphs
from .translate import pages as translation
from .translate import reworded
from .translate.service import TranslationReport, open_translator


@dataclass(slots=True)
class Summary:
    read: int = 0
    cached: int = 0  # of those read, articles unchanged since their analysis (analysis cache)
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[pipeline.Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    translation: TranslationReport = field(default_factory=TranslationReport)
    conflicts: list[merge.Conflict] = field(default_factory=list)  # of this run's regeneration

    @property
    def ok(self) -> bool:
        return not self.skipped


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


def to_briefing(article: Article, slug: str, ctx: Context) -> Briefing:
    assert article.headline is not None  # pipeline.analyse skips articles without one
    return Briefing(
        id=slug,
        headline=article.headline,
        outlet=article.outlet,
        published=article.published,
        entities=article.entities,
        quotes=article.quotes,
        events=article.events,
        gist=article.gist,
        figures=article.figures,
        sources=[Source.of(article, ctx.relative(article.source)), *article.duplicates],
    )


# --- the merge base, committed beside the pages (the conflicts: generator/conflicts.py) --------

BASE_DIR = Path("generated", "base")
BASE_NOTE = (
    "Written by `briefings generate`; do not edit. What it generated last for\n"
    "{page}: the front matter before translation, and the body paragraphs.\n"
    "It is the base of the three-way merge that keeps editors' changes on regeneration."
)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The base of a page's three-way merge."""

    front_matter: dict[str, Any]
    paragraphs: list[str] | None  # None: unknown, every body change is the editor's


@dataclass(slots=True)
class Regenerated:
    path: Path
    data: CommentedMap | dict[str, Any]  # the page's front matter, merged
    body: str
    generated: dict[str, Any]  # what the generator made of the article: the next base
    generated_body: str


def read_base(ctx: Context, slug: str, warnings: list[str]) -> Snapshot | None:
    path = ctx.root / BASE_DIR / f"{slug}.yml"
    try:
        data = frontmatter.load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (MarkedYAMLError, UnicodeDecodeError):
        data = None
    if not (isinstance(data, Mapping) and isinstance(data.get("front_matter"), Mapping)):
        warnings.append(f"{ctx.relative(path)}: unreadable; every change is kept as a conflict")
        return None
    body = data.get("body")
    kept = [str(p) for p in body] if isinstance(body, list) else None
    return Snapshot(merge.plain(data["front_matter"]), kept)


def write_base(ctx: Context, item: Regenerated) -> bool:
    data = CommentedMap(front_matter=item.generated, body=paragraphs(item.generated_body))
    data.yaml_set_start_comment(BASE_NOTE.format(page=ctx.relative(item.path)))
    return write_text_atomic(
        ctx.root / BASE_DIR / f"{item.path.stem}.yml", frontmatter.dump_yaml(data)
    )


# --- the run ------------------------------------------------------------------------------------


def generate(
    ctx: Context,
    *,
    force: bool = False,
    translator_choice: str | None = None,
    progress: Callable[[Path, str], None] | None = None,
) -> Summary:
    """Analyse new and changed articles, write their pages (merged with editors' changes), and
    bring every page's English up to date from the translation memory and engines."""
    if not ctx.articles_dir.is_dir():
        raise ConfigError(f"no articles folder at {ctx.articles_dir}")
    translator = open_translator(
        ctx.root, ctx.config.translation, ctx.today.isoformat(), choice=translator_choice
    )
    summary = Summary()
    schema.write(ctx.root)  # every page's `$schema` line points at it
    paths = ingest.discover(ctx.articles_dir)
    pages, blocked = read_existing(ctx)
    existing = index_by_source(pages)
    earlier = read_conflicts(ctx.root)
    articles: list[Article] = []
    cached: set[Path] = set()
    for result in pipeline.analyse_all(paths, ctx, on_cached=cached.add, every_article=True):
        summary.read += 1
        if isinstance(result, pipeline.Skipped):
            summary.skipped.append(result)
            if progress:
                progress(result.path, "skipped")
            continue
        articles.append(result)
        summary.warnings.extend(f"{result.source.name}: {w}" for w in result.warnings)
        state = "cached" if result.source in cached else "analysed"
        summary.cached += state == "cached"
        if progress:
            progress(result.source, state)

    # The translation pass edits English records in place; locked ones are put back after it.
    held = {page.path: merge.hold_locked(page.data) for page in pages}
    # Editors' translations go into the memory first, so a regenerated page keeps them.
    edited = {page.path for page in pages if translation.learn_from_editors(page.data, translator)}

    stories = duplicates.merge(articles, ctx, ShingleCache(ctx.root))
    taken = {e.slug for e in existing.values()}
    regenerated: list[Regenerated] = []
    for article in stories:
        key = ctx.relative(article.source)
        found = existing.get(key)
        if found is not None:
            article.slug = found.slug
        else:
            article.slug = unique(slugify(article.source.stem, article.sha256), taken)
            taken.add(article.slug)
        if found is not None and not force and article.sha256 in found.sha256:
            continue
        path = ctx.briefings_dir / f"{article.slug}.md"
        if path in blocked:
            summary.warnings.append(
                f"{path.name}: not regenerated: fix its front matter first (briefings check)"
            )
            continue
        generated = frontmatter.briefing_to_data(to_briefing(article, article.slug, ctx))
        item = Regenerated(path, copy.deepcopy(generated), article.body, generated, article.body)
        if found is not None:
            found.page.for_writing()  # the merge keeps the editor's comments and quoting
            summary.conflicts.extend(regenerate(ctx, found.page, item, summary.warnings, earlier))
        regenerated.append(item)

    done = {item.path for item in regenerated}
    kept = [page for page in pages if page.path not in done]
    try:
        changed = translation.fill(
            [r.data for r in regenerated] + [p.data for p in kept], translator
        )
    finally:
        # Translations already paid for are kept even when the run stops here.
        translator.close()
        translator.memory.save()
    for page in pages:
        merge.restore_locked(page.data, held[page.path])
    for item in regenerated:
        wrote = frontmatter.write_page(item.path, item.data, item.body)
        write_base(ctx, item)
        (summary.written if wrote else summary.unchanged).append(item.path.stem)
    for page, page_changed in zip(kept, changed[len(regenerated) :], strict=True):
        slug = page.path.stem
        if page_changed or page.path in edited:
            page.for_writing()
            if frontmatter.write_page(page.path, page.data, page.body):
                summary.written.append(slug)
                continue
        summary.unchanged.append(slug)
    summary.conflicts, listed = open_conflicts(
        ctx, earlier, summary.conflicts, regenerated, kept, blocked
    )
    write_conflicts(ctx.root, listed)
    summary.translation = translator.report
    return summary


def regenerate(
    ctx: Context,
    page: OnDisk,
    item: Regenerated,
    warnings: list[str],
    earlier: list[merge.Conflict],
) -> list[merge.Conflict]:
    """Merge the new analysis into the page as the editor left it (in place). A reviewed
    translation whose Arabic the merge replaced becomes a conflict on the reworded item."""
    name = ctx.relative(page.path)
    base = read_base(ctx, page.path.stem, warnings)
    translated = reworded.reviewed(page.data, [c for c in earlier if c.page == name])
    conflicts = merge.merge_front_matter(
        name, base.front_matter if base else None, page.data, item.generated
    )
    item.body, body_conflicts = merge_body(
        name, base.paragraphs if base else None, page.body, item.generated_body
    )
    item.data = page.data
    return conflicts + body_conflicts + reworded.reworded(name, translated, page.data)


def open_conflicts(
    ctx: Context,
    earlier: list[merge.Conflict],
    found: list[merge.Conflict],
    regenerated: list[Regenerated],
    kept: list[OnDisk],
    blocked: set[Path],
) -> tuple[list[merge.Conflict], list[merge.Conflict]]:
    """This run's conflicts still open after the translation pass (a reviewed translation
    from the memory settles a reworded item at once), and every open conflict to list."""
    fresh = {ctx.relative(item.path): item for item in regenerated}
    pages = {ctx.relative(page.path): page.data for page in kept}
    pages.update((name, item.data) for name, item in fresh.items())
    unreadable = {ctx.relative(path) for path in blocked} - set(pages)

    def stays(conflict: merge.Conflict) -> bool:
        if conflict.page in unreadable:
            return True  # the page cannot be read: nothing tells that it was settled
        item = fresh.get(conflict.page)
        if item is not None and not still_generated(
            conflict, item.generated, item.generated_body, item.body
        ):
            return False
        return still_open(conflict, pages)

    found = [c for c in found if still_open(c, pages)]
    return found, newest([*(c for c in earlier if stays(c)), *found])
