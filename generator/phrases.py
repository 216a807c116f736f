"""The phrases of the ingestion language data (``generator/data/*.yml``) and how to match them:
folded keys, data regexes, alternations of literal phrases, and the outlets of ``outlets.yml``.

Data files hold phrases as editors and readers write them (with hamza, tanween, any case).
Matching goes through :func:`fold`, so one entry covers the common spelling variants
(``أيضاً`` / ``ايضا``, ``Top`` / ``TOP``) without listing each one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from . import text
from .langdata import mapping
from .text import DATA, SPELLING


def fold_arabic(text: str) -> str:
    """Remove diacritics and tatweel, unify alef forms; leaves case alone (safe on regexes)."""
    return SPELLING.fold(text)


# The cleaner's rules fold every line of a page on each of their passes (a saved page has
# hundreds of lines): folding each line once makes that a lookup.
_FOLDED_LINES = 1 << 16


@lru_cache(maxsize=_FOLDED_LINES)
def fold(text: str) -> str:
    """The key used to compare a line with a data entry: Arabic folded, case folded."""
    return DATA.fold(text)


@lru_cache(maxsize=_FOLDED_LINES)
def fold_map(text: str) -> tuple[str, tuple[int, ...]]:
    """``fold`` without the whitespace collapse, plus each folded character's index in ``text``.

    Lets a match found on the folded line be cut out of the original one (a title suffix).
    """
    folded = DATA.fold_map(text)
    return folded.text, folded.offsets


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A data regex, matched against folded lines (case-insensitive)."""
    return re.compile(fold_arabic(pattern), re.IGNORECASE)


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternative of literal phrases (folded), longest first so the longest wins."""
    return text.alternation(fold(p) for p in phrases)


def words(text: str) -> int:
    return len(text.split())


@dataclass(frozen=True, slots=True)
class OutletEntry:
    """One publisher of ``outlets.yml``."""

    id: str
    ar: str
    en: str
    names: tuple[str, ...]
    short: tuple[str, ...]
    domains: tuple[str, ...]
    country: str  # ISO 3166-1 alpha-2 ("SA"), or "intl" for pan-Arab and international outlets
    # Short forms that are also a place or a word ("قنا" is Qena, Egypt): counted only between
    # brackets or slashes in a dateline ("/قنا/", "(قنا)").
    bracketed: tuple[str, ...] = ()

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.ar, self.en, *self.names)


INTERNATIONAL = "intl"
_NOT_ISO_3166 = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ"})


@cache
def _countries() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes from CLDR's territories (regions like "001" left out)."""
    from babel import Locale

    codes = (str(code) for code in Locale("en").territories)
    # CLDR also names groupings and private-use codes that ISO 3166-1 does not assign.
    return frozenset(c for c in codes if re.fullmatch(r"[A-Z]{2}", c)) - _NOT_ISO_3166


def _country(key: str, value: object) -> str:
    if value == INTERNATIONAL or (isinstance(value, str) and value in _countries()):
        return value
    raise ValueError(
        f"generator/data/outlets.yml: outlets.{key}.country: {value!r} is not an ISO 3166-1 "
        f'alpha-2 code; write the upper-case code ("SA", "EG") or "{INTERNATIONAL}" for a '
        "pan-Arab or international outlet"
    )


@cache
def outlets() -> tuple[OutletEntry, ...]:
    entries = []
    for key, value in mapping("outlets")["outlets"].items():
        entries.append(
            OutletEntry(
                id=str(key),
                ar=value["ar"],
                en=value["en"],
                names=tuple(value.get("names", [])),
                short=tuple(value.get("short", [])),
                domains=tuple(value.get("domains", [])),
                country=_country(str(key), value.get("country")),
                bracketed=tuple(value.get("bracketed", [])),
            )
        )
    return tuple(entries)


@cache
def _outlet_by_name() -> dict[str, OutletEntry]:
    table: dict[str, OutletEntry] = {}
    for outlet in outlets():
        for name in (outlet.id, *outlet.all_names):
            table[fold(name)] = outlet
    return table


def outlet_for_name(name: str) -> OutletEntry | None:
    """The outlet an editor or a page's metadata names: by id, display name or full name.

    Exact (folded) names only, never a short form: "CNN" in a sidecar is ambiguous on purpose.
    """
    return _outlet_by_name().get(fold(name))
