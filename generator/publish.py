"""Phase two of ``briefings generate``, publication: every step is ``(Publication, Context)``,
listed once, in order, in ``PUBLISH_STEPS``.

Phase one (``generator.pipeline``) analyses each article on its own. Publication works on the
whole set: it merges copies of one story, writes one briefing page per story (merged with what
editors changed since the last run, through the merge base), brings every page's English up to
date from the translation memory and engines, and lists the conflicts editors have to settle.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import frontmatter, ingest, merge, pipeline, same_story, schema
from .briefing_pages import Existing, OnDisk, index_by_source, read_existing
from .conflicts import newest, read_conflicts, still_generated, still_open, write_conflicts
from .context import Context
from .merge_base import Regenerated, regenerate, write_base
from .model import Article, Briefing, Source
from .same_story_cache import ShingleCache
from .slugs import slugify, unique
from .translate import pages as translation
from .translate.service import TranslationReport, Translator

Progress = Callable[[Path, str], None]


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


@dataclass(slots=True)
class Publication:
    """One run of publication: the run's options, then what each step adds, in step order."""

    translator: Translator
    force: bool = False  # regenerate every page, changed article or not
    progress: Progress | None = None  # told each article's state: cached, analysed, skipped
    summary: Summary = field(default_factory=Summary)
    paths: list[Path] = field(default_factory=list)  # 2. the article files
    pages: list[OnDisk] = field(default_factory=list)  # 3. the briefing pages on disk
    blocked: set[Path] = field(default_factory=set)  # 3. pages that cannot be merged
    existing: dict[str, Existing] = field(default_factory=dict)  # 3. pages by source path
    earlier: list[merge.Conflict] = field(default_factory=list)  # 4. earlier runs' conflicts
    articles: list[Article] = field(default_factory=list)  # 5. analysed articles
    recleaned: set[Path] = field(default_factory=set)  # 5. unchanged, but their chrome changed
    held: dict[Path, list[tuple[tuple[str, ...], Any]]] = field(default_factory=dict)  # 6.
    edited: set[Path] = field(default_factory=set)  # 7. pages whose English an editor changed
    stories: list[Article] = field(default_factory=list)  # 8. one article per story
    regenerated: list[Regenerated] = field(default_factory=list)  # 9. pages to write again
    kept: list[OnDisk] = field(default_factory=list)  # 9. the other pages
    conflicts: list[merge.Conflict] = field(default_factory=list)  # 9. found merging
    translated: set[Path] = field(default_factory=set)  # 10. pages whose English changed


Step = Callable[[Publication, Context], None]


def write_schema(publication: Publication, ctx: Context) -> None:
    schema.write(ctx.root)  # every page's `$schema` line points at it


def discover(publication: Publication, ctx: Context) -> None:
    publication.paths = ingest.discover(ctx.articles_dir)


def read_pages(publication: Publication, ctx: Context) -> None:
    publication.pages, publication.blocked = read_existing(ctx)
    publication.existing = index_by_source(publication.pages)


def read_earlier_conflicts(publication: Publication, ctx: Context) -> None:
    publication.earlier = read_conflicts(ctx.root)


def analyse(publication: Publication, ctx: Context) -> None:
    summary, progress = publication.summary, publication.progress
    cached: set[Path] = set()
    for result in pipeline.analyse_all(
        publication.paths,
        ctx,
        on_cached=cached.add,
        on_recleaned=publication.recleaned.add,
        every_article=True,
    ):
        summary.read += 1
        if isinstance(result, pipeline.Skipped):
            summary.skipped.append(result)
            if progress:
                progress(result.path, "skipped")
            continue
        publication.articles.append(result)
        summary.warnings.extend(f"{result.source.name}: {w}" for w in result.warnings)
        state = "cached" if result.source in cached else "analysed"
        summary.cached += state == "cached"
        if progress:
            progress(result.source, state)


def hold_locked(publication: Publication, ctx: Context) -> None:
    publication.held = {page.path: merge.hold_locked(page.data) for page in publication.pages}


def learn_from_editors(publication: Publication, ctx: Context) -> None:
    publication.edited = {
        page.path
        for page in publication.pages
        if translation.learn_from_editors(page.data, publication.translator)
    }


def merge_stories(publication: Publication, ctx: Context) -> None:
    publication.stories = same_story.merge(publication.articles, ctx, ShingleCache(ctx.root))


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


def regenerate_pages(publication: Publication, ctx: Context) -> None:
    """Give each story its slug (its page's, or a new one) and make the page of every story
    whose article changed (every story with ``force``), merged with the page on disk."""
    summary = publication.summary
    taken = {e.slug for e in publication.existing.values()}
    for article in publication.stories:
        key = ctx.relative(article.source)
        found = publication.existing.get(key)
        if found is not None:
            article.slug = found.slug
        else:
            article.slug = unique(slugify(article.source.stem, article.sha256), taken)
            taken.add(article.slug)
        unchanged = article.sha256 in found.sha256 if found is not None else False
        if unchanged and not publication.force and article.source not in publication.recleaned:
            continue
        path = ctx.briefings_dir / f"{article.slug}.md"
        if path in publication.blocked:
            summary.warnings.append(
                f"{path.name}: not regenerated: fix its front matter first (briefings check)"
            )
            continue
        generated = frontmatter.briefing_to_data(to_briefing(article, article.slug, ctx))
        item = Regenerated(path, copy.deepcopy(generated), article.body, generated, article.body)
        if found is not None:
            found.page.for_writing()  # the merge keeps the editor's comments and quoting
            publication.conflicts.extend(
                regenerate(ctx, found.page, item, summary.warnings, publication.earlier)
            )
        publication.regenerated.append(item)
    done = {item.path for item in publication.regenerated}
    publication.kept = [page for page in publication.pages if page.path not in done]


