"""The outlet registry (``data/outlets.yml``) as data; wire-agency datelines name the outlet."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from generator import phrases, signatures
from generator.context import Context
from generator.model import Article
from generator.outlet import find_outlet

CTX = Context.for_project(Path("."))
ENTRIES = phrases.outlets()
# One story sentence after the dateline (SaudiNewsNet, snn-was-2015-08-10-1501).
STORY = (
    "رفعت الإدارة العامة للدفاع المدني بالعاصمة المقدسة جاهزيتها تحسبا لهطول أمطار خلال "
    "الساعات القادمة."
)
HOST = re.compile(
    r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(/[a-z0-9_/-]+)?"
)


def outlet_id(text: str) -> str | None:
    article = find_outlet(Article(source=Path("a.txt"), text=text), CTX)
    return article.outlet.id if article.outlet else None


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        # SPA datelines as SaudiNewsNet scraped them (snn-was-2015-08-10-1501, -1521, -1657,
        # snn-was-2015-08-11-1649): Hijri and Gregorian date, no dash, the agency last.
        ("مكة المكرمة 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس", "spa"),
        ("بروكسل 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس", "spa"),
        ("الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس", "spa"),
        ("بغداد 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس", "spa"),
        # SPA copy run by Sabq (snn-sabq-2015-08-06-3156): the agency first, then the place.
        ("واس- الرياض:", "spa"),
        ("سبق- أبها:", "sabq"),
        # QNA, WAM and KUNA shapes (the corpus has none of their copy): slashed or bracketed.
        ("الدوحة في 12 مايو /قنا/", "qna"),
        ("الدوحة في 12 مايو / قنا /", "qna"),
        ("أبوظبي في 3 يونيو (وام)", "wam"),
        ("أبوظبي في 3 يونيو/ وام/", "wam"),
        ("الكويت - 4 - 3 (كونا) --", "kuna"),
        ("الكويت في 4 مارس /كونا/", "kuna"),
        ("المنامة في 5 أبريل /بنا/", "bna"),
        ("عمان في 6 حزيران /بترا/", "petra"),
        ("القاهرة - أ ش أ", "mena"),
        ("تونس - وات", "tap"),
    ],
)
def test_wire_dateline_names_the_agency(dateline: str, expected: str) -> None:
    assert outlet_id(f"{dateline}\n{STORY}") == expected
    # A bare agency name ends its line; a bracketed, slashed or dashed one may open the story.
    if not dateline.endswith(" واس"):
        assert outlet_id(f"{dateline} {STORY}") == expected


def test_a_bare_agency_name_glued_to_the_story_is_no_dateline() -> None:
    assert outlet_id(f"الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس {STORY}") is None


@pytest.mark.parametrize(
    "text",
    [
        "ونقلت واس عن مصدر مسؤول أن الأمطار ستستمر حتى المساء.",
        "قالت وكالة رويترز إن الأسعار ارتفعت أمس.",
        'وأوضح لـ"واس" أن العنب النجراني يصل إلى الأسواق في أغسطس.',
        'حسبما نقلت وكالة الأنباء الكويتية "كونا" في 12 مايو.',
        "اتصل بنا",
        "زار الوزير قنا في 12 مايو 2015 واطلع على المشروعات.",
        "يصدر في الرياض 25 عددا من الصحف كل يوم.",
    ],
)
def test_a_mention_in_a_sentence_names_no_outlet(text: str) -> None:
    assert outlet_id(f"{text}\n{STORY}") is None


@pytest.mark.parametrize(
    "dateline",
    [
        "الأقصر - قنا:",  # Qena, Egypt, after a dash: a place
        "قنا - أحمد محمد:",  # the place, then the reporter
        "كتب أحمد محمد - قنا",  # a byline with its place
    ],
)
def test_a_short_form_that_is_also_a_place_counts_only_between_brackets(dateline: str) -> None:
    assert outlet_id(f"{dateline}\n{STORY}") is None
    assert outlet_id(f"الدوحة (قنا) - {STORY}") == "qna"


def test_the_registry_holds_at_least_sixty_outlets() -> None:
    assert len(ENTRIES) >= 60


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_every_entry_is_valid(entry: phrases.OutletEntry) -> None:
    assert entry.ar and entry.en
    assert entry.country == "intl" or re.fullmatch(r"[A-Z]{2}", entry.country)
    assert entry.names or entry.short, "an outlet no signature can name"
    for domain in entry.domains:
        assert HOST.fullmatch(domain), domain
        assert not domain.startswith("www."), domain


def test_no_name_belongs_to_two_outlets() -> None:
    owners = Counter(
        name for e in ENTRIES for name in {phrases.fold(n) for n in (*e.names, *e.short, e.id)}
    )
    assert [name for name, count in owners.items() if count > 1] == []


def test_no_domain_belongs_to_two_outlets() -> None:
    owners = Counter(d for e in ENTRIES for d in e.domains)
    assert [d for d, count in owners.items() if count > 1] == []


@pytest.mark.parametrize("word", ["الرياض", "اليوم", "الوطن", "المدينة", "الخليج", "قنا", "سبق"])
def test_city_or_ordinary_word_is_never_a_full_name(word: str) -> None:
    assert all(phrases.fold(word) not in {phrases.fold(n) for n in e.names} for e in ENTRIES)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "KSA",
            "generator/data/outlets.yml: outlets.x.country: 'KSA' is not an ISO 3166-1 alpha-2 "
            'code; write the upper-case code ("SA", "EG") or "intl" for a pan-Arab or '
            "international outlet",
        ),
        (
            None,
            "generator/data/outlets.yml: outlets.x.country: None is not an ISO 3166-1 alpha-2 "
            'code; write the upper-case code ("SA", "EG") or "intl" for a pan-Arab or '
            "international outlet",
        ),
    ],
)
def test_a_bad_country_is_refused_with_the_key(value: object, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        phrases._country("x", value)
    assert str(raised.value) == message


def test_a_title_ending_with_a_registry_domain_names_that_outlet() -> None:
    # CNN Arabic, 2013 (newspaper4k's test page): the site's domain as the title's suffix.
    found = signatures.title_suffix("معارضون يسيطرون على مخازن للصواريخ بريف دمشق - CNNArabic.com")
    assert found is not None
    assert found[0] == "معارضون يسيطرون على مخازن للصواريخ بريف دمشق"
    assert found[1].id == "cnn-arabic"
    assert signatures.title_suffix("عنوان ما - example.com") is None  # a domain nobody knows
