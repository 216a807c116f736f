"""Is an engine's reply really an English translation? Every reply is checked before it is kept.

Why this exists: googletrans returns the *Arabic input unchanged* as the "translation" when a
request fails and ``raise_exception`` is off (its ``DUMMY_DATA`` fallback), Google itself echoes
text it cannot translate, services cut long replies short, and a small offline model can loop.
Anything kept here is shown to English readers as English, so doubt means rejection: the field
stays pending, which the page shows honestly.
"""

from __future__ import annotations

import unicodedata

from generator.text.chars import characters

# Arabic script blocks: Arabic, Arabic Supplement, Arabic Extended-A/B, and the presentation
# forms that PDFs and old pages produce.
_ARABIC = frozenset(characters("arabic_script"))

# Share of letters in Arabic script above which a reply is not an English translation.
MOSTLY_ARABIC = 0.5
# Above this share a reply left whole phrases untranslated: not shown as English either.
PARTLY_ARABIC = 0.2
# English runs about 1.0-1.4 times the length of its Arabic source (Arabic writes no short
# vowels and joins articles and prepositions to words); a reply under 40 % of a source of 30
# characters or more lost part of the text. Short sources (a name, "نعم") are exempt.
TRUNCATED_SHARE = 0.4
TRUNCATION_MIN_SOURCE = 30
# A reply this much longer than its source repeats itself (a looping model).
RUNAWAY_FACTOR = 5
RUNAWAY_SLACK = 40


def _is_arabic(char: str) -> bool:
    return char in _ARABIC


def _is_latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN")


def _fold(text: str) -> str:
    """For the identity test: compatibility forms, case and spacing do not make a translation."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _size(text: str) -> int:
    return sum(not char.isspace() for char in text)


def rejection(source: str, translation: str | None) -> str | None:
    """None when ``translation`` is acceptable English for ``source``, else a short reason."""
    if translation is None or not translation.strip():
        return "empty"
    source_letters = [char for char in source if char.isalpha()]
    letters = [char for char in translation if char.isalpha()]
    source_is_arabic = any(_is_arabic(char) for char in source_letters)
    # A Latin name or a number may rightly come back unchanged; Arabic text may not.
    if source_is_arabic and _fold(translation) == _fold(source):
        return "identical to the source"
    if "\ufffd" in translation:
        return "garbled characters"
    arabic_share = sum(map(_is_arabic, letters)) / len(letters) if letters else 0.0
    if arabic_share > MOSTLY_ARABIC:
        return "mostly Arabic script"
    if arabic_share > PARTLY_ARABIC:
        return "partly Arabic script"
    if source_letters and not any(map(_is_latin, letters)):
        return "no Latin letters"
    source_size, size = _size(source), _size(translation)
    if source_size >= TRUNCATION_MIN_SOURCE and size < TRUNCATED_SHARE * source_size:
        return "truncated"
    if size > RUNAWAY_FACTOR * source_size + RUNAWAY_SLACK:
        return "far longer than the source"
    return None
