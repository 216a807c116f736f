"""One Arabic sentence splitter, shared by the gist and the translation units.

A sentence ends at . ! ? ؟ … or the Arabic full stop ۔ (a run of them: "؟!", "..."), followed
by a space or the end of the paragraph; the closing quotes or brackets right after the mark
belong to the sentence. The mark is kept. It does not end a sentence:

* inside a closed quotation or a closed bracket: quoted speech often holds several sentences
  ("لا أعرف ما هذه الرسالة... نحاول معرفة"), and a quote left open (a copy-paste loss of the
  closing mark) cannot tell where it ends, so only closed ones protect their content;
* after an abbreviation: a single letter ("د." "أ." "W."), a dotted form ("U.S." "ق.م."), or a
  listed word (``generator/data/gist.yml``); an era mark after a year ("عام 1950 م.") does end;
* inside a number ("2.5": no space follows), or after a list number ("1. " "2. ").

A piece shorter than ``min_words`` (a verb of saying left behind a quote: "ذكرت.") is joined
to the sentence before it.

Quotation marks are paired as in :mod:`generator.quotes.spans`: “ ” and " are ambiguous (right-
to-left editors reverse them), « and „ only open, » only closes.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from .langdata import mapping
from .lexicon import fold

_END = re.compile(r"[.!?؟…۔]+[\"'”’»)\]]*(?=\s|$)")
_AMBIGUOUS = '"“”'
_BRACKETS = {")": "(", "]": "["}
_WORD_BEFORE = re.compile(r"(\S+?)[.!?؟…۔]+[\"'”’»)\]]*$")
_DOTTED = re.compile(r"(?:\w\.)+\w")  # U.S / ق.م: letters joined by dots
_NUMBER = re.compile(r"[\d٠-٩]+")
# Characters before a full stop that decide whether it ends an abbreviation (the word and the
# one before it). Bounded so that a paragraph of thousands of "أ. ب. ج." stays linear.
_LOOKBEHIND = 200


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a paragraph: its text (stripped) and where it stands in the paragraph."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Data:
    abbreviations: frozenset[str]
    era_marks: frozenset[str]
    list_digits: int
    min_words: int


@cache
def _data() -> _Data:
    section = mapping("gist")["sentences"]
    return _Data(
        abbreviations=frozenset(fold(str(a)) for a in section["abbreviations"]),
        era_marks=frozenset(fold(str(m)) for m in section["era_marks"]),
        list_digits=int(section["list_marker_max_digits"]),
        min_words=int(section["min_words"]),
    )


def protected(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of the closed quotations and brackets of a paragraph."""
    regions: list[tuple[int, int]] = []
    quote_at: int | None = None
    opener = ""
    stack: list[tuple[str, int]] = []
    for i, char in enumerate(text):
        if quote_at is None and (char in _AMBIGUOUS or char in "«„"):
            quote_at, opener = i, char
        elif quote_at is not None and (
            (opener == "«" and char == "»") or (opener != "«" and char in _AMBIGUOUS)
        ):
            regions.append((quote_at, i))
            quote_at = None
        elif char in "([":
            stack.append((char, i))
        elif char in _BRACKETS and stack and stack[-1][0] == _BRACKETS[char]:
            regions.append((stack.pop()[1], i))
    return regions


def _abbreviation(before: str) -> bool:
    """True when the full stop ending ``before`` belongs to the word in front of it."""
    match = _WORD_BEFORE.search(before)
    if match is None:
        return False
    word = fold(match.group(1)).strip("\"'“”«»()[]")
    data = _data()
    if word in data.era_marks:
        previous = before[: match.start(1)].split()
        return not (previous and _NUMBER.fullmatch(previous[-1]))
    if word in data.abbreviations or _DOTTED.fullmatch(word):
        return True
    return len(word) == 1 and word.isalpha()


def split(paragraph: str) -> list[Sentence]:
    """The sentences of one paragraph, in order, with their delimiters."""
    regions = _union(protected(paragraph))
    starts = [a for a, _ in regions]
    data = _data()
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(paragraph):
        mark = match.start()
        inside = bisect_left(starts, mark) - 1  # the last region opening before the mark
        if inside >= 0 and mark < regions[inside][1]:
            continue
        if paragraph[mark] == "." and match.group().rstrip("\"'”’»)]") == ".":
            if _abbreviation(paragraph[max(start, mark - _LOOKBEHIND) : match.end()]):
                continue
            head = paragraph[start:mark].strip()
            if _NUMBER.fullmatch(head) and len(head) <= data.list_digits:
                continue  # "1. " opening a list item
        _append(spans, paragraph, start, match.end(), data.min_words)
        start = match.end()
    _append(spans, paragraph, start, len(paragraph), data.min_words)
    return [_sentence(paragraph, first, last) for first, last in spans]


def _union(regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping (open, close) regions merged, in order: a mark strictly inside any region
    is strictly inside one of these. Regions that only touch stay apart (a mark on the shared
    offset is inside neither)."""
    merged: list[tuple[int, int]] = []
    for first, last in sorted(regions):
        if merged and first < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def _append(
    spans: list[tuple[int, int]], paragraph: str, start: int, end: int, min_words: int
) -> None:
    # Spans, not texts, until the end: copying a growing sentence at every merge made a
    # paragraph of 400,000 ". " take minutes (quadratic).
    piece = paragraph[start:end]
    if not piece.strip():
        return
    if spans and len(piece.split()) < min_words:
        # A verb of saying left alone after a quote ("“...”. ذكرت."): the end of the sentence
        # before, not a sentence of its own.
        start = spans.pop()[0]
    spans.append((start, end))


def _sentence(paragraph: str, start: int, end: int) -> Sentence:
    piece = paragraph[start:end]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    return Sentence(piece.strip(), start + lead, end - trail)


def texts(paragraph: str) -> list[str]:
    """Just the sentence texts of one paragraph."""
    return [s.text for s in split(paragraph)]
