"""Dated events: each sentence carrying a resolved date becomes a candidate timeline event.

An event dated after publication (a deadline, a schedule) is kept as ``planned`` so the site
never shows it as having happened.
"""

from __future__ import annotations

import hashlib
import re

from ..model import Event
from ..text import EVENTS, split
from ..text.chars import char_class
from .expressions import Mention, find_mentions
from .resolve import Value, needs_anchor, resolve
from .vocabulary import fold

_NOT_ARABIC = re.compile(f"[^{char_class('arabic_letters')}0-9]+")
# A paragraph that is only a date and a few words (a dateline, a banner) reports no event.
_MIN_WORDS_OUTSIDE_DATE = 4


def sentences(paragraph: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs of a paragraph."""
    return [(s.start, s.text) for s in split(paragraph, EVENTS)]


def event_id(value: Value, sentence: str) -> str:
    """Stable anchor: the same date and sentence give the same id on every run."""
    digest = hashlib.sha1(f"{value.iso()}|{sentence}".encode()).hexdigest()[:10]
    return f"ev-{digest}"


def status_of(value: Value, mention: Mention, anchor: Value | None) -> str:
    """planned when wholly after publication, or in the publication's own period with a plan
    cue ("بحلول نهاية العام الحالي"); reported otherwise."""
    if anchor is not None:
        if value.after(anchor):
            return "planned"
        if value.before(anchor):
            return "reported"
    return "planned" if mention.future else "reported"


def _is_dateline(paragraph: str, mentions: list[Mention]) -> bool:
    rest = paragraph
    for mention in mentions:
        rest = rest.replace(mention.text, " ")
    return len(fold(rest).text.split()) < _MIN_WORDS_OUTSIDE_DATE


def find_events(paragraphs: list[str], anchor: Value | None) -> list[Event]:
    """Events of the body, ordered by date then position, without duplicates.

    Without an anchor only self-dated expressions ("أيلول عام 2014") give events: a relative
    one ("أمس") would be resolved against nothing trustworthy.
    """
    found: list[tuple[Value, int, int, Event]] = []
    seen: set[tuple[str, str]] = set()
    for number, paragraph in enumerate(paragraphs, start=1):
        mentions = find_mentions(paragraph)
        if not mentions or _is_dateline(paragraph, mentions):
            continue
        for offset, sentence in sentences(paragraph):
            end = offset + len(sentence)
            for mention in mentions:
                if not offset <= mention.start < end:
                    continue
                if needs_anchor(mention) and anchor is None:
                    continue
                value = resolve(mention, anchor)
                if value is None:
                    continue
                # Photo captions repeat with page furniture around them ("camera icon..."):
                # the same date in the same Arabic words is one event.
                key = (value.iso(), _NOT_ARABIC.sub("", sentence))
                if key in seen:
                    continue
                seen.add(key)
                event = Event(
                    id=event_id(value, sentence),
                    date=value.iso(),
                    precision=value.precision,  # type: ignore[arg-type]
                    status=status_of(value, mention, anchor),  # type: ignore[arg-type]
                    ar=sentence,
                    evidence=mention.text,
                    paragraph=number,
                )
                found.append((value, number, mention.start, event))
    found.sort(key=lambda item: (item[0].first(), item[1], item[2]))
    return [item[3] for item in found]
