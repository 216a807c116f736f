"""Every engine reply is validated: what is not plainly English for its source is rejected."""

from __future__ import annotations

import unicodedata

import pytest

from generator.translate.validate import rejection

# Seed 000's lead and a quote from it (ANT Corpus v2.1 excerpt, see test_headline.py).
LEAD = (
    "نفى وزير الدفاع الأمريكي مارك إسبر مساء أمس الاثنين وجود خطط لانسحاب القوات الأمريكية "
    "من العراق."
)
LEAD_EN = (
    "US Defense Secretary Mark Esper on Monday evening denied that there were any plans to "
    "withdraw US troops from Iraq."
)
QUOTE = "لا يوجد قرار على الإطلاق بالانسحاب من العراق"


@pytest.mark.parametrize(
    ("source", "translation", "reason"),
    [
        pytest.param(LEAD, LEAD_EN, None, id="good-translation"),
        pytest.param(QUOTE, "There is no decision at all to withdraw from Iraq", None, id="quote"),
        pytest.param("نعم", "Yes", None, id="short-source-short-reply"),
        pytest.param("إسبر", "Esper", None, id="a-name"),
        pytest.param("COVID-19", "COVID-19", None, id="latin-source-may-come-back-unchanged"),
        pytest.param("٥٢٠٠ جندي", "5,200 soldiers", None, id="figures"),
        pytest.param("٢٠٢٠", "2020", None, id="digits-only"),
        pytest.param(
            LEAD, LEAD_EN.replace("Iraq", "العراق"), None, id="one-arabic-word-is-tolerated"
        ),
        pytest.param(LEAD, None, "empty", id="none"),
        pytest.param(LEAD, "", "empty", id="empty"),
        pytest.param(LEAD, " \n ", "empty", id="whitespace"),
        pytest.param(LEAD, LEAD, "identical to the source", id="echo"),
        pytest.param(LEAD, f"  {LEAD}\n", "identical to the source", id="echo-respaced"),
        pytest.param(
            "لا",
            unicodedata.lookup("ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM"),
            "identical to the source",
            id="echo-in-presentation-forms",
        ),
        pytest.param(
            LEAD, "Esper denied " + LEAD.split(" ", 2)[2], "mostly Arabic script", id="mostly"
        ),
        pytest.param(
            LEAD,
            "US Defense Secretary Mark Esper denied on Monday evening خطط لانسحاب القوات",
            "partly Arabic script",
            id="partly",
        ),
        pytest.param(
            QUOTE, "Нет решения о выводе войск из Ирака", "no Latin letters", id="cyrillic"
        ),
        pytest.param(LEAD, "Esper denied.", "truncated", id="truncated"),
        pytest.param(
            LEAD, "US Defense Secretary \ufffd\ufffd denied", "garbled characters", id="garbled"
        ),
        pytest.param("نعم", "Yes, " * 20, "far longer than the source", id="runaway-model"),
    ],
)
def test_rejection(source: str, translation: str | None, reason: str | None) -> None:
    assert rejection(source, translation) == reason
