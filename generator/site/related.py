"""Related briefings: which briefings report the same event or follow the same thread, and why.

Pure functions over the :class:`Collection`. Three signals, each between 0 and 1:

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

import datetime as dt
import hashlib
import json
import math
import os
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import combinations, repeat
from typing import Any, Literal, NamedTuple, Protocol

from ..model import EntityMention, Event
from ..speed.forking import fork_context
from .collection import Collection, Entry
from .related_text import Vector, event_stems, lexicon, similarity, story_stems

ReasonKind = Literal["same-event", "shared", "similar-text", "same-period"]

# A person or an organisation identifies a story better than a place ("Iraq", "Washington");
# a news agency quoted as the source of a report hardly at all (related.yml, source_entities).
TYPE_WEIGHT = {"person": 1.5, "organisation": 1.2, "other": 1.0, "place": 0.6}
SOURCE_WEIGHT = 0.1
# How much a shared period says: the same day is an event, the same year is context.
PRECISION_WEIGHT = {"day": 1.0, "month": 0.6, "year": 0.3}
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
SHOWN_ENTITIES = 3
# Words and entities in more than this share of a large collection never make a pair a
# candidate on their own (they weigh almost nothing, and they would make every pair one).
COMMON_SHARE = 0.2
# In a large collection (measured with bench/scale.py) almost every pair shares some key, and
# scoring every pair grows with the square of the size. From this size on, keys shared by more
# than MAX_POSTING briefings make no candidates, and each briefing keeps the MAX_PARTNERS
# candidates it shares the most rare keys with: scoring then grows linearly. Smaller
# collections keep every candidate pair (at 300 briefings the two limits meet).
PRUNE_FROM = 300
MAX_POSTING = 60
MAX_PARTNERS = 15
# From this many candidate pairs, scoring them is shared by forked workers, one per CPU.
PARALLEL_FROM = 20_000


# Front matter keys (at any depth) that scoring never reads: English texts and names, the
# English gist, the editors' review mark and locks.
NOT_SCORED = frozenset({"en", "gist", "reviewed", "locked"})


def _scored(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _scored(v) for k, v in value.items() if k not in NOT_SCORED}
    if isinstance(value, list):
        return [_scored(v) for v in value]
    return value


def scoring_input(entry: Entry) -> str:
    """A digest of what scoring reads of a briefing; kept with the entry (and its page cache)."""
    found: str | None = entry.derived.get("scoring_input")
    if found is None:
        data = [entry.src_uri, _scored(entry.briefing.model_dump(mode="json")), entry.body]
        text = json.dumps(data, ensure_ascii=False, sort_keys=True)
        found = entry.derived["scoring_input"] = hashlib.sha256(text.encode()).hexdigest()
    return found


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


def entity_weight(mention: EntityMention, document_frequency: int, total: int) -> float:
    """Rarer is more telling (IDF); people and organisations more than places; sources least."""
    kind = SOURCE_WEIGHT if mention.id in lexicon().source_entities else TYPE_WEIGHT[mention.type]
    return math.log((total + 1) / document_frequency) * kind


def contains(outer: str, inner: str) -> bool:
    """True when the period ``outer`` (YYYY, YYYY-MM or YYYY-MM-DD) includes ``inner``."""
    return inner.startswith(outer)


def days_apart(a: str, b: str) -> int | None:
    """Days between two day-precision dates; None when either is a month or a year."""
    if len(a) != 10 or len(b) != 10:
        return None
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)


@dataclass(frozen=True, slots=True)
class Period:
    date: str
    precision: str
    event: Event | None  # None: the publication itself


def day_number(date: str) -> int | None:
    """The day of a YYYY-MM-DD date as a number (None for a month, a year or no real day)."""
    try:
        return dt.date.fromisoformat(date).toordinal() if len(date) == 10 else None
    except ValueError:
        return None


def periods(entry: Entry) -> list[Period]:
    """The dates a briefing reaches: its (trusted) publication and its events."""
    found = [Period(e.date, e.precision, e) for e in entry.briefing.events]
    if entry.date is not None:
        found.append(Period(entry.date.value, entry.date.precision, None))
    return found


class Signals:
    """Collection statistics, and per-briefing vectors computed when a pair first needs them
    (with the parts of most pairs kept between builds, most are never needed)."""

    def __init__(self, collection: Collection) -> None:
        entries = collection.entries
        self.total = total = len(entries)
        self.by_id = {entry.briefing.id: entry for entry in entries}
        self.entity_df: Counter[str] = Counter(
            entity for entry in entries for entity in {m.id for m in entry.briefing.entities}
        )
        self.entities = {
            entry.briefing.id: {
                m.id: entity_weight(m, self.entity_df[m.id], total) for m in entry.briefing.entities
            }
            for entry in entries
        }
        self.stems = {entry.briefing.id: story_stems(entry) for entry in entries}
        self.word_df: Counter[str] = Counter()
        for counts in self.stems.values():
            self.word_df.update(counts.keys())
        self.idf = {term: math.log((total + 1) / n) for term, n in self.word_df.items()}
        self.periods = {entry.briefing.id: periods(entry) for entry in entries}
        # Only periods of the same year can contain one another.
        self.periods_by_year: dict[str, dict[str, list[Period]]] = {}
        for key, found in self.periods.items():
            by_year = self.periods_by_year[key] = {}
            for period in found:
                by_year.setdefault(period.date[:4], []).append(period)
        years: Counter[str] = Counter()
        for found in self.periods.values():
            years.update({p.date[:4] for p in found})
        # 1 for a year only one briefing reaches, towards 0 for a year they all reach.
        self.year_rarity = {
            year: math.log((total + 1) / n) / math.log(total + 1) for year, n in years.items()
        }
        self._text_vectors: dict[str, Vector] = {}
        self._entity_vectors: dict[str, Vector] = {}
        self._dated_events: dict[str, list[tuple[Event, int | None, Vector]]] = {}

    def text_vector(self, key: str) -> Vector:
        found = self._text_vectors.get(key)
        if found is None:
            # Sublinear term frequency: a word said ten times is not ten times the topic.
            weights = {t: (1 + math.log(n)) * self.idf[t] for t, n in self.stems[key].items()}
            found = self._text_vectors[key] = Vector.of(weights)
        return found

    def entity_vector(self, key: str) -> Vector:
        found = self._entity_vectors.get(key)
        if found is None:
            found = self._entity_vectors[key] = Vector.of(self.entities[key])
        return found

    def dated_events(self, entry: Entry) -> list[tuple[Event, int | None, Vector]]:
        """Events that can be "the same event" (precise to the month or the day), with their
        day and their words."""
        key = entry.briefing.id
        found = self._dated_events.get(key)
        if found is None:
            found = self._dated_events[key] = [
                (event, day_number(event.date), Vector.of(self.weigh(words)))
                for event, words in zip(entry.briefing.events, event_stems(entry), strict=True)
                if event.precision != "year"
            ]
        return found

    def fingerprint(self, entry: Entry) -> str:
        """Everything :func:`pair_parts` reads of a briefing: what scoring reads of it (its
        ``scoring_input``) and how many briefings share each of its words and entities. Equal
        fingerprints, equal parts with any other briefing."""
        df = self.word_df
        counts = array("q", [self.total])
        counts.extend(map(df.__getitem__, story_stems(entry)))  # in text order: deterministic
        for event in event_stems(entry):
            counts.append(-1)
            counts.extend(df.get(w, 0) for w in event)
        counts.append(-2)
        counts.extend(self.entity_df[m.id] for m in entry.briefing.entities)
        digest = hashlib.blake2b(scoring_input(entry).encode(), digest_size=12)
        digest.update(counts.tobytes())
        return digest.hexdigest()

    def candidates(
        self, entries: tuple[Entry, ...], kept: dict[str, Partners] | None = None
    ) -> tuple[set[tuple[int, int]], dict[str, Partners]]:
        """Pairs (by index) that share an entity, a word or a year that is not everywhere
        (in a large collection: rare keys only, the best partners of each briefing), and the
        partners chosen (by briefing id), for ``kept`` in the next build."""
        limit = max(5, int(COMMON_SHARE * self.total))
        if self.total >= PRUNE_FROM:
            limit = min(limit, MAX_POSTING)
        postings: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, entry in enumerate(entries):
            key = entry.briefing.id
            # In the order of their sorted "e:…", "w:…", "y:…" names: sums below must not vary.
            keys = [("e", k) for k in sorted(self.entities[key])]
            keys += [("w", k) for k in sorted(self.stems[key])]
            keys += [("y", year) for year in sorted({p.date[:4] for p in self.periods[key]})]
            for k in keys:
                postings[k].append(i)
        shared = [members for members in postings.values() if 1 < len(members) <= limit]
        if self.total < PRUNE_FROM:
            pairs: set[tuple[int, int]] = set()
            for members in shared:
                pairs.update(combinations(members, 2))
            return pairs, {}
        return best_partners(shared, entries, self.total, kept or {})

    def shared_entities(self, a: Entry, b: Entry) -> tuple[EntityMention, ...]:
        """The shared entities worth naming: the rarest first, none that every briefing has."""
        theirs = {m.id for m in b.briefing.entities}
        weights = self.entities[a.briefing.id]
        shared = [
            m
            for m in a.briefing.entities
            if m.id in theirs
            and m.id not in lexicon().source_entities
            and (self.total < 3 or self.entity_df[m.id] < self.total)
        ]
        shared.sort(key=lambda m: (-weights[m.id], m.id))
        return tuple(shared[:SHOWN_ENTITIES])

    def shared_periods(self, a: Entry, b: Entry) -> tuple[SharedPeriod, ...]:
        """The periods of either briefing that contain one of the other's, each once."""
        found: set[SharedPeriod] = set()
        theirs = self.periods_by_year[b.briefing.id]
        for pa in self.periods[a.briefing.id]:
            for pb in theirs.get(pa.date[:4], ()):
                if contains(pa.date, pb.date):
                    outer, inner = pa, pb
                elif contains(pb.date, pa.date):
                    outer, inner = pb, pa
                else:
                    continue
                both = outer.event is not None and inner.event is not None
                found.add((outer.date, outer.precision, both))
        return tuple(sorted(found))

    def best_period(self, shared: tuple[SharedPeriod, ...]) -> tuple[float, SharedPeriod | None]:
        """The most telling of the periods two briefings share, and its weight (0 to 1)."""
        best: tuple[float, SharedPeriod | None] = (0.0, None)
        for period in shared:
            date, precision, both = period
            weight = PRECISION_WEIGHT[precision] * self.year_rarity[date[:4]]
            # A briefing that recalls the time another was published continues its thread;
            # two briefings recalling the same past year only share background.
            if both:
                weight *= 0.6
            # Ties go to the earlier period, so both pages of a pair give the same one.
            if best[1] is None or (weight, best[1][0]) > (best[0], date):
                best = (weight, period)
        return best

    def weigh(self, words: Iterable[str]) -> dict[str, float]:
        return {w: self.idf.get(w, math.log(self.total + 1)) for w in words}


