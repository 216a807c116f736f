"""The Arabic sentence splitter: ends, quotes, abbreviations, numbers, offsets, idempotence."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.langdata import mapping
from generator.text.quotes import closed_regions
from generator.text.sentences import split, texts

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        pytest.param(
            "نفى الوزير وجود خطط. وقال إنه لا قرار.",
            ["نفى الوزير وجود خطط.", "وقال إنه لا قرار."],
            id="full-stop",
        ),
        pytest.param(
            "ما قصة الرسالة؟ لا أحد يعرف! لكن الجيش نفى.",
            ["ما قصة الرسالة؟", "لا أحد يعرف!", "لكن الجيش نفى."],
            id="arabic-question-and-exclamation",
        ),
        pytest.param(
            "هل انسحبت القوات؟! نعم فعلت",
            ["هل انسحبت القوات؟!", "نعم فعلت"],
            id="mark-run-and-unterminated-tail",
        ),
        pytest.param(
            "رغم انتهاء مهمتها القتالية… القوات باقية في العراق",
            ["رغم انتهاء مهمتها القتالية…", "القوات باقية في العراق"],
            id="ellipsis-character",
        ),
        pytest.param(
            "انتهت المهمة۔ وبدأت مرحلة جديدة۔",
            ["انتهت المهمة۔", "وبدأت مرحلة جديدة۔"],
            id="arabic-full-stop",
        ),
        pytest.param(
            'وأضاف "لا أعرف ما هذه الرسالة... نحاول معرفة من أين أتت". ثم غادر.',
            ['وأضاف "لا أعرف ما هذه الرسالة... نحاول معرفة من أين أتت".', "ثم غادر."],
            id="not-inside-straight-quotes",
        ),
        pytest.param(
            "قال «لن ننسحب. سنبقى» ثم غادر. وانتهى المؤتمر.",
            ["قال «لن ننسحب. سنبقى» ثم غادر.", "وانتهى المؤتمر."],
            id="not-inside-guillemets",
        ),
        pytest.param(
            "قالت القناة “الحرة“ إن المسؤول تحدث. وأضاف “نحن باقون. لا انسحاب” أمس.",
            ["قالت القناة “الحرة“ إن المسؤول تحدث.", "وأضاف “نحن باقون. لا انسحاب” أمس."],
            id="reversed-curly-quotes",
        ),
        pytest.param(
            "انسحبت قوة الأفق (وهي قوة خاصة. تتبع التحالف) من القاعدة. وعادت إلى الكويت.",
            [
                "انسحبت قوة الأفق (وهي قوة خاصة. تتبع التحالف) من القاعدة.",
                "وعادت إلى الكويت.",
            ],
            id="not-inside-brackets",
        ),
        pytest.param(
            "“العراق في 2024 ليس مثل العراق في 2014” قال. لقد انتقلنا من الحروب إلى الاستقرار”.",
            [
                "“العراق في 2024 ليس مثل العراق في 2014” قال.",
                "لقد انتقلنا من الحروب إلى الاستقرار”.",
            ],
            id="unpaired-closing-quote-does-not-swallow",
        ),
        pytest.param(
            "قال د. أحمد إن الوضع خطير. ثم غادر.",
            ["قال د. أحمد إن الوضع خطير.", "ثم غادر."],
            id="abbreviation-doctor",
        ),
        pytest.param(
            "وصلت قوات U.S. Army إلى القاعدة. ثم غادرت.",
            ["وصلت قوات U.S. Army إلى القاعدة.", "ثم غادرت."],
            id="dotted-abbreviation",
        ),
        pytest.param(
            "التقى Gen. Milley بالوزير. ثم غادر.",
            ["التقى Gen. Milley بالوزير.", "ثم غادر."],
            id="listed-abbreviation",
        ),
        pytest.param(
            "ولد عام 1950 م. وتوفي عام 2000.",
            ["ولد عام 1950 م.", "وتوفي عام 2000."],
            id="era-mark-after-a-year-ends",
        ),
        pytest.param(
            "بلغ النمو 2.5 في المئة. وارتفعت الصادرات ١٥٫١ مليار.",
            ["بلغ النمو 2.5 في المئة.", "وارتفعت الصادرات ١٥٫١ مليار."],
            id="decimals",
        ),
        pytest.param(
            "1. انسحاب القوات من القاعدة. 2. تسليمها للعراق.",
            ["1. انسحاب القوات من القاعدة.", "2. تسليمها للعراق."],
            id="list-numbers",
        ),
        pytest.param(
            "وستعمل اللجنة على تسهيل الانتقال “ضمان الحماية لمستشاري التحالف”. ذكرت. "
            "وأكد البنتاغون ذلك.",
            [
                "وستعمل اللجنة على تسهيل الانتقال “ضمان الحماية لمستشاري التحالف”. ذكرت.",
                "وأكد البنتاغون ذلك.",
            ],
            id="lone-verb-of-saying-joins-the-sentence-before",
        ),
        pytest.param("", [], id="empty"),
        pytest.param("   ", [], id="blank"),
    ],
)
def test_split(paragraph: str, expected: list[str]) -> None:
    assert texts(paragraph) == expected


@pytest.mark.parametrize(
    "text",
    [
        'وقال إسبر إن "بلاده ليست لديها خطط" جاء ذلك.',
        "وفي تصريحات لموقع قناة “الحرة“، الجمعة 10 من كانون الأول، قال المسؤول.",
        "معسكر (بورينغ) بالكويت. وعادت.",
    ],
)
def test_protected_regions_are_closed_pairs(text: str) -> None:
    for start, end in closed_regions(text):
        assert text[start] in '"“”«„([' and text[end] in '"“”»)]'


def test_every_abbreviation_entry_is_kept_whole() -> None:
    for word in mapping("gist")["sentences"]["abbreviations"]:
        paragraph = f"قابل الوفد {word}. سميث في المقر. ثم غادر."
        assert texts(paragraph)[-1] == "ثم غادر.", word
        assert len(texts(paragraph)) == 2, word


@given(st.text(alphabet='ابت سمن.؟!"“”«»()0123456789', max_size=80))
def test_offsets_point_at_the_text_and_nothing_is_lost(paragraph: str) -> None:
    sentences = split(paragraph)
    for sentence in sentences:
        assert paragraph[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
    assert "".join(s.text for s in sentences).replace(" ", "") == "".join(paragraph.split())


@given(st.text(alphabet='ابت سمن.؟!"“”«»()0123456789', max_size=80))
def test_a_sentence_splits_into_itself(paragraph: str) -> None:
    for sentence in split(paragraph):
        assert texts(sentence.text) == [sentence.text]


def test_seed_sentences_are_stable() -> None:
    path = next((REPO / "articles").glob("004_*.txt"))
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert texts(lines[8]) == [
        "وقال رئيس الوزراء العراقي محمد شياع السوداني لتلفزيون بلومبرج في مقابلة الأسبوع الماضي"
        " إن العراق لم يعد بحاجة إلى قوات أمريكية على أراضيه.",
        "“العراق في 2024 ليس مثل العراق في 2014” قال.",
        "لقد انتقلنا من الحروب إلى الاستقرار”.",
    ]
