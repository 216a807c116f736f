"""Entities stage: people, organisations and places named by the article, with English names.

Known names come from the gazetteer (:mod:`.gazetteer`, :mod:`.matcher`); unknown ones from
title and context cues (:mod:`.unknown`), romanised (:mod:`.romanise`). A person found by a cue
is afterwards also recognised by the last word of the name alone ("الأعرجي"), as articles do.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..context import Context
from ..model import Article, EntityMention
from .gazetteer import Entry, Gazetteer, with_names_file
from .matcher import Mention, find_mentions
from .normalise import Token, clitic_variants, tokenize
from .unknown import find_unknown

__all__ = ["Analysis", "analyse", "find_entities"]


@dataclass(slots=True)
class Analysis:
    """Every mention in a text, and the entries they refer to (known or new)."""

    text: str
    tokens: list[Token]
    mentions: list[Mention]
    entries: dict[str, Entry]


def _surname_mentions(
    tokens: list[Token], taken: set[int], people: list[Entry], firsts: dict[str, int]
) -> list[Mention]:
    """Later mentions of a cue-found person by the last word of the name only."""
    last_words = {}
    for entry in people:
        last = entry.ar.split()[-1]
        words = tokenize(last)
        if words and len(words[0].norm) >= 4:
            last_words[words[0].norm] = entry.id
    found = []
    for i, token in enumerate(tokens):
        if i in taken:
            continue
        for form in clitic_variants(token.norm):
            entity = last_words.get(form)
            if entity and i > firsts[entity]:
                found.append(Mention(entity, token.start, token.end, i, i + 1))
                break
    return found


def analyse(text: str, gazetteer: Gazetteer) -> Analysis:
    tokens = tokenize(text)
    mentions = find_mentions(text, gazetteer, tokens)
    entries = {m.entity: gazetteer.entries[m.entity] for m in mentions}
    unknown = find_unknown(text, tokens, mentions)
    firsts: dict[str, int] = {}
    for entry, mention in unknown:
        # An editor's correction in names.yml replaces the romanised entry (same id).
        entries.setdefault(entry.id, gazetteer.entries.get(entry.id, entry))
        firsts.setdefault(entry.id, mention.first)
        mentions.append(mention)
    taken = {i for m in mentions for i in range(m.first, m.last)}
    people = [entries[e] for e in firsts if entries[e].type == "person"]
    mentions.extend(_surname_mentions(tokens, taken, people, firsts))
    mentions.sort(key=lambda m: m.start)
    return Analysis(text, tokens, mentions, entries)


def to_records(analysis: Analysis) -> list[EntityMention]:
    """Front-matter records, most mentioned first (ties: first mentioned first)."""
    counts = Counter(m.entity for m in analysis.mentions)
    order: dict[str, int] = {}
    for m in analysis.mentions:
        order.setdefault(m.entity, m.start)
    records = []
    for entity in sorted(counts, key=lambda e: (-counts[e], order[e])):
        entry = analysis.entries[entity]
        records.append(
            EntityMention(
                id=entry.id,
                type=entry.type,  # type: ignore[arg-type]
                ar=entry.ar,
                en=entry.en,
                en_source=entry.en_source,  # type: ignore[arg-type]
                role=entry.role,
                wikidata=entry.wikidata,
                mentions=counts[entity],
            )
        )
    return records


def find_entities(article: Article, ctx: Context) -> Article:
    """Pipeline stage: fill ``article.entities`` from the body (and the headline)."""
    gazetteer = with_names_file(ctx.root)
    headline = article.headline.ar if article.headline else ""
    analysis = analyse("\n\n".join([headline, *article.paragraphs]), gazetteer)
    article.entities = to_records(analysis)
    return article
