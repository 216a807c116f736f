"""Outlet signatures (``data/outlets.yml``) compiled once: who a line says published the page.

Shared by the cleaner (a site name or sign-off line is page chrome) and the outlet stage (it is
also the evidence). Lines are matched folded (see ``phrases.fold``); positions are mapped back
so that a title suffix is cut from the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from . import langdata, phrases
from .phrases import OutletEntry


@dataclass(frozen=True, slots=True)
class Signature:
    """An outlet named by a line, the kind of place it was named in, and the line itself."""

    outlet: OutletEntry
    kind: str
    evidence: str


@cache
def _name_table() -> dict[str, OutletEntry]:
    """Folded full and short names -> outlet."""
    table: dict[str, OutletEntry] = {}
    for outlet in phrases.outlets():
        for name in (*outlet.names, *outlet.short, *outlet.bracketed):
            table[" ".join(phrases.fold(name).split())] = outlet
    return table


def _date_words() -> str:
    """Month and weekday names of ``months.yml`` plus the era and link words of a dateline
    ("25 شوال 1436 هـ الموافق 10 أغسطس 2015 م"), as one regex alternative."""
    months = langdata.mapping("months")
    names = [
        name
        for table in ("gregorian_extra", "hijri", "weekdays")
        for spellings in months[table].values()
        for name in spellings
    ]
    return phrases.alternation([*names, *langdata.mapping("outlets")["dateline_words"]])


def _date_run() -> str:
    """{date}: a run of numbers and date words holding at least one number."""
    return rf"(?=[^()/\n]*\d)(?:(?:\d{{1,4}}|{_date_words()})(?=[\s،,./-]|$)[\s،,./-]*){{1,12}}"


@cache
def _templates() -> dict[str, tuple[re.Pattern[str], ...]]:
    entries = phrases.outlets()
    full = phrases.alternation([n for o in entries for n in o.names])
    anything = phrases.alternation([n for o in entries for n in (*o.names, *o.short)])
    boxed = phrases.alternation([n for o in entries for n in (*o.names, *o.short, *o.bracketed)])
    date = _date_run()
    compiled = {}
    for kind, patterns in langdata.mapping("outlets")["signatures"].items():
        compiled[kind] = tuple(
            phrases.compile_pattern(
                p.replace("{name}", full)
                .replace("{any}", anything)
                .replace("{boxed}", boxed)
                .replace("{date}", date)
            )
            for p in patterns
        )
    return compiled


def _outlet(matched_name: str) -> OutletEntry | None:
    return _name_table().get(" ".join(matched_name.split()))


def _match(kind: str, line: str, whole: bool) -> tuple[re.Match[str], OutletEntry] | None:
    folded, _ = phrases.fold_map(line)
    for pattern in _templates()[kind]:
        found = pattern.fullmatch(folded) if whole else pattern.match(folded)
        if found and (outlet := _outlet(found.group("o"))):
            return found, outlet
    return None


def site_name(line: str) -> OutletEntry | None:
    """The outlet when the whole line is its name ("rudaw", "عنب بلدي")."""
    found = _match("site_header", line, whole=True)
    return found[1] if found else None


@cache
def _stamps() -> tuple[tuple[re.Pattern[str], OutletEntry], ...]:
    by_id = {o.id: o for o in phrases.outlets()}
    stamps: list[tuple[re.Pattern[str], OutletEntry]] = []
    for key, patterns in langdata.mapping("outlets").get("stamps", {}).items():
        if key not in by_id:
            raise ValueError(f"generator/data/outlets.yml: stamps.{key}: no outlet has this id")
        stamps.extend((phrases.compile_pattern(p), by_id[key]) for p in patterns)
    return tuple(stamps)


def sign_off(line: str) -> OutletEntry | None:
    """The outlet when the whole line is a sign-off ("فرانس24/ أ ف ب", "ادعم عنب بلدي") or an
    agency's stamp under its dispatch ("19:59 ت م")."""
    found = _match("sign_off", line, whole=True)
    if found:
        return found[1]
    key = phrases.fold(line)
    return next((outlet for pattern, outlet in _stamps() if pattern.fullmatch(key)), None)


