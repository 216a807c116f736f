"""Quotes: quotation styles, speaker rules on real sentences, the seed acceptance cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.entities.gazetteer import base
from generator.model import Quote, Speaker
from generator.quotes import Found, extract
from generator.quotes.rank import key_quotes
from generator.text import QUOTES, quote_spans, split

REPO = Path(__file__).resolve().parent.parent


def seed(prefix: str) -> list[str]:
    path = next((REPO / "articles").glob(f"{prefix}_*.txt"))
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def speakers(paragraphs: list[str]) -> list[tuple[str, str | None]]:
    """(first three words, speaker entity or kind) for every quote."""
    return [
        (" ".join(f.quote.ar.split()[:3]), f.quote.speaker.entity or f.quote.speaker.kind)
        for f in extract(paragraphs, base())
    ]


def quotes_of(prefix: str) -> list[Found]:
    return extract(seed(prefix), base())


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('قال إسبر إن "بلاده ليست لديها خطط"', ["بلاده ليست لديها خطط"]),
        ("قال إسبر ”لا يوجد قرار على الإطلاق“، مضيفا", ["لا يوجد قرار على الإطلاق"]),
        ("قال “اليوم أنهينا جولة الحوار” أمس", ["اليوم أنهينا جولة الحوار"]),
        ("وقال «لا نريد الحرب» ثم غادر", ["لا نريد الحرب"]),
        ("وقال „لا نريد الحرب“ ثم غادر", ["لا نريد الحرب"]),
        ("قناة “الحرة“، قال", ["الحرة"]),  # the same mark closes
        (
            'وأفادت مسودة الخطاب؛ بأنّ "الولايات المتحدة ستغير أماكن قواتها',
            ["الولايات المتحدة ستغير أماكن قواتها"],
        ),
    ],
)
def test_quote_spans_in_every_style(text: str, quoted: list[str]) -> None:
    assert [text[s.start : s.end].strip() for s in quote_spans(text)] == quoted


def test_sentences_do_not_end_inside_a_quote() -> None:
    text = 'وأضاف "لا أعرف ما هذه الرسالة... نحاول معرفة من أين أتت". ثم غادر.'
    cut = [text[a:b] for a, b in ((s.start, s.end) for s in split(text, QUOTES))]
    assert cut == ['وأضاف "لا أعرف ما هذه الرسالة... نحاول معرفة من أين أتت".', "ثم غادر."]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # Explicit: verb, subject, quote.
        (['وقال إسبر إن "بلاده ليست لديها خطط لسحب قواتها"'], [("بلاده ليست لديها", "mark-esper")]),
        # Title before the name; the name after the quote (wire copy translated from English).
        (
            ["“بصمتنا سوف تتغير داخل البلاد” وقالت المتحدثة باسم البنتاغون سابرينا سينغ للصحفيين."],
            [("بصمتنا سوف تتغير", "sabrina-singh")],
        ),
        # Carried over to the next paragraph.
        (
            ['وقال إسبر إن "بلاده ليست لديها خطط"', 'وأضاف "لا أعرف ما هذه الرسالة"'],
            [("بلاده ليست لديها", "mark-esper"), ("لا أعرف ما", "mark-esper")],
        ),
        # Subject before the verb.
        (['لكنّ إسبر أكّد أنّه "لا يوجد أيّ قرار على الإطلاق"'], [("لا يوجد أيّ", "mark-esper")]),
        # A document speaks.
        (
            ['وجاء في الرسالة: "سيدي، احتراماً لسيادة جمهورية العراق"'],
            [("سيدي، احتراماً لسيادة", "document")],
        ),
        # The statement is the medium, the coalition the speaker.
        (
            ['وأضاف التحالف الدولي في بيان: "أولويتنا القصوى هي حماية كل جنود التحالف"'],
            [("أولويتنا القصوى هي", "international-coalition")],
        ),
        # An anonymous source, reached through "نقلت ... عن".
        (
            ['نقلت شبكة "بي بي سي"، عن مصدر في التحالف الدولي؛ أنّ "الرسالة كانت لإطلاع العراقيين"'],
            [("الرسالة كانت لإطلاع", "unknown")],
        ),
        # Someone we cannot name speaks: "وأضاف" must not go back to the previous speaker.
        (
            [
                'وقال إسبر إن "بلاده ليست لديها خطط"',
                'وقال نيكولا هيراس، خبير شؤون الشرق الأوسط، إن "وضع حليف رئيسي خارج الناتو مهم"',
                'وأضاف أن ذلك "سيضع على الورق ما كان اتفاقا"',
            ],
            [
                ("بلاده ليست لديها", "mark-esper"),
                ("وضع حليف رئيسي", "unknown"),
                ("سيضع على الورق", "unknown"),
            ],
        ),
        # A feminine verb cannot continue a man's words.
        (
            ['وقال إسبر إن "بلاده ليست لديها خطط"', 'وأضافت "لا نريد الحرب مع أحد"'],
            [("بلاده ليست لديها", "mark-esper"), ("لا نريد الحرب", "unknown")],
        ),
        # Names in quotation marks are not quotes.
        (
            ["وقال الأعرجي في تغريدة عبر “تويتر”، “اليوم أنهينا جولة الحوار الأخيرة”"],
            [("اليوم أنهينا جولة", "qasim-al-araji")],
        ),
    ],
)
def test_attribution_rules(paragraphs: list[str], expected: list[tuple[str, str]]) -> None:
    assert speakers(paragraphs) == expected


def test_seed_000_esper_milley_and_the_letter() -> None:
    found = quotes_of("000")
    by_start = {" ".join(f.quote.ar.split()[:3]): f.quote.speaker for f in found}
    assert by_start["بلاده ليست لديها"].entity == "mark-esper"
    assert by_start["لا يوجد قرار"].en == "Mark Esper"
    assert by_start["لا أعرف ما"].entity == "mark-esper"
    assert by_start["الرسالة مسودة سيئة"].en == "Mark Milley"
    assert by_start["لا يتم التخطيط"].entity == "mark-milley"
    letter = by_start["احتراماً لسيادة جمهورية"]
    assert (letter.kind, letter.entity, letter.ar) == ("document", "william-seely", "الرسالة")
    # "وأضاف" right after the letter's quote stays with the letter, and so does the rest.
    for start in ("ومن أجل تنفيذ", "خلال هذا الوقت", "حيث نبدأ بتنفيذ"):
        assert by_start[start] == letter, start


def test_seed_001_milley_esper_and_the_coalition_statement() -> None:
    found = quotes_of("001")
    pairs = [(f.quote.speaker.entity, f.quote.ar) for f in found]
    assert ("mark-esper", "لا يوجد أيّ قرار على الإطلاق بمغادرة العراق") in pairs
    assert [e for e, text in pairs if text.startswith("الرسالة كانت خطأ")] == ["mark-milley"]
    assert [e for e, text in pairs if text.startswith("أولويتنا القصوى")] == [
        "international-coalition"
    ]
    assert {f.quote.speaker.entity for f in found if f.quote.ar.startswith("سيدي")} == {
        "william-seely"
    }


def test_seed_004_singh_and_al_sudani() -> None:
    found = quotes_of("004")
    pairs = {" ".join(f.quote.ar.split()[:2]): f.quote.speaker.entity for f in found}
    assert pairs["بصمتنا سوف"] == "sabrina-singh"
    assert pairs["لا، الولايات"] == "sabrina-singh"
    assert pairs["العراق في"] == "mohammed-shia-al-sudani"
    assert pairs["منع عودة"] is None  # the joint statement: a document without an author


def test_partial_quote_keeps_its_sentence() -> None:
    [found] = extract(
        ['ولفت إلى أنه في كلتا المكالمتين "تم طلب المزيد من التفاصيل"، حسب بيانها.'], base()
    )
    assert found.quote.sentence.startswith("ولفت إلى أنه في كلتا المكالمتين")
    assert found.quote.paragraph == 1
    assert found.quote.id.startswith("q-")


def _quote(text: str, speaker: Speaker, paragraph: int = 1) -> Quote:
    return Quote(id="q-x", speaker=speaker, ar=text, sentence=text, rank=1, paragraph=paragraph)


def test_key_quotes_rank_drop_duplicates_and_unattributed() -> None:
    esper = Speaker(kind="person", entity="mark-esper", ar="مارك إسبر", en="Mark Esper")
    quotes = [
        _quote("لا يوجد قرار على الإطلاق بالانسحاب من العراق", esper),
        _quote("لا يوجد قرار على الإطلاق بالانسحاب", esper),  # a repeat
        _quote("كلام بلا قائل معروف في النص", Speaker(kind="unknown")),
        _quote("الرسالة كانت لإطلاع العراقيين على النقل", Speaker(kind="unknown", ar="مصدر")),
    ]
    kept = key_quotes(quotes)
    assert [(q.rank, q.ar) for q in kept] == [
        (1, "لا يوجد قرار على الإطلاق بالانسحاب من العراق"),
        (2, "الرسالة كانت لإطلاع العراقيين على النقل"),
    ]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_key_quotes_are_attributed_and_distinct(prefix: str) -> None:
    kept = key_quotes([f.quote for f in quotes_of(prefix)])
    assert 1 <= len(kept) <= 5
    assert [q.rank for q in kept] == list(range(1, len(kept) + 1))
    assert all(q.speaker.kind != "unknown" or q.speaker.ar for q in kept)
    assert len({q.id for q in kept}) == len(kept)
