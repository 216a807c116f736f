"""Cleaning: one table row per rule, one test per data entry, Unicode hygiene, properties."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import langdata, phrases
from generator.clean import clean_text
from generator.textnorm import normalise_line

# Story sentences of the sample articles (seeds 000-004).
# A few lines are short excerpts of the ANT Corpus v2.1 (../shared/corpus; Chouigui, Ben Khiroun,
# Elayeb, "ANT Corpus: An Arabic News Text Collection for Textual Classification", AICCSA 2017);
# article copyright stays with the outlets.
S1 = (
    "نفى وزير الدفاع الأمريكي مارك إسبر مساء أمس الاثنين وجود خطط لانسحاب القوات الأمريكية "
    "من العراق."
)
S2 = (
    "وجاءت هذه الرسالة بعد يوم من إصدار البرلمان العراقي قراراً يدعو كل القوات الأجنبية إلى "
    "مغادرة البلاد."
)
S3 = "وأشار المسؤول إلى أن القوات الأمريكية لا تزال تملك أنواعًا مختلفة من الأسلحة والعتاد."
TITLE = "الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق"
SUBHEADING = "تقليص التواجد الأمريكي في العراق"
CAPTION = (
    "جنود أمريكيون يقومون بدورية في منطقة ريفية بالقرب من موقع تابع للائتلاف في غرب العراق- "
    "كانون الثاني 2019 (AP)"
)
RELATED = "الولايات المتحدة تستعد لمزيد من الهجمات على قواتها في الشرق الأوسط – أكسيوس"


def paragraphs(*lines: str) -> list[str]:
    return [line.text for line in clean_text("\n".join(lines)).lines]


def rules_applied(*lines: str) -> list[str]:
    return [r.rule for r in clean_text("\n".join(lines)).removed]


@pytest.mark.parametrize(
    ("lines", "expected", "rules"),
    [
        pytest.param(
            ["• Tuesday, 17 February 2026", "logo", TITLE, S1],
            [TITLE, S1],
            ["site-header-date", "chrome"],
            id="site-header-date-and-logo",
        ),
        pytest.param([TITLE, "", TITLE, S1], [TITLE, S1], ["repeated-title"], id="repeated-title"),
        pytest.param([TITLE, "07/01/2020", S1], [TITLE, S1], ["date-line"], id="date-line"),
        pytest.param(
            [TITLE, S1, "البنتاجون", "البنتاجون", S2],
            [TITLE, S1, S2],
            ["caption", "caption"],
            id="caption-alt-text-twice",
        ),
        pytest.param(
            [TITLE, CAPTION, "camera icon" + CAPTION, S1],
            [TITLE, S1],
            ["caption", "caption"],
            id="camera-icon-caption",
        ),
        pytest.param([TITLE, "tag icon ع ع ع", S1], [TITLE, S1], ["widget"], id="tag-icon"),
        pytest.param(
            ["عاجل", "عاجل.. البنتاجون يعلن تقليص مهمته العسكرية في العراق", S1],
            ["عاجل.. البنتاجون يعلن تقليص مهمته العسكرية في العراق", S1],
            ["breaking-tag"],
            id="breaking-tag-line",
        ),
        pytest.param(
            [TITLE, S1, "اقرأ المزيد:", RELATED, S2],
            [TITLE, S1, S2],
            ["read-more", "read-more"],
            id="read-more-and-its-headline",
        ),
        pytest.param(
            [TITLE, S1, "اقرأ أيضا:", S2, S3],
            [TITLE, S1, S2, S3],
            ["read-more"],
            id="read-more-never-takes-a-sentence",
        ),
        pytest.param(
            [TITLE, S1, "للمزيد: ريال مدريد يقهر يوفنتوس (4-1) ويفوز باللقب للمرة 12", S2],
            [TITLE, S1, S2],
            ["read-more"],
            id="read-more-inline",
        ),
        pytest.param(
            [TITLE, S1, "قد يهمك| خطيبة جمال خاشقجي لـCNN: التقينا قبل 5 شهور", S2],
            [TITLE, S1, S2],
            ["read-more"],
            id="may-interest-you-inline",
        ),
        pytest.param([TITLE, S1, "تم نسخ الرابط"], [TITLE, S1], ["chrome"], id="copy-link"),
        pytest.param(
            [TITLE, S1, "آخر الأخبار", "الصفحة الرئيسية"],
            [TITLE, S1],
            ["page-tail", "chrome"],
            id="latest-news-and-home",
        ),
        pytest.param(
            [TITLE, S1, "rudaw", "Top"],
            [TITLE, S1],
            ["sign-off", "chrome"],
            id="trailing-site-name",
        ),
        pytest.param(
            [
                TITLE,
                S1,
                "مقالات متعلقة",
                "×",
                "الإعلام الموجّه يشوه الحقيقة في بلادنا ويطيل أمد الحرب..",
                "سوريا بحاجة للصحافة الحرة.. ونحن بحاجتك لنبقى مستقلين",
                "ادعم عنب بلدي",
                "دولار واحد شهريًا يصنع الفرق",
                "اضغط هنا للمساهمة",
            ],
            [TITLE, S1],
            [
                "page-tail",
                "chrome",
                "page-tail",
                "page-tail",
                "page-tail",
                "page-tail",
                "page-tail",
            ],
            id="related-list-and-donation-block",
        ),
        pytest.param(
            [TITLE, S1, "سوريا بحاجة للصحافة الحرة.. ونحن بحاجتك لنبقى مستقلين", "ادعم عنب بلدي"],
            [TITLE, S1],
            ["page-tail", "page-tail"],
            id="donation-appeal-without-header",
        ),
        pytest.param(
            [TITLE, S1, "قصص ذات صلة:", "أول تعليق من محمد بن سلمان بشأن اختفاء جمال خاشقجي", S2],
            [TITLE, S1, S2],
            ["related-list", "related-list"],
            id="related-list-mid-page",
        ),
        pytest.param(
            [TITLE, S1, SUBHEADING, S2], [TITLE, S1, SUBHEADING, S2], [], id="subheading-kept"
        ),
        pytest.param([TITLE, S1, "فرانس24/ أ ف ب"], [TITLE, S1], ["sign-off"], id="sign-off"),
        pytest.param(
            [TITLE, S1, "*نقلاً عن المنتخب المغربية"], [TITLE, S1], ["credit"], id="credit-line"
        ),
        pytest.param(
            ["عين اليوم – جدة", TITLE, S1], [TITLE, S1], ["dateline"], id="dateline-alone"
        ),
        pytest.param(
            ["لسة فاكر – العربية.نت", S1],
            ["لسة فاكر – العربية.نت", S1],
            [],
            id="short-title-with-suffix-is-not-a-dateline",
        ),
        pytest.param(
            [TITLE, S1, "https://www.rudaw.net/arabic/middleeast/iraq/070120201"],
            [TITLE, S1],
            ["source-link"],
            id="source-link",
        ),
    ],
)
def test_rule(lines: list[str], expected: list[str], rules: list[str]) -> None:
    assert paragraphs(*lines) == expected
    assert rules_applied(*lines) == rules


def test_removed_lines_keep_their_line_number_and_text() -> None:
    removed = clean_text(f"{TITLE}\n\n07/01/2020\n{S1}").removed
    assert [(r.rule, r.text, r.line) for r in removed] == [("date-line", "07/01/2020", 3)]


NOISE = langdata.mapping("noise")


@pytest.mark.parametrize("entry", NOISE["chrome_lines"])
def test_every_chrome_line_is_removed_and_the_story_kept(entry: str) -> None:
    assert paragraphs(TITLE, S1, entry, S2) == [TITLE, S1, S2]


@pytest.mark.parametrize("marker", NOISE["read_more_markers"])
def test_every_read_more_marker_takes_its_headline(marker: str) -> None:
    assert paragraphs(TITLE, S1, f"{marker}:", RELATED, S2) == [TITLE, S1, S2]
    assert paragraphs(TITLE, S1, f"{marker}: {RELATED}", S2) == [TITLE, S1, S2]


@pytest.mark.parametrize("header", NOISE["tail_headers"])
def test_every_tail_header_ends_the_page(header: str) -> None:
    assert paragraphs(TITLE, S1, S2, header, RELATED) == [TITLE, S1, S2]


@pytest.mark.parametrize("tag", NOISE["breaking_tags"])
def test_every_breaking_tag_alone_is_removed(tag: str) -> None:
    assert paragraphs(tag, TITLE, S1) == [TITLE, S1]


@pytest.mark.parametrize("prefix", NOISE["caption_prefixes"])
def test_every_caption_prefix_marks_a_caption(prefix: str) -> None:
    assert paragraphs(TITLE, S1, f"{prefix} {CAPTION}", S2) == [TITLE, S1, S2]


@pytest.mark.parametrize("call", NOISE["donation_calls"])
def test_every_donation_call_ends_the_page(call: str) -> None:
    assert paragraphs(TITLE, S1, S2, call) == [TITLE, S1, S2]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("\u202bقال الوزير\u202c", "قال الوزير", id="bidi-embedding"),
        pytest.param("\u2067CH-47\u2069 و AH-64", "CH-47 و AH-64", id="bidi-isolate"),
        pytest.param("\u202eقال الوزير", "قال الوزير", id="bidi-override"),
        pytest.param("\u200bالرياض، المملكة", "الرياض، المملكة", id="zero-width-space"),
        pytest.param("\ufeffالعراق", "العراق", id="bom-inside-text"),
        pytest.param("می\u200cخواهم", "می\u200cخواهم", id="zwnj-inside-persian-word-kept"),
        pytest.param("کوردستان\u200c ", "کوردستان", id="zwnj-at-word-end-removed"),
        pytest.param("لا\u200d\u200dم", "لا\u200dم", id="zwj-run-collapsed"),
        pytest.param("\u200c العراق", "العراق", id="zwnj-beside-space-removed"),
        pytest.param("إلى\u00a0 استشارية", "إلى استشارية", id="nbsp-collapsed"),
        pytest.param("\u200f\u200eوقال المصدر", "وقال المصدر", id="edge-direction-marks"),
        pytest.param("ﺍﻟﻌﺮﺍﻕ", "العراق", id="presentation-forms"),
        pytest.param("e\u0301te\u0301", "été", id="nfc"),
        pytest.param("\u00a0", "", id="nbsp-only-line-is-empty"),
    ],
)
def test_normalise_line(raw: str, expected: str) -> None:
    assert normalise_line(raw) == expected


@given(st.text())
@settings(max_examples=300)
def test_normalise_line_is_idempotent_and_nfc(text: str) -> None:
    once = normalise_line(text)
    assert normalise_line(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert not any(c in once for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


ARABIC_WORDS = S1.rstrip(".").split() + S2.rstrip(".").split() + S3.rstrip(".").split()
sentences = st.lists(st.sampled_from(ARABIC_WORDS), min_size=5, max_size=30).map(
    lambda ws: " ".join(ws) + "."
)
noise_lines = st.sampled_from(
    [
        *NOISE["chrome_lines"],
        "اقرأ المزيد:",
        RELATED,
        "مقالات متعلقة",
        "camera icon" + CAPTION,
        CAPTION,
        "rudaw",
        "عاجل",
        "07/01/2020",
        "• Tuesday, 17 February 2026",
        "ادعم عنب بلدي",
        "البنتاجون",
        SUBHEADING,
        "",
        "\u200b",
        "\u202b",
        "قد يهمك|",
        "للمزيد: " + RELATED,
    ]
)
texts = st.lists(st.one_of(sentences, noise_lines), max_size=25).map("\n".join)


@given(st.one_of(texts, st.text()))
@settings(max_examples=300)
def test_cleaning_is_idempotent(text: str) -> None:
    once = [line.text for line in clean_text(text).lines]
    assert [line.text for line in clean_text("\n\n".join(once)).lines] == once


@given(
    st.lists(sentences, min_size=1, max_size=8),
    st.lists(noise_lines, max_size=12),
    st.randoms(use_true_random=False),
)
@settings(max_examples=300)
def test_no_story_sentence_is_ever_removed(story: list[str], noise: list[str], rnd) -> None:
    lines = [*story, *noise]
    rnd.shuffle(lines)
    kept = {phrases.fold(p) for p in paragraphs(*lines)}
    assert all(phrases.fold(sentence) in kept for sentence in story)


@given(st.one_of(texts, st.text()))
@settings(max_examples=200)
def test_cleaning_only_removes_and_normalises(text: str) -> None:
    normalised = {normalise_line(line) for line in text.splitlines()}
    assert all(line.text in normalised for line in clean_text(text).lines)


@pytest.mark.parametrize(
    ("lines", "rule"),
    [
        (["• Tuesday, 17 February 2026", TITLE, S1], "site-header-date"),
        (["logo", "الثلاثاء، 17 فبراير 2026", TITLE, S1], "site-header-date"),
        ([TITLE, "الثلاثاء، 7 يناير 2020", S1], "date-line"),
        ([TITLE, "2020-01-07", S1], "date-line"),
        ([TITLE, "07/01/2020 - 10:45", S1], "date-line"),
    ],
)
def test_a_weekday_date_is_the_page_header_only_above_the_headline(
    lines: list[str], rule: str
) -> None:
    assert rule in rules_applied(*lines)
    assert paragraphs(*lines) == [TITLE, S1]
