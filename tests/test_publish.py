"""Publication, step by step: each step of PUBLISH_STEPS run on a small Publication."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from generator import frontmatter
from generator.briefing_pages import OnDisk, index_by_source
from generator.config import TranslationSettings
from generator.context import Context
from generator.model import Article, Headline
from generator.publish import (
    PUBLISH_STEPS,
    Publication,
    hold_locked,
    learn_from_editors,
    regenerate_pages,
    restore_locked,
    translate,
    write_kept,
)
from generator.translate.service import open_translator

HEADLINE = "الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق"
ENGLISH = "US Defence denies plans to withdraw its forces from Iraq"
STORY = ["نفى وزير الدفاع الأمريكي مارك إسبر وجود أي خطط لسحب القوات.", "وأفادت الرسالة بغير ذلك."]


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture
def ctx(tmp_path: Path) -> Context:
    (tmp_path / "articles").mkdir()
    (tmp_path / "docs" / "briefings").mkdir(parents=True)
    return Context(root=tmp_path, articles_dir=tmp_path / "articles", docs_dir=tmp_path / "docs")


def publication(ctx: Context, **options: Any) -> Publication:
    translator = open_translator(
        ctx.root, TranslationSettings(translator="none"), "2026-01-01", choice="none"
    )
    return Publication(translator, **options)


def remember(pub: Publication, engine: str, *, reviewed: bool) -> None:
    """The memory holds ENGLISH for the headline."""
    pub.translator.memory.record(
        HEADLINE, ENGLISH, engine=engine, date="2026-01-01", reviewed=reviewed
    )


def page_data(slug: str, source: str, *, en: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "schema": 1,
        "id": slug,
        "headline": {"ar": HEADLINE, "en": en or {"status": "pending"}},
        "sources": [{"path": source, "sha256": sha(source), "format": "txt", "encoding": "utf-8"}],
    }


def on_disk(ctx: Context, slug: str, data: dict[str, Any]) -> OnDisk:
    path = ctx.briefings_dir / f"{slug}.md"
    frontmatter.write_page(path, data, "\n\n".join(STORY))
    return OnDisk(path, frontmatter.read_page(path).data, "\n\n".join(STORY), round_trip=True)


def story(ctx: Context, name: str, sha256: str) -> Article:
    return Article(
        source=ctx.articles_dir / name,
        sha256=sha256,
        paragraphs=list(STORY),
        headline=Headline(ar=HEADLINE),
    )


def test_the_steps_keep_their_order_rules() -> None:
    names = [name for name, _ in PUBLISH_STEPS]
    assert names == [
        "schema",
        "discover",
        "pages",
        "earlier conflicts",
        "analyse",
        "hold locked",
        "learn from editors",
        "stories",
        "regenerate",
        "translate",
        "restore locked",
        "write regenerated",
        "write kept",
        "conflicts",
    ]
    order = names.index
    # Locked values are held before any page changes and put back before any page is written.
    assert order("hold locked") < order("learn from editors") < order("regenerate")
    assert order("translate") < order("restore locked") < order("write regenerated")
    # Editors' translations reach the memory before the translation pass reads it.
    assert order("learn from editors") < order("translate")


def test_an_unchanged_story_keeps_its_page_and_a_new_one_gets_a_page(ctx: Context) -> None:
    old = on_disk(ctx, "old", page_data("old", "articles/old.txt"))
    pub = publication(ctx, pages=[old], existing=index_by_source([old]))
    pub.stories = [story(ctx, "old.txt", sha("articles/old.txt")), story(ctx, "new.txt", "f" * 64)]
    regenerate_pages(pub, ctx)
    assert [a.slug for a in pub.stories] == ["old", "new"]
    assert [item.path.name for item in pub.regenerated] == ["new.md"]
    assert pub.regenerated[0].generated["headline"]["ar"] == HEADLINE
    assert pub.kept == [old]
    assert pub.conflicts == []


def test_force_regenerates_an_unchanged_story_merged_with_its_page(ctx: Context) -> None:
    old = on_disk(ctx, "old", page_data("old", "articles/old.txt"))
    pub = publication(ctx, force=True, pages=[old], existing=index_by_source([old]))
    pub.stories = [story(ctx, "old.txt", sha("articles/old.txt"))]
    regenerate_pages(pub, ctx)
    (item,) = pub.regenerated
    assert item.path == old.path and item.data is old.data  # merged into the editor's page
    assert pub.kept == []


def test_a_blocked_page_is_not_regenerated(ctx: Context) -> None:
    old = on_disk(ctx, "old", page_data("old", "articles/old.txt"))
    pub = publication(
        ctx, force=True, pages=[old], existing=index_by_source([old]), blocked={old.path}
    )
    pub.stories = [story(ctx, "old.txt", sha("articles/old.txt"))]
    regenerate_pages(pub, ctx)
    assert pub.regenerated == []
    assert pub.summary.warnings == [
        "old.md: not regenerated: fix its front matter first (briefings check)"
    ]


def test_translation_results_are_kept_by_page(ctx: Context) -> None:
    first = on_disk(ctx, "first", page_data("first", "articles/first.txt"))
    second = on_disk(ctx, "second", page_data("second", "articles/second.txt"))
    second.data["headline"]["ar"] = "عنوان آخر لا تعرفه الذاكرة"
    pub = publication(ctx, pages=[first, second], kept=[first, second])
    remember(pub, "google", reviewed=True)
    translate(pub, ctx)
    assert pub.translated == {first.path}
    assert first.data["headline"]["en"]["text"] == ENGLISH
    assert (ctx.root / "translation-memory.yml").is_file()  # saved when the pass ends


def test_a_locked_english_survives_the_translation_pass(ctx: Context) -> None:
    data = page_data("old", "articles/old.txt", en={"text": "Mine", "status": "machine"})
    data["locked"] = ["headline.en"]
    old = on_disk(ctx, "old", data)
    pub = publication(ctx, pages=[old], kept=[old])
    remember(pub, "editor", reviewed=True)
    hold_locked(pub, ctx)
    translate(pub, ctx)
    assert old.data["headline"]["en"]["text"] == ENGLISH  # the pass edits in place ...
    restore_locked(pub, ctx)
    assert old.data["headline"]["en"] == {"text": "Mine", "status": "machine"}  # ... undone


def test_a_page_an_editor_reviewed_is_written_even_when_nothing_was_translated(
    ctx: Context,
) -> None:
    en = {"text": "An editor's headline", "status": "machine", "engine": "google"}
    old = on_disk(ctx, "old", page_data("old", "articles/old.txt", en=en))
    untouched = on_disk(ctx, "untouched", page_data("untouched", "articles/untouched.txt"))
    pub = publication(ctx, pages=[old, untouched], kept=[old, untouched])
    remember(pub, "google", reviewed=False)
    learn_from_editors(pub, ctx)
    assert pub.edited == {old.path}
    write_kept(pub, ctx)
    assert (pub.summary.written, pub.summary.unchanged) == (["old"], ["untouched"])
    assert "status: reviewed" in old.path.read_text(encoding="utf-8")
