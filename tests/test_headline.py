"""Headlines: the real headline line without tags and outlet suffixes, or one derived (marked)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.context import Context
from generator.headline import derive, find_headline, not_a_headline, tidy_title
from generator.model import Article, HtmlMetadata, Sidecar

# A few lines are short excerpts of the ANT Corpus v2.1 (../shared/corpus; Chouigui, Ben Khiroun,
# Elayeb, "ANT Corpus: An Arabic News Text Collection for Textual Classification", AICCSA 2017);
# article copyright stays with the outlets.
CTX = Context.for_project(Path("."))
LEAD = (
    "نفى وزير الدفاع الأمريكي مارك إسبر مساء أمس الاثنين وجود خطط لانسحاب القوات الأمريكية "
    "من العراق."
)
NEXT = (
    "وجاءت هذه الرسالة بعد يوم من إصدار البرلمان العراقي قراراً يدعو كل القوات الأجنبية إلى "
    "مغادرة البلاد."
)


def headline_of(paragraphs: list[str], **fields: Sidecar | HtmlMetadata) -> Article:
    article = Article(source=Path("a.txt"), paragraphs=list(paragraphs), **fields)  # type: ignore[arg-type]
    return find_headline(article, CTX)


@pytest.mark.parametrize(
    ("paragraphs", "title", "provenance", "body"),
    [
        pytest.param(
            ["الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق", LEAD, NEXT],
            "الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق",
            "detected",
            [LEAD, NEXT],
            id="headline-line",
        ),
        pytest.param(
            ["ما قصة رسالة الانسحاب الأمريكي من العراق؟", LEAD],
            "ما قصة رسالة الانسحاب الأمريكي من العراق؟",
            "detected",
            [LEAD],
            id="question-headline",
        ),
        pytest.param(
            ["عاجل.. البنتاجون يعلن تقليص مهمته العسكرية في العراق", LEAD],
            "البنتاجون يعلن تقليص مهمته العسكرية في العراق",
            "detected",
            [LEAD],
            id="breaking-tag-stripped",
        ),
        pytest.param(
            [
                "عاجل: البنتاجون يعلن تقليص مهمته العسكرية في العراق",
                "البنتاجون يعلن تقليص مهمته العسكرية في العراق",
                LEAD,
            ],
            "البنتاجون يعلن تقليص مهمته العسكرية في العراق",
            "detected",
            [LEAD],
            id="title-repeated-without-tag",
        ),
        pytest.param(
            ["الولايات المتحدة تحدد خطط “الانسحاب” من العراق – RT World News", LEAD],
            "الولايات المتحدة تحدد خطط “الانسحاب” من العراق",
            "detected",
            [LEAD],
            id="outlet-suffix-stripped",
        ),
        pytest.param(
            ["مسؤول: القوات الأمريكية في العراق مستعدة للدفاع عن نفسها | عنب بلدي", LEAD],
            "مسؤول: القوات الأمريكية في العراق مستعدة للدفاع عن نفسها",
            "detected",
            [LEAD],
            id="pipe-suffix-stripped",
        ),
        pytest.param(
            [
                "رغم انتهاء مهمتها القتالية..",
                "مسؤول: القوات الأمريكية في العراق مستعدة للدفاع عن نفسها",
                LEAD,
                NEXT,
            ],
            "رغم انتهاء مهمتها القتالية.. مسؤول: القوات الأمريكية في العراق مستعدة للدفاع عن نفسها",
            "detected",
            [LEAD, NEXT],
            id="kicker-joined",
        ),
        pytest.param(
            [LEAD, NEXT],
            "نفى وزير الدفاع الأمريكي مارك إسبر مساء أمس الاثنين وجود خطط لانسحاب…",
            "derived",
            [LEAD, NEXT],
            id="no-headline-line-derived-from-lead",
        ),
        pytest.param(
            ["تقليص التواجد الأمريكي في العراق"],
            "تقليص التواجد الأمريكي في العراق",
            "derived",
            ["تقليص التواجد الأمريكي في العراق"],
            id="single-line-is-body",
        ),
    ],
)
def test_headline(paragraphs: list[str], title: str, provenance: str, body: list[str]) -> None:
    article = headline_of(paragraphs)
    assert article.headline is not None
    assert (article.headline.ar, article.headline.provenance) == (title, provenance)
    assert article.paragraphs == body


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        pytest.param(
            "دبي، الإمارات العربية المتحدة (CNN) -- أعلنت شركة النفط السعودية العملاقة "
            "أرامكو، الجمعة، عدم صحة ما يتداول بشأن زيادة أسعار البنزين.",
            "أعلنت شركة النفط السعودية العملاقة أرامكو، الجمعة",
            id="dateline-dropped-cut-at-clause",
        ),
        pytest.param(
            "الرياض - واس: أعلنت وزارة الدفاع السعودية سقوط طائرة تدريب.",
            "أعلنت وزارة الدفاع السعودية سقوط طائرة تدريب",
            id="agency-dateline-dropped",
        ),
        pytest.param(
            "(CNN)-- لم يستغرق اجتماع وزير الخارجية الأمريكي، مايك بومبيو، مع العاهل "
            "السعودي، الملك سلمان بن عبدالعزيز آل سعود، أكثر من 15 دقيقة.",
            "لم يستغرق اجتماع وزير الخارجية الأمريكي، مايك بومبيو، مع العاهل السعودي",
            id="cut-at-last-clause-comma",
        ),
        pytest.param(
            "قال د. محمد العلي إن الحكومة ستدرس الخطة. وأضاف أن القرار نهائي.",
            "قال د. محمد العلي إن الحكومة ستدرس الخطة",
            id="abbreviation-is-not-an-end",
        ),
        pytest.param(
            "هل تذكر أيام وقوفك لساعات طويلة أمام المقاصب أو متاجر المواشي وسط زحمة عيد "
            "الأضحى لشراء الأضحية المناسبة لك ولعائلتك",
            "هل تذكر أيام وقوفك لساعات طويلة أمام المقاصب أو متاجر المواشي وسط…",
            id="no-clause-cut-with-ellipsis",
        ),
    ],
)
def test_derive(lead: str, title: str) -> None:
    assert derive(lead) == title


@pytest.mark.parametrize(
    ("raw", "tidy"),
    [
        ("عاجل.. البنتاجون يعلن تقليص مهمته", "البنتاجون يعلن تقليص مهمته"),
        ("عاجل | البنتاجون يعلن تقليص مهمته", "البنتاجون يعلن تقليص مهمته"),
        ("خبر عاجل: انفجار في بيروت", "انفجار في بيروت"),
        ("انفجار في بيروت - سكاي نيوز عربية", "انفجار في بيروت"),
        ("انفجار في بيروت – أكسيوس", "انفجار في بيروت"),  # any site, known or not
        (
            "انفجار في بيروت - الحصيلة ترتفع إلى 100 قتيل",
            "انفجار في بيروت - الحصيلة ترتفع إلى 100 قتيل",
        ),
        ("عاجلاً أم آجلاً: الحكومة تحسم الملف", "عاجلاً أم آجلاً: الحكومة تحسم الملف"),
    ],
)
def test_tidy_title(raw: str, tidy: str) -> None:
    assert tidy_title(raw) == tidy


def test_editor_title_wins_and_the_same_headline_line_leaves_the_body() -> None:
    article = headline_of(
        ["الدفاع الأمريكية تنفي خطط الانسحاب من العراق", LEAD],
        sidecar=Sidecar(title="الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق"),
    )
    assert article.headline is not None
    assert article.headline.provenance == "editor"
    assert article.paragraphs == [LEAD]


def test_editor_title_unlike_the_first_line_keeps_that_line_and_says_so() -> None:
    article = headline_of(
        ["تقليص التواجد الأمريكي في العراق", LEAD], sidecar=Sidecar(title="ما قصة رسالة الانسحاب؟")
    )
    assert article.paragraphs == ["تقليص التواجد الأمريكي في العراق", LEAD]
    assert article.warnings == [
        "first line reads like a headline ('تقليص التواجد الأمريكي في العراق') but the sidecar "
        "title differs; the line is kept in the body"
    ]


def test_html_title_is_used_when_the_text_has_no_headline_line() -> None:
    article = headline_of(
        [LEAD, NEXT], html_metadata=HtmlMetadata(title="إسبر: لا خطط للانسحاب | رووداو")
    )
    assert article.headline is not None
    assert (article.headline.ar, article.headline.provenance) == (
        "إسبر: لا خطط للانسحاب",
        "html-metadata",
    )


# First lines of SaudiNewsNet articles (parallelfold/SaudiNewsNet, CC BY-NC-SA 4.0, research
# use; © the newspapers) and a Youm7 byline (pages-dev, © Youm7): never a detected headline.
@pytest.mark.parametrize(
    ("first", "reason"),
    [
        ("ناصر الطميحي ـ جدة", "byline"),
        ("كتب سيد الخلفاوى", "byline"),
        ("محمد السريعي – عين اليوم", "kicker"),  # a writer and the outlet: a name is left
        ("عبدالمجيد آل مبارك – عين اليوم", "byline"),
        ("مكة المكرمة 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس", "dateline"),
        ("سبق- أبها:", "byline"),
        ("الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00 (GMT+0400)", "dateline"),
        ("إضافة خامسة وأخيرة", "wire mark"),
        ("الحقباني", "kicker"),
        ("#القبائل_النازحة", "kicker"),
        ("هل أنت شاب تواق ومتلهف للزواج؟", "question to the reader"),
        ("سكاي نيوز عربية", "site name"),
    ],
)
def test_a_first_line_that_is_not_a_headline_is_not_detected(first: str, reason: str) -> None:
    assert not_a_headline(first, tidy_title(first)) == reason
    article = headline_of([first, LEAD, NEXT])
    assert article.headline is not None
    assert article.headline.provenance == "derived"
    # The title comes from the lead, not from the byline or dateline above it.
    assert article.headline.ar.startswith("نفى وزير الدفاع")


@pytest.mark.parametrize(
    "first",
    [
        "ما قصة رسالة الانسحاب الأمريكي من العراق؟",
        "ارتفاع الأسهم الخليجية – سكاي نيوز عربية",
        "الهلالي الجديد..باع مباراة بـ (200) ألف يورو",
    ],
)
def test_headlines_of_that_shape_stay_detected(first: str) -> None:
    article = headline_of([first, LEAD])
    assert article.headline is not None
    assert article.headline.provenance == "detected"


@pytest.mark.parametrize(
    ("raw", "site", "tidy"),
    [
        (
            "وزارة العمل: تفاصيل تسفير 5 آلاف عامل مصرى لليونان للعمل بالزراعة قريبا"
            " - اليوم السابع",
            "",
            "وزارة العمل: تفاصيل تسفير 5 آلاف عامل مصرى لليونان للعمل بالزراعة قريبا",
        ),
        (
            "شعر وردي يُشعل السخرية لغز لون شعر ترامب | Lebanon News",
            "",
            "شعر وردي يُشعل السخرية لغز لون شعر ترامب",
        ),
        (
            "تركيا تعتقل 17 شخصا يشتبه بانتمائهم لداعش - BBC News عربي",
            "",
            "تركيا تعتقل 17 شخصا يشتبه بانتمائهم لداعش",
        ),
        # The page's own site name goes whatever its length.
        (
            "وزارة النقل تشغل 10 سيارات كهربائية - المؤسسة اللبنانية للإرسال انترناشونال",
            "المؤسسة اللبنانية للإرسال انترناشونال",
            "وزارة النقل تشغل 10 سيارات كهربائية",
        ),
        # Too short a headline before the dash to be cut.
        ("الهلال - النصر", "", "الهلال - النصر"),
    ],
)
def test_a_site_suffix_goes_for_any_site(raw: str, site: str, tidy: str) -> None:
    assert tidy_title(raw, site) == tidy


def test_the_page_site_name_is_cut_from_a_detected_headline() -> None:
    article = headline_of(
        ["انفجار في بيروت يهز الأحياء المجاورة للمرفأ - موقع الأخبار العربية الأول", LEAD],
        html_metadata=HtmlMetadata(site_name="موقع الأخبار العربية الأول"),
    )
    assert article.headline is not None
    assert article.headline.ar == "انفجار في بيروت يهز الأحياء المجاورة للمرفأ"
