"""The analysis pipeline: every stage is ``(Article, Context) -> Article``, listed once, in order.

Phase one (here) analyses each article on its own, after one pre-pass over the whole set:
the lines that recur on several pages of one site (``generator.site_repeats``), which the
clean stage drops as page chrome. Phase two (``generate`` and the site plugin) works on the
whole set: duplicates, slugs, the timeline and cross-links.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from . import clean, dates, entities, figures, gist, headline, ingest, outlet, quotes, site_repeats
from .cache import AnalysisCache, SiteLinesCache
from .context import Context
from .deadline import StageTimeout, deadline
from .errors import BriefingError, InputError, StageError
from .model import Article
from .speed.forking import worker_context
from .speed.gcpause import cycle_collector_paused

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


def analyse(path: Path, ctx: Context, recurring: frozenset[str] = frozenset()) -> Article | Skipped:
    """Run every stage on one input file; a failure names the file and the stage.

    ``recurring``: the digests of its lines that recur on other pages of its site (the
    pre-pass, :func:`site_lines`), for the clean stage."""
    article = Article(source=path, recurring_lines=recurring)
    for name, stage in STAGES:
        try:
            with deadline(ctx.max_stage_seconds):  # a pathological input must not hang the run
                result = stage(article, ctx)
        except StageTimeout as exc:
            return Skipped(path, f"stage '{name}' {exc}, the time cap per stage; skipped")
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


def analyse_all(
    paths: list[Path],
    ctx: Context,
    *,
    workers: int | None = None,
    on_cached: Callable[[Path], None] | None = None,
    on_recleaned: Callable[[Path], None] | None = None,
    every_article: bool = False,
) -> Iterator[Article | Skipped]:
    """Analyse every input, yielding results in input order.

    An input analysed before with the same bytes, sidecar, settings and code comes from the
    analysis cache (``generator.cache``; ``on_cached`` is told which); the others are analysed
    in a process pool over every core (``workers``, default: all CPUs). ``on_recleaned`` is
    told the unchanged inputs whose recurring lines changed since the last run (a new page of
    their site). ``every_article``: ``paths`` are all the project's articles, and the cache
    keeps only their analyses.
    """
    cache = AnalysisCache(ctx)
    file_keys = [cache.key(path) for path in paths]
    recurring = site_lines(paths, file_keys, ctx, every_article=every_article)
    if every_article:
        for path in _recleaned(paths, file_keys, recurring, ctx):
            if on_recleaned is not None:
                on_recleaned(path)
    # An article's analysis depends on the lines it shares with other pages of its site.
    keys = [
        cache.with_recurring(key, lines) if key else None
        for key, lines in zip(file_keys, recurring, strict=True)
    ]
    with cycle_collector_paused():
        found = [
            cache.get(key, path) if key else None for key, path in zip(keys, paths, strict=True)
        ]
    todo = [
        (path, lines)
        for path, lines, result in zip(paths, recurring, found, strict=True)
        if result is None
    ]
    fresh = _analyse_many(todo, ctx, workers or os.cpu_count() or 1)
    for key, cached in zip(keys, found, strict=True):
        if cached is not None:
            if on_cached is not None:
                on_cached(cached.source)
            yield cached
            continue
        result = next(fresh)
        # Skips are not kept: a time cap hit on a busy machine must be retried.
        if key is not None and isinstance(result, Article):
            cache.put(key, result)
        yield result
    if every_article:
        cache.forget_all_but(key for key in keys if key is not None)


def site_lines(
    paths: list[Path], keys: list[str | None], ctx: Context, *, every_article: bool = False
) -> list[frozenset[str]]:
    """The pre-pass: for each input, the digests of its lines that recur on other pages of its
    site. Each file is read as the read stage reads it, once: its lines are kept in the cache
    under its key. A file that cannot be read has none (its analysis reports why)."""
    cache = SiteLinesCache(ctx)
    pages: list[site_repeats.PageLines | None] = []
    for path, key in zip(paths, keys, strict=True):
        found = cache.get(key) if key else None
        if found is None and key is not None:
            found = _read_lines(path, ctx)
            if found is not None:
                cache.put(key, found)
        pages.append(found)
    if every_article:
        cache.forget_all_but(key for key in keys if key is not None)
    return site_repeats.recurring_sets(pages)


def _recleaned(
    paths: list[Path], keys: list[str | None], recurring: list[frozenset[str]], ctx: Context
) -> list[Path]:
    cache = SiteLinesCache(ctx)
    last = cache.last_recurring()
    now = {
        key: AnalysisCache.with_recurring("", lines)
        for key, lines in zip(keys, recurring, strict=True)
        if key is not None
    }
    cache.remember_recurring(now)
    return [
        path
        for path, key in zip(paths, keys, strict=True)
        if key is not None and key in last and last[key] != now[key]
    ]


def _read_lines(path: Path, ctx: Context) -> site_repeats.PageLines | None:
    try:
        with deadline(ctx.max_stage_seconds):
            return site_repeats.page_lines(ingest.read(Article(source=path), ctx))
    except Exception:  # the analysis reads the file again and reports what is wrong with it
        return None


# Fewer articles than this are analysed in this process: starting workers would cost more.
POOL_FROM = 8

Job = tuple[Path, frozenset[str]]  # an input file and its recurring lines


def _analyse_many(jobs: list[Job], ctx: Context, workers: int) -> Iterator[Article | Skipped]:
    if workers < 2 or len(jobs) < POOL_FROM:
        yield from (analyse(path, ctx, lines) for path, lines in jobs)
        return
    # The first article here: it loads the language data, which forked workers then inherit.
    yield analyse(jobs[0][0], ctx, jobs[0][1])
    rest = jobs[1:]
    size = max(1, min(16, len(rest) // (workers * 8)))
    chunks = [rest[i : i + size] for i in range(0, len(rest), size)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=worker_context()) as pool:
        futures = [pool.submit(_analyse_chunk, chunk, ctx) for chunk in chunks]
        for chunk, future in zip(chunks, futures, strict=True):
            try:
                yield from future.result()
            except BrokenProcessPool:
                # A worker died (the OOM killer, a crash in C code) and the pool with it; which
                # article killed it is unknown. Each article not yet done is analysed again in
                # a process of its own, so only the one that kills it again is lost.
                yield from (_analyse_alone(job, ctx) for job in chunk)


def _analyse_chunk(jobs: list[Job], ctx: Context) -> list[Article | Skipped]:
    return [analyse(path, ctx, lines) for path, lines in jobs]


def _analyse_alone(job: Job, ctx: Context) -> Article | Skipped:
    path, lines = job
    with ProcessPoolExecutor(max_workers=1, mp_context=worker_context()) as pool:
        try:
            return pool.submit(analyse, path, ctx, lines).result()
        except BrokenProcessPool:
            return Skipped(
                path,
                "the process analysing it died (killed by the system, perhaps out of memory); "
                "skipped",
            )
