"""The folding profiles of generator/text: one table per profile pins where they differ."""

from __future__ import annotations

import copy

import pytest

from generator.langdata import mapping
from generator.text import DATA, DATES, ENTITY, MEMORY, SEARCH, SPELLING, STRICT, Profile, chars
from generator.text.fold import PROFILES


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("أيضاً", "ايضا"),  # tanween out, hamza alef to bare alef
        ("إسبر", "اسبر"),
        ("الأربعـاء", "الاربعاء"),  # tatweel
        ("هٰذا", "هذا"),  # superscript alef
        ("على", "على"),  # alef maqsura kept
        ("القوة", "القوة"),  # ta marbuta kept
        ("Top", "Top"),  # case kept: the profile runs on regexes
        ("٢٠١٤", "٢٠١٤"),  # digits kept
    ],
)
def test_spelling(written: str, folded: str) -> None:
    assert SPELLING.fold(written) == folded


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("أيضاً", "ايضا"),
        ("اقرأ  أيضا ", "اقرا ايضا"),  # spaces collapsed
        ("TOP Stories", "top stories"),
        ("Straße", "strasse"),  # casefold, not lower
        ("على", "على"),
        ("مستشفى", "مستشفى"),
    ],
)
def test_data(written: str, folded: str) -> None:
    assert DATA.fold(written) == folded


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("مستشفى", "مستشفي"),  # alef maqsura as ya
        ("القوة", "القوه"),  # ta marbuta as ha
        ("على", "علي"),  # so "on" and "Ali" meet: entity matching tolerates web spelling
        ("کرکوک", "كركوك"),  # Persian kaf
        ("علی", "علي"),  # Persian ya
        ("خانۀ", "خانه"),  # Persian heh with yeh above
        ("أكّد", "اكد"),
    ],
)
def test_entity(written: str, folded: str) -> None:
    assert ENTITY.fold(written) == folded


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("على", "على"),
        ("علي", "علي"),
        ("القوة", "القوة"),
        ("أحمد", "احمد"),
        ("Esper", "esper"),
    ],
)
def test_strict(written: str, folded: str) -> None:
    assert STRICT.fold(written) == folded


def test_strict_keeps_ala_apart_from_ali_where_entity_does_not() -> None:
    assert STRICT.fold("على") != STRICT.fold("علي")
    assert ENTITY.fold("على") == ENTITY.fold("علي")


@pytest.mark.parametrize(
    ("written", "folded", "offsets"),
    [
        ("٢٠١٤", "2014", (0, 1, 2, 3)),
        ("۱۳۹۹", "1399", (0, 1, 2, 3)),  # Eastern Arabic-Indic (Persian) digits
        ("غدًا", "غدا", (0, 1, 3)),  # the tanween at offset 2 is gone
        ("الأربعـاء", "الأربعاء", (0, 1, 2, 3, 4, 5, 7, 8)),  # hamza alef kept, tatweel out
        ("أمس", "أمس", (0, 1, 2)),
        ("الذكرى", "الذكرى", (0, 1, 2, 3, 4, 5)),
    ],
)
def test_dates(written: str, folded: str, offsets: tuple[int, ...]) -> None:
    result = DATES.fold_map(written)
    assert (result.text, result.offsets) == (folded, offsets)
    assert DATES.fold(written) == folded


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("قالَ  الوزيرُ", "قال الوزير"),  # harakat out, spaces collapsed
        ("أكد الوزير", "أكد الوزير"),  # alef forms kept: stored keys were made without folding
        ("\u200fالوزير\u200e", "الوزير"),  # direction marks out
        ("ال\u200cوزير", "الوزير"),  # joiner out
        ("\u202bنص\u202c", "نص"),  # bidi embedding out
        ("\ufeffنص", "نص"),  # byte order mark out
        ("صلى الله عليه\u0610", "صلى الله عليه\u0610"),  # Quranic signs kept
        ("ﻻ", "لا"),  # NFKC: the presentation-form ligature is two letters
        ("القوة على", "القوة على"),
    ],
)
def test_memory(written: str, key: str) -> None:
    assert MEMORY.fold(written) == key


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("إسبر", "اسبر"),
        ("مستشفى", "مستشفي"),
        ("القوة", "القوه"),
        ("کرکوک", "كركوك"),
        ("خانۀ", "خانۀ"),  # heh with yeh above kept: the worker's rules do not list it
        ("Straße", "straße"),  # lower, as JavaScript's toLowerCase
    ],
)
def test_search(written: str, folded: str) -> None:
    assert SEARCH.fold(written) == folded


def test_search_rules_are_the_ranges_the_worker_receives() -> None:
    assert SEARCH.ranges == ("\u0610-\u061a", "\u064b-\u065f", "\u0670", "\u06d6-\u06ed", "\u0640")
    assert list(SEARCH.table) == ["أ", "إ", "آ", "ٱ", "ى", "ة", "ی", "ک"]


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.name)
def test_every_profile_is_idempotent(profile: Profile) -> None:
    text = "قالَ  الوزيرُ «إنّ القوةَ على الحدود» في ٢٠١٤ Straße\u200f"
    once = profile.fold(text)
    assert profile.fold(once) == once


def test_offsets_are_refused_after_nfkc() -> None:
    with pytest.raises(ValueError, match="memory profile normalises"):
        MEMORY.fold_map("نص")


@pytest.mark.parametrize(
    ("section", "name", "value", "message"),
    [
        (
            "marks",
            "harakat",
            ["\u064b-\u0652", "]"],
            "generator/data/arabic.yml: marks.harakat: [']'] is not one character or a range 'a-b'",
        ),
        (
            "equivalences",
            "alef_forms",
            {"أإ": "ا"},
            "generator/data/arabic.yml: equivalences.alef_forms: keys must be one character",
        ),
        (
            "digits",
            "arabic_indic",
            "٠١٢",
            "generator/data/arabic.yml: digits.arabic_indic: ten digits, 0 to 9",
        ),
    ],
)
def test_bad_character_data_is_reported(
    monkeypatch: pytest.MonkeyPatch, section: str, name: str, value: object, message: str
) -> None:
    data = copy.deepcopy(mapping("arabic"))
    data[section][name] = value
    monkeypatch.setattr(chars, "mapping", lambda _name: data)
    chars._classes.cache_clear()
    chars._tables.cache_clear()
    try:
        with pytest.raises(ValueError) as error:
            chars.ranges("harakat")
            chars.table("alef_forms")
        assert str(error.value) == message
    finally:
        chars._classes.cache_clear()
        chars._tables.cache_clear()
