"""Duplicates: the same story saved twice is one briefing; two reports of one event are two."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import same_story
from generator.context import Context
from generator.model import Article, Headline, Outlet, Sidecar
from generator.same_story import find_pairs, merge, same_story_pairs, shingles, similarity
from generator.same_story_cache import ShingleCache

from .conftest import SAMPLE_ARTICLES

ROOT = Path(__file__).resolve().parent.parent
CTX = Context.for_project(ROOT)
STORY = [
    "نفى وزير الدفاع الأمريكي مارك إسبر مساء أمس الاثنين وجود خطط لانسحاب القوات الأمريكية "
    "من العراق.",
    "وقال إسبر لصحفيين في البنتاغون ردا على سؤال بشأن الرسالة إنه لا يوجد قرار على الإطلاق "
    "بالانسحاب من العراق، مضيفا أنه لم تصدر حتى خطط للاستعداد للانسحاب.",
    "وجاءت هذه الرسالة بعد يوم من إصدار البرلمان العراقي قراراً يدعو كل القوات الأجنبية إلى "
    "مغادرة البلاد.",
    "وتنص هذه الرسالة التي وقعها العميد وليام سيلي الثالث قائد قوة المهمات الأميركية في العراق "
    "على إعادة تمركز القوات خلال الأيام والأسابيع القادمة.",
]
# The same event told by another outlet (seed 001): shared names and quotes, other sentences.
OTHER_REPORT = [
    "نفى وزير الدفاع الأمريكي، مارك إسبر، وجود قرار بسحب القوات الأمريكية من العراق، وذلك بعدما "
    "أشارت رسالة من جنرال أمريكي إلى احتمال الانسحاب.",
    "لكنّ إسبر أكّد أنّه لا يوجد أيّ قرار على الإطلاق بمغادرة العراق، وفق بي بي سي.",
    "يعتقد أنّ الرسالة بعث بها وليام إتش سيلي، قائد قوة المهمات الأمريكية في العراق، إلى عبد "
    "الأمير، نائب قائد العمليات المشتركة.",
]


def article(name: str, paragraphs: list[str], **fields: object) -> Article:
    return Article(
        source=ROOT / "articles" / name, paragraphs=list(paragraphs), sha256="0" * 64, **fields
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("copy", "same"),
    [
        pytest.param(STORY, True, id="identical"),
        pytest.param(STORY[:-1], True, id="last-paragraph-missing"),
        pytest.param([STORY[0], "صورة: أرشيفية", *STORY[1:]], True, id="leftover-caption"),
        pytest.param(
            [p.replace("قراراً", "قرارا").replace("أ", "ا") for p in STORY],
            True,
            id="other-hamza-and-tanween",
        ),
        pytest.param([" ".join(STORY)], True, id="paragraphs-joined"),
        pytest.param(OTHER_REPORT, False, id="same-event-other-report"),
        pytest.param(STORY[:1], False, id="lead-only-is-a-teaser-not-a-copy"),
    ],
)
def test_same_story(copy: list[str], same: bool) -> None:
    pairs = same_story_pairs(["\n\n".join(STORY), "\n\n".join(copy)])
    assert pairs == ([(0, 1)] if same else [])


def test_sample_articles_are_five_stories() -> None:
    bodies = [p.read_text("utf-8") for p in SAMPLE_ARTICLES]
    assert same_story_pairs(bodies) == []


def test_merged_briefing_lists_both_sources_and_keeps_the_better_copy() -> None:
    plain = article(
        "a.txt", STORY[:-1], headline=Headline(ar="نفى وزير الدفاع", provenance="derived")
    )
    better = article(
        "b.txt", STORY, headline=Headline(ar="الدفاع الأمريكية تنفي", provenance="detected")
    )
    other = article("c.txt", OTHER_REPORT, headline=Headline(ar="ما قصة رسالة الانسحاب؟"))
    stories = merge([plain, better, other], CTX)
    assert stories == [better, other]
    assert [s.path for s in better.duplicates] == ["articles/a.txt"]
    assert better.warnings == ["same story as a.txt: merged"]


def test_outlet_found_in_one_copy_is_kept() -> None:
    rudaw = Outlet(id="rudaw", ar="رووداو", en="Rudaw", evidence="rudaw")
    first = article("a.txt", STORY, headline=Headline(ar="x"))
    second = article("b.txt", STORY, headline=Headline(ar="x"), outlet=rudaw)
    (story,) = merge([first, second], CTX)
    assert story.outlet == rudaw


def test_editor_copy_becomes_the_briefing() -> None:
    first = article("a.txt", STORY, headline=Headline(ar="x"))
    edited = article(
        "b.txt", STORY, headline=Headline(ar="y", provenance="editor"), sidecar=Sidecar(title="y")
    )
    (story,) = merge([first, edited], CTX)
    assert story is edited


def test_three_copies_chain_into_one_story() -> None:
    copies = [article(f"{n}.txt", STORY) for n in "abc"]
    copies[2].paragraphs = [STORY[0], "صورة: أرشيفية", *STORY[1:]]
    (story,) = merge(copies, CTX)
    assert sorted(s.path for s in story.duplicates) == sorted(
        f"articles/{c.source.name}" for c in copies if c is not story
    )


words = st.lists(st.sampled_from(" ".join(STORY + OTHER_REPORT).split()), max_size=80).map(" ".join)


@given(words, words)
@settings(max_examples=200)
def test_similarity_is_symmetric_and_self_similar(a: str, b: str) -> None:
    sa, sb = shingles(a), shingles(b)
    assert similarity(sa, sb) == similarity(sb, sa)
    if sa:
        assert similarity(sa, sa).same_story


def test_thresholds_are_documented_values() -> None:
    assert (same_story.MIN_RESEMBLANCE, same_story.MIN_CONTAINMENT) == (0.8, 0.9)


# --- what a run keeps for the next ------------------------------------------------------------

COPY = [STORY[0], "صورة: أرشيفية", *STORY[1:]]
TEXTS = ["\n\n".join(STORY), "\n\n".join(OTHER_REPORT), "\n\n".join(COPY), "", "\n\n".join(STORY)]


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda t: t, id="nothing"),
        pytest.param(lambda t: [*t[:1], "\n\n".join(STORY[:1]), *t[2:]], id="a-text-changed"),
        pytest.param(lambda t: [*t, "\n\n".join(OTHER_REPORT[:2])], id="a-copy-added"),
        pytest.param(lambda t: t[1:], id="a-text-removed"),
        pytest.param(lambda t: [t[2], t[0], *t[3:], ""], id="reordered-and-empty"),
    ],
)
def test_kept_pairs_give_what_comparing_every_text_gives(tmp_path: Path, change) -> None:
    cache = ShingleCache(tmp_path)
    _, found = find_pairs(TEXTS, cache.load())
    cache.save(found)
    texts = change(TEXTS)
    kept = cache.load()
    assert kept is not None
    assert find_pairs(texts, kept)[0] == same_story_pairs(texts)


def test_only_new_texts_are_shingled_when_pairs_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ShingleCache(tmp_path)
    cache.save(find_pairs(TEXTS, None)[1])
    shingled = []
    monkeypatch.setattr(same_story, "shingles", lambda t: shingled.append(t) or shingles(t))
    new = "\n\n".join(OTHER_REPORT[:2])
    pairs = find_pairs([*TEXTS, new], cache.load())[0]
    assert shingled == [new]
    assert pairs == [(0, 2), (0, 4), (1, 5), (2, 4)]  # the new text is part of report 1


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b[: len(b) // 2], id="truncated"),
        pytest.param(lambda b: b.replace(b'"version": "', b'"version": "0'), id="other-version"),
        pytest.param(lambda b: b"not json\n", id="not-json"),
    ],
)
def test_an_unreadable_cache_is_ignored(tmp_path: Path, damage) -> None:
    cache = ShingleCache(tmp_path)
    cache.save(find_pairs(TEXTS, None)[1])
    cache.path.write_bytes(damage(cache.path.read_bytes()))
    assert cache.load() is None


def test_merge_with_the_cache_merges_as_without(tmp_path: Path) -> None:
    def articles() -> list[Article]:
        return [article(f"{n}.txt", text.split("\n\n")) for n, text in enumerate(TEXTS[:3])]

    cache = ShingleCache(tmp_path)
    for _ in range(2):  # the first run fills the cache, the second reads it
        stories = merge(articles(), CTX, cache)
        assert [s.source.name for s in stories] == ["2.txt", "1.txt"]  # the longer copy
        assert [d.path for d in stories[0].duplicates] == ["articles/0.txt"]
    assert cache.path.is_file()


def test_shingles_are_the_same_in_every_process() -> None:
    """Kept between runs, they must not depend on the process's string hash salt."""
    code = f"from generator.same_story import shingles; print(sorted(shingles({STORY[1]!r})))"
    found = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert found == {f"{sorted(shingles(STORY[1]))}\n"}
