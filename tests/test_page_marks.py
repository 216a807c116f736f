"""Page marks: wire-agency marks, calls to the reader, share-button text and bylines.

Short excerpts cited from ../shared/corpus: SaudiNewsNet (parallelfold/SaudiNewsNet, CC BY-NC-SA
4.0, research use; articles © the newspapers: SPA, Okaz, Ain Alyoum, Arreyadi, Al-Jazirah), ANT
Corpus v2.1 BBC Arabic (Chouigui et al., AICCSA 2017; © BBC), and the LBCI and Youm7 pages of
pages-dev (© the publishers).
"""

from __future__ import annotations

import pytest

from generator import page_marks, signatures
from generator.clean import clean_text

LEAD = (
    "قال رئيس نادي جدة الأدبي الدكتور عبدالله بن عويقل السلمي إن الندوات يجب أن تتماس "
    "مع الهم اليومي."
)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("// انتهى //", "wire-end"),
        ("// يتبع //", "wire-end"),
        ("(النهاية) ح ج ع / ر ج", "wire-end"),
        ("إضافة خامسة وأخيرة", "wire-part"),
        ("إضافة أولى", "wire-part"),
        ("19:59 ت م", "wire-time"),
        ("17:33 ت م", "wire-time"),
        ("14:00 (GMT+0400)", "wire-time"),
        ("إضافة إلى ذلك، أعلنت الوزارة عن خطة جديدة.", None),
        ("انتهى الاجتماع في الساعة 19:59 بتوقيع الاتفاق.", None),
    ],
)
def test_wire_marks(line: str, kind: str | None) -> None:
    assert page_marks.wire_mark(line) == kind


@pytest.mark.parametrize(
    ("line", "call"),
    [
        (
            "يمكنكم تسلم إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي "
            "على هاتفكم المحمول.",
            True,
        ),
        (
            "يمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي "
            "على هاتفكم المحمول.",
            True,
        ),
        ("حمل الآن تطبيق LBCI للهواتف المحمولة", True),
        ("تابعونا على تويتر وفيسبوك", True),
        ("Download our app to get notifications", True),
        # Second person without a channel, a channel without the reader, or quoted speech: story.
        ("تمتلك كرواتيا حدائق وطنية خلابة، حيث يمكنك السباحة فيها تحت شلالات المياه.", False),
        ("ويمكن للمستخدم معرفة موقع أقرب دراجة باستخدام تطبيق على الهاتف الذكي.", False),
        ('وقال "يمكنك أن ترى ذلك على تطبيق الهاتف بصورة موضوعية".', False),
        ("وتابع في تغريدة على تويتر أن الحكومة ستعلن الخطة.", False),
    ],
)
def test_reader_calls(line: str, call: bool) -> None:
    assert page_marks.reader_call(line) is call


@pytest.mark.parametrize(
    ("line", "prefix"),
    [
        (
            f"شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك {LEAD}",
            "شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك",
        ),
        (
            "شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك",
            "شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك",
        ),
        ("Share Facebook Twitter WhatsApp", "Share Facebook Twitter WhatsApp"),
        # One network is a lead about a post, not a button bar; "شارك" is also a verb.
        ("مشاركة على تويتر أثارت جدلا واسعا بين المغردين.", ""),
        ("شارك الرئيس في المؤتمر الذي عقد في الرياض.", ""),
    ],
)
def test_share_prefix(line: str, prefix: str) -> None:
    assert page_marks.share_prefix(line) == prefix


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("ناصر الطميحي ـ جدة", True),
        ("مكة المكرمة – حامد القرشي", True),
        ("لجين الأحمدي – متابعات", True),
        ("الرياضي ـ الكويت", True),
        ("كتب سيد الخلفاوى", True),
        ("كتبت آية دعبس", True),
        ("بقلم: محمد علي", True),
        ("Author, كايلا إبستين وأنجليكا كاساس", True),
        ("منيرة آل سعيدان", True),
        ("سبق- أبها:", True),
        # Headlines: a tatweel inside a word, a longer side, a sentence after "كتب".
        ("الأمم المتحدة : مقتـل وإصـابة «3440» عـراقيًا", False),
        ("الهلالي الجديد..باع مباراة بـ (200) ألف يورو", False),
        ("تعتيم على تشكيلة الاتحاد.. وياكونان أساسيا", False),
        ("كتب الرئيس رسالة إلى نظيره الفرنسي يطلب فيها الدعم", False),
        ("ارتفاع الأسهم الخليجية في ختام تعاملات الأسبوع", False),
    ],
)
def test_byline_shape(line: str, byline: bool) -> None:
    assert page_marks.byline(line) is byline


def test_cleaner_drops_marks_and_keeps_the_lead_after_glued_share_text() -> None:
    text = "\n".join(
        [
            "ناصر الطميحي ـ جدة",
            f"شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك {LEAD}",
            "وأضاف أن الأندية الأدبية ستشارك في الفعاليات.",
            "يمكنكم تسلم إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي "
            "على هاتفكم المحمول.",
            "// انتهى //",
            "19:59 ت م",
        ]
    )
    cleaned = clean_text(text)
    assert [line.text for line in cleaned.lines] == [
        LEAD,
        "وأضاف أن الأندية الأدبية ستشارك في الفعاليات.",
    ]
    assert [(r.rule, r.line) for r in cleaned.removed] == [
        ("byline", 1),
        ("share-buttons", 2),
        ("reader-call", 4),
        ("wire-end", 5),
        ("sign-off", 6),
    ]


def test_a_byline_inside_the_story_is_kept() -> None:
    text = "\n".join([LEAD, "محمود وهبي ـ جدة", "وأضاف أن الأندية الأدبية ستشارك في الفعاليات."])
    assert len(clean_text(text).lines) == 3


@pytest.mark.parametrize(
    ("line", "outlet"),
    [("19:59 ت م", "spa"), ("09:13 ت م", "spa"), ("19:59", None), ("الساعة 19:59 ت م أمس", None)],
)
def test_spa_time_stamp_names_the_agency(line: str, outlet: str | None) -> None:
    found = signatures.sign_off(line)
    assert (found.id if found else None) == outlet


@pytest.mark.parametrize(
    ("line", "dated"),
    [
        ("مكة المكرمة 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس", True),
        ("الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00 (GMT+0400)", True),
        ("الجمعة، 24 مايو 2024", True),
        ("07/01/2020", True),
        ("السعودية 2030", False),
        ("مهرجان التمور ينطلق في بريدة 10 أغسطس", False),
        ("كأس العالم 2018: فرنسا تُخرج الأرجنتين", False),
    ],
)
def test_date_line(line: str, dated: bool) -> None:
    assert signatures.date_line(line) is dated
