"""Caches by content hash: an unchanged article is not analysed again, an unchanged page is not
parsed again, and what a cache returns is exactly what the work it saves would have made."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest

from generator import frontmatter, pipeline
from generator.cache import AnalysisCache, analysis_version, code_version
from generator.collection import briefings
from generator.collection.briefings import PageCache, load_collection, read_fast
from generator.context import Context
from generator.frontmatter import load_briefing
from generator.generate import generate

from .conftest import SAMPLE_ARTICLES

SAMPLE_PAGES = sorted((Path(__file__).resolve().parent.parent / "docs/briefings").glob("*.md"))


def count_analyses(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts the articles the pipeline really analyses (by file name)."""
    counts: Counter[str] = Counter()
    real = pipeline.analyse

    def analyse(
        path: Path, ctx: Context, recurring: frozenset[str] = frozenset()
    ) -> pipeline.Article | pipeline.Skipped:
        counts[path.name] += 1
        return real(path, ctx, recurring)

    monkeypatch.setattr(pipeline, "analyse", analyse)
    return counts


# --- the analysis cache ---------------------------------------------------------------------


@pytest.mark.parametrize("path", SAMPLE_ARTICLES, ids=lambda p: p.stem[:3])
def test_a_cached_analysis_is_the_analysis(sample_project: Path, path: Path) -> None:
    ctx = Context.for_project(sample_project)
    article = sample_project / "articles" / path.name
    fresh = pipeline.analyse(article, ctx)
    assert isinstance(fresh, pipeline.Article)
    cache = AnalysisCache(ctx)
    key = cache.key(article)
    assert key is not None
    cache.put(key, fresh)
    cached = AnalysisCache(ctx).get(key, article)
    assert cached == fresh
    assert cached is not None and cached.source == article
    assert [f.name for f in dataclasses.fields(cached)] == [
        f.name for f in dataclasses.fields(fresh)
    ]


def test_unchanged_articles_are_not_analysed_again(
    sample_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = Context.for_project(sample_project)
    first = generate(ctx, translator_choice="none")
    pages = {p.name: p.read_bytes() for p in ctx.briefings_dir.glob("*.md")}
    assert len(first.written) == 5
    counts = count_analyses(monkeypatch)
    again = generate(ctx, force=True, translator_choice="none")
    assert counts == Counter()  # every analysis came from the cache ...
    assert again.read == 5
    # ... and a forced regeneration from cached analyses writes the very same pages.
    assert {p.name: p.read_bytes() for p in ctx.briefings_dir.glob("*.md")} == pages

    changed = sample_project / "articles" / SAMPLE_ARTICLES[2].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\nفقرة أضيفت للتجربة.\n", "utf-8")
    generate(ctx, translator_choice="none")
    assert counts == Counter({changed.name: 1})


def test_the_analyses_of_articles_changed_or_gone_are_deleted(sample_project: Path) -> None:
    """Every version of the code would otherwise leave a full set of analyses behind."""
    ctx = Context.for_project(sample_project)
    generate(ctx, translator_choice="none")
    folder = sample_project / ".cache" / "analysis"
    assert len(list(folder.iterdir())) == 5
    stale = folder / f"{'0' * 64}.json"  # as another version of the code left it
    stale.write_text("{}", encoding="utf-8")
    changed = sample_project / "articles" / SAMPLE_ARTICLES[2].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\nفقرة أضيفت للتجربة.\n", "utf-8")
    (sample_project / "articles" / SAMPLE_ARTICLES[0].name).unlink()
    generate(ctx, translator_choice="none")
    cache = AnalysisCache(ctx)
    articles = sorted((sample_project / "articles").glob("*.txt"))
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{cache.key(path)}.json" for path in articles
    )


