"""One Arabic sentence splitter for the gist, the translation units, dated events and quotes.

A sentence ends at a run of the marks of ``punctuation.sentence_end``
(``generator/data/arabic.yml``: . ! ? ؟ … ۔, "؟!", "...") followed by a space or the end of the
paragraph; the closing quotes or brackets right after the mark belong to the sentence. The mark
is kept. With the default :data:`GIST` rules it does not end a sentence:

* inside a closed quotation or a closed bracket: quoted speech often holds several sentences
  ("لا أعرف ما هذه الرسالة... نحاول معرفة"), and a quote left open (a copy-paste loss of the
  closing mark) cannot tell where it ends, so only closed ones protect their content;
* after an abbreviation: a single letter ("د." "أ." "W."), a dotted form ("U.S." "ق.م."), or a
  listed word (``generator/data/gist.yml``); an era mark after a year ("عام 1950 م.") does end;
* inside a number ("2.5": no space follows), or after a list number ("1. " "2. ").

A piece shorter than ``min_words`` (a verb of saying left behind a quote: "ذكرت.") is joined
to the sentence before it. Paragraphs are expected stripped (the clean stage strips them).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ..langdata import mapping
from . import chars
from .fold import DATA
from .quotes import closed_regions, quote_spans

_CLOSERS = "\"'”’»)]"
_DOTTED = re.compile(r"(?:\w\.)+\w")  # U.S / ق.م: letters joined by dots
# A number: Python's \d matches every decimal digit, Arabic-Indic ones included.
_NUMBER = re.compile(r"\d+")
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
class Rules:
    """What ends a sentence for one caller."""

    # Sentence-end marks left out of ``punctuation.sentence_end``.
    without: str = ""
    # Closing quotes and brackets right after the mark belong to the sentence before.
    closers: bool = True
    # What protects a mark: closed quotations and brackets, every quotation (one left open
    # runs to the end of the paragraph), or nothing.
    protect: Literal["closed", "quotes", "none"] = "closed"
    # Abbreviations, list numbers and pieces under ``min_words`` do not end a sentence.
    abbreviations: bool = True


# Gist sentences and translation units.
GIST = Rules()
# Dated events keep the boundaries their ids were made from, because an event id hashes its
# sentence and ids are anchors on published pages. A mark followed by a space always ends an
# event sentence, even inside a quote or after an abbreviation; the Arabic full stop ۔ and a
# closing quote after the mark were never event boundaries.
EVENTS = Rules(without="۔", closers=False, protect="none", abbreviations=False)
# Quotes are attributed sentence by sentence, and a quotation left open protects the rest of
# the paragraph because the speaker's words run to its end. An ellipsis is a pause in speech,
# not the end of the sentence that introduces the speaker.
QUOTES = Rules(without="…۔", closers=False, protect="quotes", abbreviations=False)


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
        abbreviations=frozenset(DATA.fold(str(a)) for a in section["abbreviations"]),
        era_marks=frozenset(DATA.fold(str(m)) for m in section["era_marks"]),
        list_digits=int(section["list_marker_max_digits"]),
        min_words=int(section["min_words"]),
    )


@cache
def _patterns(rules: Rules) -> tuple[re.Pattern[str], re.Pattern[str]]:
    marks = "".join(c for c in chars.characters("sentence_end") if c not in rules.without)
    marks = re.escape(marks)
    closers = f"[{re.escape(_CLOSERS)}]*" if rules.closers else ""
    end = re.compile(rf"[{marks}]+{closers}(?=\s|$)")
    word_before = re.compile(rf"(\S+?)[{marks}]+{closers}$")
    return end, word_before


def _abbreviation(before: str, rules: Rules) -> bool:
    """True when the full stop ending ``before`` belongs to the word in front of it."""
    _, word_before = _patterns(rules)
    match = word_before.search(before)
    if match is None:
        return False
    word = DATA.fold(match.group(1)).strip("\"'“”«»()[]")
    data = _data()
    if word in data.era_marks:
        previous = before[: match.start(1)].split()
        return not (previous and _NUMBER.fullmatch(previous[-1]))
    if word in data.abbreviations or _DOTTED.fullmatch(word):
        return True
    return len(word) == 1 and word.isalpha()


def _protected(paragraph: str, rules: Rules) -> list[tuple[int, int]]:
    if rules.protect == "closed":
        return closed_regions(paragraph)
    if rules.protect == "quotes":
        return [span.outer for span in quote_spans(paragraph)]
    return []


def split(paragraph: str, rules: Rules = GIST) -> list[Sentence]:
    """The sentences of one paragraph, in order, with their delimiters."""
    end, _ = _patterns(rules)
    regions = _union(_protected(paragraph, rules))
    starts = [a for a, _ in regions]
    data = _data()
    min_words = data.min_words if rules.abbreviations else 0
    spans: list[tuple[int, int]] = []
    start = 0
    for match in end.finditer(paragraph):
        mark = match.start()
        inside = bisect_left(starts, mark) - 1  # the last region opening before the mark
        if inside >= 0 and mark < regions[inside][1]:
            continue
        if rules.abbreviations and paragraph[mark] == "." and match.group().rstrip(_CLOSERS) == ".":
            if _abbreviation(paragraph[max(start, mark - _LOOKBEHIND) : match.end()], rules):
                continue
            head = paragraph[start:mark].strip()
            if _NUMBER.fullmatch(head) and len(head) <= data.list_digits:
                continue  # "1. " opening a list item
        _append(spans, paragraph, start, match.end(), min_words)
        start = match.end()
    _append(spans, paragraph, start, len(paragraph), min_words)
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


def texts(paragraph: str, rules: Rules = GIST) -> list[str]:
    """Just the sentence texts of one paragraph."""
    return [s.text for s in split(paragraph, rules)]
