"""Editors' translations belong to the merge: a reworded Arabic item keeps its reviewed English
as a conflict ("the Arabic changed under a reviewed translation") until an editor settles it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import frontmatter
from generator.cli import main
from generator.collection.review_queue import build_queue
from generator.conflicts import CONFLICTS_FILE
from generator.context import Context
from generator.generate import Summary, generate
from generator.translate import reworded

from .conftest import REPO

# What a project copy needs: the committed pages, their merge bases and the memory too.
COPIED = ("articles", "docs", "generated", "templates", "schema")
COPIED_FILES = ("translation-memory.yml", "mkdocs.yml", "mkdocs.en.yml")
ARTICLE = next((REPO / "articles").glob("000_*.txt")).name
PAGE = "docs/briefings/" + next((REPO / "docs" / "briefings").glob("000-*.md")).name


def copy_project(target: Path) -> Path:
    for name in COPIED:
        shutil.copytree(REPO / name, target / name)
    for name in COPIED_FILES:
        shutil.copy2(REPO / name, target / name)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def run(root: Path, *, force: bool = False) -> Summary:
    return generate(Context.for_project(root), translator_choice="none", force=force)


def front_matter(root: Path) -> Any:
    return frontmatter.read_page(root / PAGE).data


def reword(root: Path, old: str, new: str) -> None:
    """A new scrape of the article: one wording changed wherever it occurs."""
    path = root / "articles" / ARTICLE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def edit_english(root: Path, record: Any, text: str) -> None:
    """The editor rewrites an English text on the page (status reviewed, as the desk does)."""
    page = frontmatter.read_page(root / PAGE)
    found = record(page.data)
    found["en"]["text"] = text
    found["en"]["status"] = "reviewed"
    frontmatter.write_page(root / PAGE, page.data, page.body)


def conflicts_file(root: Path) -> list[dict[str, Any]]:
    path = root / CONFLICTS_FILE
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else []


def _quote(data: Any) -> Any:
    return next(q for q in data["quotes"] if "ما هذه الرسالة" in q["ar"])


def _gist(data: Any) -> Any:
    return next(s for s in data["gist"] if "مساء" in s["ar"])


def _headline(data: Any) -> Any:
    return data["headline"]


# (item, where the page names it, the article's old wording, the new one, the editor's English)
REWORDINGS = [
    pytest.param(
        _quote,
        "quotes.{id}.en",
        "لا أعرف ما هذه الرسالة",
        "لا أدري ما هذه الرسالة",
        "I do not know what this letter is... We are trying to find out where it came from, "
        "but no decision to withdraw from Iraq has been taken",
        id="quote",
    ),
    pytest.param(
        _gist,
        "gist.0.en",
        "مساء أمس الاثنين",
        "مساء الاثنين",
        "On Monday evening, US Defence Secretary Mark Esper denied any plan to withdraw "
        "US forces from Iraq.",
        id="gist-sentence",
    ),
    pytest.param(
        _headline,
        "headline.en",
        "الدفاع الأمريكية تنفي",
        "وزارة الدفاع الأمريكية تنفي",
        "Pentagon denies any plan to pull its troops out of Iraq",
        id="headline",
    ),
]


@pytest.mark.parametrize(("record", "key", "old", "new", "english"), REWORDINGS)
def test_a_reworded_item_keeps_the_editors_english_as_a_conflict(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    record: Any,
    key: str,
    old: str,
    new: str,
    english: str,
) -> None:
    edit_english(project, record, english)
    old_ar = record(front_matter(project))["ar"]
    reword(project, old, new)

    summary = run(project)

    item = record(front_matter(project))
    assert new in item["ar"]
    # A translation of the earlier wording is never shown as reviewed for the new one.
    assert item["en"] == {"status": "pending"}
    key = key.format(id=item.get("id"))
    expected = {
        "page": PAGE,
        "key": key,
        "kind": "arabic-changed",
        "editor": {"ar": old_ar, "en": english},
        "generated": {"ar": item["ar"]},
    }
    assert conflicts_file(project) == [expected]
    assert [c.to_data() for c in summary.conflicts] == [expected]

    # The review queue shows it with both texts, on the command line and in --json.
    assert main(["--project", str(project), "review", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)["items"]
    (listed,) = [i for i in items if i["kind"] == "conflict"]
    assert listed["key"] == key and listed["page"] == PAGE
    assert listed["values"] == {"key": key, "old": old_ar, "english": english, "new": item["ar"]}
    for text in (old_ar, english, item["ar"]):
        assert text in listed["why"]
    assert "the Arabic changed under a reviewed translation" in listed["why"]

    # A rerun, forced or not, keeps the conflict while the editor has not settled it.
    run(project)
    run(project, force=True)
    assert conflicts_file(project) == [expected]

    # The editor settles it by writing the English of the new wording, marked reviewed.
    edit_english(project, record, english.replace("Monday", "Monday,"))
    assert [i for i in build_queue(project).items if i.kind == "conflict"] == []
    run(project)
    assert conflicts_file(project) == []
    assert record(front_matter(project))["en"]["status"] == "reviewed"


# A new quote by the same speaker, in a paragraph of its own after the reworded one's.
AFTER = 'أي قرار للانسحاب من العراق".\n'
UNRELATED = 'وقال إسبر للصحفيين إن "الجنود الأمريكيين سيبقون في قواعدهم في العراق حتى إشعار آخر".'


def test_an_unrelated_new_quote_records_no_conflict(project: Path) -> None:
    before = front_matter(project)
    reword(project, AFTER, f"{AFTER}\n{UNRELATED}\n")

    summary = run(project)

    # The new quote and gist sentence take the places of others (five of each are kept), but
    # they reword none of them: nothing to settle, and every translation left stays.
    assert summary.conflicts == [] and conflicts_file(project) == []
    after = front_matter(project)
    english = {q["ar"]: q["en"] for q in [*before["quotes"], *before["gist"]]}
    for item in [*after["quotes"], *after["gist"]]:
        if item["ar"] in english:
            assert item["en"] == english[item["ar"]]
        else:
            assert "حتى إشعار آخر" in item["ar"] and item["en"] == {"status": "pending"}


def test_a_wording_changed_twice_still_shows_the_english_the_editor_wrote(project: Path) -> None:
    english = "I do not know what this letter is"
    edit_english(project, _quote, english)
    old_ar = _quote(front_matter(project))["ar"]
    reword(project, "لا أعرف ما هذه الرسالة", "لا أدري ما هذه الرسالة")
    run(project)
    reword(project, "نحاول معرفة من أين أتت", "نحاول أن نعرف من أين أتت")
    run(project)
    quote = _quote(front_matter(project))
    assert "نحاول أن نعرف" in quote["ar"] and quote["en"] == {"status": "pending"}
    (conflict,) = conflicts_file(project)
    assert conflict["key"] == f"quotes.{quote['id']}.en"
    assert conflict["editor"] == {"ar": old_ar, "en": english}
    assert conflict["generated"] == {"ar": quote["ar"]}


@pytest.mark.parametrize(
    ("status", "conflicts"), [("reviewed", ["quotes.q-new.en"]), ("machine", [])]
)
def test_only_a_reviewed_translation_becomes_a_conflict(status: str, conflicts: list[str]) -> None:
    def quote(qid: str, ar: str, en: dict[str, str]) -> dict[str, Any]:
        return {"id": qid, "speaker": {"kind": "person", "ar": "مارك إسبر"}, "ar": ar, "en": en}

    before = {"quotes": [quote("q-old", "لا أعرف ما هذه الرسالة", {"text": "I", "status": status})]}
    after = {"quotes": [quote("q-new", "لا أدري ما هذه الرسالة", {"status": "pending"})]}
    found = reworded.reworded("p.md", reworded.reviewed(before), after)
    assert [c.key for c in found] == conflicts


@pytest.mark.parametrize(
    ("old", "new", "matched"),
    [
        ("لا أعرف ما هذه الرسالة", "لا أدري ما هذه الرسالة", True),
        ("لا أعرف ما هذه الرسالة", "لا أعرفُ ما هذه الرسالةُ", True),  # diacritics do not count
        # The same speaker, the same story, another statement.
        ("بلاده ليست لديها خطط لسحب قواتها من العراق", "لا أعرف ما هذه الرسالة", False),
        ("الجنود سيبقون في قواعدهم في العراق", "بلاده ليست لديها خطط لسحب قواتها من العراق", False),
    ],
)
def test_a_reworded_item_is_told_from_another_by_its_words(
    old: str, new: str, matched: bool
) -> None:
    assert (reworded.similarity(old, new) >= reworded.SIMILAR) is matched
