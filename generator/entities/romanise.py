"""A readable romanisation of Arabic names the gazetteer does not know.

Not a transliteration standard: short vowels are not written in Arabic, so the output is a
guess meant to be recognisable ("al-Araji", "Yahya Rasul") and is always marked
``en_source: romanised`` for an editor to correct in ``names.yml``. Given names use their usual
English spelling from ``titles.yml`` (محمد -> Mohammed).
"""

from __future__ import annotations

from functools import cache

from .. import langdata
from ..text import SPELLING
from .normalise import norm

_CONSONANTS = {
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "dh",
    "ع": "'",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "ء": "'",
    "ؤ": "'",
    "ئ": "'",
    "پ": "p",
    "چ": "ch",
    "ڤ": "v",
    "گ": "g",
}
_VOWELS = {"ا": "a", "ة": "a", "ى": "a", "آ": "a"}


def _fold(word: str) -> str:
    return SPELLING.fold(word)


@cache
def _given() -> dict[str, str]:
    return {norm(k): v for k, v in langdata.mapping("titles")["given_names"].items()}


def _letters(word: str) -> str:
    units: list[tuple[str, bool]] = []  # (latin, is_vowel)
    for i, ch in enumerate(word):
        nxt = word[i + 1] if i + 1 < len(word) else ""
        after_vowel = i == 0 or word[i - 1] in "اوىيآ"
        if ch in "وي":
            # A glide at the start, after a long vowel or before alef; otherwise a long vowel.
            if after_vowel or (nxt and nxt in "اى"):
                units.append(("w" if ch == "و" else "y", False))
            else:
                units.append(("u" if ch == "و" else "i", True))
        elif ch in _VOWELS or ch in "أإ" or (ch == "ع" and i == 0):
            units.append(("i" if ch == "إ" else "a", True))
        elif ch == "ع":
            units.append(("'", True))  # carries a vowel in speech (الأعرجي -> al-A'raji)
        else:
            units.append((_CONSONANTS.get(ch, ch), False))
    out: list[str] = []
    for i, (latin, vowel) in enumerate(units):
        out.append(latin)
        # Short vowels are not written: a cluster inside the word gets an "a" so that it can
        # be read (رسول -> Rasul, الأعرجي -> al-Araji); a final cluster stays (سينغ -> Singh).
        if not vowel and i + 2 < len(units) and not units[i + 1][1]:
            out.append("a")
    return "".join(out).replace("'", "")


def romanise_word(word: str) -> str:
    # Keep ta marbuta and alef maqsura (they are vowels here): fold only marks and alef forms.
    folded = _fold(word)
    if norm(word) in _given():
        return _given()[norm(word)]
    if folded.startswith("ال") and len(folded) > 3:
        return "al-" + _letters(folded[2:]).capitalize()
    return _letters(folded).capitalize()


def romanise(name: str) -> str:
    """ "قاسم الأعرجي" -> "Qasim al-Araji"; the first word is always capitalised."""
    words = [romanise_word(w) for w in name.split()]
    if words and words[0].startswith("al-"):
        words[0] = "Al-" + words[0][3:]
    return " ".join(w for w in words if w).replace("'", "")
