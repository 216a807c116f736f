"""Find gazetteer names in text: longest match first, clitics allowed on the first word."""

from __future__ import annotations

from dataclasses import dataclass

from .gazetteer import Gazetteer
from .normalise import Token, clitic_variants, joinable, tokenize


@dataclass(frozen=True, slots=True)
class Mention:
    """One name in the text: the entity, its character span and its token span."""

    entity: str
    start: int
    end: int
    first: int  # index of the first token
    last: int  # index after the last token
    weak: bool = False


def _match_at(text: str, tokens: list[Token], i: int, gazetteer: Gazetteer) -> Mention | None:
    best: Mention | None = None
    for form in clitic_variants(tokens[i].norm):
        for words, entity, weak in gazetteer.index.get(form, ()):
            n = len(words)
            if i + n > len(tokens) or (best and n <= best.last - best.first):
                continue
            if all(
                tokens[i + k].norm == words[k] and joinable(text, tokens[i + k - 1], tokens[i + k])
                for k in range(1, n)
            ):
                best = Mention(entity, tokens[i].start, tokens[i + n - 1].end, i, i + n, weak)
    return best


def find_mentions(
    text: str, gazetteer: Gazetteer, tokens: list[Token] | None = None
) -> list[Mention]:
    """Every gazetteer name in ``text``, left to right, without overlaps.

    A weak alias counts only when the same entity is also named by a strong alias somewhere in
    the text (see the header of gazetteer.yml).
    """
    tokens = tokenize(text) if tokens is None else tokens
    found: list[Mention] = []
    i = 0
    while i < len(tokens):
        mention = _match_at(text, tokens, i, gazetteer)
        if mention is None:
            i += 1
            continue
        found.append(mention)
        i = mention.last
    strong = {m.entity for m in found if not m.weak}
    return [m for m in found if not m.weak or m.entity in strong]
