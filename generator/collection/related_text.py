"""The words of briefings, as related-briefing scoring (generator.collection.related) compares
them: Arabic text folded and lightly stemmed, weighed into vectors whose cosine says how alike
two texts are.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import cache

from ..entities.normalise import norm, tokenize
from ..langdata import mapping
from ..phrases import outlets
from .briefings import Entry


@dataclass(frozen=True, slots=True)
class ScoringData:
    """What ``generator/data/related.yml`` gives scoring: the proclitics and suffixes stems are
    cut from, the function words left out, and the entities that only source a report (news
    agencies, and every outlet of outlets.yml)."""

    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    stop_words: frozenset[str]
    source_entities: frozenset[str]


@cache
def scoring_data() -> ScoringData:
    data = mapping("related")
    return ScoringData(
        tuple(sorted((norm(p) for p in data["prefixes"]), key=len, reverse=True)),
        tuple(sorted((norm(s) for s in data["suffixes"]), key=len, reverse=True)),
        frozenset(norm(w) for w in data["stop_words"]),
        frozenset(data["source_entities"]) | {o.id for o in outlets()},
    )


def stem(word: str, lex: ScoringData, minimum: int = 3) -> str:
    """Cut proclitics (several: "وبالقوات"), then one suffix, while ``minimum`` letters remain.

    Crude on purpose: the same cut is applied to every text, so two spellings of a word meet
    even when the cut stem is not a real root ("بغداد" and "وبغداد" both become "غداد").
    """
    cut = True
    while cut:
        cut = False
        for prefix in lex.prefixes:
            if word.startswith(prefix) and len(word) - len(prefix) >= minimum:
                word, cut = word[len(prefix) :], True
                break
    for suffix in lex.suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= minimum:
            return word[: -len(suffix)]
    return word


def is_stop_word(word: str, lex: ScoringData) -> bool:
    """A function word, also behind one or two one-letter proclitics ("وفي", "فإن", "وبأن"),
    which :func:`stem` keeps on words that short."""
    forms = {word}
    for _ in range(2):
        forms |= {f[1:] for f in forms if len(f) > 1 and f[0] in lex.prefixes}
    return not forms.isdisjoint(lex.stop_words)


def stems(text: str) -> list[str]:
    """The content words of a text, folded and stemmed; digits and function words left out."""
    lex = scoring_data()
    found = []
    for token in tokenize(text):
        word = token.norm
        if word.isdigit() or len(word) < 3 or is_stop_word(word, lex):
            continue
        word = stem(word, lex)
        if word not in lex.stop_words:
            found.append(word)
    return found


def story_text(entry: Entry) -> str:
    """What a briefing is about: the headline (twice: it is the editor's own summary), the
    text and the key quotes (again: what the people of the story said)."""
    b = entry.briefing
    return "\n".join([b.headline.ar, b.headline.ar, entry.body, *(q.ar for q in b.quotes)])


@dataclass(frozen=True, slots=True)
class Vector:
    """Weights, with their terms as a set and the sum of their squares computed once."""

    weights: dict[str, float]
    terms: frozenset[str]
    squares: float

    @classmethod
    def of(cls, weights: dict[str, float]) -> Vector:
        return cls(weights, frozenset(weights), sum(w * w for w in weights.values()))


def similarity(a: Vector, b: Vector) -> float:
    """The cosine of two vectors."""
    shared = a.terms & b.terms  # a set intersection walks the smaller set
    if not shared:
        return 0.0
    wa, wb = a.weights, b.weights
    # fsum: the exact sum whatever the order, and a set's order changes from run to run.
    dot = math.fsum([wa[t] * wb[t] for t in shared])
    if not dot:
        return 0.0
    return dot / math.sqrt(a.squares * b.squares)


def story_stems(entry: Entry) -> dict[str, int]:
    """Counts of the stems of :func:`story_text`, kept with the entry (and its page cache)."""
    found = entry.derived.get("story_stems")
    if found is None:
        found = entry.derived["story_stems"] = dict(Counter(stems(story_text(entry))))
    return found


def event_stems(entry: Entry) -> list[list[str]]:
    """Each event's distinct stems (in event order, each sorted), kept with the entry."""
    found = entry.derived.get("event_stems")
    if found is None:
        found = entry.derived["event_stems"] = [
            sorted(set(stems(event.ar))) for event in entry.briefing.events
        ]
    return found
