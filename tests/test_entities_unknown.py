"""Names the gazetteer does not know: title and context cues, and their romanisation."""

from __future__ import annotations

import pytest

from generator.entities import analyse, to_records
from generator.entities.gazetteer import base
from generator.entities.romanise import romanise


def unknown(text: str) -> list[tuple[str, str]]:
    return [(r.ar, r.type) for r in to_records(analyse(text, base())) if r.en_source == "romanised"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Real sentences from the samples and ANT corpus (articles-dev), names removed from the
        # gazetteer's view by using people it does not list.
        (
            "وقال الناطق الرسمي باسم الغرفة إبراهيم الجباوي لوكالة الأنباء الفرنسية",
            [("إبراهيم الجباوي", "person")],
        ),
        ("وأوضح علي الصلخدي، مسؤول مجلس محافظة درعا", [("علي الصلخدي", "person")]),
        (
            "بعث بها قائد قوة المهمات الأمريكية في العراق، إلى عبد الأمير، نائب قائد العمليات",
            [("عبد الأمير", "person")],
        ),
        ("بالتزامن مع حزب الشعب الجمهوري المعارض", [("حزب الشعب الجمهوري", "organisation")]),
        ("وقال المتحدث باسم الخارجية الإيرانية إن", [("الخارجية الإيرانية", "organisation")]),
    ],
)
def test_cues_find_unknown_names(text: str, expected: list[tuple[str, str]]) -> None:
    assert unknown(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "نفى وزير الدفاع الأمريكي وجود خطط",  # a title without a name
        "كان الرئيس قد قال إنه على تواصل بأعلى المستويات",  # "على" is not "علي"
        "وأعلنت حركة المرور عن إغلاق الطريق",  # traffic, not a movement
        "وقال الناطق باسم الحكومة إن",  # "the government" alone names no one
        "قال المدير رامي عبد الرحمن استهدفت",  # the verb after the name is not part of it
    ],
)
def test_cues_do_not_invent_names(text: str) -> None:
    found = unknown(text)
    assert all("استهدفت" not in ar for ar, _ in found)
    if "رامي" not in text:
        assert found == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Shapes of the Saudi dailies (../shared/corpus/articles-snn, SaudiNewsNet, 2015) with
        # names the gazetteer does not list: a present-tense verb, "و" joining a second person
        # or a clause ends the name.
        ("وقال الأمير خالد الفيصلي يتابع تفاصيل المشروع", "خالد الفيصلي"),
        ("وقال المتحدث محمد عبد السلام ومهدي المشاط إن", "محمد عبد السلام"),
        ("وأضاف ماهر المترب وهو عقيد في الاستخبارات", "ماهر المترب"),
        # A given name that starts with ي or ت stays part of the name.
        ("وقال الوزير سلمان يوسف الأحمد إن", "سلمان يوسف الأحمد"),
    ],
)
def test_a_name_ends_where_a_verb_or_a_second_person_begins(text: str, name: str) -> None:
    assert (name, "person") in unknown(text)


def test_surname_alone_counts_after_the_full_name() -> None:
    text = "وقال الناطق باسم الغرفة إبراهيم الجباوي إن الجولة فشلت. وأضاف الجباوي أن"
    records = [r for r in to_records(analyse(text, base())) if r.en_source == "romanised"]
    assert [(r.ar, r.mentions) for r in records] == [("إبراهيم الجباوي", 2)]


@pytest.mark.parametrize(
    ("arabic", "english"),
    [
        ("قاسم الأعرجي", "Qasim al-Araji"),
        ("يحيى رسول", "Yahya Rasul"),
        ("سابرينا سينغ", "Sabrina Singh"),
        ("عبد الأمير", "Abd al-Amir"),
        ("محمد السوداني", "Mohammed al-Sudani"),
    ],
)
def test_romanisation_is_readable(arabic: str, english: str) -> None:
    assert romanise(arabic) == english
