"""The same story saved twice becomes one briefing listing both sources."""

from __future__ import annotations

from .context import Context
from .model import Article, Source


def merge(articles: list[Article], ctx: Context) -> list[Article]:
    """Keep the first copy of each story (by cleaned text) and record the others as sources."""
    kept: dict[str, Article] = {}
    for article in articles:
        key = article.body
        first = kept.get(key)
        if first is None:
            kept[key] = article
        else:
            first.duplicates.append(Source.of(article, ctx.relative(article.source)))
            first.warnings.append(f"same story as {article.source.name}: merged")
    return list(kept.values())
