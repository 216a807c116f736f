"""The publication date, with a confidence, a source and the reason when it is not certain.

Order of trust: editor sidecar > dateline or byline in the text > HTML metadata > inference from
the text. A date on a page-chrome line (a "today is ..." banner, "آخر تحديث", a scrape stamp)
describes the page, not the article: it is used only when nothing else exists, and then with
low confidence and the reason spelled out, never as a confident fact.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..model import Article, Confidence, PublishedDate
from ..text.chars import pattern
from .expressions import Mention, find_mentions
from .resolve import Value, make, resolve, years_for_weekday
from .vocabulary import fold, vocabulary

# A line longer than this is prose, not a dateline (a dateline is a date and a few words).
_DATELINE_MAX = 60
_BULLETS = "•·▪►|>-*"
_LATIN = re.compile(r"[A-Za-z]")
_ARABIC = pattern("arabic_block")
# How much of the body counts as the lead, where the news day is named.
_LEAD_CHARS = 1200
# How far back a weekday-only date may reach when the text gives no year at all.
_WEEKDAY_SPAN_YEARS = 15
# "خلال الأشهر الاثني عشر المقبلة", "على مدى الاثني عشر شهرا القادمة", "في غضون 6 أشهر".
_DURATION = re.compile(
    r"(?:خلال|على\s+مدى|في\s+غضون|مدى)\s+(?:ال)?(?:أشهر\s+|اشهر\s+)?(?P<n>[\w ]{1,20}?|\d{1,2})"
    r"\s*(?:شهرا|شهور|أشهر|اشهر)?\s+(?:المقبلة|القادمة)"
)


@dataclass(frozen=True, slots=True)
class Finding:
    """A candidate publication date before it becomes front matter."""

    value: Value
    confidence: Confidence
    source: str
    evidence: str
    reason: str | None = None

    def record(self) -> PublishedDate:
        return PublishedDate(
            value=self.value.iso(),
            precision=self.value.precision,  # type: ignore[arg-type]
            confidence=self.confidence,
            source=self.source,
            evidence=self.evidence,
            reason=self.reason,
        )


def parse_declared(text: str) -> Value | None:
    """A sidecar or HTML-metadata date: ISO "2020-01-07", "2020-01", "2020", else dateparser."""
    text = str(text).strip()
    if match := re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text):
        return make(*(int(g) for g in match.groups() if g))
    if match := re.match(r"(\d{4})-(\d{2})-(\d{2})[T ]", text):
        return make(*(int(g) for g in match.groups()))
    import dateparser  # slow to import; only the rare non-ISO declared date needs it

    parsed = dateparser.parse(
        text, settings={"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"]}
    )
    return Value.of(parsed.date()) if parsed else None


def _latin_date(line: str) -> Value | None:
    """An English/French date line ("Tuesday, 17 February 2026"): dateparser handles these well."""
    import dateparser  # slow to import; only Latin-script date lines need it

    lex = vocabulary()
    cleaned = line.lower()
    for marker in lex.chrome_markers:
        cleaned = cleaned.replace(marker, " ")
    cleaned = cleaned.strip(" :•·-|")
    parsed = dateparser.parse(
        cleaned,
        languages=["en", "fr"],
        settings={"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return Value.of(parsed.date()) if parsed else None


def chrome_reasons(line: str) -> list[str]:
    """Why a date line looks like page chrome rather than the article's dateline."""
    lowered = fold(line).text.lower()
    reasons = []
    if any(marker in lowered for marker in vocabulary().chrome_markers):
        reasons.append("an update/banner marker")
    if line.lstrip()[:1] in _BULLETS and line.strip()[:1]:
        reasons.append("a bullet item of the page header")
    if _LATIN.search(line) and not _ARABIC.search(line):
        reasons.append("an English-language date on an Arabic page (the site's banner)")
    return reasons


