"""The site's two languages: direction, interface strings and date formatting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from babel.dates import format_date

from ..langdata import load
from ..model import PublishedDate


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    direction: str
    # Babel locale for dates. ar_SY gives the Levantine month names (كانون الثاني ...)
    # used by the sample outlets; a desk following Egyptian media may prefer ar_EG (يناير ...).
    locale: str
    other: str
    # Where this language's site sits under the published root, and how to reach the other
    # language's root from it (relative, so the site works under any sub-path).
    path: str
    other_root: str


ARABIC = Language("ar", "rtl", "ar_SY", other="en", path="", other_root="en/")
ENGLISH = Language("en", "ltr", "en_GB", other="ar", path="en/", other_root="../")
LANGUAGES = {lang.code: lang for lang in (ARABIC, ENGLISH)}
DEFAULT_LANGUAGE = ARABIC.code


class Strings:
    """Interface strings for one language: ``t.key`` or ``t['key']`` in templates."""

    def __init__(self, code: str) -> None:
        self._table = {key: value[code] for key, value in load("ui.yml").items()}

    def __getattr__(self, key: str) -> str:
        try:
            return self._table[key]
        except KeyError:
            raise AttributeError(f"no interface string {key!r} in generator/data/ui.yml") from None

    __getitem__ = __getattr__


def display_date(value: str, precision: str, lang: Language) -> str:
    """A date at exactly its precision: "September 2024" is never shown as "1 September 2024"."""
    return _display_date(value, precision, lang.locale)


# A site shows the same few thousand dates tens of thousands of times, and Babel formats slowly.
@lru_cache(maxsize=65536)
def _display_date(value: str, precision: str, locale: str) -> str:
    parts = [int(p) for p in value.split("-")]
    if precision == "year" or len(parts) == 1:
        return str(parts[0])
    day = dt.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
    pattern = "MMMM y" if precision == "month" or len(parts) == 2 else "d MMMM y"
    # Latin digits in Arabic too: they are what the sample outlets print.
    return format_date(day, pattern, locale=locale).replace("\u200f", "")


def month_name(key: str, lang: Language) -> str:
    """The name of the month of a "YYYY-MM" key, without its year ("December", "ديسمبر")."""
    return _month_name(int(key[5:7]), lang.locale)


@lru_cache(maxsize=256)
def _month_name(month: int, locale: str) -> str:
    return format_date(dt.date(2000, month, 1), "LLLL", locale=locale).replace("\u200f", "")


def published_label(published: PublishedDate | None, lang: Language) -> str | None:
    if published is None:
        return None
    return display_date(published.value, published.precision, lang)
