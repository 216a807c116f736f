"""Quotation marks paired in one paragraph, and the regions they and brackets enclose.

Arabic news uses every quotation style: "…", “…”, ”…“ (reversed by right-to-left editors),
«…», „…“ and mixtures. Curly and straight marks are ambiguous (the same character opens and
closes), so marks are paired left to right; « and „ only open, » only closes. A quote left open
at the end of the paragraph runs to its end (a common copy-paste loss of the closing mark).
"""

from __future__ import annotations

from dataclasses import dataclass

AMBIGUOUS = '"“”'
OPENERS = "«„"
CLOSERS = "»"
_BRACKETS = {")": "(", "]": "["}


@dataclass(frozen=True, slots=True)
class Span:
    start: int  # first character inside the marks
    end: int  # the closing mark (or the paragraph end)
    closed: bool = True

    @property
    def outer(self) -> tuple[int, int]:
        return self.start - 1, self.end + (1 if self.closed else 0)


def _pairs(text: str) -> tuple[list[Span], int | None]:
    """Every closed quotation (empty ones too) and the offset of a mark left open."""
    spans: list[Span] = []
    opened: int | None = None
    opener = ""
    for i, ch in enumerate(text):
        if opened is None:
            if ch in AMBIGUOUS or ch in OPENERS:
                opened, opener = i, ch
        elif (opener == "«" and ch in CLOSERS) or (opener != "«" and ch in AMBIGUOUS):
            spans.append(Span(opened + 1, i))
            opened = None
    return spans, opened


def quote_spans(text: str) -> list[Span]:
    """The quotations of a paragraph with something inside, a quote left open included."""
    spans, opened = _pairs(text)
    if opened is not None and opened + 1 < len(text):
        spans.append(Span(opened + 1, len(text.rstrip()), closed=False))
    return [s for s in spans if text[s.start : s.end].strip()]


def bracket_regions(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of the closed round and square brackets, innermost first."""
    regions: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for i, char in enumerate(text):
        if char in "([":
            stack.append((char, i))
        elif char in _BRACKETS and stack and stack[-1][0] == _BRACKETS[char]:
            regions.append((stack.pop()[1], i))
    return regions


def closed_regions(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of the closed quotations and brackets of a paragraph."""
    quotes = [(s.start - 1, s.end) for s in _pairs(text)[0]]
    return quotes + bracket_regions(text)
