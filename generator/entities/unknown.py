"""People and organisations the gazetteer does not know, found from title and context cues.

Arabic has no capitals, so a name is only accepted where the text announces one:

* a person: a title ("وزير الدفاع", "الجنرال", "المتحدث باسم ...") or a verb of saying, then,
  within a few words, a known given name (``titles.yml: given_names``) followed by one to three
  more name words ("مستشار الأمن القومي العراقي، قاسم الأعرجي");
* an organisation: a head noun ("حركة", "كتائب" ...) with one to three definite words, or the
  body a spokesperson speaks for ("المتحدث باسم الخارجية الإيرانية").

Their English names are romanised (``en_source: romanised``). Precision before recall: a name
the cues miss is absent from the briefing; a wrong one would be published.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from .. import langdata
from ..text.chars import char_class
from .gazetteer import Entry
from .matcher import Mention
from .normalise import (
    Token,
    clitic_variants,
    definite,
    joinable,
    norm,
    norm_strict,
    strip_clitics,
)
from .romanise import romanise

_TITLE_WINDOW = (
    7  # words between a title and the name ("رئيس هيئة الأركان الأمريكية المشتركة الجنرال")
)
_VERB_WINDOW = 2  # words between a verb of saying and the name
_MAX_NAME = 4
_SPOKESPERSON = {"المتحدث", "المتحدثه", "الناطق", "الناطقه"}
_FOR = "باسم"  # "the spokesman for"
# A sentence end, colon or quotation mark between two words ends the search for a name.
_BARRIER = re.compile(r"[.!?؟:؛\"“”«»„]")


@dataclass(frozen=True, slots=True)
class Cues:
    titles: frozenset[str]  # first words of titles
    given: frozenset[str]
    stop: frozenset[str]
    org_heads: frozenset[str]
    org_stop: frozenset[str]
    verbs: frozenset[str]
    institutions: frozenset[str]


@cache
def cues() -> Cues:
    titles = langdata.mapping("titles")
    verbs = langdata.mapping("quote_verbs")["speech_verbs"]
    return Cues(
        titles=frozenset(norm(t.split()[0]) for t in titles["person_titles"]),
        given=frozenset(norm_strict(n) for n in titles["given_names"]) | {"عبد", "ابو"},
        institutions=frozenset(norm(w) for w in titles["institution_nouns"]),
        stop=frozenset(norm(w) for w in titles["name_stop"]),
        org_heads=frozenset(norm(w) for w in titles["organisation_heads"]),
        org_stop=frozenset(norm(w) for w in titles["organisation_stop"]),
        verbs=frozenset(norm(v) for v in verbs) | frozenset(norm(v) + "ت" for v in verbs),
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unnamed"


_ARABIC_WORD = re.compile(f"[{char_class('arabic_letters')}]+")
# Particles that join the parts of a long name and cannot end it ("سلمان بن عبد العزيز آل").
_CONNECTORS = {"بن", "ابن", "بنت", "ال", "عبد", "ابو"}


def _is_word(token: Token) -> bool:
    return _ARABIC_WORD.fullmatch(token.norm) is not None


def _verbish(word: str) -> bool:
    """A past-tense verb form right after a name ("رامي عبد الرحمن استهدفت"): ends a name."""
    return len(word) >= 4 and word.endswith("ت") and word[0] in "اتي"


# Pronouns that start a clause after a name ("ماهر المترب وهو عقيد").
_PRONOUNS = {"هو", "هي", "هم", "هما", "هن"}


def _ends_name(word: str, length: int, c: Cues) -> bool:
    """A word that cannot go on a name of ``length`` words: "و" joining a second person or a
    clause ("محمد عبد السلام ومهدي", "وهو"), or a present-tense verb after a full name
    ("خالد الفيصل يتابع"); a given name that starts with ي or ت (يوسف, تركي) is not a verb."""
    if word.startswith("و") and (word[1:] in c.given or word[1:] in _PRONOUNS):
        return True
    present = len(word) >= 4 and word[0] in "يت" and word not in c.given
    return present and length >= 2


def _person_at(text: str, tokens: list[Token], j: int, taken: set[int], c: Cues) -> int:
    """End (exclusive) of a person name starting at token ``j``, or ``j`` if there is none."""
    first = tokens[j].norm
    if norm_strict(tokens[j].text) not in c.given or j in taken:
        return j
    end = j + 1
    if first in {"عبد", "ابو"}:  # compound given names: عبد الأمير, أبو مهدي
        if end >= len(tokens) or end in taken or not joinable(text, tokens[j], tokens[end]):
            return j
        end += 1
    while end < len(tokens) and end - j < _MAX_NAME:
        tok = tokens[end]
        if (
            end in taken
            or not _is_word(tok)
            or tok.norm in c.stop
            or tok.norm in c.titles
            or strip_clitics(tok.norm) in c.verbs
            or not joinable(text, tokens[end - 1], tok)
            or tok.norm.startswith("وال")
            or _verbish(tok.norm)
            or _ends_name(tok.norm, end - j, c)
        ):
            break
        end += 1
    while end - j > 2 and tokens[end - 1].norm in _CONNECTORS:
        end -= 1
    return end if end - j >= 2 and tokens[end - 1].norm not in _CONNECTORS else j


def _organisation_at(
    text: str, tokens: list[Token], j: int, taken: set[int], c: Cues, *, after_head: bool
) -> int:
    """End of an organisation name made of definite words from ``j`` (or ``j`` if none)."""
    end = j
    while end < len(tokens) and end - j < 2:
        tok = tokens[end]
        # Nationality adjectives end a person's name but belong to an organisation's.
        function_word = tok.norm in c.stop and not tok.norm.startswith("ال")
        if (
            end in taken
            or not _is_word(tok)
            or tok.norm in c.org_stop
            or function_word
            or (end > j and (tok.norm.startswith("لل") or not joinable(text, tokens[end - 1], tok)))
        ):
            break
        if not definite(tok.norm) and not (end == j and not after_head):
            break
        end += 1
    if after_head:
        return end if end > j else j
    return end if end - j >= 2 else j  # "باسم الحكومة" alone names no one in particular


def find_unknown(
    text: str, tokens: list[Token], known: Iterable[Mention]
) -> list[tuple[Entry, Mention]]:
    """Names announced by cues and not covered by a gazetteer mention, left to right."""
    c = cues()
    known = list(known)
    taken = {i for m in known for i in range(m.first, m.last)}
    # Looked up once: scanning every mention at every cue made long articles quadratic.
    person_starts = {m.first for m in known if _is_person(m)}
    found: list[tuple[Entry, Mention]] = []
    i = 0
    while i < len(tokens):
        word = strip_clitics(tokens[i].norm)
        if i in taken:
            i += 1
            continue
        if word in c.org_heads:
            end = _organisation_at(text, tokens, i + 1, taken, c, after_head=True)
            if end > i + 1:
                found.append(_make(text, tokens, i, end, "organisation"))
                i = end
                continue
        if word in _SPOKESPERSON and i + 1 < len(tokens) and tokens[i + 1].norm == _FOR:
            end = _organisation_at(text, tokens, i + 2, taken, c, after_head=False)
            if end > i + 2 and tokens[i + 2].norm in c.institutions:
                found.append(_make(text, tokens, i + 2, end, "organisation"))
                taken.update(range(i + 2, end))
        window = _TITLE_WINDOW if word in c.titles else _VERB_WINDOW if word in c.verbs else 0
        for j in range(i + 1, min(i + 1 + window, len(tokens))):
            if _BARRIER.search(text, tokens[j - 1].end, tokens[j].start):
                break
            if j in person_starts:
                break  # the title belongs to a known person
            end = _person_at(text, tokens, j, taken, c)
            if end > j:
                found.append(_make(text, tokens, j, end, "person"))
                taken.update(range(j, end))
                i = end - 1
                break
        i += 1
    return found


def _is_person(mention: Mention) -> bool:
    from .gazetteer import base  # the types of the base gazetteer are enough to stop a search

    entry = base().entries.get(mention.entity)
    return entry is not None and entry.type == "person"


def _make(
    text: str, tokens: list[Token], first: int, last: int, kind: str
) -> tuple[Entry, Mention]:
    words = [tokens[k].text for k in range(first, last)]
    start = tokens[first].start
    # "لحركة النجباء" names "حركة النجباء": drop the proclitic an organisation head picked up.
    for form in clitic_variants(tokens[first].norm)[1:]:
        if kind == "organisation" and form in cues().org_heads:
            cut = len(tokens[first].norm) - len(form)
            words[0] = words[0][cut:]
            start += cut
            break
    ar = " ".join(words)
    en = romanise(ar)
    entry = Entry(id=_slug(en), type=kind, ar=ar, en=en, en_source="romanised")
    return entry, Mention(entry.id, start, tokens[last - 1].end, first, last)
