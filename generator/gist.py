"""The extractive gist: the 3-5 key sentences of an article, in reading order.

Every sentence of the body (:mod:`generator.sentences`) gets a score from transparent features,
each in [0, 1] and weighted in ``generator/data/gist.yml``:

* ``lead``: the first eligible sentence. News is written as an inverted pyramid, so the lead
  carries the most weight, and ``position`` decays slowly after it;
* ``headline``: the share of the headline's content words the sentence repeats (not used when
  the headline was itself derived from the lead: it would only reward the lead twice);
* ``entities``, ``figures``, ``dates``, ``quote``: what the earlier stages found in it;
* ``centrality``: the share of its content words used elsewhere in the article, and ``topic``:
  the share found in the lead and the headline. The leads of other stories that news pages
  append under an article share almost nothing with it;
* ``unterminated`` (a penalty): a paragraph of one sentence without a final mark, the shape of
  a teaser for another article.

Not eligible at all: boilerplate ("اقرأ أيضا" ...), fragments and run-ons (length bounds), lines
that read as headings (one unterminated short sentence: subheads, related headlines) and the
headline repeated as a sentence. The best sentences are taken greedily, each skipped when it
says what a better one already says (word overlap after Arabic folding).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from .context import Context
from .entities.normalise import clitic_variants, norm, tokenize
from .langdata import mapping
from .model import Article, EntityMention, GistSentence
from .phrases import fold
from .text import split

# A sentence is terminated by its mark, maybe inside closing quotes or brackets, or by the
# closing quote of a quotation that ends it (quotes often end a paragraph without a stop).
_TERMINATED = re.compile(r"(?:[.!?؟…۔][\"'”’»)\]]*|[\"”’»])$")
_HEADING_MAX_WORDS = 20  # as generator/data/noise.yml: the longest corpus title is 16 words
FEATURES = (
    "lead",
    "position",
    "headline",
    "entities",
    "figures",
    "dates",
    "quote",
    "centrality",
    "topic",
    "unterminated",
)


@dataclass(frozen=True, slots=True)
class Settings:
    min: int
    max: int
    size_by_sentences: tuple[tuple[int, int], ...]
    min_words: int
    max_words: int
    near_duplicate: float
    near_duplicate_shared: int
    headline_duplicate: float
    weights: dict[str, float]
    entities_cap: int
    prefixes: tuple[str, ...]
    contains: tuple[str, ...]
    stop_words: frozenset[str]


@cache
def settings() -> Settings:
    data = mapping("gist")["gist"]
    if set(data["weights"]) != set(FEATURES):
        raise ValueError(f"generator/data/gist.yml: gist.weights must weigh {', '.join(FEATURES)}")
    return Settings(
        min=int(data["min"]),
        max=int(data["max"]),
        size_by_sentences=tuple(
            sorted((int(k), int(v)) for k, v in data["size_by_sentences"].items())
        ),
        min_words=int(data["min_words"]),
        max_words=int(data["max_words"]),
        near_duplicate=float(data["near_duplicate"]),
        near_duplicate_shared=int(data["near_duplicate_shared"]),
        headline_duplicate=float(data["headline_duplicate"]),
        weights={k: float(v) for k, v in data["weights"].items()},
        entities_cap=int(data["entities_cap"]),
        prefixes=tuple(fold(p) for p in data["boilerplate_prefixes"]),
        contains=tuple(fold(p) for p in data["boilerplate_contains"]),
        stop_words=frozenset(_key(w) for w in data["stop_words"]),
    )


_ARTICLE = re.compile(r"^(?:ال|بال|كال|فال|لل)(?=\w{3})")


def _key(word: str) -> str:
    """A content-word key: folded, without a leading conjunction or the article (ال بال لل).

    Only those prefixes: stripping every possible proclitic would turn "بغداد" into "غداد"
    here and not there.
    """
    key = norm(word)
    if key[:1] in ("و", "ف") and len(key) > 3:
        key = key[1:]
    return _ARTICLE.sub("", key)


def content_words(text: str) -> frozenset[str]:
    """The sentence's content words as comparable keys (stop words and one-letter words out)."""
    stops = settings().stop_words
    keys = (_key(t.text) for t in tokenize(text))
    return frozenset(k for k in keys if len(k) > 1 and k not in stops)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """How much two sentences say the same: the shorter one's words found in the longer one."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def near_duplicates(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two sentences that say the same thing (a restated lead, a repeated caption).

    A few shared words are not enough: short sentences share their two or three names with
    everything else in a focused article.
    """
    s = settings()
    return len(a & b) >= s.near_duplicate_shared and overlap(a, b) >= s.near_duplicate


@dataclass(slots=True)
class Candidate:
    """One sentence of the body, with its features and why it is not eligible (if it is not)."""

    text: str
    paragraph: int  # 1-based
    position: int  # 1-based, in the article
    words: frozenset[str]
    excluded: str | None = None
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0


