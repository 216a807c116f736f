"""``briefings generate``: analyse every article and write one briefing page per story."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import duplicates, frontmatter, ingest, pipeline
from .context import Context
from .errors import ConfigError, FrontMatterError
from .model import Article, Briefing, Source
from .slugs import slugify, unique


@dataclass(slots=True)
class Summary:
    read: int = 0
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[pipeline.Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.skipped


@dataclass(frozen=True, slots=True)
class Existing:
    """A briefing already on disk, found by one of its sources."""

    slug: str
    path: Path
    sha256: frozenset[str]


def existing_briefings(ctx: Context) -> dict[str, Existing]:
    """Map each source path (relative to the project) to the briefing that holds it.

    Pages whose front matter no longer validates are still indexed by their id, so a typo
    made by an editor never causes a second page for the same article.
    """
    index: dict[str, Existing] = {}
    if not ctx.briefings_dir.is_dir():
        return index
    for path in sorted(ctx.briefings_dir.glob("*.md")):
        try:
            page = frontmatter.read_page(path)
        except FrontMatterError:
            continue
        sources = page.data.get("sources") or []
        shas = frozenset(str(s.get("sha256", "")) for s in sources if isinstance(s, dict))
        for source in sources:
            if isinstance(source, dict) and source.get("path"):
                index[str(source["path"])] = Existing(path.stem, path, shas)
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
        sources=[Source.of(article, ctx.relative(article.source)), *article.duplicates],
    )


def generate(
    ctx: Context,
    *,
    force: bool = False,
    progress: Callable[[Path, str], None] | None = None,
) -> Summary:
    if not ctx.articles_dir.is_dir():
        raise ConfigError(f"no articles folder at {ctx.articles_dir}")
    summary = Summary()
    paths = ingest.discover(ctx.articles_dir)
    existing = existing_briefings(ctx)
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

    stories = duplicates.merge(articles, ctx)
    taken = {e.slug for e in existing.values()}
    for article in stories:
        key = ctx.relative(article.source)
        found = existing.get(key)
        if found is not None:
            article.slug = found.slug
        else:
            article.slug = unique(slugify(article.source.stem, article.sha256), taken)
            taken.add(article.slug)
        if found is not None and not force and article.sha256 in found.sha256:
            summary.unchanged.append(article.slug)
            continue
        briefing = to_briefing(article, article.slug, ctx)
        path = ctx.briefings_dir / f"{article.slug}.md"
        data = frontmatter.briefing_to_data(briefing)
        if frontmatter.write_page(path, data, article.body):
            summary.written.append(article.slug)
        else:
            summary.unchanged.append(article.slug)
    return summary
