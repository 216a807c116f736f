"""The extractive gist: eligibility, repeats, size, reading order, and the sample articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.context import Context
from generator.gist import (
    FEATURES,
    candidates,
    content_words,
    find_gist,
    near_duplicates,
    size,
)
from generator.langdata import mapping
from generator.model import Article, Headline
from generator.pipeline import analyse
from generator.text.sentences import texts

REPO = Path(__file__).resolve().parent.parent
CTX = Context.for_project(REPO)

HEADLINE = "الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق"
LEAD = (
    "نفى وزير الدفاع الأمريكي مارك إسبر مساء أمس الاثنين وجود خطط لانسحاب القوات الأمريكية"
    " من العراق."
)
STORY = [
    LEAD,
    "وقال إسبر لصحفيين في البنتاغون إنه لم يصدر أي قرار بالانسحاب من العراق حتى الآن.",
    "وجاءت الرسالة بعد يوم من إصدار البرلمان العراقي قرارا يدعو القوات الأجنبية إلى مغادرة البلاد.",
    "وقال رئيس هيئة الأركان مارك ميلي إن الرسالة مسودة سيئة الصياغة وما كان يجب أن تنشر.",
    "ويأتي ذلك وسط تهديدات للقوات الأمريكية بعد مقتل قاسم سليماني في غارة جوية قرب مطار بغداد.",
]


def article(
    paragraphs: list[str], headline: str = HEADLINE, provenance: str = "detected"
) -> Article:
    return Article(
        source=Path("test.txt"),
        paragraphs=paragraphs,
        headline=Headline(ar=headline, provenance=provenance),  # type: ignore[arg-type]
    )


def gist_of(paragraphs: list[str], **kwargs: str) -> list[str]:
    return [g.ar for g in find_gist(article(paragraphs, **kwargs), CTX).gist]


def reasons(paragraphs: list[str], **kwargs: str) -> dict[str, str | None]:
    return {c.text: c.excluded for c in candidates(article(paragraphs, **kwargs))}


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        pytest.param(
            "اقرأ أيضا: الولايات المتحدة تستعد لمزيد من الهجمات على قواتها.",
            "boilerplate",
            id="read-also",
        ),
        pytest.param(
            "للمزيد من الأخبار تابعونا على حساباتنا في مواقع التواصل.", "boilerplate", id="for-more"
        ),
        pytest.param(
            "صورة أرشيفية لجنود أمريكيين في قاعدة عين الأسد غرب العراق.",
            "boilerplate",
            id="caption",
        ),
        pytest.param("وأعلن ذلك أمس.", "too short", id="fragment"),
        pytest.param(
            " ".join(["وقال المسؤول إن القوات باقية"] * 15) + ".", "too long", id="run-on"
        ),
        pytest.param(
            "الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق.",
            "repeats the headline",
            id="headline-repeated",
        ),
    ],
)
def test_ineligible_sentences(sentence: str, reason: str) -> None:
    found = reasons([LEAD, f"وقال المسؤول إن الأمر قيد الدراسة حاليا. {sentence}", *STORY[1:]])
    assert found[sentence] == reason
    assert sentence not in gist_of(
        [LEAD, f"وقال المسؤول إن الأمر قيد الدراسة حاليا. {sentence}", *STORY[1:]]
    )


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("تقليص التواجد الأمريكي في العراق", id="subhead"),
        pytest.param(
            "الولايات المتحدة تنفي اتخاذ قرار بسحب قواتها من العراق وسط تهديدات ميليشيات "
            "إيران بعد مقتل سليماني",
            id="related-headline",
        ),
    ],
)
def test_headings_are_not_gist(line: str) -> None:
    assert reasons([LEAD, line, *STORY[1:]])[line] == "heading"


@pytest.mark.parametrize("key", ["boilerplate_prefixes", "boilerplate_contains"])
def test_every_boilerplate_entry_excludes_its_sentence(key: str) -> None:
    for phrase in mapping("gist")["gist"][key]:
        sentence = f"{phrase} القوات الأمريكية في العراق والمنطقة اليوم."
        found = reasons([LEAD, f"وقال المسؤول إن الأمر قيد الدراسة حاليا. {sentence}"])
        assert found[sentence] == "boilerplate", phrase


def test_a_headline_derived_from_the_lead_does_not_exclude_the_lead() -> None:
    assert gist_of(STORY, headline=LEAD[:40], provenance="derived")[0] == LEAD


def test_the_lead_comes_first_and_the_gist_is_in_reading_order() -> None:
    gist = find_gist(article(STORY), CTX).gist
    assert gist[0].ar == LEAD
    assert [g.position for g in gist] == sorted(g.position for g in gist)
    assert all(g.paragraph == STORY.index(g.ar) + 1 for g in gist)


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        pytest.param(
            "صوت البرلمان التونسي بغالبية الخميس لإقرار القانون الأساسي لعمل المجالس البلدية.",
            "صادق البرلمان التونسي الخميس على القانون الأساسي لعمل المجالس البلدية الجديدة.",
            True,
            id="restated-lead",
        ),
        pytest.param(
            "أفاد المرصد السوري لحقوق الإنسان الجمعة أن 43 مدنيا قتلوا في قصف تركي على عفرين.",
            "قتل 43 مدنيا في قصف للجيش التركي لمدينة عفرين بحسب المرصد السوري لحقوق الإنسان.",
            True,
            id="same-facts-other-order",
        ),
        pytest.param(
            "وفي 9 من كانون الأول أعلن مستشار الأمن القومي العراقي انتهاء المهمة القتالية.",
            "وأعلن الناطق باسم القائد العام للقوات المسلحة أن هذه أول قوة تنسحب.",
            False,
            id="different-facts",
        ),
        pytest.param(
            "“لا، الولايات المتحدة لن تنسحب من العراق” وأضافت.",
            "لقد غزت الولايات المتحدة العراق في عام 2003 دون موافقة الأمم المتحدة.",
            False,
            id="few-shared-names",
        ),
    ],
)
def test_near_duplicates(first: str, second: str, same: bool) -> None:
    assert near_duplicates(content_words(first), content_words(second)) is same


def test_a_restated_lead_is_kept_once() -> None:
    restated = "وصادق البرلمان التونسي الخميس على القانون الأساسي لعمل المجالس البلدية الجديدة."
    lead = "صوت البرلمان التونسي بغالبية الخميس لإقرار القانون الأساسي لعمل المجالس البلدية."
    story = [lead, restated, *STORY[1:]]
    gist = gist_of(story, headline="تونس تقر قانون البلديات", provenance="detected")
    assert lead in gist and restated not in gist


@pytest.mark.parametrize(
    ("eligible", "wanted"),
    [(0, 0), (1, 1), (2, 2), (3, 3), (7, 3), (8, 4), (13, 4), (14, 5), (40, 5)],
)
def test_size(eligible: int, wanted: int) -> None:
    assert size(eligible) == wanted


def test_size_stays_within_the_configured_bounds() -> None:
    data = mapping("gist")["gist"]
    assert all(data["min"] <= size(n) <= data["max"] for n in range(data["min"], 60))


def test_fewer_sentences_only_when_the_article_is_shorter() -> None:
    assert gist_of(STORY[:2]) == STORY[:2]
    assert len(gist_of(STORY)) == 3


def seed(prefix: str) -> Article:
    (path,) = (REPO / "articles").glob(f"{prefix}_*.txt")
    result = analyse(path, CTX)
    assert isinstance(result, Article), result
    return result


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_gists_are_split_sentences_in_reading_order(prefix: str) -> None:
    article = seed(prefix)
    assert 3 <= len(article.gist) <= 5
    assert [g.position for g in article.gist] == sorted({g.position for g in article.gist})
    for g in article.gist:
        assert g.ar in texts(article.paragraphs[g.paragraph - 1])
        assert g.en.text is None and g.en.status == "pending"  # translation is another stage's
    assert article.gist[0].ar == texts(article.paragraphs[0])[0]  # the lead


@pytest.mark.parametrize(
    ("prefix", "expected", "never"),
    [
        pytest.param(
            "001",
            ["نفى وزير الدفاع الأمريكي، مارك إسبر", "وأفادت مسودة الخطاب"],
            ["الولايات المتحدة تنفي اتخاذ قرار"],  # a related headline inside the text
            id="001",
        ),
        pytest.param(
            "002",
            ["كان لدى الولايات المتحدة حوالي 2500 جندي", "بمجرد اكتمال عملية نقل القوات"],
            ["تقليص التواجد الأمريكي في العراق"],  # a subhead
            id="002-troop-numbers",
        ),
        pytest.param(
            "003",
            ["قال مسؤول رفيع في وزارة الدفاع الأمريكية", "وفي 9 من كانون الأول الحالي"],
            [],
            id="003",
        ),
        pytest.param(
            "004",
            ["تختتم واشنطن المهمة الدولية", "وبعد مناقشات مكثفة"],
            ["ذكرت."],
            id="004",
        ),
    ],
)
def test_seed_gist_content(prefix: str, expected: list[str], never: list[str]) -> None:
    gist = [g.ar for g in seed(prefix).gist]
    for start in expected:
        assert any(g.startswith(start) for g in gist), start
    for start in never:
        assert not any(g.startswith(start) for g in gist), start


def test_every_feature_is_weighed() -> None:
    assert set(mapping("gist")["gist"]["weights"]) == set(FEATURES)
    scored = [c for c in candidates(article(STORY)) if c.excluded is None]
    assert all(set(c.features) == set(FEATURES) for c in scored)
