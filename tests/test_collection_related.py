"""Related briefings: the word measure, the rules, and the links between the sample briefings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.collection.briefings import Collection, Entry, load_collection, trusted_date
from generator.collection.related import namer, related
from generator.collection.related_signals import contains, days_apart
from generator.collection.related_text import scoring_data, stem, stems
from generator.model import Briefing

REPO = Path(__file__).resolve().parent.parent
SAMPLES = {
    "000": "000-51295827b7bc72d8",
    "001": "001-ea719c2dc020a5b8",
    "002": "002-05af058da5e47de5",
    "003": "003-94a82db443eba38b",
    "004": "004-6694573e73f3076d",
}
SHA = "0" * 64


def make(
    slug: str,
    headline: str,
    *,
    published: dict[str, Any] | None = None,
    entities: list[dict[str, Any]] | None = None,
    events: list[dict[str, Any]] | None = None,
    body: str = "",
) -> Entry:
    briefing = Briefing.model_validate(
        {
            "id": slug,
            "headline": {"ar": headline},
            "published": published,
            "sources": [
                {
                    "path": f"articles/{slug}.txt",
                    "sha256": SHA,
                    "format": "txt",
                    "encoding": "utf-8",
                }
            ],
            "entities": entities or [],
            "events": events or [],
        }
    )
    return Entry(briefing, body, f"briefings/{slug}.md")


def day(value: str, confidence: str = "high", source: str = "dateline") -> dict[str, Any]:
    return {"value": value, "precision": "day", "confidence": confidence, "source": source}


ESPER = {"id": "mark-esper", "type": "person", "ar": "مارك إسبر", "en": "Mark Esper"}
PENTAGON = {"id": "pentagon", "type": "organisation", "ar": "البنتاغون", "en": "the Pentagon"}
IRAQ = {"id": "iraq", "type": "place", "ar": "العراق", "en": "Iraq"}
REUTERS = {"id": "reuters", "type": "organisation", "ar": "رويترز", "en": "Reuters"}
DENIAL = (
    "نفى وزير الدفاع الأمريكي مارك إسبر وجود خطط لانسحاب القوات الأمريكية من العراق، وقال "
    "إنه لا يعرف ما هذه الرسالة التي تحدثت عن إعادة تمركز القوات استعدادا لمغادرة العراق."
)
DENIAL_2 = (
    "أكد وزير الدفاع الأمريكي مارك إسبر أنه لا يوجد قرار بالانسحاب من العراق، وقال إنه لا "
    "يعرف ما هي هذه الرسالة عن إعادة تمركز القوات الأمريكية استعدادا لمغادرة العراق."
)
FOOTBALL = "فاز المنتخب الوطني لكرة القدم على ضيفه بثلاثة أهداف في المباراة الودية على ملعب الشعب."


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("الأمريكية", "امريك"),  # article and nisba ending: meets "الأمريكي"
        ("الأمريكي", "امريك"),
        ("لانسحاب", "انسحاب"),  # the preposition li
        ("الانسحاب", "انسحاب"),
        ("وللقوات", "قوات"),  # wa + lil (li + al)
        ("قواتها", "قوات"),  # attached pronoun
        ("بغداد", "غداد"),  # crude but the same for every spelling ...
        ("وبغداد", "غداد"),  # ... so "وبغداد" still meets "بغداد"
        ("قال", "قال"),  # too short to cut
    ],
)
def test_stem_cuts_clitics_and_endings_the_same_way_everywhere(word: str, expected: str) -> None:
    from generator.entities.normalise import norm

    assert stem(norm(word), scoring_data()) == expected


def test_stems_leave_out_function_words_digits_and_diacritics() -> None:
    assert stems("وقال إنّ القوات في عام 2020 لن تنسحب من العراق") == ["قوات", "تنسحب", "عراق"]


@pytest.mark.parametrize(
    ("outer", "inner", "expected"),
    [
        ("2021", "2021-12-10", True),
        ("2021-12", "2021-12-10", True),
        ("2021-12-10", "2021-12-10", True),
        ("2021-11", "2021-12-10", False),
        ("2021-12-10", "2021", False),
    ],
)
def test_contains(outer: str, inner: str, expected: bool) -> None:
    assert contains(outer, inner) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2020-01-06", "2020-01-07", 1),
        ("2019-12-31", "2020-01-01", 1),
        ("2020-01", "2020-01-07", None),
    ],
)
def test_days_apart(a: str, b: str, expected: int | None) -> None:
    assert days_apart(a, b) == expected


@pytest.mark.parametrize(
    ("first", "second", "named_by"),
    [
        ("ما قصة رسالة الانسحاب الأمريكي من العراق؟", "الدفاع الأمريكية تنفي خطط الانسحاب", "b"),
        ("الدفاع الأمريكية تنفي خطط الانسحاب", "ما قصة رسالة الانسحاب؟", "a"),
        ("البنتاغون ينفي", "إسبر ينفي", "a"),  # two statements: the first by id
    ],
)
def test_a_question_headline_never_names_the_event(first: str, second: str, named_by: str) -> None:
    a, b = make("a", first), make("b", second)
    assert namer(a, b).briefing.id == named_by


def test_page_chrome_dates_are_not_trusted() -> None:
    chrome = make("a", "عنوان", published=day("2026-02-17", "low", "page-chrome"))
    inferred = make("b", "عنوان", published=day("2021-12-10", "low", "text (lead date)"))
    assert chrome.date is None and trusted_date(chrome.briefing.published) is None
    assert inferred.date is not None and inferred.date.value == "2021-12-10"


def links(*entries: Entry) -> dict[str, list[tuple[str, list[str]]]]:
    found = related(Collection(entries))
    return {
        k: [(lk.entry.briefing.id, [r.kind for r in lk.reasons]) for lk in v]
        for k, v in found.items()
    }


def test_two_reports_of_one_denial_are_the_same_event_dated_by_the_trusted_date() -> None:
    chrome = day("2026-02-17", "low", "page-chrome")
    a = make("a", "إسبر ينفي الانسحاب", published=chrome, entities=[ESPER, IRAQ], body=DENIAL)
    dateline = day("2020-01-07")
    b = make("b", "ما قصة الرسالة؟", published=dateline, entities=[ESPER, IRAQ], body=DENIAL_2)
    c = make("c", "المنتخب يفوز وديا", published=day("2020-01-07"), body=FOOTBALL)
    found = related(Collection((a, b, c)))
    assert [lk.entry.briefing.id for lk in found["a"]] == ["b"]
    reason = found["a"][0].reasons[0]
    assert (reason.kind, reason.date, reason.named_by) == ("same-event", "2020-01-07", a)
    assert found["c"] == []


@pytest.mark.parametrize(
    ("date_a", "date_b", "same"),
    [
        ("2020-01-06", "2020-01-07", True),  # yesterday's and today's papers
        ("2020-01-07", "2020-03-01", False),  # two months apart: a later step, not one event
    ],
)
def test_same_event_needs_dates_that_agree(date_a: str, date_b: str, same: bool) -> None:
    a = make("a", "إسبر ينفي", published=day(date_a), entities=[ESPER], body=DENIAL)
    b = make("b", "إسبر يؤكد", published=day(date_b), entities=[ESPER], body=DENIAL_2)
    kinds = links(a, b)["a"][0][1]
    assert ("same-event" in kinds) is same
    assert "shared" in kinds


def test_close_texts_without_any_date_are_similar_not_the_same_event() -> None:
    a = make("a", "إسبر ينفي", entities=[ESPER], body=DENIAL)
    b = make("b", "إسبر يؤكد", entities=[ESPER], body=DENIAL_2)
    assert links(a, b)["a"] == [("b", ["shared", "similar-text"])]


def test_a_news_agency_or_a_place_everyone_names_is_no_reason() -> None:
    a = make("a", "المنتخب يفوز", entities=[REUTERS, IRAQ], body=FOOTBALL)
    b = make("b", "إسبر ينفي", entities=[REUTERS, IRAQ], body=DENIAL)
    c = make("c", "البنتاغون يعلن", entities=[IRAQ, PENTAGON], body="أعلن البنتاغون خطته.")
    assert links(a, b, c) == {"a": [], "b": [], "c": []}


def test_a_briefing_recalling_the_time_of_another_continues_its_thread() -> None:
    coalition = {
        "id": "international-coalition",
        "type": "organisation",
        "ar": "التحالف الدولي",
        "en": "the international coalition",
    }
    named = [coalition, PENTAGON]
    ended = "أعلن التحالف الدولي انتهاء المهمة القتالية في العراق."
    a = make("a", "انتهاء المهمة القتالية", published=day("2021-12-10"), entities=named, body=ended)
    event = {
        "id": "ev-1",
        "date": "2021",
        "precision": "year",
        "ar": "وانتهت العمليات في عام 2021.",
        "evidence": "عام 2021",
    }
    b = make(
        "b",
        "واشنطن تحدد خطط الانسحاب",
        published=day("2024-09-06"),
        entities=named,
        events=[event],
        body="ستنتقل المهمة إلى شراكة.",
    )
    found = related(Collection((a, b)))
    period = [r for r in found["b"][0].reasons if r.kind == "same-period"]
    assert [(r.date, r.precision) for r in period] == [("2021", "year")]


@pytest.fixture(scope="module")
def samples() -> dict[str, Any]:
    docs = REPO / "docs"
    if not (docs / "briefings" / f"{SAMPLES['000']}.md").is_file():
        pytest.skip("the sample briefings are not in docs/briefings")
    # Read without the page cache: it lives in .cache/ beside docs/, inside the repository.
    return related(load_collection(docs, cache=False))


def reasons_of(found: dict[str, Any], page: str, target: str) -> dict[str, Any]:
    for lk in found[SAMPLES[page]]:
        if lk.entry.briefing.id == SAMPLES[target]:
            return {r.kind: r for r in lk.reasons}
    raise AssertionError(f"{page} does not link {target}: {found[SAMPLES[page]]}")


@pytest.mark.parametrize(("page", "other"), [("000", "001"), ("001", "000")])
def test_seeds_000_and_001_report_the_same_event(
    samples: dict[str, Any], page: str, other: str
) -> None:
    assert samples[SAMPLES[page]][0].entry.briefing.id == SAMPLES[other]  # the first link
    reasons = reasons_of(samples, page, other)
    same = reasons["same-event"]
    # 000's only date is page chrome; 001's dateline dates the event. 001's headline is a question.
    assert (same.date, same.precision, same.named_by.briefing.id) == (
        "2020-01-07",
        "day",
        SAMPLES["000"],
    )
    assert {"mark-esper", "mark-milley", "william-seely"} <= {
        e.id for e in reasons["shared"].entities
    }


@pytest.mark.parametrize(
    ("page", "other", "period"),
    [
        ("003", "004", "2021"),  # 004 recalls 2021, when 003 reported the end of the combat mission
        ("004", "003", "2021"),
        ("004", "002", "2024"),  # 002 recalls 2024, when 004 reported the agreement
        ("002", "004", "2024"),
    ],
)
def test_seeds_003_004_002_are_steps_of_one_wind_down(
    samples: dict[str, Any], page: str, other: str, period: str
) -> None:
    reasons = reasons_of(samples, page, other)
    assert reasons["same-period"].date == period
    assert "pentagon" in {e.id for e in reasons["shared"].entities}
    assert "same-event" not in reasons


@pytest.mark.parametrize(("page", "first"), [("003", "004"), ("004", "002"), ("002", "004")])
def test_the_next_step_comes_first(samples: dict[str, Any], page: str, first: str) -> None:
    assert samples[SAMPLES[page]][0].entry.briefing.id == SAMPLES[first]


def test_every_link_says_why_and_iraq_is_never_a_reason(samples: dict[str, Any]) -> None:
    for found in samples.values():
        for lk in found:
            assert lk.reasons
            for reason in lk.reasons:
                assert "iraq" not in {e.id for e in reason.entities}


def test_related_data_entries_are_well_formed() -> None:
    from generator.entities.gazetteer import base
    from generator.langdata import mapping

    data = mapping("related")
    known = base().entries
    assert [s for s in data["source_entities"] if s not in known] == []
    assert all(p and len(p) <= 4 for p in data["prefixes"])
    assert all(s and len(s) <= 3 for s in data["suffixes"])
    # Every stop word is dropped, whatever clitic it carries.
    assert stems("وفي ومن وعلى فإن بأن لكن الذي والتي") == []
