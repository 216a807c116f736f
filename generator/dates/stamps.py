"""Dates a page states about itself: update stamps, copyright years, widgets and banners.

A news page prints several dates that are not the article's: "آخر تحديث 14:00" beside the
story, the copyright year in the footer, the day the page was viewed in its header, prayer-time
and weather widgets. The words that mark them are data (``generator/data/stamps.yml``); this
module says, for one short line, which marks it carries and which date on it is the article's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..text.chars import pattern
from .vocabulary import fold, vocabulary

_BULLETS = "•·▪►|>-*"
_LATIN = re.compile(r"[A-Za-z]")
_ARABIC = pattern("arabic_block")
# A time of day and a time-zone note: they belong to a date line, not to its words.
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:ص|م|am|pm|a\.m\.|p\.m\.)?(?!\w)")
_ZONE = re.compile(r"\(?\s*(?:gmt|utc|بتوقيت\s+\S+)\s*(?:[+-]\s*\d{1,4}(?::\d{2})?)?\s*\)?")
_SEPARATORS = re.compile(r"[\s|/\\:،,.;؛\-–—•·()\[\]]+")


def _regex(markers: tuple[str, ...]) -> re.Pattern[str]:
    # A marker is a whole word ("نشر" is not the end of "حقوق النشر"); a sign such as © is not
    # a word, so it needs no boundary on its side.
    def one(marker: str) -> str:
        start = r"(?<!\w)" if marker[0].isalnum() else ""
        end = r"(?!\w)" if marker[-1].isalnum() else ""
        return start + re.escape(marker) + end

    return re.compile("|".join(one(m) for m in markers))


@dataclass(frozen=True)
class _Regexes:
    update: re.Pattern[str]
    copyright: re.Pattern[str]
    today: re.Pattern[str]
    publication: re.Pattern[str]
    prayers: re.Pattern[str]
    widgets: re.Pattern[str]
    temperature: re.Pattern[str]


@cache
def _regexes() -> _Regexes:
    s = vocabulary().stamps
    return _Regexes(
        update=_regex(s.update),
        copyright=_regex(s.copyright),
        today=_regex(s.today),
        publication=_regex(s.publication),
        prayers=_regex(s.prayers),
        widgets=_regex(s.widgets),
        temperature=_regex(s.temperature),
    )


def _key(line: str) -> str:
    return fold(line).text.lower()


def widget_reason(line: str) -> str | None:
    """Why ``line`` is a prayer-time or weather widget, or None."""
    r, key = _regexes(), _key(line)
    if len({m.group() for m in r.prayers.finditer(key)}) >= 2:
        return "a prayer-time widget"
    if r.widgets.search(key) or r.temperature.search(key):
        return "a prayer-time or weather widget"
    return None


def chrome_reasons(line: str, at: int | None = None) -> list[str]:
    """Why a date line looks like the page's own stamp rather than the article's dateline.

    ``at`` is the offset of the date in ``line``: a publication marker right before it
    ("تاريخ النشر: 12 مايو 2024 | آخر تحديث: 13 مايو") makes it the article's date even
    when the line also carries an update stamp.
    """
    r, folded = _regexes(), fold(line)
    key = folded.text.lower()
    reasons = []
    if not (at is not None and _governed_by_publication(line, at)):
        if r.update.search(key):
            reasons.append("a 'last updated' stamp")
        if r.today.search(key):
            reasons.append("the page's 'today' banner")
    if r.copyright.search(key):
        reasons.append("a copyright notice")
    if widget := widget_reason(line):
        reasons.append(widget)
    if line.lstrip()[:1] in _BULLETS and line.strip()[:1]:
        reasons.append("a bullet item of the page header")
    if _LATIN.search(line) and not _ARABIC.search(line):
        reasons.append("an English-language date on an Arabic page (the site's banner)")
    return reasons


def _marker_ends(line: str, regex: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) in ``line``'s own offsets of every marker ``regex`` finds."""
    folded = fold(line)
    return [folded.span(*m.span()) for m in regex.finditer(folded.text.lower())]


def _governed_by_publication(line: str, at: int) -> bool:
    """The nearest marker before offset ``at`` is a publication marker, not an update one."""
    r = _regexes()
    before = [(end, "publication") for _, end in _marker_ends(line, r.publication) if end <= at]
    before += [(end, "update") for _, end in _marker_ends(line, r.update) if end <= at]
    return bool(before) and max(before)[1] == "publication"


def declared(line: str) -> bool:
    """The line names its date as the publication's ("نشر في", "تاريخ النشر", "published")."""
    return bool(_regexes().publication.search(_key(line)))


def residue(rest: str) -> str:
    """What is left of a date line's other words once times, zones and markers are taken out.

    "، آخر تحديث 14:00 (GMT+0400)" leaves nothing: the line is a date line (a stamp), not prose.
    """
    r = _regexes()
    key = _ZONE.sub(" ", _TIME.sub(" ", _key(rest)))
    for regex in (r.update, r.publication, r.today, r.copyright):
        key = regex.sub(" ", key)
    return _SEPARATORS.sub(" ", key).strip()


def without_markers(line: str) -> str:
    """The line lower-cased without its stamp words, for dateparser ("updated 3 May 2024")."""
    r = _regexes()
    cleaned = line.lower()
    for regex in (r.update, r.today, r.publication):
        cleaned = regex.sub(" ", cleaned)
    return cleaned.strip(" :•·-|")
