"""Arabic text: folding profiles, words, sentences, quotations and paragraphs in one place.

The character classes live in ``generator/data/arabic.yml`` and are read by :mod:`.chars`
alone; ``tests/test_text_guard.py`` fails when another module defines Arabic ranges of its own.
"""

from __future__ import annotations

from .fold import DATA, DATES, ENTITY, MEMORY, SEARCH, SPELLING, STRICT, Folded, Profile
from .paragraphs import paragraphs
from .patterns import alternation
from .quotes import Span, quote_spans
from .sentences import EVENTS, GIST, QUOTES, Rules, Sentence, split
from .tokens import Token, tokenize, words

__all__ = [
    "DATA",
    "DATES",
    "ENTITY",
    "EVENTS",
    "GIST",
    "MEMORY",
    "QUOTES",
    "SEARCH",
    "SPELLING",
    "STRICT",
    "Folded",
    "Profile",
    "Rules",
    "Sentence",
    "Span",
    "Token",
    "alternation",
    "paragraphs",
    "quote_spans",
    "split",
    "tokenize",
    "words",
]
