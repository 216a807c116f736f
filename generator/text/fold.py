"""Named folding profiles: which spelling differences each comparison of Arabic text ignores.

A profile names classes of ``generator/data/arabic.yml`` to remove and tables to apply, then
says what happens to case and spaces. Each caller uses the profile that matches its question;
``tests/test_text_fold.py`` pins, with real words, where the profiles differ.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Literal

from . import chars

# Every combining mark and tatweel, in the order the search worker lists them.
ALL_MARKS = (
    "quranic_signs",
    "harakat",
    "other_marks",
    "superscript_alef",
    "quranic_annotation",
    "tatweel",
)


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text and, for each of its characters, the offset in the original text."""

    text: str
    offsets: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of folded ``[start, end)``."""
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True, slots=True)
class Profile:
    """How one kind of comparison folds text (class and table names of ``arabic.yml``)."""

    name: str
    remove: tuple[str, ...]
    replace: tuple[str, ...] = ()
    case: Literal["keep", "casefold", "lower"] = "keep"
    nfkc: bool = False  # NFKC first (before removing), as stored memory keys were made
    spaces: Literal["keep", "collapse"] = "keep"

    @property
    def ranges(self) -> tuple[str, ...]:
        """The removed characters as single characters and "a-b" ranges."""
        return chars.ranges(*self.remove)

    @property
    def table(self) -> dict[str, str]:
        """Character replacements, one character for another."""
        return chars.table(*self.replace)

    def removes(self, char: str) -> bool:
        """True when this profile drops ``char``."""
        return _compiled(self)[0].fullmatch(char) is not None

    def fold(self, text: str) -> str:
        removed, table = _compiled(self)
        if self.nfkc:
            text = unicodedata.normalize("NFKC", text)
        text = removed.sub("", text).translate(table)
        if self.case == "casefold":
            text = text.casefold()
        elif self.case == "lower":
            text = text.lower()
        if self.spaces == "collapse":
            text = " ".join(text.split())
        return text

    def fold_map(self, text: str) -> Folded:
        """:meth:`fold` character by character, with each folded character's original offset.

        Spaces are never collapsed here, so a match on the folded text maps back to the exact
        span of the original (a title suffix, the evidence of a date).
        """
        if self.nfkc:
            raise ValueError(f"the {self.name} profile normalises (NFKC) and keeps no offsets")
        removed, table = _compiled(self)
        out: list[str] = []
        offsets: list[int] = []
        for index, char in enumerate(text):
            if removed.fullmatch(char):
                continue
            folded = char.translate(table)
            if self.case == "casefold":
                folded = folded.casefold()
            elif self.case == "lower":
                folded = folded.lower()
            for piece in folded:
                out.append(piece)
                offsets.append(index)
        return Folded("".join(out), tuple(offsets))


@cache
def _compiled(profile: Profile) -> tuple[re.Pattern[str], dict[int, str]]:
    return chars.pattern(*profile.remove), chars.translation(*profile.replace)


# Spelling: marks and tatweel out, one alef. Case and spaces are left alone, so the profile is
# safe on the regexes of the data files.
SPELLING = Profile("spelling", remove=ALL_MARKS, replace=("alef_forms",))

# Data entries (page chrome, outlet names, abbreviations) matched against a line: spelling,
# then case folded and spaces collapsed, so "أيضاً" matches "ايضا" and "Top" matches "TOP".
DATA = Profile("data", ALL_MARKS, ("alef_forms",), case="casefold", spaces="collapse")

# Entity names: spelling plus the letters web text writes for one another (ة/ه, ى/ي, Persian
# letters), so "مستشفى" and "مستشفي" are one name.
ENTITY = Profile(
    "entity",
    ALL_MARKS,
    ("alef_forms", "final_letters", "persian_letters", "persian_heh"),
    case="casefold",
)

# Strict: spelling and case only; ta marbuta and alef maqsura stay, so "على" (on) is not "علي"
# (Ali) when a list of given names is read.
STRICT = Profile("strict", ALL_MARKS, ("alef_forms",), case="casefold")

# Dates: marks out and Arabic-Indic digits read as ASCII, offsets kept for the evidence; alef
# and final letters are left alone because the date vocabulary lists its spelling variants.
DATES = Profile("dates", ALL_MARKS, ("arabic_indic", "eastern_arabic_indic"))

# Translation-memory keys are stored in translation-memory.yml, so this profile must never
# change: NFKC, then harakat, Quranic annotation, tatweel and invisible controls out (not the
# Quranic signs U+0610-U+061A, not alef forms), spaces collapsed.
MEMORY = Profile(
    "memory",
    (
        "harakat",
        "other_marks",
        "superscript_alef",
        "quranic_annotation",
        "tatweel",
        "zero_width_space",
        "joiners",
        "direction_marks",
        "bidi_controls",
        "byte_order_mark",
    ),
    nfkc=True,
    spaces="collapse",
)

# Site search: the Lucene ArabicNormalizer's rules plus the Quranic marks and Persian letters.
# The search worker (lunr.fold.min.js) receives these ranges and table and lower-cases as
# JavaScript does, so the profile lower-cases rather than casefolds.
SEARCH = Profile(
    "search", ALL_MARKS, ("alef_forms", "final_letters", "persian_letters"), case="lower"
)

PROFILES = (SPELLING, DATA, ENTITY, STRICT, DATES, MEMORY, SEARCH)
