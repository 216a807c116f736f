"""Key figures: numbers with their unit in real Arabic phrases, and what is not a figure."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from generator.context import Context
from generator.figures import english_number, figures_in, find_figures, number_value
from generator.langdata import mapping
from generator.model import Article
from generator.pipeline import analyse

REPO = Path(__file__).resolve().parent.parent


def found(text: str) -> list[tuple[str, str, str, str]]:
    return [(f.ar, f.value, f.unit, f.en) for _, f in figures_in(text, 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "كان لدى الولايات المتحدة حوالي 2500 جندي في العراق",
            [("حوالي 2500 جندي", "2,500", "troops", "about 2,500 troops")],
            id="troops-with-qualifier",
        ),
        pytest.param(
            "سيقلّ العدد الإجمالي للقوات الأمريكية في العراق عن 2000 جندي",
            [("2000 جندي", "2,000", "troops", "2,000 troops")],
            id="troops",
        ),
        pytest.param(
            "القوات الأمريكية قوامها خمسة آلاف جندي في العراق",
            [("خمسة آلاف جندي", "5,000", "troops", "5,000 troops")],
            id="number-word-and-thousands",
        ),
        pytest.param(
            "تاركة ما يقرب من 2500 من أفراد الخدمة الأمريكية",
            [
                (
                    "ما يقرب من 2500 من أفراد الخدمة",
                    "2,500",
                    "personnel",
                    "about 2,500 service members",
                )
            ],
            id="min-before-the-unit",
        ),
        pytest.param(
            "وصل عدد القوات إلى ٢٬٥٠٠ جندي",
            [("٢٬٥٠٠ جندي", "2,500", "troops", "2,500 troops")],
            id="arabic-indic-with-separator",
        ),
        pytest.param(
            "أرسلت الوزارة 1,500 عسكري إضافي",
            [("1,500 عسكري", "1,500", "soldiers", "1,500 soldiers")],
            id="western-thousands-separator",
        ),
        pytest.param(
            "تخفيض عدد القوات الأجنبية بنسبة 60%.",
            [("60%", "60", "percent", "60%")],
            id="percent-sign",
        ),
        pytest.param(
            "ارتفعت الصادرات ١١٫٥٪ على أساس سنوي",
            [("١١٫٥٪", "11.5", "percent", "11.5%")],
            id="arabic-percent-sign-and-decimal",
        ),
        pytest.param(
            "نزل الخام 2.35دولار أو ثلاثة بالمئة",
            [
                ("2.35دولار", "2.35", "dollars", "$2.35"),
                ("ثلاثة بالمئة", "3", "percent", "3%"),
            ],
            id="attached-unit-and-bilmiaa",
        ),
        pytest.param(
            "نما الاقتصاد نحو 4 في المئة العام الماضي",
            [("نحو 4 في المئة", "4", "percent", "about 4%")],
            id="fi-al-mia",
        ),
        pytest.param(
            "سجلت صادرات تركيا مستوى قياسيا عند 15.1 مليار دولار في مارس",
            [("15.1 مليار دولار", "15,100,000,000", "dollars", "$15.1 billion")],
            id="billions-of-dollars",
        ),
        pytest.param(
            "يضم السجل الانتخابي نحو 5,3 ملايين ناخب.",
            [("نحو 5,3 ملايين ناخب", "5,300,000", "voters", "about 5.3 million voters")],
            id="decimal-comma",
        ),
        pytest.param(
            "تجاوزت 150ألف مدني في اليومين الأخيرين",
            [("150ألف مدني", "150,000", "civilians", "150,000 civilians")],
            id="attached-thousand",
        ),
        pytest.param(
            "انسحبت من ثلاث قواعد في الأنبار",
            [("ثلاث قواعد", "3", "bases", "3 bases")],
            id="bases",
        ),
        pytest.param(
            "ليبلغ عند التسوية 76.44 دولار للبرميل",
            [("76.44 دولار للبرميل", "76.44", "dollars_per_barrel", "$76.44 a barrel")],
            id="price-per-barrel",
        ),
        pytest.param(
            "بلغ أعلى مستوياته عند 80.50 دولار للبرميل",
            [("80.50 دولار للبرميل", "80.50", "dollars_per_barrel", "$80.50 a barrel")],
            id="cents-as-written",
        ),
        pytest.param(
            "ما لا يقل عن 40 شخصا قتلوا",
            [("ما لا يقل عن 40 شخصا", "40", "people", "at least 40 people")],
            id="at-least",
        ),
        pytest.param(
            "تلقى دعما بقيمة مليوني ريال",
            [("مليوني ريال", "2,000,000", "riyals", "2 million riyals")],
            id="dual-number-word",
        ),
        pytest.param(
            "ارتفع بـ47.4% و10% أمس",
            [("47.4%", "47.4", "percent", "47.4%"), ("10%", "10", "percent", "10%")],
            id="proclitic-left-out-of-the-phrase",
        ),
        pytest.param("%60 من الناخبين", [("%60", "60", "percent", "60%")], id="sign-before"),
    ],
)
def test_figures_in_real_phrases(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("تم تشكيل التحالف في عام 2014 لمحاربة التنظيم", id="year"),
        pytest.param("في 9 من كانون الأول الحالي أعلن المستشار", id="date"),
        pytest.param("ينتهي في موعد أقصاه سبتمبر 2025", id="month-year"),
        pytest.param("نشر بتاريخ 07/01/2020 جندي", id="numeric-date"),
        pytest.param("غادرت عند الساعة 13:15 طائرة", id="time"),
        pytest.param("حصد برشلونة اللقب الـ25 في الدوري", id="ordinal"),
        pytest.param("الطائرات CH-47 و AH-64 و UH-60", id="aircraft-codes"),
        pytest.param("تسليم صواريخ S300 إلى سوريا", id="code-with-digits"),
        pytest.param("وأكثر من 900 في سوريا المجاورة", id="number-without-unit"),
        pytest.param("خلال الأشهر الاثني عشر المقبلة", id="duration"),
        pytest.param("نوير (32 عاما)", id="age"),
        pytest.param("نحو 40 مليون مصاب بالسكري", id="afflicted-is-not-wounded"),
        pytest.param("قتل ثلاثة عشر جنديا", id="compound-teen-is-not-ten"),
        pytest.param("أصيب أحد عشر مدنيا", id="eleven-is-not-ten"),
        pytest.param("انتشر خمسة وعشرون جنديا", id="compound-tens-are-not-read"),
    ],
)
def test_not_figures(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("digits", "value"),
    [
        ("2500", Decimal("2500")),
        ("2,500", Decimal("2500")),
        ("2,500,000", Decimal("2500000")),
        ("٢٥٠٠", Decimal("2500")),
        ("٢٬٥٠٠", Decimal("2500")),
        ("1.5", Decimal("1.5")),
        ("١٫٥", Decimal("1.5")),
        ("5,3", Decimal("5.3")),
        ("3,67", Decimal("3.67")),
    ],
)
def test_number_value(digits: str, value: Decimal) -> None:
    assert number_value(digits) == value


@pytest.mark.parametrize(
    ("value", "english"),
    [
        (Decimal("30"), "30"),
        (Decimal("2500"), "2,500"),
        (Decimal("150000"), "150,000"),
        (Decimal("1.5"), "1.5"),
        (Decimal("5300000"), "5.3 million"),
        (Decimal("15100000000.0"), "15.1 billion"),
        (Decimal("182000000000000"), "182 trillion"),
    ],
)
def test_english_number(value: Decimal, english: str) -> None:
    assert english_number(value) == english


def test_every_unit_word_is_found_after_a_number() -> None:
    units = mapping("figures")["units"]
    for unit, entry in units.items():
        for word in entry["ar"]:
            figures = [f for _, f in figures_in(f"أعلن المسؤول 12 {word} أمس", 1)]
            assert [f.unit for f in figures] == [unit], word
            assert figures[0].en == entry["en"].format(n="12")
            one = [f for _, f in figures_in(f"أعلن المسؤول 1 {word} أمس", 1)]
            assert one[0].en == entry.get("one", entry["en"]).format(n="1")


def test_every_number_word_reads_as_its_value() -> None:
    for value, words in mapping("figures")["number_words"].items():
        for word in words:
            (figure,) = [f for _, f in figures_in(f"قتل {word} مدنيين", 1)]
            assert figure.value == f"{int(value):,}", word


def test_figures_are_deduplicated_in_reading_order_and_capped() -> None:
    paragraphs = [
        "سجلت الصادرات 15.1 مليار دولار وارتفعت 11.5%.",
        "وقال الوزير إنها بلغت 15.1 مليار دولار.",  # the same figure again
        " ".join(f"{n} جندي" for n in range(1, 12)),
    ]
    figures = find_figures(paragraphs)
    assert [f.en for f in figures[:3]] == ["$15.1 billion", "11.5%", "1 troop"]
    assert [f.paragraph for f in figures[:3]] == [1, 1, 3]
    assert len(figures) == mapping("figures")["max_figures"]


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        ("001", ["5,000 troops", "about 10 countries"]),
        ("002", ["about 2,500 troops", "2,000 troops"]),
        ("003", ["60%"]),
        ("004", ["about 2,500 service members"]),
    ],
)
def test_seed_figures(seed: str, expected: list[str]) -> None:
    (path,) = (REPO / "articles").glob(f"{seed}_*.txt")
    article = analyse(path, Context.for_project(REPO))
    assert isinstance(article, Article), article
    assert [f.en for f in article.figures] == expected
    for figure in article.figures:
        assert figure.paragraph is not None
        assert figure.ar in article.paragraphs[figure.paragraph - 1]