# The key of what chose a briefing's best partners, and the partners (see best_partners).
Partners = tuple[int, list[int]]


def best_partners(
    shared: list[list[int]], entries: tuple[Entry, ...], total: int, kept: dict[str, Partners]
) -> tuple[set[tuple[int, int]], dict[str, Partners]]:
    """Each briefing's MAX_PARTNERS candidates, by the summed rarity of the keys they share
    (ties: the lower index); a pair is kept when either side keeps it.

    A briefing's partners depend on the keys it has, in order, with their members (by index,
    its own among them): equal hashes of those (the hash of numbers is the same in every
    process) reuse the partners ``kept`` from the last build, by index like the members; other
    partners are chosen again. Ids would not do: a briefing renamed in place keeps its
    members' indices."""
    member_of: list[list[int]] = [[] for _ in entries]
    for n, members in enumerate(shared):
        for i in members:
            member_of[i].append(n)
    hashes = [hash(tuple(members)) for members in shared]
    pairs: set[tuple[int, int]] = set()
    chosen: dict[str, Partners] = {}
    for i, entry in enumerate(entries):
        key = hash((total, tuple(hashes[n] for n in member_of[i])))
        found = kept.get(entry.briefing.id)
        if found is not None and found[0] == key and all(0 <= j < len(entries) for j in found[1]):
            partners = found[1]
        else:
            weights: dict[int, float] = defaultdict(float)
            for n in member_of[i]:
                members = shared[n]
                rarity = math.log((total + 1) / len(members))
                for j in members:
                    weights[j] += rarity
            weights.pop(i, None)
            best = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:MAX_PARTNERS]
            partners = [j for j, _ in best]
        chosen[entry.briefing.id] = (key, partners)
        pairs.update((min(i, j), max(i, j)) for j in partners)
    return pairs, chosen


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


# A period one briefing reaches that contains one the other reaches: the outer one's date and
# precision, and whether both are events (not a publication).
SharedPeriod = tuple[str, str, bool]
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
