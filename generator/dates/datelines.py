"""Short lines of the raw text that are dates, and where each stands relative to the story.

A whole saved page holds many date lines: the header's "today" above the menus, the article's
own date under its headline, the dates of related stories under their headlines after the
story. The article's date is the one attached to the story: the story's prose begins a few
lines after it, and the story has not begun before it. A date line far above the story or after
it describes the page or another story; one inside the story dates a section of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Removed
from .expressions import find_mentions
from .resolve import Value, resolve
from .stamps import chrome_reasons, declared, residue, without_markers

# A line longer than this is prose, not a dateline ("الأربعاء، 28 آب/اغسطس 2013، آخر تحديث
# 14:00 (GMT+0400)" is 56 characters).
_DATELINE_MAX = 80
# What a dateline may carry besides its date, times and stamp words: a place, an agency.
_RESIDUE_MAX = 25
_LATIN = re.compile(r"[A-Za-z]")
# A paragraph of the story: a dozen words and a real full stop ("..", as headlines use it, and
# decimals are not). 94-96% of the longer lines of the three article corpora have one; menus,
# headlines and captions mostly do not.
_PROSE_MIN_WORDS = 12
_FULL_STOP = re.compile(r"(?<![.\d])[.!](?![.\d])")
# The story's prose begins at most this many non-blank lines under its dateline (headline
# repeat, byline, share buttons, a caption); the page header's "today" is dozens of lines away.
_ATTACH_LINES = 8
# A date line with two prose paragraphs among the three lines before it is inside the story.
_BEFORE_WINDOW = 3
# Rules of the cleaner (generator/clean.py, Article.removed) that put a date line in the page
# header above the headline.
_HEADER_RULES = frozenset({"site-header-date"})


@dataclass(frozen=True, slots=True)
class DatedLine:
    """A short line that is a date, with why it may be the page's and where it stands."""

    number: int  # 1-based, in Article.text
    line: str
    value: Value
    evidence: str
    reasons: list[str] = field(default_factory=list)
    declared: bool = False  # a publication marker names it ("نشر في")
    # attached | in-story | above (the story, far) | after (the story) | unplaced (no prose)
    place: str = "unplaced"
    gap: int = 0  # non-blank lines between it and the next prose line


def is_prose(line: str) -> bool:
    return len(line.split()) >= _PROSE_MIN_WORDS and bool(_FULL_STOP.search(line))


def _latin_date(line: str) -> Value | None:
    """An English/French date line ("Tuesday, 17 February 2026"): dateparser handles these well."""
    import dateparser  # slow to import; only Latin-script date lines need it

    parsed = dateparser.parse(
        without_markers(line),
        languages=["en", "fr"],
        settings={"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return Value.of(parsed.date()) if parsed else None


def line_date(line: str) -> tuple[Value, str, int] | None:
    """The date a short line consists of: (value, exact evidence, offset); None for prose."""
    mentions = [m for m in find_mentions(line) if m.kind in ("absolute", "hijri") and m.year]
    if mentions:
        # On "تاريخ النشر: ... | آخر تحديث: ..." the date after the publication marker counts.
        mention = next((m for m in mentions if not chrome_reasons(line, m.start)), mentions[0])
        rest = line[: mention.start] + line[mention.end :]
        value = resolve(mention, None)
        short = len(residue(rest)) <= _RESIDUE_MAX or declared(line)
        if value and value.precision != "year" and short:
            return value, mention.text, mention.start
        return None
    if _LATIN.search(line) and re.search(r"\d", line):
        value = _latin_date(line)
        return (value, line.strip(), 0) if value else None
    return None


def _places(lines: list[str]) -> dict[int, tuple[str, int]]:
    """Line number -> (place, gap to the next prose line), for every non-blank line.

    Empty when the text has no prose line at all: then nothing can be placed.
    """
    numbered = [(n, text) for n, text in enumerate(lines, start=1) if text.strip()]
    prose = [is_prose(text) for _, text in numbered]
    if not any(prose):
        return {}
    places: dict[int, tuple[str, int]] = {}
    next_prose: int | None = None
    for i in range(len(numbered) - 1, -1, -1):
        number = numbered[i][0]
        gap = next_prose - i - 1 if next_prose is not None else len(numbered)
        before = sum(prose[max(0, i - _BEFORE_WINDOW) : i])
        if before >= 2:
            places[number] = ("in-story", gap)
        elif gap <= _ATTACH_LINES:
            places[number] = ("attached", gap)
        else:
            places[number] = ("after" if any(prose[:i]) else "above", gap)
        if prose[i]:
            next_prose = i
    return places


def dated_lines(text: str, removed: list[Removed] | None = None) -> list[DatedLine]:
    """Short lines of ``text`` that are dates, each with its chrome reasons and its place."""
    lines = text.splitlines()
    places = _places(lines)
    header = {r.line for r in removed or () if r.rule in _HEADER_RULES}
    found = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or len(line.strip()) > _DATELINE_MAX:
            continue
        if (dated := line_date(line)) is None:
            continue
        value, evidence, offset = dated
        reasons = chrome_reasons(line, offset)
        # The cleaner's verdict only when the line shows no stamp of its own: one reason is enough.
        if number in header and not reasons:
            reasons.append("the page header's date above the headline")
        place, gap = places.get(number, ("unplaced", 0))
        found.append(
            DatedLine(number, line.strip(), value, evidence, reasons, declared(line), place, gap)
        )
    return found


def article_datelines(found: list[DatedLine]) -> tuple[list[DatedLine], list[DatedLine]]:
    """(the article's own date lines, best first; the page's date lines).

    A date line inside the story dates a section, not the article: it is neither. One far
    above the story or after it is the page's, unless a publication marker names it
    ("تاريخ النشر" under the story).
    """
    own: list[DatedLine] = []
    page: list[DatedLine] = []
    for dated in found:
        if dated.reasons:
            page.append(dated)
        elif dated.place in ("attached", "unplaced") or (
            dated.declared and dated.place != "in-story"
        ):
            own.append(dated)
        elif dated.place == "above":
            dated.reasons.append("a date line far above the story (the page header's date)")
            page.append(dated)
        elif dated.place == "after":
            dated.reasons.append("a date line after the story (a related story's or the page's)")
            page.append(dated)
    # Nearest to the story first; a far declared line only when nothing is attached.
    own.sort(key=lambda d: (d.place not in ("attached", "unplaced"), d.gap, d.number))
    return own, page
