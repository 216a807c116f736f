"""Quotes stage: direct quotes with their speakers, and the key ones for the briefing.

:func:`extract` finds every quote of an article and attributes it (:mod:`.attribution`); the
stage keeps the key ones (:mod:`.rank`). Quotes of fewer than three words are names or scare
quotes ("بي بي سي", “الصدمة والرعب”), not speech; a partial quote keeps its whole sentence.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache

from .. import langdata
from ..context import Context
from ..entities import analyse
from ..entities.gazetteer import Gazetteer, with_names_file
from ..entities.normalise import clitic_variants, joinable, norm, norm_phrase, strip_clitics
from ..model import Article, Quote, Speaker
from ..text import QUOTES, Span, quote_spans, split
from .attribution import (
    CARRY,
    NONE,
    RELATIVES,
    Resolver,
    Verdict,
    feminine,
    is_carry,
    is_verb,
)
from .rank import key_quotes

__all__ = ["Found", "extract", "find_quotes"]

MIN_WORDS = 3
UNKNOWN = Speaker(kind="unknown")
_BARE_VERB_WORDS = 2  # "قال." / "وأضافت." standing alone after a quote
_NAME_WORDS = 6  # a quoted "منظمة ..." of up to six words is a name


@dataclass(frozen=True, slots=True)
class Found:
    """A quote as found: the record plus how its speaker was decided (for evaluation)."""

    quote: Quote
    rule: str  # explicit, carried, after, unattributed


class _Article:
    def __init__(self, paragraphs: list[str], gazetteer: Gazetteer) -> None:
        self.body = "\n\n".join(paragraphs)
        self.offsets, pos = [], 0
        for p in paragraphs:
            self.offsets.append(pos)
            pos += len(p) + 2
        self.analysis = analyse(self.body, gazetteer)
        self.resolver = Resolver(self.analysis)
        self.starts = [t.start for t in self.analysis.tokens]
        self.last: Speaker | None = None
        self.last_at = -1  # body offset where ``last`` was named
        self.sentence_start = 0
        self.quoted: list[tuple[int, int]] = []  # body spans of the current paragraph's quotes

    def index(self, offset: int) -> int:
        """Index of the first token at or after a body offset."""
        return bisect_left(self.starts, offset)

    def verdict_before(self, a: int, b: int) -> Verdict:
        """Attribution from the last verb of saying in body[a:b] (the words before a quote)."""
        tokens = self.analysis.tokens
        first, stop = self.index(a), self.index(b)
        for i in range(stop - 1, first - 1, -1):
            if is_carry(tokens[i]):
                return replace(CARRY, feminine=feminine(tokens[i]), at=tokens[i].start)
            if not is_verb(tokens, i):
                continue
            if any(t.norm in RELATIVES for t in tokens[max(first, i - 3) : i]):
                continue  # "الرسالة التي ... أكد مسؤول صحتها": not who is quoted
            verdict = self.resolver.subject(i + 1, stop, strip_clitics(tokens[i].norm))
            if verdict.kind != "speaker":
                # Subject before the verb: "لكنّ إسبر أكّد أنّه", "قوات “التحالف الدولي” أعلنت"
                # (only within the same clause: no comma in between).
                for j in range(i - 1, max(first, i - 3) - 1, -1):
                    if not joinable(self.body, tokens[j], tokens[j + 1]):
                        break
                    entity = self.resolver.covered_entity(j)
                    if entity:
                        return Verdict("speaker", self.resolver.speaker_of(entity))
            return replace(verdict, feminine=feminine(tokens[i]), at=tokens[i].start)
        return NONE

    def verdict_after(self, a: int, b: int) -> Verdict:
        """Attribution from a verb of saying right after a quote ("“...” وقالت X")."""
        tokens = self.analysis.tokens
        first, stop = self.index(a), self.index(b)
        if first < stop and is_verb(tokens, first):
            verdict = self.resolver.subject(first + 1, stop, strip_clitics(tokens[first].norm))
            return replace(verdict, feminine=feminine(tokens[first]), at=tokens[first].start)
        return NONE

    def _sentence_subject(self, before: int) -> Speaker | None:
        """The sentence's first person named outside quotes before ``before``, else its first
        organisation ("الأمين العام للأمم المتحدة أنطونيو غوتيريس": Guterres, not the UN)."""
        found: dict[str, Speaker] = {}
        for mention in self.analysis.mentions:
            quoted = any(a <= mention.start < b for a, b in self.quoted)
            if self.sentence_start <= mention.start < before and not quoted:
                entry = self.analysis.entries[mention.entity]
                if entry.type in ("person", "organisation"):
                    found.setdefault(entry.type, self.resolver.speaker_of(entry.id))
        return found.get("person") or found.get("organisation")

    def settle(self, verdict: Verdict) -> tuple[Speaker | None, bool]:
        """The speaker a verdict names (or carries over); remembers it for later quotes."""
        if verdict.kind == "speaker":
            self.last, self.last_at = verdict.speaker, verdict.at or self.sentence_start
            return verdict.speaker, False
        if (
            verdict.kind == "carry"
            and verdict.at is not None
            and self.last_at < self.sentence_start
        ):
            # "أصدر ... غوتيريس بيانا ... وقال فيه": a carried verb continues its own sentence's
            # first person or organisation before the previous sentence's speaker.
            found = self._sentence_subject(verdict.at)
            if found is not None and self.resolver.agrees(found, verdict.feminine):
                self.last, self.last_at = found, verdict.at
                return found, True
        if verdict.kind == "none" and verdict.at is not None:
            # A verb of saying whose subject we cannot name ("وقال نيكولا هيراس"): someone new
            # speaks, so a later "وأضاف" must not go back to the previous speaker.
            self.last = None
            return None, False
        if verdict.kind == "carry":
            if self.last is not None and not self.resolver.agrees(self.last, verdict.feminine):
                return None, False  # "وأضافت" cannot continue a man's words
            return self.last, True
        return None, False


def _quote_id(text: str) -> str:
    return "q-" + hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:10]


def extract(paragraphs: list[str], gazetteer: Gazetteer) -> list[Found]:
    """Every quote of the article in reading order, ranked by position (rank = order)."""
    art = _Article(paragraphs, gazetteer)
    found: list[Found] = []
    for number, (paragraph, offset) in enumerate(zip(paragraphs, art.offsets, strict=True), 1):
        every = quote_spans(paragraph)
        sents = [(s.start, s.end) for s in split(paragraph, QUOTES)]
        # Names and scare quotes are not speech; they must not cut the sentence into segments.
        spans = [q for q in every if _is_speech(paragraph, q, gazetteer)]
        art.quoted = [(offset + q.start, offset + q.end) for q in every]
        for s_index, (s_start, s_end) in enumerate(sents):
            art.sentence_start = offset + s_start
            inside = [q for q in spans if s_start <= q.start < s_end]
            if not inside:
                # Indirect speech still sets the speaker that "وأضاف" will continue.
                verdict = art.verdict_before(offset + s_start, offset + s_end)
                art.settle(verdict if verdict.kind != "carry" else NONE)
                continue
            following = sents[s_index + 1] if s_index + 1 < len(sents) else None
            for k, span in enumerate(inside):
                found.extend(
                    _one(
                        art, paragraph, offset, number, span, inside, k, (s_start, s_end), following
                    )
                )
    return found


def _is_speech(paragraph: str, span: Span, gazetteer: Gazetteer) -> bool:
    """False for names in quotation marks: short ones, known names, names after "مركز" etc."""
    words = norm_phrase(paragraph[span.start : span.end])
    if len(words) < MIN_WORDS:
        return False
    before = norm_phrase(paragraph[max(0, span.start - 20) : span.start - 1])
    if before and strip_clitics(before[-1]) in name_nouns():
        return False
    heads = clitic_variants(words[0])
    if any(h in name_nouns() for h in heads) and len(words) <= _NAME_WORDS:
        return False  # "لمنظمة حظر الأسلحة الكيميائية"
    return not any(
        alias[1:] == words[1:] and len(alias) == len(words)
        for h in heads
        for alias, _, _ in gazetteer.index.get(h, ())
    )


@cache
def name_nouns() -> frozenset[str]:
    return frozenset(norm(w) for w in langdata.mapping("quote_verbs")["name_nouns"])


def _one(
    art: _Article,
    paragraph: str,
    offset: int,
    number: int,
    span: Span,
    inside: list[Span],
    k: int,
    sentence: tuple[int, int],
    following: tuple[int, int] | None,
) -> list[Found]:
    text = paragraph[span.start : span.end].strip()
    before_from = inside[k - 1].outer[1] if k else sentence[0]
    after_to = inside[k + 1].outer[0] if k + 1 < len(inside) else sentence[1]
    verdict = art.verdict_before(offset + before_from, offset + span.outer[0])
    rule = "explicit"
    if verdict.kind == "none" and verdict.at is None:  # no verb before: look after
        verdict = art.verdict_after(offset + span.outer[1], offset + after_to)
        rule = "after"
        if (
            verdict.kind == "none"
            and k + 1 == len(inside)
            and following
            and not paragraph[span.outer[1] : sentence[1]].strip(" .،,")
        ):
            # “...”. ذكرت.  — the verb stands alone as the next sentence.
            tail = paragraph[following[0] : following[1]]
            if len(tail.split()) <= _BARE_VERB_WORDS:
                verdict = art.verdict_after(offset + following[0], offset + following[1])
    speaker, carried = art.settle(verdict)
    if carried:
        rule = "carried"
    if speaker is None:
        speaker, rule = UNKNOWN, "unattributed"
    quote = Quote(
        id=_quote_id(text),
        speaker=speaker,
        ar=text,
        sentence=paragraph[sentence[0] : max(sentence[1], span.outer[1])].strip(),
        rank=1,
        paragraph=number,
    )
    return [Found(quote, rule)]


def find_quotes(article: Article, ctx: Context) -> Article:
    """Pipeline stage: the key attributed quotes of the article, rank 1 first."""
    found = extract(article.paragraphs, with_names_file(ctx.root))
    article.quotes = key_quotes([f.quote for f in found])
    return article
