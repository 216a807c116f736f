"""Stage 4: the publishing outlet, from signatures in the text (unknown stays unknown)."""

from __future__ import annotations

from .context import Context
from .model import Article


def find_outlet(article: Article, ctx: Context) -> Article:
    return article
