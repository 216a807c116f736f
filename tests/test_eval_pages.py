"""Quality gate: whole-page text through the real stages stays within eval/floors/pages.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from . import eval_scripts

script = eval_scripts.load("pages")
page_text = eval_scripts.load("page_text")
CORPUS = script.corpus_dir()
FLOORS = json.loads(script.FLOORS.read_text(encoding="utf-8"))


def test_floors_are_pinned_for_every_figure() -> None:
    assert set(FLOORS) == set(script.DIRECTION)


def test_pages_meet_their_floors() -> None:
    eval_scripts.require_corpus(CORPUS)
    figures = script.evaluate(CORPUS)["figures"]
    assert set(figures) == set(script.DIRECTION)
    assert script.check(figures, FLOORS) == []


def test_page_text_reproduces_the_corpus_pages() -> None:
    # The .txt of pages-dev were made by the same rules: byte for byte, every page.
    eval_scripts.require_corpus(CORPUS)
    for row in script.read_rows(CORPUS):
        expected = (CORPUS / row["file"]).read_text("utf-8")
        assert page_text.page_text(CORPUS / row["html_file"]) == expected, row["file"]


@pytest.mark.parametrize(
    ("html", "text"),
    [
        pytest.param(
            "<html><head><title>وزارة العمل - اليوم السابع</title><script>var a='x';</script>"
            "</head><body><ul><li>الرئيسية</li><li>عاجل</li></ul>"
            "<p>تستعد <a href='/t'>وزارة العمل</a>، خلال الفترة المُقبلة</p></body></html>",
            "وزارة العمل - اليوم السابع\n\nالرئيسية\n\nعاجل\n\n"
            "تستعد وزارة العمل، خلال الفترة المُقبلة\n",
            id="title-first-blocks-apart-links-inline",
        ),
        pytest.param(
            "<div><a>من نحن</a>\n   <a>اتصل بنا</a></div><div>21<sup>o</sup></div>",
            "من نحن\nاتصل بنا\n\n21o\n",
            id="source-line-breaks-kept",
        ),
        pytest.param(
            "<p>&#1575;&#1604;&#1591;&#1576;&#1593;&#1577;:&nbsp;&nbsp;x</p><svg><title>i</title>"
            "</svg><noscript>n</noscript><p>a<br/>b</p>",
            "الطبعة: x\n\na\nb\n",
            id="entities-and-hidden-elements",
        ),
    ],
)
def test_visible_text(html: str, text: str) -> None:
    assert page_text.visible_text(html) == text


def test_page_text_names_an_undecodable_page(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes("<p>خبر</p>".encode("cp1256"))
    assert page_text.main([str(tmp_path), "--out", str(tmp_path / "out")]) == 1


@pytest.mark.parametrize(
    ("paragraphs", "gold", "shares"),
    [
        pytest.param(
            ["تستعد وزارة العمل، خلال الفترة المقبلة", "وزارة العمل", "الرئيسية"],
            "تستعد\nوزارة العمل\n، خلال الفترة المقبلة",
            [1.0, 0.0, 0.0],
            id="a-gold-place-covers-one-line",  # the tag-list copy of a linked keyword
        ),
        pytest.param(
            ["شروط الخدمة | بيان الخصوصية | من نحن؟"],
            "وقال الوزير إن الخدمة ستبدأ، وأكد بيان الوزارة أن الخصوصية مصونة",
            [0.0],
            id="shared-words-without-shared-pairs",
        ),
    ],
)
def test_alignment(paragraphs: list[str], gold: str, shares: list[float]) -> None:
    assert script.aligned(paragraphs, gold) == shares


@pytest.mark.parametrize(
    ("got", "gold", "grade"),
    [
        ("آرون بوشنيل: أصدقاء الطيار", "آرون بوشنيل: أصدقاء الطيار", "exact"),
        ("لغز لون شعر دونالد ترامب يربك", "لغز لون شعر دونالد ترامب يربك الجمهور", "close"),
        ("ناصر الطميحي ـ جدة", "مدرب الهلال يعلن التشكيلة", "wrong"),
        (None, "مدرب الهلال يعلن التشكيلة", "none"),
    ],
)  # fmt: skip
def test_headline_grade(got: str | None, gold: str, grade: str) -> None:
    assert script.headline_grade(got, gold) == grade


@pytest.mark.parametrize(
    ("row", "gold"),
    [
        ({"gold_title": "عنوان", "title": "x - y"}, "عنوان"),
        ({"gold_title": None, "title": "تسفير 5 آلاف عامل - اليوم السابع"}, "تسفير 5 آلاف عامل"),
        ({"gold_title": None, "title": "آرون بوشنيل - BBC News عربي"}, "آرون بوشنيل"),
    ],
)  # fmt: skip
def test_gold_headline_drops_any_site_suffix(row: dict, gold: str) -> None:
    assert script.gold_headline(row) == gold


def test_check_names_a_figure_past_its_ceiling() -> None:
    floors = {"chrome_share_kept": 0.1, "headline_exact_or_close": 8}
    figures = {"chrome_share_kept": 0.2, "headline_exact_or_close": 8}
    assert script.check(figures, floors) == [
        "chrome_share_kept = 0.2 is past its ceiling 0.1 (pages.json)"
    ]


def test_stories_wrapped_in_real_page_chrome_meet_their_floors() -> None:
    # Every snn/bbc article set into each pages-dev page: 1,600 whole pages (eval/wrapped_pages.py).
    eval_scripts.require_corpus(CORPUS)
    wrapped = eval_scripts.load("wrapped_pages")
    floors = json.loads(wrapped.FLOORS.read_text(encoding="utf-8"))
    assert set(floors) == set(wrapped.DIRECTION)
    figures, _ = wrapped.evaluate(CORPUS, CORPUS.parent)
    assert script.past_floors(figures, floors, wrapped.DIRECTION, wrapped.FLOORS) == []
