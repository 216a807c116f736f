"""Which quotes a briefing keeps: prominent speakers, substance, no repeats.

Score = speaker prominence + substance (length, capped) - a small penalty for lateness, less
1.5 for each quote already kept from the same speaker.
Repeats (the same words quoted twice, or one quote inside another) keep the longer one.
Unattributed quotes are never kept: a quote without a speaker cannot be cited.
"""

from __future__ import annotations

from ..model import Quote

KEEP = 5
_PROMINENCE = {"person": 3.0, "organisation": 2.0, "document": 2.0, "unknown": 1.0}
_SUBSTANCE_CAP = 30  # words; longer quotes are not more substantial
_DUPLICATE = 0.6
_REPEAT_SPEAKER = 1.5  # share of the shorter quote's words found in the longer one


def _words(text: str) -> set[str]:
    return set(text.split())


def _duplicate(a: Quote, b: Quote) -> bool:
    wa, wb = _words(a.ar), _words(b.ar)
    return len(wa & wb) >= _DUPLICATE * min(len(wa), len(wb))


def score(quote: Quote) -> float:
    prominence = _PROMINENCE[quote.speaker.kind]
    if quote.speaker.kind == "person" and quote.speaker.entity is None:
        prominence -= 1
    substance = min(len(quote.ar.split()), _SUBSTANCE_CAP) / 10
    return prominence + substance - 0.05 * (quote.paragraph or 0)


def key_quotes(quotes: list[Quote], keep: int = KEEP) -> list[Quote]:
    attributed = [q for q in quotes if q.speaker.kind != "unknown" or q.speaker.ar]
    chosen: list[Quote] = []
    pool = list(attributed)
    while pool and len(chosen) < keep:
        # Each quote already kept from the same speaker lowers the next one: a briefing wants
        # several voices, not five lines of one letter.
        def adjusted(q: Quote) -> float:
            same = sum(1 for c in chosen if c.speaker == q.speaker)
            return score(q) - _REPEAT_SPEAKER * same

        best = max(pool, key=adjusted)
        pool.remove(best)
        if not any(_duplicate(best, other) for other in chosen):
            chosen.append(best)
    return [q.model_copy(update={"rank": n}) for n, q in enumerate(chosen, 1)]