def _line_date(line: str) -> tuple[Value, str] | None:
    """The date a short line consists of, with the exact evidence; None for prose."""
    mentions = [m for m in find_mentions(line) if m.kind in ("absolute", "hijri") and m.year]
    if mentions:
        mention = mentions[0]
        rest = (line[: mention.start] + line[mention.end :]).strip()
        value = resolve(mention, None)
        folded = fold(rest).text.lower()
        declared = any(marker in folded for marker in vocabulary().dateline_markers)
        if value and value.precision != "year" and (len(rest) <= 25 or declared):
            return value, mention.text
        return None
    if _LATIN.search(line) and re.search(r"\d", line):
        value = _latin_date(line)
        return (value, line.strip()) if value else None
    return None


def dated_lines(text: str) -> list[tuple[int, str, Value, str, list[str]]]:
    """Short lines of the raw text that are dates.

    Each as (line number, line, value, evidence, chrome reasons).
    """
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or len(line.strip()) > _DATELINE_MAX:
            continue
        if (dated := _line_date(line)) is not None:
            found.append((number, line.strip(), dated[0], dated[1], chrome_reasons(line)))
    return found


def _year_bounds(mentions: list[Mention]) -> tuple[int | None, int | None]:
    """(latest year the text reports as past/present, earliest year it names as a plan)."""
    reported = [m.year for m in mentions if m.year and m.kind == "absolute" and not m.future]
    planned = [m.year for m in mentions if m.year and m.kind == "absolute" and m.future]
    return (max(reported) if reported else None, min(planned) if planned else None)


def _conflict(value: Value, low: int | None) -> str | None:
    if low is not None and low > value.year:
        return f"the text reports events in {low}, after {value.iso()}"
    return None


def _lead_weekday_date(
    mentions: list[Mention], lead_end: int, low: int | None, today: dt.date
) -> Finding | None:
    """The news day named in the lead with its weekday ("الجمعة 10 من كانون الأول").

    Without a year, the year is the one in which that day falls on that weekday, not after
    today, not before the latest year the text reports; several candidates lower the confidence.
    """
    for m in mentions:
        if m.start >= lead_end:
            break
        if not (
            m.kind == "absolute"
            and m.day
            and m.month
            and m.weekday is not None
            and m.qualifier is None
        ):
            continue
        if m.year:
            value = make(m.year, m.month, m.day)
            if value and value.date().weekday() == m.weekday:
                return Finding(
                    value,
                    "medium",
                    "text (lead date)",
                    m.text,
                    "the date of the reported statement in the lead, not a dateline",
                )
            continue
        start = low if low is not None else today.year - _WEEKDAY_SPAN_YEARS
        years = [
            y
            for y in years_for_weekday(m.month, m.day, m.weekday, start, today.year)
            if Value(y, m.month, m.day).first() <= today
        ]
        if not years:
            continue
        # Several fits: news reports recent events, so the year nearest the latest year the
        # text reports; with no year in the text, the most recent one.
        best = min(years, key=lambda y: y - low) if low is not None else years[-1]
        value = Value(best, m.month, m.day)
        if len(years) == 1 and low is not None:
            return Finding(
                value,
                "medium",
                "text (lead date, weekday)",
                m.text,
                f"no year given; {value.year} is the only year from {low} (the latest "
                "year the text reports) up to today in which this day falls on this "
                "weekday",
            )
        if len(years) == 1:
            # Nothing in the text supports the year: the weekday alone is thin evidence.
            return Finding(
                value,
                "low",
                "text (lead date, weekday)",
                m.text,
                f"no year in the text; {value.year} is the only year of the last "
                f"{_WEEKDAY_SPAN_YEARS} in which this day falls on this weekday",
            )
        return Finding(
            value,
            "low",
            "text (lead date, weekday)",
            m.text,
            "no year given; the weekday fits several years ("
            + ", ".join(map(str, years))
            + f"), chose {value.year}",
        )
    return None


def _duration_deadline(paragraphs: list[str]) -> Finding | None:
    """ "على مدى الاثني عشر شهرا القادمة، وينتهي في موعد أقصاه سبتمبر 2025" -> September 2024."""
    numbers = vocabulary().numbers
    for paragraph in paragraphs:
        folded = fold(paragraph).text
        for match in _DURATION.finditer(folded):
            raw = match["n"].strip()
            months = int(raw) if raw.isdigit() else numbers.get(raw)
            if not months:
                continue
            deadlines = [
                m
                for m in find_mentions(paragraph)
                if m.future and m.kind == "absolute" and m.year and m.month
            ]
            if deadlines:
                deadline = deadlines[0]
                value = Value(deadline.year, deadline.month).add_months(-months)  # type: ignore[arg-type]
                return Finding(
                    value,
                    "medium",
                    "text (deadline)",
                    deadline.text,
                    f"inferred: a {months}-month period ending by {deadline.text!r} "
                    "starts at publication; month precision only",
                )
    return None


