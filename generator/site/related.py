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
import math
import multiprocessing as mp
import os
from collections import Counter, defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from itertools import combinations, repeat
from typing import Literal

from ..entities.normalise import norm, tokenize
from ..langdata import mapping
from ..lexicon import outlets
from ..model import EntityMention, Event
from .collection import Collection, Entry

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


@dataclass(frozen=True, slots=True)
class Reason:
    """Why two briefings are linked; the template words it in the page language."""

    kind: ReasonKind
    date: str | None = None
    precision: str | None = None
    event: Event | None = None  # same event: the dated event that names it
    named_by: Entry | None = None  # same event: the briefing whose headline names it
    entities: tuple[EntityMention, ...] = ()


@dataclass(frozen=True, slots=True)
class Link:
    entry: Entry
    score: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Lexicon:
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    stop_words: frozenset[str]
    source_entities: frozenset[str]


@cache
def lexicon() -> Lexicon:
    data = mapping("related")
    return Lexicon(
        tuple(sorted((norm(p) for p in data["prefixes"]), key=len, reverse=True)),
        tuple(sorted((norm(s) for s in data["suffixes"]), key=len, reverse=True)),
        frozenset(norm(w) for w in data["stop_words"]),
        frozenset(data["source_entities"]) | {o.id for o in outlets()},
    )


def entity_weight(mention: EntityMention, document_frequency: int, total: int) -> float:
    """Rarer is more telling (IDF); people and organisations more than places; sources least."""
    kind = SOURCE_WEIGHT if mention.id in lexicon().source_entities else TYPE_WEIGHT[mention.type]
    return math.log((total + 1) / document_frequency) * kind


def stem(word: str, lex: Lexicon, minimum: int = 3) -> str:
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


def is_stop_word(word: str, lex: Lexicon) -> bool:
    """A function word, also behind one or two one-letter proclitics ("وفي", "فإن", "وبأن"),
    which :func:`stem` keeps on words that short."""
    forms = {word}
    for _ in range(2):
        forms |= {f[1:] for f in forms if len(f) > 1 and f[0] in lex.prefixes}
    return not forms.isdisjoint(lex.stop_words)


def stems(text: str) -> list[str]:
    """The content words of a text, folded and stemmed; digits and function words left out."""
    lex = lexicon()
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


