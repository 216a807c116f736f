"""Quoted spans and sentences of one paragraph.

Arabic news uses every quotation style: "…", “…”, ”…“ (reversed by right-to-left editors),
«…», „…“ and mixtures. Curly and straight marks are ambiguous (the same character opens and
closes), so marks are paired left to right; « and „ only open, » only closes. A quote left open
at the end of the paragraph runs to its end (a common copy-paste loss of the closing mark).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_AMBIGUOUS = '"“”'
_OPENERS = "«„"
_CLOSERS = "»"
# A sentence ends at . ! ? ؟ followed by a space or the end (not inside a quote: quoted speech
# often holds several sentences, and "..." inside it is an ellipsis).
_END = re.compile(r"[.!?؟]+(?=\s|$)")


@dataclass(frozen=True, slots=True)
class Span:
    start: int  # first character inside the marks
    end: int  # the closing mark (or the paragraph end)
    closed: bool = True

    @property
    def outer(self) -> tuple[int, int]:
        return self.start - 1, self.end + (1 if self.closed else 0)


def quote_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    opened: int | None = None
    opener = ""
    for i, ch in enumerate(text):
        if opened is None:
            if ch in _AMBIGUOUS or ch in _OPENERS:
                opened, opener = i, ch
        elif (opener == "«" and ch == "»") or (opener != "«" and ch in _AMBIGUOUS):
            spans.append(Span(opened + 1, i))
            opened = None
    if opened is not None and opened + 1 < len(text):
        spans.append(Span(opened + 1, len(text.rstrip()), closed=False))
    return [s for s in spans if text[s.start : s.end].strip()]


def sentences(text: str, spans: list[Span]) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets; a sentence never ends inside a quote."""
    inside = [(s.outer[0], s.outer[1]) for s in spans]
    bounds, start = [], 0
    for match in _END.finditer(text):
        if any(a < match.start() < b for a, b in inside):
            continue
        bounds.append((start, match.end()))
        start = match.end()
    if text[start:].strip():
        bounds.append((start, len(text)))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in bounds]
