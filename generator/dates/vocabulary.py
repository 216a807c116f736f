"""Date vocabulary (months, weekdays, relative words) loaded once from data, and text folding.

Matching runs on a *folded* copy of the text (no harakat or tatweel, ASCII digits) with a map
back to the original offsets, so evidence is always the exact span of the original article.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel.dates import get_month_names

from .. import langdata
from ..text import DATES, Folded
from ..text.chars import translation

__all__ = ["Folded", "fold"]


def fold(text: str) -> Folded:
    """Marks out and digits in ASCII ("غدًا", "الأربعـاء", "٢٠١٤"), with the original offsets."""
    return DATES.fold_map(text)


def fold_word(word: str) -> str:
    return fold(word).text


def spellings(word: str) -> set[str]:
    """A word as written in the data and its common variants: no hamza on alef, ه for ة, ي for ى.

    Arabic news is inconsistent about hamza ("اذار", "الاربعاء"), so the variants are generated
    rather than listed by hand in the data files.
    """
    base = fold_word(word)
    forms = {base, base.translate(translation("alef_forms"))}
    forms |= {f.replace("ة", "ه") for f in forms if f.endswith("ة")}
    forms |= {f.replace("ى", "ي") for f in forms}
    return forms


@dataclass(frozen=True)
class Stamps:
    """The words of ``stamps.yml``, folded and lower-cased as the lines they are matched on."""

    update: tuple[str, ...]
    copyright: tuple[str, ...]
    today: tuple[str, ...]
    publication: tuple[str, ...]
    prayers: tuple[str, ...]
    widgets: tuple[str, ...]
    temperature: tuple[str, ...]

    @property
    def chrome(self) -> tuple[str, ...]:
        """Every marker that makes a date line the page's own (not a widget's)."""
        return self.update + self.copyright + self.today


def _markers(words: list[str]) -> tuple[str, ...]:
    # Longest first, so "آخر تحديث" is found before "تحديث" when a marker's place matters.
    forms = {form.lower() for word in words for form in spellings(word)}
    return tuple(sorted(forms, key=len, reverse=True))


def _stamps() -> Stamps:
    data = langdata.load("stamps.yml")
    return Stamps(
        update=_markers(data["update_markers"]),
        copyright=_markers(data["copyright_markers"]),
        today=_markers(data["today_markers"]),
        publication=_markers(data["publication_markers"]),
        prayers=_markers(data["prayer_names"]),
        widgets=_markers(data["widget_titles"]),
        temperature=_markers(data["temperature_signs"]),
    )


@dataclass(frozen=True)
class Vocabulary:
    months: dict[str, int]  # folded spelling -> 1..12
    ambiguous_months: frozenset[str]
    hijri_months: dict[str, int]
    day_ordinals: dict[str, int]
    parts: dict[str, str]  # folded spelling -> early | mid | late
    part_months: dict[str, int]  # early -> 2 ...
    weekdays: dict[str, int]  # folded spelling -> Python weekday (Monday 0)
    ambiguous_weekdays: frozenset[str]
    day_words: dict[str, int]  # folded spelling -> offset in days
    qualifiers: dict[str, str]  # folded spelling -> past | current | next
    units: dict[str, str]  # folded spelling -> month | year
    times_of_day: frozenset[str]
    year_nouns: frozenset[str]
    year_prepositions: frozenset[str]
    month_introducers: frozenset[str]
    count_nouns: frozenset[str]
    future_cues: frozenset[str]
    numbers: dict[str, int]
    stamps: Stamps


def _expand(table: dict[object, list[str]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for key, words in table.items():
        for word in words:
            for form in spellings(word):
                out[form] = int(key)  # type: ignore[call-overload]
    return out


def _flat(words: list[str]) -> frozenset[str]:
    return frozenset(form for word in words for form in spellings(word))


@cache
def vocabulary() -> Vocabulary:
    months_data = langdata.load("months.yml")
    rel = langdata.load("relative.yml")
    gregorian: dict[object, list[str]] = {
        m: list(w) for m, w in months_data["gregorian_extra"].items()
    }
    for locale in months_data["gregorian_locales"]:
        for number, name in get_month_names("wide", locale=locale).items():
            gregorian.setdefault(number, []).append(name)
    day_words = {
        form: int(entry["offset"])
        for entry in rel["days"]
        for w in entry["words"]
        for form in spellings(w)
    }
    qualifiers = {
        form: kind
        for kind, words in rel["qualifiers"].items()
        for w in words
        for form in spellings(w)
    }
    units = {
        form: kind for kind, words in rel["units"].items() for w in words for form in spellings(w)
    }
    numbers = {form: int(n) for w, n in rel["numbers"].items() for form in spellings(w)}
    return Vocabulary(
        months=_expand(gregorian),
        ambiguous_months=_flat(months_data["ambiguous"]),
        hijri_months=_expand(months_data["hijri"]),
        day_ordinals=_expand(months_data["day_ordinals"]),
        parts={
            form: part
            for part, entry in rel["parts"].items()
            for w in entry["words"]
            for form in spellings(w)
        },
        part_months={part: int(entry["month"]) for part, entry in rel["parts"].items()},
        weekdays=_expand(months_data["weekdays"]),
        ambiguous_weekdays=_flat(months_data["ambiguous_weekdays"]),
        day_words=day_words,
        qualifiers=qualifiers,
        units=units,
        times_of_day=_flat(rel["times_of_day"]),
        year_nouns=_flat(rel["year_nouns"]),
        year_prepositions=_flat(rel["year_prepositions"]),
        month_introducers=_flat(rel["month_introducers"]),
        count_nouns=_flat(rel["count_nouns"]),
        future_cues=_flat(rel["future_cues"]),
        numbers=numbers,
        stamps=_stamps(),
    )
