"""Dates a page states about itself are not the article's date (issue 20, item 4).

Real strings, cited: CNN Arabic's stamp is the one issue 20 quotes (the CNN Arabic page of the
newspaper4k 0.9.6 test data, arabic_article.html); the Youm7, BBC News Arabic and LBCI lines are
from the pages-dev pages (magic-html benchmark youm7 6573469/6574622, omnivore's bbc-arabic test
page, fundus's LBCI fixture); the in-story date from BBC Arabic 2018 (ANT corpus
BB-middleEast-156).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator import pipeline
from generator.context import Context
from generator.dates import find_dates
from generator.dates.datelines import line_date
from generator.dates.declared import read_declared
from generator.dates.publication import chrome_reasons, find_publication
from generator.dates.stamps import widget_reason
from generator.model import Article, HtmlMetadata

TODAY = dt.date(2026, 11, 22)
# Youm7 6573469: its headline, byline and two story paragraphs.
Y7_HEADLINE = (
    "وزارة النقل تشغل 10 سيارات كهربائية للعمل تاكسى بالعاصمة الإدارية.. وتؤكد: حجزها يبدأ الأربعاء"
)
Y7_STORY = [
    "تشغل وزارة النقل التاكسى الكهربائى الأربعاء القادم، كوسيلة نقل جديدة صديقة للبيئة "
    "ضمن منظومة وسائل النقل الجماعى الذكية بالعاصمة الإدارية.",
    "وأضاف الوزير أن حجز السيارة سيكون متوفر عن طريق التطبيق الإلكترونى، والدفع فيزا وكاش، "
    "وأن المركبات مراقبة بكاميرات من الداخل والخارج.",
]
Y7_HEADER_TODAY = "الجمعة، 24 مايو 2024 08:43 ص"  # the day the page was saved
Y7_OWN = "الإثنين، 13 مايو 2024 06:00 ص"  # under the headline: the article's own date
Y7_RELATED = "السبت، 11 مايو 2024 11:25 ص"  # under a related headline, after the story
Y7_MENU = ["الرئيسية", "عاجل", "سياسة", "تقارير", "حوادث", "عرب", "عالم", "اقتصاد", "رياضة"]
CNN_STAMP = "الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00 (GMT+0400)"
CNN_LEAD = (
    "دمشق، سوريا (CNN) -- أكدت جهات سورية معارضة أن فصائل مسلحة تمكنت من السيطرة على مخازن "
    "للصواريخ في ريف دمشق، وسط اشتباكات عنيفة مع القوات النظامية."
)


def article(lines: list[str], **kwargs: object) -> Article:
    text = "\n\n".join(lines)
    return Article(source=Path("x.txt"), text=text, paragraphs=list(lines), **kwargs)  # type: ignore[arg-type]


def youm7_page(*, own: bool = True, header: bool = True, related: bool = True) -> list[str]:
    lines = [Y7_HEADLINE + " - اليوم السابع"]
    lines += [Y7_HEADER_TODAY] if header else []
    lines += Y7_MENU * 3 + [Y7_HEADLINE]
    lines += [Y7_OWN] if own else []
    lines += ["كتب سيد الخلفاوى", "مشاركة", *Y7_STORY, "الموضوعات المتعلقة"]
    lines += ["وزير النقل: تشغيل التاكسى الكهربائى الأربعاء المقبل بالعاصمة الإدارية"]
    lines += [Y7_RELATED] if related else []
    lines += ["© 2020 حقوق النشر محفوظة لـ اليوم السابع"]
    return lines


# --- which marks a line carries ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (CNN_STAMP, "a 'last updated' stamp"),
        ("آخر تحديث 3 يناير/ كانون الثاني 2024", "a 'last updated' stamp"),  # BBC Arabic
        ("© 2024 بي بي سي. بي بي سي ليست مسؤولة عن محتوى المواقع الخارجية.", "a copyright notice"),
        ("© 2020 حقوق النشر محفوظة لـ اليوم السابع", "a copyright notice"),
        ("جميع الحقوق محفوظة 2024", "a copyright notice"),
        ("© 2026 LBC International.", "a copyright notice"),
        ("الفجر 04:12 الظهر 11:52 العصر 15:29 المغرب 18:49", "a prayer-time widget"),
        ("مواقيت الصلاة الجمعة 24 مايو 2024", "a prayer-time or weather widget"),
        ("القاهرة 32° الجمعة 24 مايو 2024", "a prayer-time or weather widget"),
    ],
)
def test_stamp_reasons(line: str, reason: str) -> None:
    assert reason in chrome_reasons(line)


@pytest.mark.parametrize(
    "line",
    [Y7_OWN, "2026-01-08 | 12:42", "3 مارس/ آذار 2024", "07/01/2020", "نشر في: 10 ديسمبر 2021"],
)
def test_an_article_date_line_has_no_stamp_reason(line: str) -> None:
    assert chrome_reasons(line) == []
    assert line_date(line) is not None


def test_the_publication_marker_wins_over_an_update_marker_on_the_same_line() -> None:
    line = "تاريخ النشر: 12 مايو 2024 | آخر تحديث: 13 مايو 2024"
    dated = line_date(line)
    assert dated is not None and dated[0].iso() == "2024-05-12"
    assert chrome_reasons(line, dated[2]) == []
    assert "a 'last updated' stamp" in chrome_reasons(line, line.index("13"))


@pytest.mark.parametrize(
    "line",
    [
        # A ticker or related headline with its time or date is a headline, not a dateline.
        "10:45 ص | وزير النقل: تشغيل التاكسى الكهربائى الأربعاء المقبل بالعاصمة الإدارية",
        "وفاة جندي أمريكي أضرم النار في نفسه احتجاجا على الحرب في غزة26 فبراير/ شباط 2024",
        "جميع الحقوق محفوظة 2024",  # a year alone is never a dateline
    ],
)
def test_headlines_and_years_are_not_date_lines(line: str) -> None:
    assert line_date(line) is None


def test_widget_reason_needs_two_prayers() -> None:
    # One prayer name is an ordinary word of a sentence ("بعد صلاة الظهر").
    assert widget_reason("وأدى المصلون صلاة الظهر في الجامع الأموي") is None


# --- a stamp is never a confident publication date --------------------------------------------


def test_a_last_updated_stamp_is_low_page_chrome_not_a_lead_date() -> None:
    # It became "medium, text (lead date)" and misdated four timeline events.
    published = find_publication(
        article(["معارضون يسيطرون على مخازن للصواريخ بريف دمشق", CNN_STAMP, CNN_LEAD]), TODAY
    )
    assert published is not None
    assert (published.value, published.confidence, published.source) == (
        "2013-08-28",
        "low",
        "page-chrome",
    )
    assert "'last updated' stamp" in (published.reason or "")


def test_a_copyright_year_gives_no_date() -> None:
    assert find_publication(article([CNN_LEAD, "جميع الحقوق محفوظة 2024"]), TODAY) is None


# --- whole-page text: the date line attached to the story -------------------------------------


def test_whole_page_the_date_under_the_headline_wins() -> None:
    published = find_publication(article(youm7_page()), TODAY)
    assert published is not None
    assert (published.value, published.confidence, published.source) == (
        "2024-05-13",
        "high",
        "dateline",
    )
    assert published.evidence == "الإثنين، 13 مايو 2024"


@pytest.mark.parametrize(
    ("page", "value", "reason"),
    [
        (youm7_page(own=False, related=False), "2024-05-24", "far above the story"),
        (youm7_page(own=False, header=False), "2024-05-11", "after the story"),
    ],
)
def test_whole_page_header_or_related_dates_alone_are_low(
    page: list[str], value: str, reason: str
) -> None:
    published = find_publication(article(page), TODAY)
    assert published is not None
    assert (published.value, published.confidence, published.source) == (
        value,
        "low",
        "page-chrome",
    )
    assert reason in (published.reason or "")


def test_a_date_line_inside_the_story_is_not_a_dateline() -> None:
    # BBC Arabic's 8 March 2018 round-up dates its sections: "14 فبراير/شباط 2018" is one.
    story = [
        "حققت المرأة مزيداً من الحقوق والمكاسب في مختلف أرجاء العالم وعلى مختلف الصعد، لكن "
        "تحقيق المساواة مع الرجل لا يزال بعيدا.",
        "بات بإمكان النساء في السعودية الانتساب للجيش شريطة أن يكن من مواليد السعودية وغير "
        "متزوجات من أجانب. لكن هناك شروطا أخرى.",
        "14 فبراير/شباط 2018",
        "أقر البرلمان المغربي قانونا يجرّم العنف ضد المرأة وسط معارضة واسعة من قبل الجماعات "
        "المدافعة عن حقوق المرأة.",
    ]
    assert find_publication(article(story), TODAY) is None


# --- HTML metadata: real precision, its own time zone, and the dateline first -----------------


def html_page(head: str, above: str = "") -> str:
    return (
        '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        f"<title>{Y7_HEADLINE}</title>{head}</head><body><article><h1>{Y7_HEADLINE}</h1>"
        f"{above}<p>{Y7_STORY[0]}</p><p>{Y7_STORY[1]}</p></article>"
        "<footer>© 2013 جميع الحقوق محفوظة</footer></body></html>"
    )


def analysed(tmp_path: Path, html: str) -> Article:
    path = tmp_path / "article.html"
    path.write_text(html, encoding="utf-8")
    ctx = Context(root=tmp_path, articles_dir=tmp_path, docs_dir=tmp_path / "docs")
    ctx.today = TODAY
    result = pipeline.analyse(path, ctx)
    assert isinstance(result, Article), result
    return result


def meta(content: str) -> str:
    return f'<meta property="article:published_time" content="{content}">'


LOCAL = (
    '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "%s"}</script>'
)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        # A year-only value stays a year, and a year says too little to be confident.
        ('<meta name="date" content="2013">', ("2013", "year", "low")),
        # Local time with its offset: the date as published, never shifted to 24 December.
        (meta("2024-12-25T01:30:00+03:00"), ("2024-12-25", "day", "high")),
        # A UTC time at midday is the UTC date (BBC News Arabic's page).
        (meta("2024-03-03T13:52:13.299Z"), ("2024-03-03", "day", "high")),
        # Late in the UTC evening the region's date may be the next one: not confident.
        (meta("2024-12-24T22:30:00Z"), ("2024-12-24", "day", "low")),
        # ... unless the page also gives the same moment in local time.
        (
            meta("2024-12-24T22:30:00Z") + LOCAL % "2024-12-25T01:30:00+03:00",
            ("2024-12-25", "day", "high"),
        ),
    ],
)
def test_html_metadata_precision_and_time_zone(
    tmp_path: Path, head: str, expected: tuple[str, str, str]
) -> None:
    published = analysed(tmp_path, html_page(head)).published
    assert published is not None and published.source == "html-metadata"
    assert (published.value, published.precision, published.confidence) == expected
    if published.confidence == "low":
        assert published.reason


def test_dateline_beats_disagreeing_metadata_and_editors_are_told(tmp_path: Path) -> None:
    result = analysed(tmp_path, html_page(meta("2024-05-24T08:43:00+03:00"), f"<p>{Y7_OWN}</p>"))
    published = result.published
    assert published is not None
    assert (published.value, published.confidence, published.source) == (
        "2024-05-13",
        "medium",
        "dateline",
    )
    assert "2024-05-24T08:43:00+03:00" in (published.reason or "")
    assert any("publication date:" in w and "dateline is kept" in w for w in result.warnings)


def test_a_dateline_the_utc_metadata_explains_is_no_disagreement() -> None:
    # 22:21 UTC on 3 August is 4 August in Abu Dhabi (GMT+4): the same moment, no warning.
    page = article(
        ["معارضون يسيطرون على مخازن للصواريخ بريف دمشق", "الأحد، 04 آب/اغسطس 2013", CNN_LEAD]
    )
    page.html_metadata = HtmlMetadata(date="2013-08-03T22:21:00Z")
    dated = find_dates(
        page, Context(root=Path("."), articles_dir=Path("."), docs_dir=Path(".")), TODAY
    )
    assert dated.published is not None
    assert (dated.published.value, dated.published.confidence) == ("2013-08-04", "high")
    assert dated.warnings == []


@pytest.mark.parametrize(
    ("text", "value", "utc_hour"),
    [
        ("2024-12-25T01:30:00+03:00", "2024-12-25", None),
        ("2024-12-24T22:30:00Z", "2024-12-24", 22),
        ("2026-01-08T11:42:50+00:00", "2026-01-08", 11),
        ("2024-05-13 06:00", "2024-05-13", None),
        ("2013", "2013", None),
    ],
)
def test_read_declared(text: str, value: str, utc_hour: int | None) -> None:
    declared = read_declared(text)
    assert declared is not None
    assert (declared.value.iso(), declared.utc_hour) == (value, utc_hour)
