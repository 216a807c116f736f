"""``briefings generate``: analyse every article and write one briefing page per story."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import duplicates, frontmatter, ingest, pipeline
from .context import Context
from .errors import ConfigError, FrontMatterError
from .model import Article, Briefing, Source
from .slugs import slugify, unique
from .translate import pages as translation
from .translate.service import TranslationReport, open_translator


@dataclass(slots=True)
class Summary:
    read: int = 0
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[pipeline.Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    translation: TranslationReport = field(default_factory=TranslationReport)

    @property
    def ok(self) -> bool:
        return not self.skipped


@dataclass(frozen=True, slots=True)
class Existing:
    """A briefing already on disk, found by one of its sources."""

    slug: str
    page: frontmatter.Page
    sha256: frozenset[str]


def read_existing(ctx: Context) -> list[frontmatter.Page]:
    """Every briefing page on disk that parses as YAML (validation is ``briefings check``'s)."""
    pages = []
    for path in sorted(ctx.briefings_dir.glob("*.md")) if ctx.briefings_dir.is_dir() else []:
        try:
            pages.append(frontmatter.read_page(path))
        except FrontMatterError:
            continue
    return pages


def index_by_source(pages: list[frontmatter.Page]) -> dict[str, Existing]:
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


def generate(
    ctx: Context,
    *,
    force: bool = False,
    translator_choice: str | None = None,
    progress: Callable[[Path, str], None] | None = None,
) -> Summary:
    """Analyse new and changed articles, write their pages, and bring every page's English
    up to date from the translation memory and engines (editors' translations are kept)."""
    if not ctx.articles_dir.is_dir():
        raise ConfigError(f"no articles folder at {ctx.articles_dir}")
    translator = open_translator(
        ctx.root, ctx.config.translation, ctx.today.isoformat(), choice=translator_choice
    )
    summary = Summary()
    paths = ingest.discover(ctx.articles_dir)
    pages = read_existing(ctx)
    existing = index_by_source(pages)
    articles: list[Article] = []
    for result in pipeline.analyse_all(paths, ctx):
        summary.read += 1
        if isinstance(result, pipeline.Skipped):
            summary.skipped.append(result)
            if progress:
                progress(result.path, "skipped")
            continue
        articles.append(result)
        summary.warnings.extend(f"{result.source.name}: {w}" for w in result.warnings)
        if progress:
            progress(result.source, "analysed")

    # Editors' translations go into the memory first, so a regenerated page keeps them.
    edited = {page.path for page in pages if translation.learn_from_editors(page.data, translator)}

    stories = duplicates.merge(articles, ctx)
    taken = {e.slug for e in existing.values()}
    new_pages: list[tuple[str, dict[str, Any], str]] = []
    regenerated: set[Path] = set()
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
        data = frontmatter.briefing_to_data(to_briefing(article, article.slug, ctx))
        new_pages.append((article.slug, data, article.body))
        regenerated.add(ctx.briefings_dir / f"{article.slug}.md")

    kept = [page for page in pages if page.path not in regenerated]
    try:
        changed = translation.fill(
            [data for _, data, _ in new_pages] + [page.data for page in kept], translator
        )
    finally:
        # Translations already paid for are kept even when the run stops here.
        translator.close()
        translator.memory.save()
    for slug, data, body in new_pages:
        path = ctx.briefings_dir / f"{slug}.md"
        (summary.written if frontmatter.write_page(path, data, body) else summary.unchanged).append(
            slug
        )
    for page, page_changed in zip(kept, changed[len(new_pages) :], strict=True):
        slug = page.path.stem
        if (page_changed or page.path in edited) and frontmatter.write_page(
            page.path, page.data, page.body
        ):
            summary.written.append(slug)
        else:
            summary.unchanged.append(slug)
    summary.translation = translator.report
    return summary
