"""Related briefings: which briefings report the same event or follow the same thread, and why.

Pure functions over the :class:`Collection`. Three signals (``related_signals``), each between
0 and 1:

* **entities**: the entities two briefings share, weighted by rarity (inverse document
  frequency over the collection) and by type, so that sharing "Mark Esper" says much more than
  sharing "Iraq", which every briefing names;
* **text**: overlap of the folded, lightly stemmed words of the headline, the text and the key
  quotes (an IDF-weighted cosine): two reports of one story use the same words;
* **dates**: one briefing's events or publication fall in the other's period, weighted by how
  precise the shared period is and how few briefings reach it (every story here recalls 2014).

Each link carries its reasons so the page can say why: "same event" (two close reports whose
dates agree, or two matching dated events), "shared" (the telling entities), "similar wording",
"same period". A link needs a topical reason: a date alone relates nothing.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from typing import Any, Literal, NamedTuple, Protocol

from ..model import EntityMention, Event
from ..speed.forking import fork_context
from .briefings import Collection, Entry
from .related_signals import Partners, SharedPeriod, Signals, days_apart
from .related_text import similarity

ReasonKind = Literal["same-event", "shared", "similar-text", "same-period"]

# Signal mix of the score, and the least score shown as a link. Measured on the samples and on
# the 120 unrelated articles of ../shared/corpus (2018): there the median text cosine of a pair
# is 0.02 and 1% of pairs pass 0.12; pairs above 0.15 are reports of one story (Khashoggi's
# disappearance, OPEC and the oil price) or one thread (the Aquarius migrant ship).
MIX = {"entities": 0.4, "text": 0.3, "dates": 0.3}
MIN_SCORE = 0.05
# Close texts: shown as a reason ("similar wording"); with a shared person or organisation
# and dates that agree, the two briefings report one event.
SIMILAR_TEXT = 0.15
# Two dated events are one event when their sentences are this close (cosine of their words).
SAME_EVENT_TEXT = 0.3
# Publication dates at most this many days apart can report one event (today's and
# yesterday's papers, a time zone).
SAME_EVENT_DAYS = 1
# A shared period weighing less than this is background ("2014" in every story), not a reason.
MIN_PERIOD = 0.1
# From this many candidate pairs, scoring them is shared by forked workers, one per CPU.
PARALLEL_FROM = 20_000


# Tuples: tens of thousands are made for a large collection, and a frozen dataclass is slow
# to make.
class Reason(NamedTuple):
    """Why two briefings are linked; the template words it in the page language."""

    kind: ReasonKind
    date: str | None = None
    precision: str | None = None
    event: Event | None = None  # same event: the dated event that names it
    named_by: Entry | None = None  # same event: the briefing whose headline names it
    entities: tuple[EntityMention, ...] = ()


class Link(NamedTuple):
    entry: Entry
    score: float
    reasons: tuple[Reason, ...]


def same_event(signals: Signals, a: Entry, b: Entry, text: float) -> Reason | None:
    """One event: two matching dated events, or two close reports whose dates agree."""
    for ea, da, wa in signals.dated_events(a):
        for eb, db, wb in signals.dated_events(b):
            if ea.precision != eb.precision:
                continue
            if ea.date != eb.date and (da is None or db is None or abs(da - db) > SAME_EVENT_DAYS):
                continue
            if similarity(wa, wb) >= SAME_EVENT_TEXT:
                return Reason("same-event", eb.date, eb.precision, event=eb)
    if text < SIMILAR_TEXT or not any(
        m.type in ("person", "organisation") for m in signals.shared_entities(a, b)
    ):
        return None
    dates = [d for d in (a.date, b.date) if d is not None]
    if not dates:
        return None  # nothing says when: "similar wording" is all that can be claimed
    if len(dates) == 2:
        apart = days_apart(dates[0].value, dates[1].value)
        if apart is None or apart > SAME_EVENT_DAYS:
            return None
    # The most precise date names the day; the other briefing's date is untrusted or absent.
    date = max(dates, key=lambda d: (len(d.value), d.value))
    return Reason("same-event", date.value, date.precision, named_by=namer(a, b))


def namer(a: Entry, b: Entry) -> Entry:
    """Whose headline names the shared event: a statement, not a question ("ما قصة ...؟")."""

    def teaser(entry: Entry) -> bool:
        return entry.briefing.headline.ar.rstrip().endswith(("?", "؟"))

    return min((a, b), key=lambda e: (teaser(e), e.briefing.id))


# A same-event reason as data: its date and precision, the index of the event that names it
# among the other briefing's events, the id of the briefing whose headline names it.
SameEvent = tuple[str, str, int | None, str | None]


class Parts(NamedTuple):
    """What a pair's score and reasons need besides how rare their years are: each depends
    on the two briefings' fingerprints alone (:meth:`Signals.fingerprint`), so they are kept
    between builds (related_cache). How rare a year is changes with every date edited, for
    thousands of pairs: the shared periods are kept and weighed again each time. ``same`` and
    ``shared`` in both directions: [0] as the first briefing's page shows the second, [1] the
    other way."""

    text: float
    entities: float
    same: tuple[SameEvent | None, SameEvent | None]
    shared: tuple[tuple[int, ...], tuple[int, ...]]  # indices of the page's entity mentions
    periods: tuple[SharedPeriod, ...]


def _same_event_record(reason: Reason | None, other: Entry) -> SameEvent | None:
    if reason is None:
        return None
    assert reason.date is not None and reason.precision is not None
    event = _position(other.briefing.events, reason.event) if reason.event is not None else None
    named_by = reason.named_by.briefing.id if reason.named_by is not None else None
    return (reason.date, reason.precision, event, named_by)


def _mention_indices(entry: Entry, mentions: tuple[EntityMention, ...]) -> tuple[int, ...]:
    return tuple(_position(entry.briefing.entities, m) for m in mentions)


def _position(items: list[Any], item: Any) -> int:
    """Where ``item`` (one of ``items`` itself) is: comparing models field by field, as
    ``list.index`` does, cost seconds in a large collection."""
    return next(i for i, candidate in enumerate(items) if candidate is item)


def pair_parts(signals: Signals, a: Entry, b: Entry) -> Parts:
    ka, kb = a.briefing.id, b.briefing.id
    text = similarity(signals.text_vector(ka), signals.text_vector(kb))
    entity_score = similarity(signals.entity_vector(ka), signals.entity_vector(kb))
    return Parts(
        text,
        entity_score,
        (
            _same_event_record(same_event(signals, a, b, text), b),
            _same_event_record(same_event(signals, b, a, text), a),
        ),
        (
            _mention_indices(a, signals.shared_entities(a, b)),
            _mention_indices(b, signals.shared_entities(b, a)),
        ),
        signals.shared_periods(a, b),
    )


def _score(parts: Parts, side: int, period_weight: float) -> float | None:
    """The score of a pair as one side's page shows it; None below the threshold or without a
    topical reason (a date alone says nothing about the topic)."""
    score = MIX["entities"] * parts.entities + MIX["text"] * parts.text
    score += MIX["dates"] * period_weight
    same = parts.same[side] is not None
    if same:
        score += 1.0  # the same event outranks any thread
    if score < MIN_SCORE:
        return None
    if not same and parts.text < SIMILAR_TEXT and not parts.shared[side]:
        return None
    return round(score, 4)


def link(signals: Signals, a: Entry, b: Entry, parts: Parts, side: int) -> Link | None:
    """How ``b`` is related to ``a`` (as shown on ``a``'s page; ``side``: which of ``parts``
    that is), or None below the threshold."""
    period_weight, period = signals.best_period(parts.periods)
    score = _score(parts, side, period_weight)
    if score is None:
        return None
    reasons: list[Reason] = []
    same = parts.same[side]
    if same is not None:
        date, precision, event, named_by = same
        reasons.append(
            Reason(
                "same-event",
                date,
                precision,
                event=b.briefing.events[event] if event is not None else None,
                named_by=signals.by_id[named_by] if named_by is not None else None,
            )
        )
    if parts.shared[side]:
        mentions = tuple(a.briefing.entities[i] for i in parts.shared[side])
        reasons.append(Reason("shared", entities=mentions))
    if same is None and parts.text >= SIMILAR_TEXT:
        reasons.append(Reason("similar-text"))
    if same is None and period is not None and period_weight >= MIN_PERIOD:
        reasons.append(Reason("same-period", period[0], period[1]))
    return Link(b, score, tuple(reasons))


class Kept(NamedTuple):
    """What one build's scoring keeps for the next (related_cache.ScoringFile): the parts of
    pairs, by the two briefings' fingerprints (the first one's id sorting first), and each
    briefing's partners."""

    parts: dict[tuple[str, str], Parts]
    partners: dict[str, Partners]


