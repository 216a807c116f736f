"""Reviewed translations whose Arabic a regeneration reworded: each kept as a conflict.

A reviewed English text translates one wording. When a new scrape of the article changes that
wording, even by one word, the merge gives the item the new Arabic and an English still to be
made (a quote even gets a new id, the hash of its words): showing the old English as reviewed
would show a wrong translation as checked. So that the editor's work is not lost silently, each
such translation becomes an ``arabic-changed`` conflict (generator.merge.ARABIC_CHANGED) on the
item that now holds the new wording: the earlier Arabic, its English and the new Arabic side by
side in the review queue, until an editor writes the English of the new wording.

Which new item rewords which old one: the headline is one field, so the new headline is the
old one's successor whatever it says. A quote, an event or a gist sentence is the successor of
an old one of the same kind whose words it mostly shares (``similarity``); among equally similar
ones, one with the same speaker and then the nearest paragraph wins. A sentence that shares
fewer words is another sentence, and the old translation simply stays in the memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from ..merge import ARABIC_CHANGED, Conflict
from .memory import normalise
from .pages import Slot, named_slots

# The share of words two wordings must have in common, in order, to be one item reworded.
# ``similarity`` is about 1 - k/n for k of n words replaced, so 0.6 accepts up to two words in
# five changed, or a quote cut or extended to half its length (0.67). Measured on the sample
# pages: a one-word rewording scores 0.89 (a nine-word headline) to 0.95 (a quote); two
# different items of one article score at most 0.32 (two events); the same statement as two
# outlets word it scores 0.52 (a quote of Esper) and 0.56 (a gist sentence), under the bar.
SIMILAR = 0.6
_WORD = re.compile(r"\w+")


def similarity(a: str, b: str) -> float:
    """Shared words in order (difflib's ratio over words), on the memory's normalised text so
    that diacritics and invisible marks do not count: 1.0 for the same words, 0.0 for none."""
    words_a, words_b = _WORD.findall(normalise(a)), _WORD.findall(normalise(b))
    if not words_a and not words_b:
        return 1.0
    return SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()


@dataclass(frozen=True, slots=True)
class Reviewed:
    """A reviewed English text of a page before the merge, and the Arabic it was made for."""

    kind: str  # "headline", "gist", "quotes" or "events"
    ar: str  # the wording on the page
    en: str
    made_for: str  # the wording the English was made for: ``ar``, or an earlier one
    paragraph: Any
    speaker: Any


def _speaker(owner: Mapping[str, Any]) -> Any:
    speaker = owner.get("speaker")
    return (speaker.get("entity") or speaker.get("ar")) if isinstance(speaker, Mapping) else None


def _reviewed(slot: Slot, en: str, made_for: str) -> Reviewed:
    owner = slot.owner
    return Reviewed(slot.kind, slot.ar, en, made_for, owner.get("paragraph"), _speaker(owner))


def reviewed(data: MutableMapping[str, Any], earlier: Iterable[Conflict] = ()) -> list[Reviewed]:
    """The page's reviewed translations, and those its ``earlier`` open arabic-changed
    conflicts hold, so that a wording changed twice still finds its editor's English."""
    found = [
        _reviewed(slot, slot.text, slot.ar)
        for _, slot in named_slots(data)
        if slot.text is not None and slot.en.get("status") == "reviewed"
    ]
    named = dict(named_slots(data))
    for conflict in earlier:
        slot = named.get(tuple(conflict.key.split("."))[:-1])
        if conflict.kind == ARABIC_CHANGED and slot is not None:
            found.append(_reviewed(slot, conflict.editor["en"], conflict.editor["ar"]))
    return found


def _key(kind: str, ar: str) -> tuple[str, str]:
    """Two items with this key hold one wording (as the translation memory keys it)."""
    return kind, normalise(ar)


def _rank(old: Reviewed, new: Slot) -> tuple[float, bool, float] | None:
    """How well ``new`` succeeds ``old``; None when it is another item."""
    if new.kind != old.kind:
        return None
    score = similarity(old.ar, new.ar)
    if score < SIMILAR and old.kind != "headline":
        return None
    paragraph = new.owner.get("paragraph")
    distance = (
        abs(paragraph - old.paragraph)
        if isinstance(paragraph, int) and isinstance(old.paragraph, int)
        else 0
    )
    return score, _speaker(new.owner) == old.speaker, -distance


def reworded(page: str, before: list[Reviewed], after: MutableMapping[str, Any]) -> list[Conflict]:
    """The conflicts for the reviewed translations of ``before`` whose wording is no longer on
    the merged page ``after``, each on the item of ``after`` that rewords it."""
    now = list(named_slots(after))
    present = {_key(slot.kind, slot.ar) for _, slot in now}
    known = {_key(r.kind, r.ar) for r in before}
    lost = [r for r in before if _key(r.kind, r.ar) not in present]
    # Only an item with a new wording and no reviewed English can succeed a lost one.
    fresh = [
        (path, slot)
        for path, slot in now
        if _key(slot.kind, slot.ar) not in known and slot.en.get("status") != "reviewed"
    ]
    ranked = []
    for i, old in enumerate(lost):
        for j, (_, slot) in enumerate(fresh):
            rank = _rank(old, slot)
            if rank is not None:
                ranked.append((rank, -i, -j))
    conflicts, taken_old, taken_new = [], set(), set()
    for _, i, j in sorted(ranked, reverse=True):  # the best pairs first, each item once
        if -i in taken_old or -j in taken_new:
            continue
        taken_old.add(-i)
        taken_new.add(-j)
        old, (path, slot) = lost[-i], fresh[-j]
        name = ".".join((*path, "en"))
        editor, generated = {"ar": old.made_for, "en": old.en}, {"ar": slot.ar}
        conflicts.append(Conflict(page, name, editor, generated, ARABIC_CHANGED))
    return sorted(conflicts, key=lambda c: c.key)
