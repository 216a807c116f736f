"""The signals of related-briefing scoring (generator.collection.related), between 0 and 1.

* **entities**: shared entities weighted by rarity (inverse document frequency) and by type;
* **text**: an IDF-weighted cosine of the folded, lightly stemmed words (related_text);
* **dates**: one briefing's events or publication fall in the other's period, weighted by how
  precise the period is and how few briefings reach it.

:class:`Signals` holds the statistics of the whole collection they are weighed by; it also
chooses the candidate pairs, so that a large collection does not score every pair.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from ..model import EntityMention, Event
from .briefings import Collection, Entry
from .related_text import Vector, event_stems, scoring_data, story_stems

# A person or an organisation identifies a story better than a place ("Iraq", "Washington");
# a news agency quoted as the source of a report hardly at all (related.yml, source_entities).
TYPE_WEIGHT = {"person": 1.5, "organisation": 1.2, "other": 1.0, "place": 0.6}
SOURCE_WEIGHT = 0.1
# How much a shared period says: the same day is an event, the same year is context.
PRECISION_WEIGHT = {"day": 1.0, "month": 0.6, "year": 0.3}
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


def entity_weight(mention: EntityMention, document_frequency: int, total: int) -> float:
    """Rarer is more telling (IDF); people and organisations more than places; sources least."""
    kind = (
        SOURCE_WEIGHT if mention.id in scoring_data().source_entities else TYPE_WEIGHT[mention.type]
    )
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
            and m.id not in scoring_data().source_entities
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


# A period one briefing reaches that contains one the other reaches: the outer one's date and
# precision, and whether both are events (not a publication).
SharedPeriod = tuple[str, str, bool]


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