class KeptStore(Protocol):
    def load(self) -> Kept: ...

    def save(self, kept: Kept) -> None: ...


# What the forked workers share: the signals, the entries, the pairs, the fingerprints and
# the parts known.
_SHARED_WORK: (
    tuple[Signals, tuple[Entry, ...], list[tuple[int, int]], dict[str, str], Kept] | None
) = None


def _in_order(a: Entry, b: Entry) -> tuple[Entry, Entry, int]:
    """The pair as its parts are kept, the lower id first, and the side of ``a`` in them."""
    return (a, b, 0) if a.briefing.id < b.briefing.id else (b, a, 1)


def _pair_key(prints: dict[str, str], a: Entry, b: Entry) -> tuple[str, str]:
    return (prints[a.briefing.id], prints[b.briefing.id])


def _score_share(share: int, shares: int) -> list[tuple[int, int, float | None, Parts | None]]:
    """Scores of every ``shares``-th pair from ``share`` on (in a forked worker), with the
    parts that were not known."""
    assert _SHARED_WORK is not None
    signals, entries, pairs, prints, known = _SHARED_WORK
    found = []
    for i, j in pairs[share::shares]:
        a, b = entries[i], entries[j]
        first, second, side = _in_order(a, b)
        parts = known.parts.get(_pair_key(prints, first, second))
        new = parts is None
        if parts is None:
            parts = pair_parts(signals, first, second)
        score = _score(parts, side, signals.best_period(parts.periods)[0])
        found.append((i, j, score, parts if new else None))
    return found