def _excluded(text: str, alone: bool, headline: frozenset[str] | None) -> str | None:
    s = settings()
    folded = fold(text)
    if folded.startswith(s.prefixes) or any(p in folded for p in s.contains):
        return "boilerplate"
    words = len(text.split())
    if alone and not _TERMINATED.search(text) and words <= _HEADING_MAX_WORDS:
        return "heading"
    if words < s.min_words:
        return "too short"
    if words > s.max_words:
        return "too long"
    own = content_words(text)
    if headline and own and len(own & headline) / len(own) >= s.headline_duplicate:
        return "repeats the headline"
    return None


Forms = dict[str, list[tuple[str, tuple[str, ...]]]]  # first word -> (entity id, words)


def _entity_forms(entities: list[EntityMention]) -> Forms:
    """Each name as folded words, indexed by its first word; people also by their surname."""
    forms: Forms = {}
    for entity in entities:
        words = tuple(norm(t.text) for t in tokenize(entity.ar))
        if words:
            forms.setdefault(words[0], []).append((entity.id, words))
        if entity.type == "person" and len(words) > 1 and len(words[-1]) >= 4:
            forms.setdefault(words[-1], []).append((entity.id, words[-1:]))
    return forms


def _entities_in(text: str, forms: Forms) -> set[str]:
    """Ids of the entities named in a sentence (a proclitic may stick to the first word)."""
    tokens = [t.norm for t in tokenize(text)]
    found = set()
    for i, token in enumerate(tokens):
        for variant in clitic_variants(token):
            for entity, words in forms.get(variant, ()):
                if tuple(tokens[i + 1 : i + len(words)]) == words[1:]:
                    found.add(entity)
    return found


def candidates(article: Article) -> list[Candidate]:
    """Every sentence of the body with its features and score (eligible or not)."""
    s = settings()
    headline = article.headline
    derived = headline is None or headline.provenance == "derived"
    head_words = content_words(headline.ar) if headline else frozenset()
    out: list[Candidate] = []
    for number, paragraph in enumerate(article.paragraphs, start=1):
        sentences = split(paragraph)
        for sentence in sentences:
            words = content_words(sentence.text)
            reason = _excluded(sentence.text, len(sentences) == 1, None if derived else head_words)
            out.append(Candidate(sentence.text, number, len(out) + 1, words, reason))
    eligible = [c for c in out if c.excluded is None]
    forms = _entity_forms(article.entities)
    lead_words = eligible[0].words if eligible else frozenset()
    topic = lead_words | (frozenset() if derived else head_words)
    per_paragraph = Counter(c.paragraph for c in out)
    sentences_with = Counter(word for c in eligible for word in c.words)
    for rank, c in enumerate(eligible):
        shared = sum(1 for word in c.words if sentences_with[word] > 1)  # used elsewhere too
        c.features = {
            "lead": 1.0 if rank == 0 else 0.0,
            "position": 1.0 / (1.0 + (c.position - 1) / 3.0),
            "headline": 0.0
            if derived or not head_words
            else len(c.words & head_words) / len(head_words),
            "entities": min(len(_entities_in(c.text, forms)), s.entities_cap) / s.entities_cap,
            "figures": float(any(figure.ar in c.text for figure in article.figures)),
            "dates": float(
                any(e.paragraph == c.paragraph and e.evidence in c.text for e in article.events)
            ),
            "quote": float(any(q.ar in c.text for q in article.quotes)),
            "centrality": shared / len(c.words) if c.words else 0.0,
            "topic": len(c.words & topic) / len(c.words) if c.words and rank else 0.0,
            "unterminated": float(
                per_paragraph[c.paragraph] == 1 and not _TERMINATED.search(c.text)
            ),
        }
        c.score = round(sum(s.weights[name] * c.features[name] for name in FEATURES), 4)
    return out


def size(eligible: int) -> int:
    """How many sentences the gist has: all of a short article, more for a long one."""
    s = settings()
    wanted = s.min
    for threshold, count in s.size_by_sentences:
        if eligible >= threshold:
            wanted = count
    return min(eligible, max(s.min, min(wanted, s.max)))


def select(pool: list[Candidate]) -> list[Candidate]:
    """The best eligible sentences, no two saying the same, in reading order."""
    eligible = [c for c in pool if c.excluded is None]
    wanted = size(len(eligible))
    chosen: list[Candidate] = []
    for c in sorted(eligible, key=lambda c: (-c.score, c.position)):
        if len(chosen) == wanted:
            break
        if any(near_duplicates(c.words, o.words) for o in chosen):
            continue
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.position)


def find_gist(article: Article, ctx: Context) -> Article:
    """Pipeline stage: the key sentences of the article, stored as Arabic in reading order."""
    article.gist = [
        GistSentence(ar=c.text, paragraph=c.paragraph, position=c.position)
        for c in select(candidates(article))
    ]
    return article
