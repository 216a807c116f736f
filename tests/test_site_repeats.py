"""The cross-page chrome signal: a line on several pages of one site is page chrome; a story
line carried by several sites, a background paragraph inside a story and copies of one story
are not.

The chrome lines are cited from the whole-page text of a real LBCI page
(``../shared/corpus/pages-dev/page-lbcgroup-2026-01-08.txt``, lbcgroup.tv, 2026-01-08: its menu,
weather widget and footer); the story sentences from the sample articles in ``articles/``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from generator import pipeline, site_repeats
from generator.cache import AnalysisCache
from generator.clean import clean_text
from generator.context import Context
from generator.frontmatter import load_briefing
from generator.generate import generate
from generator.model import Article, HtmlMetadata, Sidecar

from .conftest import SAMPLE_ARTICLES, make_project

# LBCI's menu, weather widget and footer (page-lbcgroup-2026-01-08.txt).
MENU = ["الأخبار", "آخر الأخبار", "نشرة الأخبار", "رياضة", "ثقافة", "حال الطقس", "بيروت", "21"]
FOOTER = ["انضم الى ملايين المتابعين", "من نحن", "اتصل بنا", "أعلن معنا", "سياسة الخصوصية"]
# Three stories, each a headline and two sentences of a sample article.
STORIES = [
    [
        "ما قصة رسالة الانسحاب الأمريكي من العراق؟",
        "نفى وزير الدفاع الأمريكي، مارك إسبر، وجود قرار بسحب القوات الأمريكية من العراق، "
        "وذلك بعدما أشارت رسالة من جنرال أمريكي إلى احتمال الانسحاب.",
        "ويأتي ذلك وسط تهديدات للقوات الأمريكية، بعد مقتل القائد العسكري الإيراني البارز، "
        "قاسم سليماني، في غارة جوية بأمر من الرئيس الأمريكي دونالد ترامب.",
    ],
    [
        "مسؤول: القوات الأمريكية في العراق مستعدة للدفاع عن نفسها",
        "قال مسؤول رفيع في وزارة الدفاع الأمريكية، إن قوات التحالف الدولي غير القتالية "
        "الباقية في العراق لديها القدرة على الدفاع عن نفسها ضد أي هجوم قد تتعرض له.",
        "وفي تصريحات لموقع قناة الحرة، الجمعة 10 من كانون الأول، قال المسؤول في البنتاغون، "
        "إن القوات الأمريكية الموجودة في العراق تمتلك القدرة على الدفاع عن نفسها.",
    ],
    [
        "البرلمان العراقي يصوت على إنهاء الوجود العسكري الأجنبي",
        "صوت مجلس النواب العراقي، الأحد، على قرار يلزم الحكومة بالعمل على إنهاء وجود أي "
        "قوات أجنبية على الأراضي العراقية ومنعها من استخدام المجال الجوي.",
        "وجاء التصويت بعد يومين من الغارة الأمريكية قرب مطار بغداد، التي أثارت غضبا واسعا "
        "في الأوساط السياسية العراقية ودعوات إلى طرد القوات الأمريكية.",
    ],
]
# A cookie-style notice: a prose line printed with the chrome of every page.
NOTICE = (
    "نستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا، وباستمرارك في التصفح فإنك "
    "توافق على استخدامنا لها."
)


def page(story: list[str], *, notice: bool = False) -> str:
    head, *body = story
    footer = [FOOTER[0], NOTICE, *FOOTER[1:]] if notice else FOOTER
    return "\n".join([head, *MENU, *body, *footer])


def lines_of(text: str, site: str | None = None) -> site_repeats.PageLines:
    found = site_repeats.page_lines(Article(source=Path("page.txt"), text=text))
    return site_repeats.PageLines(site, found.lines, found.prose)


def recurring_lines(texts: list[str], sites: list[str | None] | None = None) -> list[set[str]]:
    """For each page, its lines (as written) that the signal calls chrome."""
    pages = [lines_of(t, s) for t, s in zip(texts, sites or [None] * len(texts), strict=True)]
    sets = site_repeats.recurring_sets(pages)
    return [
        {line for line in text.splitlines() if site_repeats.line_digest(line) in found}
        for text, found in zip(texts, sets, strict=True)
    ]


def test_three_pages_of_one_site_lose_their_menu_and_footer_not_their_story() -> None:
    found = recurring_lines([page(story) for story in STORIES])
    for story, chrome in zip(STORIES, found, strict=True):
        assert chrome == set(MENU) | set(FOOTER)
        assert not chrome & set(story)


def test_two_pages_are_not_enough() -> None:
    # A line on one other page is still a story line (two SPA datelines of the same day).
    assert recurring_lines([page(story) for story in STORIES[:2]]) == [set(), set()]


def test_a_wire_story_carried_by_three_sites_is_kept() -> None:
    wire = STORIES[0]
    texts = [page(wire), "\n".join(wire), "\n".join([*wire, "جميع الحقوق محفوظة"])]
    found = recurring_lines(texts, ["lbci", "bbc-arabic", "host:example.org"])
    assert found == [set(), set(), set()]


def test_pages_of_two_named_sites_are_never_one_site() -> None:
    texts = [page(story) for story in STORIES]
    found = recurring_lines(texts, ["lbci", "lbci", "youm7"])
    assert found == [set(), set(), set()]


def test_a_page_without_evidence_joins_the_site_it_shares_its_chrome_with() -> None:
    texts = [page(story) for story in STORIES]
    found = recurring_lines(texts, ["lbci", "lbci", None])
    assert all(chrome == set(MENU) | set(FOOTER) for chrome in found)


def test_copies_of_one_story_count_once() -> None:
    copies = [page(STORIES[0])] * 3
    assert recurring_lines(copies) == [set(), set(), set()]
    # With two other stories of the site, the copies lose the chrome but keep the story.
    found = recurring_lines([*copies, page(STORIES[1]), page(STORIES[2])])
    assert found[0] == set(MENU) | set(FOOTER)


def test_a_prose_notice_inside_the_chrome_is_chrome() -> None:
    found = recurring_lines([page(story, notice=True) for story in STORIES])
    assert all(NOTICE in chrome for chrome in found)


def test_a_background_paragraph_inside_the_story_is_kept() -> None:
    # The same paragraph between each story's own sentences (a standard background line).
    background = STORIES[2][2]
    texts = [
        "\n".join([*MENU, head, first, background, second, *FOOTER])
        for head, first, second in (STORIES[0], STORIES[1], [*STORIES[2][:2], STORIES[0][2]])
    ]
    found = recurring_lines(texts)
    assert all(background not in chrome for chrome in found)
    assert all(set(MENU) <= chrome for chrome in found)


YOUM7_URL = "https://www.youm7.com/story/2024/5/13/x/6573469"
SITES = [
    ("sidecar-outlet", Article(Path("a.txt"), sidecar=Sidecar(outlet="LBCI")), "lbci"),
    ("sidecar-url", Article(Path("a.txt"), sidecar=Sidecar(url=YOUM7_URL)), "youm7"),
    (
        "unknown-host",
        Article(Path("a.txt"), sidecar=Sidecar(url="https://news.example.org/a")),
        "host:news.example.org",
    ),
    (
        "html-host",
        Article(Path("a.html"), html_metadata=HtmlMetadata(hostname="lbcgroup.tv")),
        "lbci",
    ),
    ("url-line", Article(Path("a.txt"), text=f"الخبر\n{YOUM7_URL}"), "youm7"),
    (
        "title-suffix",
        Article(Path("a.txt"), text="وزارة النقل تشغل 10 سيارات - اليوم السابع"),
        "youm7",
    ),
    ("none", Article(Path("a.txt"), text=page(STORIES[0])), None),
]


@pytest.mark.parametrize(("article", "site"), [s[1:] for s in SITES], ids=[s[0] for s in SITES])
def test_the_site_of_a_page_comes_from_the_evidence_it_gives_before_cleaning(
    article: Article, site: str | None
) -> None:
    assert site_repeats.site_of(article) == site


def test_the_clean_stage_drops_recurring_lines_as_site_repeat() -> None:
    text = page(STORIES[0])
    result = clean_text(text, site_repeats.digests([*MENU, *FOOTER]))
    assert [line.text for line in result.lines] == STORIES[0]
    assert {r.text for r in result.removed} == set(MENU) | set(FOOTER)
    # Without the signal, the lines no other rule knows stay in the body.
    taken = {r.text for r in result.removed if r.rule == "site-repeat"}
    assert "انضم الى ملايين المتابعين" in taken
    assert taken <= {line.text for line in clean_text(text).lines}
    # Cleaning again with the same lines changes nothing.
    again = clean_text("\n".join(line.text for line in result.lines), site_repeats.digests(MENU))
    assert [line.text for line in again.lines] == STORIES[0]


def test_a_read_more_marker_keeps_its_reach_when_it_also_recurs() -> None:
    # "اقرأ أيضا:" recurs on the site's pages; the read-more rule still takes its headline.
    text = "\n".join([*STORIES[0], "اقرأ أيضا:", STORIES[1][0]])
    result = clean_text(text, site_repeats.digests(["اقرأ أيضا:"]))
    assert [line.text for line in result.lines] == STORIES[0]


def test_no_recurring_lines_is_the_file_key() -> None:
    assert AnalysisCache.with_recurring("abc", frozenset()) == "abc"
    assert AnalysisCache.with_recurring("abc", frozenset({"1"})) != "abc"


# --- through `briefings generate` ------------------------------------------------------------


def count_analyses(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    counts: Counter[str] = Counter()
    real = pipeline.analyse

    def analyse(
        path: Path, ctx: Context, recurring: frozenset[str] = frozenset()
    ) -> pipeline.Article | pipeline.Skipped:
        counts[path.name] += 1
        return real(path, ctx, recurring)

    monkeypatch.setattr(pipeline, "analyse", analyse)
    return counts


def bodies(root: Path) -> dict[str, str]:
    pages = {}
    for path in sorted((root / "docs" / "briefings").glob("*.md")):
        briefing, found = load_briefing(path)
        pages[briefing.sources[0].path] = found.body
    return pages


def test_a_third_page_of_a_site_cleans_the_first_two_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "project", articles=[])
    articles = root / "articles"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    for number, story in enumerate(STORIES[:2], 1):
        (articles / f"lbci-{number}.txt").write_text(page(story), encoding="utf-8")
    other = SAMPLE_ARTICLES[0]
    (articles / "other.txt").write_bytes(other.read_bytes())
    ctx = Context.for_project(root)
    generate(ctx, translator_choice="none")
    before = bodies(root)
    assert "سياسة الخصوصية" in before["articles/lbci-1.txt"]

    (articles / "lbci-3.txt").write_text(page(STORIES[2]), encoding="utf-8")
    counts = count_analyses(monkeypatch)
    generate(Context.for_project(root), translator_choice="none")
    after = bodies(root)
    for name in ("articles/lbci-1.txt", "articles/lbci-2.txt", "articles/lbci-3.txt"):
        assert "سياسة الخصوصية" not in after[name] and "حال الطقس" not in after[name]
    assert STORIES[0][1] in after["articles/lbci-1.txt"]
    # The unrelated article shares no chrome: it comes from the analysis cache.
    assert counts == Counter({"lbci-1.txt": 1, "lbci-2.txt": 1, "lbci-3.txt": 1})
    assert after["articles/other.txt"] == before["articles/other.txt"]
