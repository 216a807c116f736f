"""Marks that a page or a wire agency puts around the story, told apart by their shape.

Wire-agency marks ("// انتهى //", "19:59 ت م", "إضافة خامسة وأخيرة"), calls to the reader (an
app, notifications, a newsletter), share-button text (alone, or glued to the start of the lead)
and bylines. The rules take the cleaner's lines and return the ones to drop, like the rules of
``clean``; the words they look for are data (``data/noise.yml``). This module does not import
``clean`` (which registers these rules), so any object with a ``text`` will do as a line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from . import langdata, phrases, signatures
from .phrases import fold

Drops = dict[int, str]  # index in the current line list -> rule name, as in ``clean``

# Quotation marks: a line with one reports what someone said ("يمكنك أن ترى ..."), so it is
# never read as the outlet speaking to its reader.
_QUOTES = re.compile('["“”«»„]')
# The clitics that may stand before a word: و ف ب ل ك, the article, and their pairs.
_CLITICS = r"(?:[وفبلك]?(?:ال|لل)?)"
# A dash between two parts of a byline. A tatweel counts only with spaces on both sides: inside
# a word it only stretches the letters ("مقتـل").
_BYLINE_DASH = re.compile(r"\s+ـ+\s+|\s*[-–—]+\s+|\s+[-–—]+\s*")


class HasText(Protocol):
    @property
    def text(self) -> str: ...


@dataclass(frozen=True, slots=True)
class _Data:
    wire: tuple[tuple[str, re.Pattern[str]], ...]
    cue: re.Pattern[str]
    channel: re.Pattern[str]
    call_max_words: int
    share_run: re.Pattern[str]
    share_action: re.Pattern[str]
    share_network: re.Pattern[str]
    share_min_networks: int
    opener: re.Pattern[str]
    particles: frozenset[str]
    byline_max_words: int
    side_words: int


def _words(entries: list[str], suffix: bool = False) -> re.Pattern[str]:
    """Any of the folded entries as a whole word, with clitics before it (and, for ``suffix``,
    any letters after it: "تطبيقنا")."""
    tail = r"\S*" if suffix else ""
    return re.compile(
        rf"(?<!\S){_CLITICS}(?:{phrases.alternation(entries)}){tail}(?!\S)", re.IGNORECASE
    )


@cache
def _data() -> _Data:
    noise = langdata.mapping("noise")
    calls, share, bylines = noise["reader_calls"], noise["share_buttons"], noise["bylines"]
    vocabulary = [*share["actions"], *share["networks"]]
    links = phrases.alternation(share["links"])
    return _Data(
        wire=tuple(
            (name, phrases.compile_pattern(p))
            for name, patterns in noise["wire_marks"].items()
            for p in patterns
        ),
        cue=_words(calls["cues"]),
        channel=_words(calls["channels"], suffix=True),
        call_max_words=int(calls["max_words"]),
        # A run of share words and the links between them, from the start of the line.
        share_run=re.compile(
            rf"(?:\s*(?:{phrases.alternation(vocabulary)}|{links})(?=\s|$|[-|/·•:,،]))+",
            re.IGNORECASE,
        ),
        share_action=_words(share["actions"]),
        share_network=_words(share["networks"]),
        share_min_networks=int(share["min_networks"]),
        opener=re.compile(
            rf"(?:{phrases.alternation(bylines['openers'])})\s*[:،,]?\s+\S", re.IGNORECASE
        ),
        particles=frozenset(fold(p) for p in bylines["name_particles"]),
        byline_max_words=int(bylines["max_words"]),
        side_words=int(bylines["side_words"]),
    )


def wire_mark(text: str) -> str | None:
    """The kind of wire-agency mark the whole line is ("wire-end", "wire-time", ...), if any."""
    key = fold(text)
    return next((name for name, pattern in _data().wire if pattern.fullmatch(key)), None)


def wire_marks(lines: Sequence[HasText]) -> Drops:
    return {i: name for i, line in enumerate(lines) if (name := wire_mark(line.text))}


def reader_call(text: str) -> bool:
    """The line speaks to the reader about one of the outlet's channels (app, alerts, ...)."""
    data = _data()
    key = fold(text)
    return (
        len(key.split()) <= data.call_max_words
        and not _QUOTES.search(text)
        and bool(data.cue.search(key))
        and bool(data.channel.search(key))
    )


def reader_calls(lines: Sequence[HasText]) -> Drops:
    return {i: "reader-call" for i, line in enumerate(lines) if reader_call(line.text)}


def share_prefix(text: str) -> str:
    """The share-button text at the start of the line (as written there), or ""."""
    data = _data()
    folded, index = phrases.fold_map(text)
    run = data.share_run.match(folded)
    if run is None:
        return ""
    words = folded[: run.end()]
    # A button bar lists several networks; "مشاركة على تويتر أثارت جدلا" names one and is a lead.
    networks = len(data.share_network.findall(words))
    if networks < data.share_min_networks or not data.share_action.search(words):
        return ""
    return text[: index[run.end()]] if run.end() < len(index) else text


def share_lines(lines: Sequence[HasText]) -> Drops:
    """Lines of share-button text and nothing else."""
    return {
        i: "share-buttons"
        for i, line in enumerate(lines)
        if (prefix := share_prefix(line.text)) and prefix == line.text
    }


def byline(text: str) -> bool:
    """The line names a writer (and a place or desk), not the story: see ``bylines`` in
    ``noise.yml``."""
    data = _data()
    line = text.strip().rstrip(":").strip()
    tokens = line.split()
    if not tokens or len(tokens) > data.byline_max_words or re.search(r"[.!؟?]$", line):
        return False
    key = fold(line)
    if data.opener.match(key) and len(tokens) <= data.side_words + 2:
        return True
    if re.search(r"\d", line):
        return False
    sides = [side for side in _BYLINE_DASH.split(line) if side.strip()]
    if len(sides) == 2 and all(len(side.split()) <= data.side_words for side in sides):
        return True
    folded = key.split()
    return len(folded) <= data.side_words + 1 and any(w in data.particles for w in folded[1:])


def bylines(lines: Sequence[HasText]) -> Drops:
    """Bylines above the story: only before its first sentence, where a short line with a dash
    is a writer and a place, not a subheading. "لسة فاكر – العربية.نت" (a short headline and its
    outlet) has a byline's shape too: the headline stage reads a line with an outlet suffix."""
    drops: Drops = {}
    for i, line in enumerate(lines):
        if re.search(r"[.!؟?][\"'”’»)\]]*$", line.text):
            break
        if byline(line.text) and not signatures.title_suffix(line.text):
            drops[i] = "byline"
    return drops
