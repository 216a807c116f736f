"""Words of Arabic (and Latin) text with their place in the original, folded for matching."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from . import chars
from .fold import ALL_MARKS, ENTITY, Profile

# Words: letters and digits plus the marks and tatweel that live inside Arabic words (Python's
# \w does not match harakat, which would split "أكّد" in two).
WORD = re.compile(rf"[\w{chars.char_class(*ALL_MARKS)}]+")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    norm: str
    start: int
    end: int


def words(text: str) -> Iterator[re.Match[str]]:
    """The word matches of ``text``, in order."""
    return WORD.finditer(text)


def tokenize(text: str, profile: Profile = ENTITY) -> list[Token]:
    """The words of ``text`` with their folded form; a lone tatweel or mark is not a word."""
    tokens = (Token(m.group(), profile.fold(m.group()), m.start(), m.end()) for m in words(text))
    return [t for t in tokens if t.norm]
