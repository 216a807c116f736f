"""Stage 3: the article's headline."""

from __future__ import annotations

from .context import Context
from .model import Article, Headline


def find_headline(article: Article, ctx: Context) -> Article:
    if article.sidecar.get("title"):
        article.headline = Headline(ar=article.sidecar["title"], provenance="editor")
        return article
    if article.html_metadata.get("title"):
        article.headline = Headline(ar=article.html_metadata["title"], provenance="html-metadata")
        return article
    if article.paragraphs:
        article.headline = Headline(ar=article.paragraphs[0], provenance="detected")
    return article
