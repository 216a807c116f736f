"""Find date expressions in Arabic text: what each says, not yet what date it is.

A ``Mention`` records the fields an expression states (day, month, year, weekday, a relative
word or qualifier) and its exact span in the original text. ``resolve.py`` turns it into a date
against the publication date. dateparser 1.5.0 misses "الجمعة 10 من كانون الأول" and
"في 26 من تموز الماضي" and misreads "سبتمبر 2025" as a day, so Arabic forms are matched here,
by patterns built from the month tables in ``generator/data/months.yml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from ..text import DATES, alternation
from .vocabulary import Folded, Vocabulary, fold, vocabulary

Kind = str  # "absolute" | "hijri" | "relative-day" | "weekday" | "period"


@dataclass(frozen=True, slots=True)
class Mention:
    """One date expression: the span in the original text and the fields it states."""

    start: int
    end: int
    text: str
    kind: Kind
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    qualifier: str | None = None  # past | current | next (الماضي / الحالي / المقبل)
    offset: int | None = None  # days from publication (أمس = -1)
    unit: str | None = None  # month | year, for "الشهر الماضي", "العام المقبل"
    part: str | None = None  # early | mid | late ("بداية عام 2025"): kept as evidence only
    future: bool = False  # a plan or deadline cue precedes it (بحلول، أقصاه ...)


@dataclass(frozen=True)
class _Patterns:
    numeric_dmy: re.Pattern[str]
    numeric_ymd: re.Pattern[str]
    day_month: re.Pattern[str]
    month_year: re.Pattern[str]
    month_qualified: re.Pattern[str]
    month_alone: re.Pattern[str]
    year: re.Pattern[str]
    hijri: re.Pattern[str]
    relative_day: re.Pattern[str]
    weekday: re.Pattern[str]
    period: re.Pattern[str]


# A one-letter conjunction or preposition written onto the next word (وأمس، بالعام).
_CLITIC = r"(?<!\w)[وفبل]?"
_YEAR = r"(?P<y>1[89]\d\d|20\d\d)(?!\d)"


@cache
def _patterns() -> _Patterns:
    lex = vocabulary()
    mon = f"(?:{alternation(lex.months)})(?!\\w)"
    # "مارس/ آذار", "مارس (آذار)", "آذار - مارس": two systems naming the same month.
    month = f"(?P<m>{mon})(?:\\s*[/(\\-–]?\\s*(?P<m2>{mon})(?:\\s*\\))?)?"
    wd = f"(?:{alternation(lex.weekdays)})(?!\\w)"
    qual = f"(?P<q>{alternation(lex.qualifiers)})(?!\\w)"
    part = f"(?:(?P<part>{alternation(lex.parts)})\\s+)?"
    day = f"(?:(?P<d>[0-3]?\\d)(?!\\d)|(?<!\\w)(?P<do>{alternation(lex.day_ordinals)}))"
    tod = f"(?:(?P<tod>{alternation(lex.times_of_day)})\\s+)?"
    year_word = r"(?:(?:من\s+)?(?:عام|العام|سنة|لعام)\s+)?"
    return _Patterns(
        numeric_dmy=re.compile(
            r"(?<![\d/.\-])(?P<d>\d{1,2})(?P<sep>[/.\-])(?P<mo>\d{1,2})(?P=sep)"
            + _YEAR
            + r"(?![/.\-]?\d)"
        ),
        numeric_ymd=re.compile(
            r"(?<![\d/.\-])" + _YEAR + r"(?P<sep>[/.\-])(?P<mo>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
            r"(?![/.\-]?\d)"
        ),
        day_month=re.compile(
            f"(?:(?P<wd>{wd})\\s*[,،]?\\s*(?:الموافق\\s+)?)?"
            r"(?<![\d.,:/])"
            + day
            + r"\s*(?:من\s+)?(?:شهر\s+)?"
            + month
            + f"(?:\\s*[,،]?\\s*{year_word}{_YEAR}|\\s+{qual})?"
        ),
        month_year=re.compile(
            _CLITIC + part + r"(?:شهر\s+)?" + month + f"\\s*[,،]?\\s*{year_word}{_YEAR}"
        ),
        month_qualified=re.compile(_CLITIC + r"(?:شهر\s+)?" + month + r"\s+" + qual),
        month_alone=re.compile(
            f"{_CLITIC}(?P<intro>{alternation(lex.month_introducers)})\\s+(?:شهر\\s+)?(?P<x>{month})"
        ),
        year=re.compile(
            f"{_CLITIC}(?:(?P<prep>{alternation(lex.year_prepositions)})\\s+)?"
            f"(?P<x>{part}(?:(?P<noun>{alternation(lex.year_nouns)})\\s+)?{_YEAR})"
            r"(?:\s*م(?!\w))?"
        ),
        hijri=re.compile(
            r"(?:(?<![\d.,:/])(?P<d>[0-3]?\d)\s*(?:من\s+)?)?"
            f"(?P<hm>{alternation(lex.hijri_months)})(?!\\w)\\s*[,،]?\\s*"
            r"(?:(?:عام|سنة)\s+)?(?P<y>1[34]\d\d)(?!\d)\s*(?P<suffix>ه(?!\w)|للهجرة|هجري(?:ة)?)?"
        ),
        relative_day=re.compile(
            f"{_CLITIC}{tod}(?P<rel>{alternation(lex.day_words)})(?!\\w)"
            f"(?:\\s*[,،]?\\s*(?:يوم\\s+)?(?P<wd>{wd}))?"
        ),
        weekday=re.compile(f"{_CLITIC}{tod}(?P<wd>{wd})(?:\\s+{qual})?"),
        period=re.compile(f"{_CLITIC}(?P<unit>{alternation(lex.units)})(?!\\w)\\s+{qual}"),
    )


def _month(lex: Vocabulary, match: re.Match[str]) -> int | None:
    """The month number, or None when a combined form names two different months."""
    first = lex.months[re.sub(r"\s+", " ", match["m"])]
    if match["m2"] and lex.months[re.sub(r"\s+", " ", match["m2"])] != first:
        return None
    return first


def _weekday(lex: Vocabulary, name: str | None) -> int | None:
    return lex.weekdays[name] if name else None


def _candidates(folded: str) -> list[tuple[int, int, dict[str, Any]]]:
    """Every pattern's matches as (start, end, fields) in folded offsets; overlaps are
    resolved by the caller."""
    lex, pat = vocabulary(), _patterns()
    found: list[tuple[int, int, dict[str, Any]]] = []
    month: int | None

    def add(match: re.Match[str], group: str | int = 0, **fields: Any) -> None:
        start, end = match.span(group)
        found.append((start, end, fields))

    for regex in (pat.numeric_dmy, pat.numeric_ymd):
        for m in regex.finditer(folded):
            day, month = int(m["d"]), int(m["mo"])
            # Arab-world order is day/month; a US-style month/day is accepted only when the
            # first number cannot be a month (07/01/2020 is 7 January).
            if month > 12 and day <= 12 and regex is pat.numeric_dmy:
                day, month = month, day
            add(m, kind="absolute", year=int(m["y"]), month=month, day=day)
    for m in pat.day_month.finditer(folded):
        month = _month(lex, m)
        if month is None:
            continue
        day = int(m["d"]) if m["d"] else lex.day_ordinals[re.sub(r"\s+", " ", m["do"])]
        add(
            m,
            kind="absolute",
            day=day,
            month=month,
            year=int(m["y"]) if m["y"] else None,
            weekday=_weekday(lex, m["wd"]),
            qualifier=lex.qualifiers.get(m["q"] or ""),
        )
    for m in pat.month_year.finditer(folded):
        if (month := _month(lex, m)) is not None:
            add(
                m,
                kind="absolute",
                month=month,
                year=int(m["y"]),
                part=lex.parts.get(m["part"] or ""),
            )
    for m in pat.month_qualified.finditer(folded):
        if (month := _month(lex, m)) is not None:
            add(m, kind="absolute", month=month, qualifier=lex.qualifiers[m["q"]])
    for m in pat.month_alone.finditer(folded):
        month = _month(lex, m)
        ambiguous = m["m"] in lex.ambiguous_months or (m["m2"] or "") in lex.ambiguous_months
        if month is not None and not ambiguous:
            add(m, "x", kind="absolute", month=month, part=lex.parts.get(m["intro"]))
    for m in pat.year.finditer(folded):
        after = folded[m.end() :].split(maxsplit=1)
        if after and after[0].strip("،,.") in lex.count_nouns:
            continue  # "في 2000 موقع": a count
        if m["prep"] or m["noun"] or m["part"]:  # a bare four-digit number is more often a count
            add(m, "x", kind="absolute", year=int(m["y"]), part=lex.parts.get(m["part"] or ""))
    for m in pat.hijri.finditer(folded):
        # A Hijri month name is an ordinary word (صفر "zero"): it needs a day or the هـ suffix.
        if m["d"] or m["suffix"]:
            add(
                m,
                kind="hijri",
                day=int(m["d"]) if m["d"] else None,
                month=lex.hijri_months[re.sub(r"\s+", " ", m["hm"])],
                year=int(m["y"]),
            )
    for m in pat.relative_day.finditer(folded):
        offset = lex.day_words[re.sub(r"\s+", " ", m["rel"])]
        # اليوم alone is "nowadays" or, inside a quote, the speaker's day: keep it only when a
        # weekday or a time of day pins it to the publication day.
        if offset == 0 and not (m["wd"] or m["tod"]):
            continue
        add(m, kind="relative-day", offset=offset, weekday=_weekday(lex, m["wd"]))
    for m in pat.weekday.finditer(folded):
        if m["wd"] in lex.ambiguous_weekdays and not (m["tod"] or m["q"]):
            continue
        add(
            m,
            kind="weekday",
            weekday=lex.weekdays[m["wd"]],
            qualifier=lex.qualifiers.get(m["q"] or ""),
        )
    for m in pat.period.finditer(folded):
        add(m, kind="period", unit=lex.units[m["unit"]], qualifier=lex.qualifiers[m["q"]])
    return found


def _is_future(lex: Vocabulary, folded: str, start: int) -> bool:
    """A deadline or plan cue among the few words before the date, in the same clause."""
    before = re.split(r"[.!?؟؛\n]", folded[max(0, start - 60) : start])[-1]
    words = [w.strip('،,"“”()') for w in before.split()][-4:]
    return any(w in lex.future_cues or w[1:] in lex.future_cues for w in words if w)


def _valid(fields: dict[str, object]) -> bool:
    day, month = fields.get("day"), fields.get("month")
    if isinstance(day, int) and not 1 <= day <= 31:
        return False
    return not (isinstance(month, int) and not 1 <= month <= 12)


def find_mentions(text: str) -> list[Mention]:
    """Date expressions in ``text``, left to right, longest match first where they overlap."""
    folded: Folded = fold(text)
    lex = vocabulary()
    chosen: list[tuple[int, int, dict[str, Any]]] = []
    for start, end, fields in sorted(_candidates(folded.text), key=lambda c: (c[0], -c[1])):
        if not _valid(fields):
            continue
        if chosen and start < chosen[-1][1]:
            if end - start > chosen[-1][1] - chosen[-1][0] and start == chosen[-1][0]:
                chosen[-1] = (start, end, fields)
            continue
        chosen.append((start, end, fields))
    mentions: list[Mention] = []
    for start, end, fields in chosen:
        while folded.text[end - 1] in " ،,":
            end -= 1
        o_start, o_end = folded.span(start, end)
        while o_end < len(text) and DATES.removes(text[o_end]):
            o_end += 1  # keep the tatweel of "هـ" and a final haraka in the evidence
        mention = Mention(
            o_start,
            o_end,
            text[o_start:o_end],
            future=_is_future(lex, folded.text, start),
            **fields,
        )
        mentions.append(mention)
    return _merge_hijri(text, mentions)


def _merge_hijri(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "25 شوال 1436 هـ الموافق 10 أغسطس 2015 م": one date; the Gregorian side gives the value."""
    merged: list[Mention] = []
    for mention in mentions:
        previous = merged[-1] if merged else None
        between = text[previous.end : mention.start] if previous else ""
        if (
            previous
            and previous.kind == "hijri"
            and mention.kind == "absolute"
            and "الموافق" in between
            and len(between) < 20
        ):
            merged[-1] = replace(
                mention, start=previous.start, text=text[previous.start : mention.end]
            )
            continue
        merged.append(mention)
    return merged