def translate(publication: Publication, ctx: Context) -> None:
    """Fill the English of every page, regenerated or kept, in one batch."""
    pages = [(item.path, item.data) for item in publication.regenerated]
    pages += [(page.path, page.data) for page in publication.kept]
    translator = publication.translator
    try:
        changed = translation.fill([data for _, data in pages], translator)
    finally:
        # Translations already paid for are kept even when the run stops here.
        translator.close()
        translator.memory.save()
    publication.translated = {path for (path, _), c in zip(pages, changed, strict=True) if c}
    publication.summary.translation = translator.report


def restore_locked(publication: Publication, ctx: Context) -> None:
    for page in publication.pages:
        merge.restore_locked(page.data, publication.held[page.path])


def write_regenerated(publication: Publication, ctx: Context) -> None:
    summary = publication.summary
    for item in publication.regenerated:
        wrote = frontmatter.write_page(item.path, item.data, item.body)
        write_base(ctx, item)
        (summary.written if wrote else summary.unchanged).append(item.path.stem)


def write_kept(publication: Publication, ctx: Context) -> None:
    """Write the pages not regenerated whose English the translation pass or an editor's
    review changed; the others stay as they are on disk."""
    summary = publication.summary
    for page in publication.kept:
        slug = page.path.stem
        if page.path in publication.translated or page.path in publication.edited:
            page.for_writing()
            if frontmatter.write_page(page.path, page.data, page.body):
                summary.written.append(slug)
                continue
        summary.unchanged.append(slug)


def list_conflicts(publication: Publication, ctx: Context) -> None:
    publication.summary.conflicts, listed = open_conflicts(ctx, publication)
    write_conflicts(ctx.root, listed)


def open_conflicts(
    ctx: Context, publication: Publication
) -> tuple[list[merge.Conflict], list[merge.Conflict]]:
    """This run's conflicts still open after the translation pass (a reviewed translation
    from the memory settles a reworded item at once), and every open conflict to list."""
    fresh = {ctx.relative(item.path): item for item in publication.regenerated}
    pages = {ctx.relative(page.path): page.data for page in publication.kept}
    pages.update((name, item.data) for name, item in fresh.items())
    unreadable = {ctx.relative(path) for path in publication.blocked} - set(pages)

    def stays(conflict: merge.Conflict) -> bool:
        if conflict.page in unreadable:
            return True  # the page cannot be read: nothing tells that it was settled
        item = fresh.get(conflict.page)
        if item is not None and not still_generated(
            conflict, item.generated, item.generated_body, item.body
        ):
            return False
        return still_open(conflict, pages)

    found = [c for c in publication.conflicts if still_open(c, pages)]
    return found, newest([*(c for c in publication.earlier if stays(c)), *found])


PUBLISH_STEPS: list[tuple[str, Step]] = [
    # 1. Schema: the JSON Schema every page's `$schema` line points at.
    ("schema", write_schema),
    # 2. Discover: the article files under articles/.
    ("discover", discover),
    # 3. Pages: every briefing page on disk, indexed by its sources; unmergeable ones blocked.
    ("pages", read_pages),
    # 4. Earlier conflicts: read before this run changes any page.
    ("earlier conflicts", read_earlier_conflicts),
    # 5. Analyse: phase one on every article, from the analysis cache when unchanged.
    ("analyse", analyse),
    # 6. Hold locked values: the translation pass (10) edits English records in place, and
    #    step 11 puts the locked ones back. Held before step 7 and step 9 change any page.
    ("hold locked", hold_locked),
    # 7. Learn from editors: their translations go into the memory before the merge (9) and
    #    the translation pass (10), so a regenerated page keeps them.
    ("learn from editors", learn_from_editors),
    # 8. Stories: copies of one story merged into one article (same-story detection).
    ("stories", merge_stories),
    # 9. Regenerate: slugs, then the pages of changed articles merged with the editor's page.
    ("regenerate", regenerate_pages),
    # 10. Translate: every page's English from the memory and engines, in one batch.
    ("translate", translate),
    # 11. Restore locked values: after the translation pass (10), before any page is written.
    ("restore locked", restore_locked),
    # 12. Write regenerated pages and their merge bases.
    ("write regenerated", write_regenerated),
    # 13. Write the other pages whose English changed (10) or an editor reviewed (7).
    ("write kept", write_kept),
    # 14. Conflicts: this run's still open after translation, and earlier ones not settled.
    ("conflicts", list_conflicts),
]


def publish(publication: Publication, ctx: Context) -> Summary:
    """Run every step in order; an error stops the run where it happened."""
    for _name, step in PUBLISH_STEPS:
        step(publication, ctx)
    return publication.summary
