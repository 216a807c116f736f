"""Entity pages' data: which events name an entity, merged records, the index by type."""

from __future__ import annotations

from typing import Any

import pytest

from generator.collection.briefings import Collection
from generator.collection.entities import by_type, event_entities, index, publication_entities

from .test_collection_related import IRAQ, PENTAGON, day, make

ARAJI = {"id": "qasim-al-araji", "type": "person", "ar": "قاسم الأعرجي", "en": "Qasim al-Araji"}
COALITION = {
    "id": "international-coalition",
    "type": "organisation",
    "ar": "التحالف الدولي",
    "en": "the international coalition against ISIS",
}
ASSAD = {"id": "bashar-al-assad", "type": "person", "ar": "بشار الأسد", "en": "Bashar al-Assad"}
AIN_AL_ASAD = {"id": "ain-al-asad", "type": "place", "ar": "عين الأسد", "en": "Ain al-Asad"}
NAMED = [ARAJI, COALITION, PENTAGON, IRAQ, ASSAD, AIN_AL_ASAD]


def event(sentence: str, entities: list[str] | None = None) -> dict[str, Any]:
    return {
        "id": "ev-1",
        "date": "2021-12-09",
        "precision": "day",
        "ar": sentence,
        "evidence": "9 من كانون الأول",
        "entities": entities or [],
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The surname alone names the person the briefing names in full.
        ("وقال الأعرجي في تغريدة إن المهمة انتهت.", ["qasim-al-araji"]),
        # A weak alias ("التحالف") is the coalition in a briefing that names it.
        ("انسحاب قوات التحالف من العراق", ["international-coalition", "iraq"]),
        # Another spelling from the gazetteer, behind clitics (wa + lil).
        ("وللبنتاجون قوات في العراق", ["pentagon", "iraq"]),
        # The longest name wins: Ain al-Asad is not Bashar al-Assad.
        ("مغادرة قاعدة عين الأسد الجوية", ["ain-al-asad"]),
        ("أطاحت المعارضة بحكومة بشار الأسد", ["bashar-al-assad"]),
        ("وشُكّل في أيلول عام 2014.", []),
    ],
)
def test_events_name_the_entities_of_their_sentence(sentence: str, expected: list[str]) -> None:
    entry = make("a", "عنوان", entities=NAMED, events=[event(sentence)])
    assert list(event_entities(entry)["ev-1"]) == expected


def test_an_editors_list_of_event_entities_wins_and_unknown_ids_are_dropped() -> None:
    sentence = "وقال الأعرجي إن المهمة انتهت."
    entry = make("a", "عنوان", entities=NAMED, events=[event(sentence, ["pentagon", "nobody"])])
    assert event_entities(entry)["ev-1"] == ("pentagon",)


def test_publications_link_the_most_mentioned_entities() -> None:
    counted = [
        {**IRAQ, "mentions": 9},
        {**PENTAGON, "mentions": 2},
        {**ARAJI, "mentions": 2},
        {**COALITION, "mentions": 5},
        {**ASSAD, "mentions": 1},
        {**AIN_AL_ASAD, "mentions": 1},
    ]
    entry = make("a", "عنوان", entities=counted)
    assert publication_entities(entry) == (
        "iraq",
        "international-coalition",
        "pentagon",  # ties keep the page's order
        "qasim-al-araji",
        "bashar-al-assad",
    )


def test_records_merge_every_briefing_that_names_an_entity() -> None:
    romanised = {**ARAJI, "en": "Qasim al-Aaraji", "en_source": "romanised", "mentions": 3}
    edited = {**ARAJI, "ar": "قاسم الاعرجي", "en_source": "editor", "role": "adviser"}
    old = make("old", "عنوان", published=day("2021-12-09"), entities=[romanised])
    new = make("new", "عنوان", published=day("2022-01-05"), entities=[edited])
    undated = make("undated", "عنوان", entities=[{**romanised, "mentions": 1}])
    records = index(Collection((undated, old, new)), {})
    araji = records["qasim-al-araji"]
    assert (araji.en, araji.en_source, araji.role) == ("Qasim al-Araji", "editor", "adviser")
    assert araji.ar == "قاسم الأعرجي"  # the spelling used most (3 + 1 mentions against 1)
    assert [e.briefing.id for e in araji.entries] == ["new", "old", "undated"]
    assert araji.mentions == {"new": 1, "old": 3, "undated": 1}


def test_index_groups_by_type_the_most_covered_first() -> None:
    a = make("a", "عنوان", entities=[IRAQ, PENTAGON, ARAJI])
    b = make("b", "عنوان", entities=[IRAQ, COALITION])
    groups = by_type(index(Collection((a, b)), {}))
    assert [(kind, [r.id for r in members]) for kind, members in groups] == [
        ("person", ["qasim-al-araji"]),
        ("organisation", ["international-coalition", "pentagon"]),
        ("place", ["iraq"]),
    ]