def scored_pairs(
    signals: Signals,
    entries: tuple[Entry, ...],
    pairs: list[tuple[int, int]],
    prints: dict[str, str],
    known: Kept,
) -> list[tuple[int, int, float | None, Parts | None]]:
    """Every pair with its score (None: no link), and its parts when not ``known``."""
    global _SHARED_WORK
    workers = os.cpu_count() or 1
    context = fork_context()  # the workers find their work in _SHARED_WORK
    _SHARED_WORK = (signals, entries, pairs, prints, known)
    try:
        if len(pairs) < PARALLEL_FROM or workers < 2 or context is None:
            return _score_share(0, 1)
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            shares = pool.map(_score_share, range(workers), repeat(workers, workers))
            return [found for share in shares for found in share]
    finally:
        _SHARED_WORK = None


def related(
    collection: Collection, limit: int = 5, store: KeptStore | None = None
) -> dict[str, list[Link]]:
    """For every briefing id, its related briefings, most related first (at most ``limit``).
    ``store``: where scoring keeps what it found for the next build."""
    signals = Signals(collection)
    entries = collection.entries
    prints = {entry.briefing.id: signals.fingerprint(entry) for entry in entries}
    known = store.load() if store is not None else Kept({}, {})
    pairs, partners = signals.candidates(entries, known.partners)
    used: dict[tuple[str, str], Parts] = {}
    scored: dict[str, list[tuple[float, Entry, Parts, int]]] = {e.briefing.id: [] for e in entries}
    for i, j, score, new in scored_pairs(signals, entries, sorted(pairs), prints, known):
        a, b = entries[i], entries[j]
        first, second, side = _in_order(a, b)
        key = _pair_key(prints, first, second)
        parts = used[key] = new if new is not None else known.parts[key]
        if score is not None:
            scored[a.briefing.id].append((score, b, parts, side))
            scored[b.briefing.id].append((score, a, parts, 1 - side))
    if store is not None and (used.keys() != known.parts.keys() or partners != known.partners):
        store.save(Kept(used, partners))
    found: dict[str, list[Link]] = {}
    for entry in entries:
        best = sorted(scored[entry.briefing.id], key=lambda sb: (-sb[0], sb[1].briefing.id))
        links = [link(signals, entry, other, parts, side) for _, other, parts, side in best[:limit]]
        found[entry.briefing.id] = [lk for lk in links if lk is not None]
    return found
