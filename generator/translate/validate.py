"""Is an engine's reply really an English translation? Every reply is checked before it is kept.

Why this exists: googletrans returns the *Arabic input unchanged* as the "translation" when a
request fails and ``raise_exception`` is off (its ``DUMMY_DATA`` fallback), Google itself echoes
text it cannot translate, services cut long replies short, and a small offline model can loop.
Anything kept here is shown to English readers as English, so doubt means rejection: the field
stays pending, which the page shows honestly.
"""

from __future__ import annotations

import re
import unicodedata

from generator.text.chars import char_class, characters

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


# Characters no English translation needs, so a reply holding one is refused as broken or
# hostile. The C0 and C1 controls and U+FFFE/U+FFFF are not allowed in XML 1.0, so one of them
# in a headline makes feed.xml ill-formed. The bidi embedding, override and isolate controls
# reorder what a reader sees (the "Trojan Source" trick), and their effect can reach past the
# text. Tab, line feed and carriage return are whitespace and stay, since texts of several lines
# are joined with line feeds. Refusing rather than deleting keeps the rule honest: a reply
# that carries such characters is not a translation to trust with the rest of its text.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 but tab, LF and CR; DEL; C1
    + char_class("bidi_controls")  # bidi embeddings, overrides, isolates
    + "\ufffe\uffff]"  # not characters
)
# A lone surrogate (JSON "\\ud800") is not a character at all: it cannot even be written as
# UTF-8, so keeping one would stop the run when the memory or a page is saved.
_SURROGATE = re.compile("[\ud800-\udfff]")
# The implicit direction marks (LRM, RLM and the Arabic letter mark) change no order on their
# own and engines put them around names and numbers; an English page sets its own direction,
# so they are removed from a reply instead of failing it.
_DIRECTION_MARKS = str.maketrans("", "", characters("direction_marks", "arabic_letter_mark"))


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
    if _SURROGATE.search(translation):
        return "lone surrogates"
    if _FORBIDDEN.search(translation):
        return "control characters"
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


def accept(source: str, reply: str | None) -> tuple[str | None, str | None]:
    """``(translation to keep, None)``, or ``(None, reason)`` when the reply is refused. The one
    way every engine's reply is cleaned and judged before it is stored."""
    if reply is None:
        return None, "empty"
    text = reply.translate(_DIRECTION_MARKS).strip()
    reason = rejection(source, text)
    return (text, None) if reason is None else (None, reason)
