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

from collections import defaultdict
from dataclasses import dataclass

from .context import Context
from .lexicon import fold
from .model import Article, Source

SHINGLE_WORDS = 5
MIN_RESEMBLANCE = 0.8
MIN_CONTAINMENT = 0.9
MIN_LENGTH_RATIO = 0.5
_PROVENANCE_RANK = {"editor": 3, "detected": 2, "html-metadata": 1, "derived": 0}


def shingles(text: str) -> frozenset[int]:
    tokens = [t.strip(".,،؛;:!؟?\"'“”«»()") for t in fold(text).split()]
    tokens = [t for t in tokens if t]
    if len(tokens) < SHINGLE_WORDS:
        return frozenset({hash(tuple(tokens))}) if tokens else frozenset()
    return frozenset(
        hash(tuple(tokens[i : i + SHINGLE_WORDS])) for i in range(len(tokens) - SHINGLE_WORDS + 1)
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


def same_story_pairs(texts: list[str]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of texts that are the same story."""
    sets = [shingles(t) for t in texts]
    postings: dict[int, list[int]] = defaultdict(list)
    pairs = []
    for j, current in enumerate(sets):
        shared: dict[int, int] = defaultdict(int)
        for shingle in current:
            for i in postings[shingle]:
                shared[i] += 1
            postings[shingle].append(j)
        # Either threshold needs at least 0.8 of the smaller set shared: only those are compared.
        floor = min(MIN_RESEMBLANCE, MIN_CONTAINMENT)
        for i, count in shared.items():
            enough = count >= floor * min(len(sets[i]), len(current))
            if enough and similarity(sets[i], current).same_story:
                pairs.append((i, j))
    return sorted(pairs)


def _score(article: Article) -> tuple[int, int, int, int]:
    """Which copy becomes the briefing: editor data, then a known outlet, then a real headline."""
    headline = _PROVENANCE_RANK.get(article.headline.provenance, 0) if article.headline else -1
    return (bool(article.sidecar), article.outlet is not None, headline, len(article.body))


def merge(articles: list[Article], ctx: Context) -> list[Article]:
    """One article per story; the other copies are listed as its duplicate sources."""
    parent = list(range(len(articles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in same_story_pairs([a.body for a in articles]):
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
