"""Whole-page text: page chrome told from the story by line shape and neighbourhood.

Chrome lines are short excerpts of real pages (../shared/corpus/pages-dev: LBCI lbcgroup.tv
2026-01-08, Youm7 youm7.com 2024-05-13, BBC News Arabic 2024-03-03; pages © the publishers).
Story sentences are from the sample articles (seeds 000-004).
"""

from __future__ import annotations

from pathlib import Path

from generator import boilerplate
from generator.clean import clean_text
from generator.context import Context
from generator.headline import find_headline
from generator.model import Article
from generator.outlet import find_outlet

TITLE = "الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق"
STORY = [
    "نفى وزير الدفاع الأمريكي مارك إسبر مساء أمس الاثنين وجود خطط لانسحاب القوات الأمريكية "
    "من العراق، وذلك بعد يوم من إصدار البرلمان العراقي قراراً يدعو كل القوات الأجنبية إلى "
    "مغادرة البلاد، في خطوة أثارت جدلا واسعا في بغداد وواشنطن على حد سواء.",
    "وأشار المسؤول إلى أن القوات الأمريكية لا تزال تملك أنواعًا مختلفة من الأسلحة والعتاد في "
    "قواعدها داخل العراق، وأن أي قرار بالانسحاب لم يتخذ بعد من قبل وزارة الدفاع الأمريكية.",
    "وقال إسبر للصحفيين في البنتاغون إن الولايات المتحدة ملتزمة بحماية قواتها ومصالحها في "
    "المنطقة، مضيفا أن التواصل مع الحكومة العراقية مستمر لبحث مستقبل وجود القوات الأمريكية.",
    'وأضاف: "لم يتخذ أي قرار بمغادرة العراق".',
]
# Menus, tickers and footers of the pages-dev pages.
MENU = [
    "الرئيسية",
    "عاجل",
    "سياسة",
    "تقارير",
    "حوادث",
    "عرب",
    "عالم",
    "اقتصاد",
    "رياضة",
    "تحقيقات",
    "كاريكاتير",
    "فن",
    "ثقافة",
    "صحة",
    "ألبومات",
    "مقالات",
    "تكنولوجيا",
    "محافظات",
]
TICKER = [
    "عراقجي من مطار بيروت: إيران تدعم سيادة لبنان..ولا نرغب بالحرب لكننا جاهزون لها",
    "وزير الداخلية: قرار في شأن تنظيم عمل راكني السيارات",
    "أستراليا تنشئ لجنة تحقيق فدرالية بشأن هجوم شاطئ بونداي في سيدني",
    "الخارجية الصينية: استيلاء الولايات المتحدة على سفن أجنبية انتهاك للقانون الدولي",
    "الأرصاد: انخفاض بدرجات الحرارة بقيم تصل 5 درجات والعظمى بالقاهرة 34",
]
FOOTER = [
    "شروط الخدمة | بيان الخصوصية | الإعلانات | من نحن؟",
    "سوف يتم مراجعة تعليقك من قبل المشرفين",
    "© 2024 بي بي سي. بي بي سي ليست مسؤولة عن محتوى المواقع الخارجية.",
]
RELATED_HEADER = "الموضوعات المتعلقة"


def page(*parts: list[str]) -> str:
    return "\n\n".join(line for part in parts for line in part)


def kept(text: str) -> list[str]:
    return [line.text for line in clean_text(text).lines]


def test_a_whole_page_keeps_its_story_and_headline_and_nothing_else() -> None:
    text = page(
        [f"{TITLE} - اليوم السابع", "الجمعة، 24 مايو 2024 08:43 ص"],
        MENU,
        TICKER,
        [TITLE, "كتب سيد الخلفاوى", "مشاركة", "اضف تعليقاً واقرأ تعليقات القراء"],
        STORY,
        [RELATED_HEADER],
        TICKER,
        MENU,
        FOOTER,
    )
    result = clean_text(text)
    assert [line.text for line in result.lines] == [TITLE, *STORY]
    assert result.headline == TITLE
    assert {r.rule for r in result.removed} >= {"boilerplate"}


def test_the_headline_stage_takes_a_long_page_headline_the_page_structure_names() -> None:
    # Youm7 headlines run to 30 words and more, past what a first line may be on its own.
    long_title = (
        "وزارة النقل تشغل 10 سيارات كهربائية للعمل تاكسى بالعاصمة الإدارية.. وتؤكد: حجزها يبدأ "
        "الأربعاء بتطبيق هاتف والدفع فيزا وكاش.. والمركبات مراقبة بكاميرات إلكترونية من الداخل "
        "والخارج وبها أجهزة GPS.. صور"
    )
    text = page([f"{long_title} - اليوم السابع"], MENU, TICKER, [long_title], STORY, MENU)
    result = clean_text(text)
    article = Article(source=Path("page.txt"))
    article.paragraphs = [line.text for line in result.lines]
    article.page_headline = result.headline
    find_headline(article, Context.for_project(Path(".")))
    assert article.headline is not None and article.headline.ar == long_title
    assert article.headline.provenance == "detected"
    assert article.paragraphs == STORY