def _current_year(mentions: list[Mention], high: int | None) -> Finding | None:
    """The latest reported year, when a month named without a year comes after it.

    "كان لدى الولايات المتحدة 2500 جندي في بداية عام 2025" and later "التقى به ... في مايو": a
    month without a year is the publication's year, and it follows early 2025, so the text is
    written in 2025. The latest year alone is only a lower bound: on the development corpus it
    was the publication year in one article of five, so it is not used by itself.
    """
    lex = vocabulary()
    reported = [m for m in mentions if m.year and m.kind == "absolute" and not m.future]
    if not reported:
        return None
    latest = max(m.year for m in reported if m.year)
    points = [
        m.month if m.month else lex.part_months[str(m.part)]
        for m in reported
        if m.year == latest and (m.month or m.part)
    ]
    # Only a plain month ("في مايو"): "مايو الماضي" may be last year's, "25 مايو" often comes
    # from a market report quoting another year, and "أوائل أبريل" from "since early April".
    later = [
        m
        for m in mentions
        if m.kind == "absolute"
        and m.year is None
        and m.month
        and m.day is None
        and m.qualifier is None
        and m.part is None
        and not m.future
        and points
        and m.month > min(points)
    ]
    if not later or (high is not None and high < latest):
        return None
    return Finding(
        Value(latest),
        "low",
        "text (current year)",
        later[0].text,
        f"no dateline; {later[0].text!r} is named without a year after a date early "
        f"in {latest}, so the text is most likely written in {latest}; year only",
    )


def find_publication(article: Article, today: dt.date | None = None) -> PublishedDate | None:
    """The publication date of ``article`` by the order of trust, or None when nothing says."""
    today = today or dt.date.today()
    mentions = find_mentions(article.body)
    low, high = _year_bounds(mentions)
    if article.sidecar.date and (value := parse_declared(article.sidecar.date)):
        return Finding(value, "high", "sidecar", article.sidecar.date).record()

    lines = dated_lines(article.text)
    chrome = [line for line in lines if line[4]]
    datelines = [line for line in lines if not line[4]]
    if datelines:
        _, _, value, evidence, _ = datelines[0]
        reason = _conflict(value, low)
        return Finding(value, "low" if reason else "high", "dateline", evidence, reason).record()
    meta = article.html_metadata.date
    if meta and (value := parse_declared(meta)):
        reason = _conflict(value, low)
        return Finding(value, "low" if reason else "high", "html-metadata", meta, reason).record()

    # The lead: scraped pages put a kicker, captions and icons before it, so count characters.
    lead_end = _LEAD_CHARS
    inferred = _lead_weekday_date(mentions, lead_end, low, today) or _duration_deadline(
        article.paragraphs
    )
    if inferred is None:
        inferred = _current_year(mentions, high)
    if inferred is not None:
        if low is not None and inferred.value.year < low:
            inferred = Finding(
                inferred.value,
                "low",
                inferred.source,
                inferred.evidence,
                (inferred.reason or "") + f"; but the text reports {low}",
            )
        return inferred.record()
    if chrome:
        _, line, value, evidence, reasons = chrome[0]
        return Finding(
            value,
            "low",
            "page-chrome",
            evidence,
            f"the only date is page chrome ({'; '.join(reasons)}), usually the day the "
            "page was viewed or scraped; nothing in the text confirms it",
        ).record()
    return None


def anchor_of(published: PublishedDate | None) -> Value | None:
    """The publication date as an anchor for relative dates, unless it is untrusted page chrome.

    Resolving "أمس" against a scrape banner would put a wrong precise date on the timeline.
    """
    if published is None or published.source == "page-chrome":
        return None
    parts = [int(p) for p in published.value.split("-")]
    return Value(*parts)