def _idf(documents: Iterable[Iterable[str]], total: int) -> dict[str, float]:
    df: Counter[str] = Counter()
    for terms in documents:
        df.update(set(terms))
    return {term: math.log((total + 1) / count) for term, count in df.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    return similarity(Vector.of(a), Vector.of(b))


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
    """Per-briefing vectors and collection statistics, computed once for all pairs."""

    def __init__(self, collection: Collection) -> None:
        entries = collection.entries
        self.total = total = len(entries)
        self.entity_df: Counter[str] = Counter(
            entity for entry in entries for entity in {m.id for m in entry.briefing.entities}
        )
        self.entities = {
            entry.briefing.id: {
                m.id: entity_weight(m, self.entity_df[m.id], total) for m in entry.briefing.entities
            }
            for entry in entries
        }
        self.entity_vectors = {key: Vector.of(vector) for key, vector in self.entities.items()}
        words = {entry.briefing.id: story_stems(entry) for entry in entries}
        self.idf = _idf(words.values(), total)
        # Sublinear term frequency: a word said ten times is not ten times the topic.
        self.text = {
            key: {t: (1 + math.log(n)) * self.idf[t] for t, n in counts.items()}
            for key, counts in words.items()
        }
        self.text_vectors = {key: Vector.of(vector) for key, vector in self.text.items()}
        self.event_words = {
            entry.briefing.id: [Vector.of(self.weigh(words)) for words in event_stems(entry)]
            for entry in entries
        }
        self.periods = {entry.briefing.id: periods(entry) for entry in entries}
        # Only periods of the same year can contain one another.
        self.periods_by_year: dict[str, dict[str, list[Period]]] = {}
        for key, found in self.periods.items():
            by_year = self.periods_by_year[key] = {}
            for period in found:
                by_year.setdefault(period.date[:4], []).append(period)
        # Events that can be "the same event": precise to the month or the day.
        self.dated_events = {
            entry.briefing.id: [
                (event, day_number(event.date), words)
                for event, words in zip(
                    entry.briefing.events, self.event_words[entry.briefing.id], strict=True
                )
                if event.precision != "year"
            ]
            for entry in entries
        }
        years: Counter[str] = Counter()
        for found in self.periods.values():
            years.update({p.date[:4] for p in found})
        # 1 for a year only one briefing reaches, towards 0 for a year they all reach.
        self.year_rarity = {
            year: math.log((total + 1) / n) / math.log(total + 1) for year, n in years.items()
        }

    def candidates(self, entries: tuple[Entry, ...]) -> set[tuple[int, int]]:
        """Pairs (by index) that share an entity, a word or a year that is not everywhere
        (in a large collection: rare keys only, the best partners of each briefing)."""
        limit = max(5, int(COMMON_SHARE * self.total))
        if self.total >= PRUNE_FROM:
            limit = min(limit, MAX_POSTING)
        postings: dict[str, list[int]] = defaultdict(list)
        for i, entry in enumerate(entries):
            key = entry.briefing.id
            keys = [f"e:{k}" for k in self.entities[key]] + [f"w:{k}" for k in self.text[key]]
            keys += [f"y:{p.date[:4]}" for p in self.periods[key]]
            for k in sorted(set(keys)):  # a stable order: sums below must not vary by run
                postings[k].append(i)
        shared = [members for members in postings.values() if 1 < len(members) <= limit]
        if self.total < PRUNE_FROM:
            pairs: set[tuple[int, int]] = set()
            for members in shared:
                pairs.update(combinations(members, 2))
            return pairs
        return best_partners(shared, len(entries), self.total)

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

    def best_period(self, a: Entry, b: Entry) -> tuple[float, Period | None]:
        """The most telling period two briefings share, and its weight (0 to 1)."""
        best: tuple[float, Period | None] = (0.0, None)
        theirs = self.periods_by_year[b.briefing.id]
        for pa in self.periods[a.briefing.id]:
            for pb in theirs.get(pa.date[:4], ()):
                if contains(pa.date, pb.date):
                    outer, inner = pa, pb
                elif contains(pb.date, pa.date):
                    outer, inner = pb, pa
                else:
                    continue
                weight = PRECISION_WEIGHT[outer.precision] * self.year_rarity[outer.date[:4]]
                # A briefing that recalls the time another was published continues its thread;
                # two briefings recalling the same past year only share background.
                if outer.event is not None and inner.event is not None:
                    weight *= 0.6
                # Ties go to the earlier period, so both pages of a pair give the same one.
                if best[1] is None or (weight, best[1].date) > (best[0], outer.date):
                    best = (weight, outer)
        return best

    def words(self, text: str) -> dict[str, float]:
        return self.weigh(set(stems(text)))

    def weigh(self, words: Iterable[str]) -> dict[str, float]:
        return {w: self.idf.get(w, math.log(self.total + 1)) for w in words}


def best_partners(shared: list[list[int]], count: int, total: int) -> set[tuple[int, int]]:
    """Each briefing's MAX_PARTNERS candidates, by the summed rarity of the keys they share
    (ties: the lower index); a pair is kept when either side keeps it."""
    weights: list[dict[int, float]] = [defaultdict(float) for _ in range(count)]
    for members in shared:
        rarity = math.log((total + 1) / len(members))
        for i in members:
            mine = weights[i]
            for j in members:
                mine[j] += rarity
    pairs: set[tuple[int, int]] = set()
    for i, mine in enumerate(weights):
        mine.pop(i, None)
        best = sorted(mine.items(), key=lambda item: (-item[1], item[0]))[:MAX_PARTNERS]
        pairs.update((min(i, j), max(i, j)) for j, _ in best)
    return pairs


def same_event(signals: Signals, a: Entry, b: Entry, text: float) -> Reason | None:
    """One event: two matching dated events, or two close reports whose dates agree."""
    for ea, da, wa in signals.dated_events[a.briefing.id]:
        for eb, db, wb in signals.dated_events[b.briefing.id]:
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


def link(signals: Signals, a: Entry, b: Entry) -> Link | None:
    """How ``b`` is related to ``a`` (as shown on ``a``'s page), or None below the threshold."""
    ka, kb = a.briefing.id, b.briefing.id
    text = similarity(signals.text_vectors[ka], signals.text_vectors[kb])
    period_weight, period = signals.best_period(a, b)
    entity_score = similarity(signals.entity_vectors[ka], signals.entity_vectors[kb])
    score = MIX["entities"] * entity_score + MIX["text"] * text + MIX["dates"] * period_weight
    reasons: list[Reason] = []
    same = same_event(signals, a, b, text)
    if same is not None:
        score += 1.0  # the same event outranks any thread
        reasons.append(same)
    if score < MIN_SCORE:
        return None
    shared = signals.shared_entities(a, b)
    if shared:
        reasons.append(Reason("shared", entities=shared))
    if same is None and text >= SIMILAR_TEXT:
        reasons.append(Reason("similar-text"))
    if same is None and period is not None and period_weight >= MIN_PERIOD:
        reasons.append(Reason("same-period", period.date, period.precision))
    if same is None and not shared and text < SIMILAR_TEXT:
        return None  # a link must say why, and a date alone says nothing about the topic
    return Link(b, round(score, 4), tuple(reasons))


def pair_score(signals: Signals, a: Entry, b: Entry) -> float | None:
    """The score :func:`link` gives the pair, or None where it gives no link. Both are the same
    in both directions (the measures are symmetric), so each pair is scored once, and only the
    links a page shows are made, with their reasons."""
    ka, kb = a.briefing.id, b.briefing.id
    text = similarity(signals.text_vectors[ka], signals.text_vectors[kb])
    period_weight, _ = signals.best_period(a, b)
    entity_score = similarity(signals.entity_vectors[ka], signals.entity_vectors[kb])
    score = MIX["entities"] * entity_score + MIX["text"] * text + MIX["dates"] * period_weight
    same = same_event(signals, a, b, text) is not None
    if same:
        score += 1.0
    if score < MIN_SCORE:
        return None
    if not same and text < SIMILAR_TEXT and not signals.shared_entities(a, b):
        return None
    return round(score, 4)


_SHARED_WORK: tuple[Signals, tuple[Entry, ...], list[tuple[int, int]]] | None = None


def _score_share(share: int, shares: int) -> list[tuple[int, int, float]]:
    """Scores of every ``shares``-th pair from ``share`` on (in a forked worker)."""
    assert _SHARED_WORK is not None
    signals, entries, pairs = _SHARED_WORK
    found = []
    for i, j in pairs[share::shares]:
        score = pair_score(signals, entries[i], entries[j])
        if score is not None:
            found.append((i, j, score))
    return found


def scored_pairs(signals: Signals, entries: tuple[Entry, ...]) -> list[tuple[int, int, float]]:
    """Every candidate pair that makes a link, with its score."""
    global _SHARED_WORK
    pairs = sorted(signals.candidates(entries))
    workers = os.cpu_count() or 1
    if len(pairs) < PARALLEL_FROM or workers < 2 or "fork" not in mp.get_all_start_methods():
        _SHARED_WORK = (signals, entries, pairs)
        try:
            return _score_share(0, 1)
        finally:
            _SHARED_WORK = None
    _SHARED_WORK = (signals, entries, pairs)
    try:
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
            shares = pool.map(_score_share, range(workers), repeat(workers, workers))
            return [found for share in shares for found in share]
    finally:
        _SHARED_WORK = None


def related(collection: Collection, limit: int = 5) -> dict[str, list[Link]]:
    """For every briefing id, its related briefings, most related first (at most ``limit``)."""
    signals = Signals(collection)
    entries = collection.entries
    scored: dict[str, list[tuple[float, Entry]]] = {entry.briefing.id: [] for entry in entries}
    for i, j, score in scored_pairs(signals, entries):
        a, b = entries[i], entries[j]
        scored[a.briefing.id].append((score, b))
        scored[b.briefing.id].append((score, a))
    found: dict[str, list[Link]] = {}
    for entry in entries:
        best = sorted(scored[entry.briefing.id], key=lambda sb: (-sb[0], sb[1].briefing.id))
        links = [link(signals, entry, other) for _, other in best[:limit]]
        found[entry.briefing.id] = [lk for lk in links if lk is not None]
    return found
