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
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import combinations
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
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b[t] for t, w in a.items() if t in b)
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(w * w for w in a.values()) * sum(w * w for w in b.values()))


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
        words = {entry.briefing.id: Counter(stems(story_text(entry))) for entry in entries}
        self.idf = _idf(words.values(), total)
        # Sublinear term frequency: a word said ten times is not ten times the topic.
        self.text = {
            key: {t: (1 + math.log(n)) * self.idf[t] for t, n in counts.items()}
            for key, counts in words.items()
        }
        self.periods = {entry.briefing.id: periods(entry) for entry in entries}
        years: Counter[str] = Counter()
        for found in self.periods.values():
            years.update({p.date[:4] for p in found})
        # 1 for a year only one briefing reaches, towards 0 for a year they all reach.
        self.year_rarity = {
            year: math.log((total + 1) / n) / math.log(total + 1) for year, n in years.items()
        }

    def candidates(self, entries: tuple[Entry, ...]) -> set[tuple[int, int]]:
        """Pairs (by index) that share an entity, a word or a year that is not everywhere."""
        limit = max(5, int(COMMON_SHARE * self.total))
        postings: dict[str, list[int]] = defaultdict(list)
        for i, entry in enumerate(entries):
            key = entry.briefing.id
            keys = [f"e:{k}" for k in self.entities[key]] + [f"w:{k}" for k in self.text[key]]
            keys += [f"y:{p.date[:4]}" for p in self.periods[key]]
            for k in set(keys):
                postings[k].append(i)
        pairs: set[tuple[int, int]] = set()
        for members in postings.values():
            if len(members) <= limit:
                pairs.update(combinations(members, 2))
        return pairs

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
        for pa in self.periods[a.briefing.id]:
            for pb in self.periods[b.briefing.id]:
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
        return {w: self.idf.get(w, math.log(self.total + 1)) for w in set(stems(text))}


def same_event(signals: Signals, a: Entry, b: Entry, text: float) -> Reason | None:
    """One event: two matching dated events, or two close reports whose dates agree."""
    for ea in a.briefing.events:
        for eb in b.briefing.events:
            if ea.precision != eb.precision or ea.precision == "year":
                continue
            apart = days_apart(ea.date, eb.date)
            if ea.date != eb.date and (apart is None or apart > SAME_EVENT_DAYS):
                continue
            if cosine(signals.words(ea.ar), signals.words(eb.ar)) >= SAME_EVENT_TEXT:
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
    text = cosine(signals.text[ka], signals.text[kb])
    period_weight, period = signals.best_period(a, b)
    score = (
        MIX["entities"] * cosine(signals.entities[ka], signals.entities[kb])
        + MIX["text"] * text
        + MIX["dates"] * period_weight
    )
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


def related(collection: Collection, limit: int = 5) -> dict[str, list[Link]]:
    """For every briefing id, its related briefings, most related first (at most ``limit``)."""
    signals = Signals(collection)
    entries = collection.entries
    found: dict[str, list[Link]] = {entry.briefing.id: [] for entry in entries}
    for i, j in signals.candidates(entries):
        for a, b in ((entries[i], entries[j]), (entries[j], entries[i])):
            result = link(signals, a, b)
            if result is not None:
                found[a.briefing.id].append(result)
    return {
        key: sorted(links, key=lambda lk: (-lk.score, lk.entry.briefing.id))[:limit]
        for key, links in found.items()
    }