def test_a_story_cut_by_a_widget_keeps_both_parts_and_drops_a_far_teaser() -> None:
    widget = ["تخطى قصص مقترحة وواصل القراءة", "قصص مقترحة", *TICKER[:4], "قصص مقترحة نهاية"]
    teaser = (
        "دعوة نتنياهو لإلقاء خطاب أمام الكونجرس تثير غضب الديمقراطيين وتعهدات بمقاطعته، فيما "
        "يستعد الكونغرس لاستقبال رئيس الوزراء الإسرائيلي الشهر المقبل وسط انقسام حاد بين "
        "الحزبين حول الحرب في غزة."
    )
    text = page([TITLE], MENU, STORY[:2], widget, STORY[2:], MENU, [teaser], FOOTER)
    assert kept(text) == [TITLE, *STORY]


def test_an_article_copied_on_its_own_loses_nothing_not_even_its_list() -> None:
    # BBC Arabic, 2018-08-17 (ANT Corpus v2.1): a ranked list inside the story.
    ranked = [f"{n}- ممثلة رقم {n} - {20 - n} مليون دولار" for n in range(1, 11)]
    text = page([TITLE], STORY[:2], ranked, STORY[2:])
    assert kept(text) == [TITLE, *STORY[:2], *ranked, *STORY[2:]]


def test_a_numbered_list_inside_a_page_story_is_story() -> None:
    ranked = [f"{n}- ممثلة رقم {n} - {20 - n} مليون دولار" for n in range(1, 8)]
    text = page([TITLE], MENU, TICKER, STORY[:2], ranked, STORY[2:], MENU, TICKER, FOOTER)
    assert kept(text) == [TITLE, *STORY[:2], *ranked, *STORY[2:]]


def test_menus_and_copyright_lines_are_never_story_but_a_list_entry_is_not_a_menu() -> None:
    assert boilerplate.is_never_story("الرئيسية / عاجل / سياسة")
    assert boilerplate.is_never_story(FOOTER[0])
    assert boilerplate.is_never_story(FOOTER[2])
    assert not boilerplate.is_never_story("10 - غال غادوت - 10 مليون دولار")
    assert not boilerplate.is_never_story(STORY[0])


def test_a_short_closing_sentence_stays_with_its_story() -> None:
    text = page([TITLE], MENU, STORY, [RELATED_HEADER], TICKER, FOOTER)
    assert kept(text)[-1] == STORY[-1]


def test_shapes_of_lines() -> None:
    assert boilerplate.shape(STORY[0]) == "good"
    assert boilerplate.shape("رياضة") == "short"
    assert boilerplate.shape("رياضة", repeated=True) == "bad"
    assert boilerplate.shape(TICKER[0]) == "short"  # a headline: judged by its neighbours


def test_a_page_title_line_names_its_outlet_however_long_its_headline() -> None:
    long_title = " ".join(["وزارة النقل تشغل 10 سيارات كهربائية للعمل تاكسى بالعاصمة الإدارية"] * 3)
    article = Article(source=Path("page.txt"))
    article.text = page([f"{long_title} - اليوم السابع"], MENU, [long_title], STORY, MENU)
    find_outlet(article, Context.for_project(Path(".")))
    assert article.outlet is not None and article.outlet.en == "Youm7"


def test_an_article_copied_on_its_own_loses_only_its_breadcrumb() -> None:
    text = page(["الرئيسية / عاجل / سياسة", TITLE], STORY)
    assert kept(text) == [TITLE, *STORY]


def test_bbc_caption_labels_take_their_caption_and_leave_the_subheading() -> None:
    # BBC News Arabic, 2024-03-03: credit, label, caption, then the story's subheading.
    caption = [
        "صدر الصورة، EPA-EFE/REX/Shutterstock",
        "التعليق على الصورة،",
        "وقفة احتجاجية لأجل آرون بوشنل خارج مبنى التجنيد العسكري في تايمز سكوير، نيويورك",
        "رحلة غير عادية",
    ]
    text = page([TITLE], MENU, TICKER, STORY[:2], caption, STORY[2:], MENU, FOOTER)
    assert kept(text) == [TITLE, *STORY[:2], "رحلة غير عادية", *STORY[2:]]
