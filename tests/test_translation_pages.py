"""English fields of generated pages: filled from the memory, pending honestly, editors win."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import frontmatter
from generator.context import Context
from generator.generate import generate
from generator.translate.memory import TranslationMemory

from .conftest import REPO, make_project, project_files

SEED = sorted((REPO / "articles").glob("001_*.txt"))
HEADLINE_EN = "Esper denies any decision to withdraw US troops from Iraq"


@pytest.fixture
def one_article(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "project", articles=SEED)
    (root / "translation-memory.yml").unlink(missing_ok=True)
    return root


def page_of(root: Path) -> Path:
    (page,) = sorted((root / "docs" / "briefings").glob("*.md"))
    return page


def headline_ar(root: Path) -> str:
    return str(frontmatter.read_page(page_of(root)).data["headline"]["ar"])


def run(root: Path):  # noqa: ANN201 - the Summary
    return generate(Context.for_project(root), translator_choice="none")


def test_without_memory_every_english_field_is_pending_and_said_once(one_article: Path) -> None:
    summary = run(one_article)
    data = frontmatter.read_page(page_of(one_article)).data
    assert data["headline"]["en"] == {"status": "pending"}
    for kind in ("quotes", "events", "gist"):
        for item in data.get(kind, []):
            assert item["en"] == {"status": "pending"}, kind
    line = summary.translation.line()
    assert line.startswith("Translation: 0 text(s) from memory, 0 by engines (0 request(s)")
    assert "1 headline" in line and "translator 'none': memory only" in line
    assert "\n" not in line


def test_memory_fills_fields_and_a_rerun_rewrites_nothing(one_article: Path) -> None:
    run(one_article)
    memory = TranslationMemory(one_article / "translation-memory.yml")
    memory.record(
        headline_ar(one_article), HEADLINE_EN, engine="editor", date="2026-11-22", reviewed=True
    )
    memory.save()
    summary = run(one_article)
    assert summary.written == [page_of(one_article).stem]
    english = frontmatter.read_page(page_of(one_article)).data["headline"]["en"]
    assert english == {"text": HEADLINE_EN, "status": "reviewed", "engine": "editor"}
    assert summary.translation.from_memory == 1

    before = project_files(one_article)
    again = run(one_article)
    assert again.written == []
    assert project_files(one_article) == before


def test_an_editors_fix_is_learned_and_survives_regeneration(one_article: Path) -> None:
    run(one_article)
    memory = TranslationMemory(one_article / "translation-memory.yml")
    memory.record(
        headline_ar(one_article),
        "Esper deny withdraw",
        engine="google",
        date="2026-11-22",
        reviewed=False,
    )
    memory.save()
    run(one_article)
    path = page_of(one_article)
    text = path.read_text(encoding="utf-8")
    assert "text: Esper deny withdraw" in text and "status: machine" in text
    # The editor fixes the machine text in the page, leaves the status, adds a comment.
    path.write_text(
        text.replace("text: Esper deny withdraw", f"text: {HEADLINE_EN}  # fixed by the desk"),
        encoding="utf-8",
    )
    run(one_article)
    fixed = path.read_text(encoding="utf-8")
    assert f"text: {HEADLINE_EN}  # fixed by the desk" in fixed
    assert "status: reviewed" in fixed and "engine: editor" in fixed
    entry = TranslationMemory.load(one_article / "translation-memory.yml").get(
        headline_ar(one_article)
    )
    assert entry is not None and entry.en == HEADLINE_EN and entry.reviewed

    # A regenerated page (forced, as after an article change) takes the fix from the memory.
    generate(Context.for_project(one_article), translator_choice="none", force=True)
    english = frontmatter.read_page(path).data["headline"]["en"]
    assert english["text"] == HEADLINE_EN and english["status"] == "reviewed"


def test_a_reviewed_translation_typed_into_a_pending_field_is_kept(one_article: Path) -> None:
    run(one_article)
    path = page_of(one_article)
    text = path.read_text(encoding="utf-8")
    pending = "  en:\n    status: pending\n  provenance:"
    assert pending in text
    path.write_text(
        text.replace(
            pending, f"  en:\n    text: {HEADLINE_EN}\n    status: reviewed\n  provenance:", 1
        ),
        encoding="utf-8",
    )
    summary = run(one_article)
    assert summary.written == []  # the page already says what the memory now holds
    entry = TranslationMemory.load(one_article / "translation-memory.yml").get(
        headline_ar(one_article)
    )
    assert entry is not None and entry.reviewed and entry.engine == "editor"