def dateline(line: str) -> tuple[OutletEntry, str] | None:
    """(outlet, rest of the line) when the line opens with a dateline naming an outlet."""
    found = _match("dateline", line, whole=False)
    if not found:
        return None
    match, outlet = found
    _, index = phrases.fold_map(line)
    rest = line[index[match.end()] :] if match.end() < len(index) else ""
    return outlet, rest.strip(" :-–—/،,")


@cache
def _date_parts() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # A clock time with its zone or era mark ("14:00 (GMT+0400)", "17:33 ت م", "10:30 ص").
    clock = r"\d{1,2}[:.]\d{2}(?:\s*\(?\s*(?:gmt|utc|ت\s*م|ص|م|am|pm)\s*[+-]?\s*\d{0,4}\s*\)?)?"
    return re.compile(_date_run(), re.IGNORECASE), re.compile(clock, re.IGNORECASE)


def date_line(line: str, max_other_words: int = 3) -> bool:
    """The line is a date or a dateline: a date of two parts or more ("10 أغسطس 2015",
    "07/01/2020") or a clock time, with at most ``max_other_words`` other words (a place, an
    agency, "آخر تحديث")."""
    run, clock = _date_parts()
    folded = phrases.fold(line)
    # A lone number ("السعودية 2030") is not a date: a date has two parts or a d/m/y form.
    dated = bool(clock.search(folded)) or any(
        len(re.findall(r"[^\s،,./-]+", found.group())) >= 2
        or re.search(r"\d[/.-]\d", found.group())
        for found in run.finditer(folded)
    )
    rest = clock.sub(" ", run.sub(" ", folded))
    return dated and len(re.findall(r"[^\W\d_]{2,}", rest)) <= max_other_words


# A site's domain as a title's suffix: "... - CNNArabic.com".
_DOMAIN_SUFFIX = re.compile(r"\s+[-|–—]\s+(?P<domain>(?:[\w-]+\.)+[a-z]{2,})\s*$", re.IGNORECASE)


def title_suffix(title: str) -> tuple[str, OutletEntry] | None:
    """(title without the suffix, outlet) for "... – RT World News", "... | عنب بلدي"."""
    folded, index = phrases.fold_map(title)
    for pattern in _templates()["title_suffix"]:
        found = pattern.fullmatch(folded)
        if found and (outlet := _outlet(found.group("o"))):
            end = found.end("title")
            stripped = title[: index[end]] if end < len(index) else title
            return stripped.strip(), outlet
    # Many sites end their titles with their domain ("... - CNNArabic.com").
    domain = _DOMAIN_SUFFIX.search(title)
    if domain and (outlet := outlet_for_url(domain.group("domain"))):
        return title[: domain.start()].strip(), outlet
    return None


def outlet_for_url(url: str) -> OutletEntry | None:
    """The registry outlet whose domain (and path prefix, if any) the URL is on."""
    if not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
        url = "http://" + url
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().removeprefix("www.")
    except ValueError:
        return None
    path = parts.path.lower()
    for outlet in phrases.outlets():
        for domain in outlet.domains:
            d_host, _, d_path = domain.lower().partition("/")
            on_host = host == d_host or host.endswith("." + d_host)
            if on_host and (not d_path or path.strip("/").startswith(d_path)):
                return outlet
    return None


def url_line(line: str) -> tuple[OutletEntry, str] | None:
    """(outlet, url) when the line holds only a link (optionally "المصدر: ") to a known site."""
    for pattern in _templates()["url_line"]:
        found = pattern.fullmatch(line.strip())
        if found and (outlet := outlet_for_url(found.group("url"))):
            return outlet, found.group("url")
    return None