def test_a_run_reads_round_trip_only_the_pages_it_writes(
    sample_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = Context.for_project(sample_project)
    generate(ctx, translator_choice="none")
    read: list[str] = []
    real = frontmatter.read_page

    def read_page(path: Path) -> frontmatter.Page:
        read.append(path.name)
        return real(path)

    monkeypatch.setattr(frontmatter, "read_page", read_page)
    again = generate(ctx, translator_choice="none")
    assert again.written == [] and read == []  # nothing to write: no page read round-trip

    changed = sample_project / "articles" / SAMPLE_ARTICLES[2].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\nفقرة أضيفت للتجربة.\n", "utf-8")
    third = generate(ctx, translator_choice="none")
    assert read == [f"{slug}.md" for slug in third.written] and len(read) == 1


@pytest.mark.parametrize(
    ("change", "same"),
    [
        ("nothing", True),
        ("article text", False),
        ("a sidecar added", False),
        ("names.yml added", False),
        ("another reference day", False),
        ("the file renamed", False),
    ],
)
def test_the_key_covers_everything_the_analysis_reads(
    sample_project: Path, change: str, same: bool
) -> None:
    article = sample_project / "articles" / SAMPLE_ARTICLES[0].name
    before = AnalysisCache(Context.for_project(sample_project)).key(article)
    ctx = Context.for_project(sample_project)
    if change == "article text":
        article.write_text(article.read_text(encoding="utf-8") + "\nسطر.\n", encoding="utf-8")
    elif change == "a sidecar added":
        article.with_name(article.stem + ".meta.yml").write_text("outlet: rudaw\n", "utf-8")
    elif change == "names.yml added":
        (sample_project / "names.yml").write_text("mark-esper:\n  en: Mark T. Esper\n", "utf-8")
    elif change == "another reference day":
        ctx.today = ctx.today - dt.timedelta(days=1)
    elif change == "the file renamed":
        article = article.rename(article.with_name("renamed.txt"))
    assert (AnalysisCache(ctx).key(article) == before) is same


def test_an_unreadable_entry_is_analysed_again(sample_project: Path) -> None:
    ctx = Context.for_project(sample_project)
    article = sample_project / "articles" / SAMPLE_ARTICLES[1].name
    cache = AnalysisCache(ctx)
    key = cache.key(article)
    assert key is not None
    cache._path(key).parent.mkdir(parents=True, exist_ok=True)
    cache._path(key).write_text('{"source": "truncated', encoding="utf-8")
    assert cache.get(key, article) is None
    [result] = pipeline.analyse_all([article], ctx)
    assert isinstance(result, pipeline.Article)
    assert AnalysisCache(ctx).get(key, article) == result  # rewritten


def test_the_process_pool_gives_the_same_results_in_order(
    sample_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = Context.for_project(sample_project)
    paths = sorted((sample_project / "articles").glob("*.txt"))
    sequential = list(pipeline.analyse_all(paths, ctx, workers=1))
    shutil.rmtree(sample_project / ".cache")
    monkeypatch.setattr(pipeline, "POOL_FROM", 2)
    pooled = list(pipeline.analyse_all(paths, ctx, workers=2))
    assert pooled == sequential
    assert [a.source for a in pooled] == paths  # type: ignore[union-attr]


def test_the_analysis_version_leaves_out_the_site_code() -> None:
    assert analysis_version() == code_version(exclude=("site", "translate"))
    assert analysis_version() != code_version()


# --- reading briefing pages -------------------------------------------------------------------

PAGE = """---
schema: 1
id: {id}
headline:
  ar: {headline}
  en:
    status: pending
  provenance: detected
sources:
  - path: articles/000.txt
    sha256: {sha}
    format: txt
    encoding: utf-8
entities:
  - id: mark-esper
    type: person
    ar: مارك إسبر
    en: Mark Esper
    mentions: {mentions}
reviewed: {reviewed}
---

نفى وزير الدفاع الأمريكي مارك إسبر وجود خطط للانسحاب.
"""


def page(
    *,
    id: str = "000-sample",
    headline: str = "الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق",
    mentions: str = "3",
    reviewed: str = "false",
    extra: str = "",
) -> str:
    text = PAGE.format(id=id, headline=headline, sha="a" * 64, mentions=mentions, reviewed=reviewed)
    return text.replace("reviewed:", extra + "reviewed:") if extra else text


# Pages the fast reader must read exactly as the round-trip reader does, or leave to it.
@pytest.mark.parametrize(
    ("text", "fast"),
    [
        (page(), True),
        (page(headline='"نعم: قالها"'), True),  # quoted
        (page(reviewed="true"), True),
        (page(reviewed="yes"), False),  # YAML 1.1 says true, 1.2 says "yes"
        (page(mentions="010"), False),  # 8 in YAML 1.1, 10 in 1.2
        (page(mentions="1_000"), False),
        (page(headline="no"), False),  # a trap the round-trip reader reports
        (page(headline="12:30"), False),
        (page(headline="2020-01-07"), False),
        (page(headline='"قال\u2028الوزير"'), False),  # a YAML 1.1 line break
        (page(extra="reviewed: true\n"), False),  # a duplicate key
        (page(extra="# تعليق المحرر\n"), True),  # a comment
        (page(headline="&anchor العراق"), False),
        (page(headline="*alias"), False),
        (page(headline="!tag العراق"), False),
        (page(headline="[العراق, &a بغداد]"), False),  # a flow sequence with an anchor
        (page(headline="لا عزاء للأغبياء !!.. مبروك"), True),  # "!" inside text
        (page(headline="نحو 5 * 3 & أكثر"), True),
        (page(extra="locked: [published, &a headline]\n"), False),
        (page(extra="locked:\n  - !!str published\n"), False),
        (page(extra="locked: [published]\n"), True),
        (page(id="not-the-file-name"), True),  # valid YAML; the id check comes after
        (page(mentions="-1"), False),  # invalid: left to the round-trip reader's messages
    ],
)
def test_the_fast_reader_reads_what_the_round_trip_reader_reads(
    tmp_path: Path, text: str, fast: bool
) -> None:
    path = tmp_path / "000-sample.md"
    path.write_text(text, encoding="utf-8")
    found = read_fast(path, path.read_bytes())
    assert (found is not None) is fast
    if found is not None:
        briefing, page_ = load_briefing(path)
        assert found == (briefing, page_.body)


@pytest.mark.parametrize("path", SAMPLE_PAGES, ids=lambda p: p.stem[:3])
def test_the_sample_pages_are_read_fast_and_the_same(path: Path) -> None:
    found = read_fast(path, path.read_bytes())
    briefing, page_ = load_briefing(path)
    assert found == (briefing, page_.body)


def copy_docs(tmp_path: Path) -> Path:
    docs = tmp_path / "project" / "docs"
    (docs / "briefings").mkdir(parents=True)
    for path in SAMPLE_PAGES:
        shutil.copy2(path, docs / "briefings" / path.name)
    return docs


def test_pages_are_parsed_once_and_the_collection_comes_back_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = copy_docs(tmp_path)
    parsed: Counter[str] = Counter()
    real = briefings._read_entry

    def read_entry(path: Path, *args: object) -> object:
        parsed[path.name] += 1
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(briefings, "_read_entry", read_entry)
    first = load_collection(docs)
    assert first.entries == load_collection(docs, cache=False).entries
    assert load_collection(docs) is first  # same process: the same object
    monkeypatch.setattr(PageCache, "_projects", {})  # a new process, as the next run is
    again = load_collection(docs)
    assert again.entries == first.entries
    assert parsed == Counter({p.name: 2 for p in SAMPLE_PAGES})  # first run, and cache=False

    edited = docs / "briefings" / SAMPLE_PAGES[0].name
    edited.write_text(edited.read_text("utf-8").replace("reviewed: false", "reviewed: true"))
    changed = load_collection(docs)
    assert parsed[edited.name] == 3
    assert changed.entries[0].briefing.reviewed is not first.entries[0].briefing.reviewed
    assert changed.entries[1:] == first.entries[1:]


def test_a_damaged_page_cache_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = copy_docs(tmp_path)
    first = load_collection(docs)
    for cached in (docs.parent / briefings.PAGES_DIR).iterdir():
        cached.write_bytes(cached.read_bytes()[:100])
    monkeypatch.setattr(PageCache, "_projects", {})
    assert load_collection(docs).entries == first.entries
