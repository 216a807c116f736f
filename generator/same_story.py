"""The same story saved twice becomes one briefing listing both sources.

"The same story" means the same text: identical, or near-identical after cleaning (a copy with
a leftover caption, a trimmed last paragraph, other spacing or diacritics). Two reports of the
same event share names and quotes but not their sentences, so they stay apart. Text is compared
as sets of overlapping five-word shingles (Broder 1997, "On the resemblance and containment of
documents"):

* resemblance (Jaccard) >= 0.8, or
* containment >= 0.9 of the shorter copy when it is at least half as long as the longer one.
"""

from __future__ import annotations

import hashlib
from array import array
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import Protocol

from .context import Context
from .model import Article, Source
from .phrases import fold

SHINGLE_WORDS = 5
MIN_RESEMBLANCE = 0.8
MIN_CONTAINMENT = 0.9
MIN_LENGTH_RATIO = 0.5
# Up to this many texts not seen by the previous run are compared with each text in turn;
# more (a first run) go through an index of shingles.
FEW_FRESH = 20
_PROVENANCE_RANK = {"editor": 3, "detected": 2, "html-metadata": 1, "derived": 0}


@lru_cache(maxsize=1 << 18)
def _word_number(word: str) -> int:
    """A 64-bit number for a word, the same in every process (the hash of a string is salted
    per process; the hash of a tuple of numbers is not)."""
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


def shingles(text: str) -> frozenset[int]:
    """The text's overlapping five-word shingles, as hashes that are the same in every process
    (of one Python version), so the shingles of a text can be kept between runs."""
    tokens = [t.strip(".,،؛;:!؟?\"'“”«»()") for t in fold(text).split()]
    words = [_word_number(t) for t in tokens if t]
    if len(words) < SHINGLE_WORDS:
        return frozenset({hash(tuple(words))}) if words else frozenset()
    return frozenset(
        hash(tuple(words[i : i + SHINGLE_WORDS])) for i in range(len(words) - SHINGLE_WORDS + 1)
    )


@dataclass(frozen=True, slots=True)
class Similarity:
    resemblance: float
    containment: float
    length_ratio: float

    @property
    def same_story(self) -> bool:
        return self.resemblance >= MIN_RESEMBLANCE or (
            self.containment >= MIN_CONTAINMENT and self.length_ratio >= MIN_LENGTH_RATIO
        )


def similarity(a: frozenset[int], b: frozenset[int]) -> Similarity:
    if not a or not b:
        return Similarity(0.0, 0.0, 0.0)
    shared = len(a & b)
    return Similarity(
        shared / len(a | b), shared / min(len(a), len(b)), min(len(a), len(b)) / max(len(a), len(b))
    )


@dataclass(slots=True)
class StoryPairs:
    """What a run found, kept for the next (generator.same_story_cache): each text's shingles, by
    the text's SHA-256, and the pairs of texts (by SHA-256) that are the same story."""

    shingles: dict[str, array[int] | frozenset[int]]
    pairs: set[tuple[str, str]]


class PairStore(Protocol):
    """Where a run's StoryPairs are kept for the next (``same_story_cache.ShingleCache``)."""

    def load(self) -> StoryPairs | None: ...

    def save(self, found: StoryPairs) -> None: ...


