"""The analysis pipeline: every stage is ``(Article, Context) -> Article``, listed once, in order.

Phase one (here) analyses each article on its own. Phase two (``generate`` and the site
plugin) works on the whole set: duplicates, slugs, the timeline and cross-links.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import clean, dates, entities, figures, gist, headline, ingest, outlet, quotes
from .context import Context
from .errors import BriefingError, InputError, StageError
from .model import Article

Stage = Callable[[Article, Context], Article]

STAGES: list[tuple[str, Stage]] = [
    # 1. Read the file: size and binary checks, encoding, HTML extraction, sidecar.
    ("read", ingest.read),
    # 2. Clean: drop page chrome and noise, normalise, split into paragraphs.
    ("clean", clean.clean),
    # 3. Headline: the real headline line, or one derived from the lead.
    ("headline", headline.find_headline),
    # 4. Outlet: the publisher named by the text, the HTML or the sidecar.
    ("outlet", outlet.find_outlet),
    # 5. Dates: publication date (with confidence and source) and dated events for the timeline.
    ("dates", dates.find_dates),
    # 6. Entities: people, organisations, places, with English names (gazetteer + names.yml).
    ("entities", entities.find_entities),
    # 7. Quotes: direct quotes attributed to their speakers; the key ones, ranked.
    ("quotes", quotes.find_quotes),
    # 8. Figures: numbers with their unit (troops, percentages, sums), with English renderings.
    ("figures", figures.find_article_figures),
    # 9. Gist: the 3-5 key sentences (lead-aware, no boilerplate, no repeats), in reading order.
    ("gist", gist.find_gist),
]


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that produced no briefing, and why (shown in the run summary)."""

    path: Path
    reason: str


def analyse(path: Path, ctx: Context) -> Article | Skipped:
    """Run every stage on one input file; a failure names the file and the stage."""
    article = Article(source=path)
    for name, stage in STAGES:
        try:
            result = stage(article, ctx)
        except InputError as exc:
            return Skipped(path, exc.message)
        except BriefingError as exc:
            return Skipped(path, str(exc))
        except Exception as exc:  # a bug in a stage must not stop the other articles
            return Skipped(path, str(StageError(name, path, exc)))
        if not isinstance(result, Article):
            return Skipped(path, f"stage '{name}' returned {type(result).__name__}, not Article")
        article = result
    if article.headline is None:
        return Skipped(path, "no headline could be found or derived")
    return article


def analyse_all(paths: list[Path], ctx: Context) -> Iterator[Article | Skipped]:
    for path in paths:
        yield analyse(path, ctx)
