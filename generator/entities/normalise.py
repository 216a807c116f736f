"""Normalised Arabic words with their place in the original text.

Matching works on folded words (:func:`norm`) but reports spans of the original text, so the
front matter can quote the article as written. Tokens are words; the gap between two tokens is
checked when a name spans several words (:func:`joinable`).
"""

from __future__ import annotations

import re

from ..text import ENTITY, STRICT, Token, tokenize, words

__all__ = ["Token", "tokenize"]  # the tokenizer lives in generator.text; callers import it here
# Between the words of one name: spaces, quotation marks, brackets, a hyphen (معسكر (بورينغ)).
_JOINABLE = re.compile(r"[\s\"'“”„«»()\[\]\-–]*")
# Proclitics: conjunction (و ف) then preposition (ب ل ك); ل + ال is written لل.
_CONJ = "وف"
_PREP = "بلك"
_MIN_STEM = 3


def norm(text: str) -> str:
    """Fold one word or phrase: diacritics, tatweel, alef forms, ta marbuta, alef maqsura, case."""
    return ENTITY.fold(text)


def norm_strict(text: str) -> str:
    """Like :func:`norm` but keeps ta marbuta and alef maqsura: "على" (on) is not "علي" (Ali)."""
    return STRICT.fold(text)


def norm_phrase(text: str) -> tuple[str, ...]:
    return tuple(norm(m.group()) for m in words(text))


def clitic_variants(word: str) -> list[str]:
    """The word and the forms left when proclitics are removed, word first.

    "وللبنتاغون" gives "للبنتاغون", "لبنتاغون" and "البنتاغون"; stems shorter than three letters
    are not produced (they would match too much).
    """
    forms = [word]
    if not word:
        return forms
    if word[0] in _CONJ and len(word) - 1 >= _MIN_STEM:
        forms.append(word[1:])
    for form in list(forms):
        if form.startswith("لل") and len(form) - 1 >= _MIN_STEM:
            forms.append("ا" + form[1:])  # لل = ل + ال with the alef dropped
        elif form[0] in _PREP and len(form) - 1 >= _MIN_STEM:
            forms.append(form[1:])
    return list(dict.fromkeys(forms))


def strip_clitics(word: str) -> str:
    """The word without a leading conjunction (و ف): "وقال" -> "قال" (for comparing with lists)."""
    if word and word[0] in _CONJ and len(word) - 1 >= _MIN_STEM:
        return word[1:]
    return word


def joinable(text: str, left: Token, right: Token) -> bool:
    """True when nothing but spaces, quotes, brackets or a hyphen separates two tokens."""
    return _JOINABLE.fullmatch(text, left.end, right.start) is not None


def definite(word: str) -> bool:
    """A word with the article (ال, وال, بال, لل ...): how Arabic marks many surnames and titles."""
    return any(form.startswith("ال") for form in clitic_variants(word))