def same_story_pairs(texts: list[str]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of texts that are the same story."""
    return find_pairs(texts, None)[0]


def find_pairs(
    texts: list[str], previous: StoryPairs | None
) -> tuple[list[tuple[int, int]], StoryPairs]:
    """Index pairs (i < j) of texts that are the same story, and what to keep for the next run.

    Whether two texts are one story depends on those two alone: with ``previous``, only the
    texts it has not seen are compared (with every text); its pairs of texts still here stand."""
    digests = [hashlib.sha256(text.encode()).hexdigest() for text in texts]
    known = previous.shingles if previous is not None else {}
    sets: dict[str, array[int] | frozenset[int]] = {}
    for text, digest in zip(texts, digests, strict=True):
        if digest not in sets:
            sets[digest] = known[digest] if digest in known else shingles(text)
    order = list(sets)
    fresh = [n for n, digest in enumerate(order) if digest not in known]
    found = {(order[i], order[j]) for i, j in _pairs_with_fresh([sets[d] for d in order], fresh)}
    if previous is not None:
        found |= {(a, b) for a, b in previous.pairs if a in sets and b in sets}
    at: dict[str, list[int]] = defaultdict(list)
    for i, digest in enumerate(digests):
        at[digest].append(i)
    pairs = {pair for digest, same in at.items() if sets[digest] for pair in combinations(same, 2)}
    for a, b in found:
        pairs.update((min(i, j), max(i, j)) for i in at[a] for j in at[b])
    return sorted(pairs), StoryPairs(sets, found)


def _pairs_with_fresh(
    sets: list[array[int] | frozenset[int]], fresh: list[int]
) -> set[tuple[int, int]]:
    """Pairs (i < j) of distinct texts, one of them ``fresh``, that are the same story."""
    if len(fresh) > FEW_FRESH:
        return _pairs_by_postings(sets, fresh)
    # A few new texts (an article edited or added): each known text is looked at once, by
    # how many of its shingles any new text has, an upper bound of what it shares with each.
    floor = min(MIN_RESEMBLANCE, MIN_CONTAINMENT)
    new = {j: frozenset(sets[j]) for j in fresh}
    union = frozenset().union(*new.values())
    found = set()
    for i, other in enumerate(sets):
        common = len(union.intersection(other))
        candidates = [
            (j, current)
            for j, current in new.items()
            if j != i and common and common >= floor * min(len(other), len(current))
        ]
        for j, current in candidates:
            if similarity(frozenset(other), current).same_story:
                found.add((min(i, j), max(i, j)))
    return found


def _pairs_by_postings(
    sets: list[array[int] | frozenset[int]], fresh: list[int]
) -> set[tuple[int, int]]:
    """Each fresh text counts the shingles it shares with the texts before it (the known ones
    first) through an index of shingles; only texts sharing enough are compared."""
    postings: dict[int, list[int]] = defaultdict(list)
    is_fresh = set(fresh)
    for i, current in enumerate(sets):
        if i not in is_fresh:
            for shingle in current:
                postings[shingle].append(i)
    found = set()
    # Either threshold needs at least 0.8 of the smaller set shared: only those are compared.
    floor = min(MIN_RESEMBLANCE, MIN_CONTAINMENT)
    for j in fresh:
        current = frozenset(sets[j])
        shared: dict[int, int] = defaultdict(int)
        for shingle in current:
            for i in postings[shingle]:
                shared[i] += 1
            postings[shingle].append(j)
        for i, count in shared.items():
            enough = count >= floor * min(len(sets[i]), len(current))
            if enough and similarity(frozenset(sets[i]), current).same_story:
                found.add((min(i, j), max(i, j)))
    return found


def _score(article: Article) -> tuple[int, int, int, int]:
    """Which copy becomes the briefing: editor data, then a known outlet, then a real headline."""
    headline = _PROVENANCE_RANK.get(article.headline.provenance, 0) if article.headline else -1
    return (article.sidecar.stated, article.outlet is not None, headline, len(article.body))


def merge(articles: list[Article], ctx: Context, kept: PairStore | None = None) -> list[Article]:
    """One article per story; the other copies are listed as its duplicate sources.
    ``kept``: where the shingles and pairs found are kept between runs."""
    parent = list(range(len(articles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    previous = kept.load() if kept is not None else None
    pairs, found = find_pairs([a.body for a in articles], previous)
    if kept is not None and (
        previous is None
        or found.shingles.keys() != previous.shingles.keys()
        or found.pairs != previous.pairs
    ):
        kept.save(found)
    for i, j in pairs:
        parent[root(j)] = root(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(articles)):
        groups[root(i)].append(i)
    stories = []
    for members in sorted(groups.values()):
        copies = [articles[i] for i in members]
        # max() keeps the first of equals, so ties go to the first file in name order.
        primary = max(copies, key=_score)
        for other in copies:
            if other is primary:
                continue
            primary.duplicates.append(Source.of(other, ctx.relative(other.source)))
            primary.duplicates.extend(other.duplicates)
            primary.warnings.append(f"same story as {other.source.name}: merged")
        outlets = {c.outlet.id: c.outlet for c in copies if c.outlet is not None}
        if primary.outlet is None and len(outlets) == 1:
            primary.outlet = next(iter(outlets.values()))
        stories.append(primary)
    return stories
