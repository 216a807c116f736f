"""Stage 5: publication date and dated events (the timeline's raw material).

``expressions`` finds date expressions, ``resolve`` turns them into dates, ``publication``
picks the publication date by order of trust, ``events`` makes timeline candidates.
"""

from __future__ import annotations

import datetime as dt

from ..context import Context
from ..model import Article
from .events import find_events
from .publication import anchor_of, find_publication


def find_dates(article: Article, ctx: Context, today: dt.date | None = None) -> Article:
    """Set ``article.published`` (unless an earlier stage did) and ``article.events``."""
    if article.published is None:
        article.published = find_publication(article, today or ctx.today, article.warnings)
    # A low-confidence date is not a warning: it is an honest result, and its reason is in the
    # front matter for the page to show. Warnings fail --strict builds.
    article.events = find_events(article.paragraphs, anchor_of(article.published))
    return article
