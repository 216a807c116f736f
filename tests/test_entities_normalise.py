"""Normalisation and clitics: the spelling variants one gazetteer entry must cover."""

from __future__ import annotations

import pytest

from generator.entities.normalise import clitic_variants, definite, norm, norm_strict, tokenize


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("إسبر", "اسبر"),  # hamza on alef
        ("آمرلي", "امرلي"),  # madda
        ("الكويتيّة", "الكويتيه"),  # shadda, ta marbuta
        ("مصطفى", "مصطفي"),  # alef maqsura
        ("البنتاغـــون", "البنتاغون"),  # tatweel
        ("أَكَّدَ", "اكد"),  # harakat
        ("CNN", "cnn"),
    ],
)
def test_norm_folds_spelling_variants(a: str, b: str) -> None:
    assert norm(a) == norm(b)


def test_norm_strict_keeps_ala_apart_from_ali() -> None:
    # "على" (on) must not look like the given name "علي" (Ali) to the unknown-name cues.
    assert norm("على") == norm("علي")
    assert norm_strict("على") != norm_strict("علي")


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("وللبنتاغون", ["وللبنتاغون", "للبنتاغون", "البنتاغون"]),
        ("بالعراق", ["بالعراق", "العراق"]),
        ("وإسبر", ["وإسبر", "إسبر"]),
        ("فبغداد", ["فبغداد", "بغداد", "غداد"]),
        ("لبنان", ["لبنان", "بنان"]),
        ("بغ", ["بغ"]),  # too short to strip
    ],
)
def test_clitic_variants(word: str, expected: list[str]) -> None:
    assert clitic_variants(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"), [("الأعرجي", True), ("والعراق", True), ("للتحالف", True), ("سيلي", False)]
)
def test_definite(word: str, expected: bool) -> None:
    assert definite(norm(word)) is expected


def test_tokens_keep_original_spans() -> None:
    text = "وقال إسبرُ: «لا»"
    tokens = tokenize(text)
    assert [text[t.start : t.end] for t in tokens] == ["وقال", "إسبرُ", "لا"]
    assert tokens[1].norm == "اسبر"
