"""The Arabic character classes of ``generator/data/arabic.yml``, loaded once and checked.

This is the only module that knows which code points are Arabic marks, letters, digits or
invisible controls; everything else asks it (through :mod:`generator.text`). A class is named
by its key in the data file ("harakat", "alef_forms", "bidi_controls" ...).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import cache

from ..langdata import mapping

_SOURCE = "generator/data/arabic.yml"
# The data file ships with the package: a malformed entry is a packaging bug, not a user's
# mistake, so it is a ValueError (as in generator.langdata), and this module, which the error
# messages themselves use (generator.terminal), depends on nothing of the generator's.
# Sections holding lists of characters or ranges; "equivalences" and "digits" hold tables.
_RANGE_SECTIONS = ("marks", "letters", "invisible", "punctuation")
# One character or a range "a-b", and nothing that would change the meaning of a character
# class in Python or JavaScript (the search worker builds its pattern from the same entries).
_ENTRY = re.compile(r"[^\\\]\[^-](-[^\\\]\[^-])?", re.DOTALL)


@cache
def _classes() -> dict[str, tuple[str, ...]]:
    data = mapping("arabic")
    classes: dict[str, tuple[str, ...]] = {}
    for section in _RANGE_SECTIONS:
        for name, entries in data[section].items():
            items = tuple(str(e) for e in entries)
            bad = [e for e in items if not _ENTRY.fullmatch(e)]
            if bad:
                raise ValueError(
                    f"{_SOURCE}: {section}.{name}: {bad!r} is not one character or a range 'a-b'"
                )
            classes[str(name)] = items
    return classes


@cache
def _tables() -> dict[str, dict[str, str]]:
    data = mapping("arabic")
    tables: dict[str, dict[str, str]] = {}
    for name, table in data["equivalences"].items():
        pairs = {str(k): str(v) for k, v in table.items()}
        if any(len(k) != 1 for k in pairs):
            raise ValueError(f"{_SOURCE}: equivalences.{name}: keys must be one character")
        tables[str(name)] = pairs
    for name, digits in data["digits"].items():
        if len(str(digits)) != 10:
            raise ValueError(f"{_SOURCE}: digits.{name}: ten digits, 0 to 9")
        tables[str(name)] = {d: str(n) for n, d in enumerate(str(digits))}
    return tables


def _known(names: tuple[str, ...], known: Collection[str]) -> None:
    unknown = [n for n in names if n not in known]
    if unknown:
        raise KeyError(f"{_SOURCE} has no class {unknown!r}")


def ranges(*names: str) -> tuple[str, ...]:
    """The entries of the named classes in order, a range joined with the one it continues
    ("\\u064b-\\u0652" then "\\u0653-\\u065f" give "\\u064b-\\u065f")."""
    classes = _classes()
    _known(names, classes)
    out: list[tuple[str, str]] = []
    for name in names:
        for entry in classes[name]:
            first, last = entry[0], entry[-1]
            if out and ord(first) == ord(out[-1][1]) + 1:
                out[-1] = (out[-1][0], last)
            else:
                out.append((first, last))
    return tuple(a if a == b else f"{a}-{b}" for a, b in out)


def char_class(*names: str) -> str:
    """The named classes as the inside of a regex character class (no brackets)."""
    return "".join(ranges(*names))


def pattern(*names: str) -> re.Pattern[str]:
    """A pattern matching one character of any of the named classes."""
    return re.compile(f"[{char_class(*names)}]")


def characters(*names: str) -> str:
    """Every character of the named classes, ranges spelled out, in order."""
    out: list[str] = []
    for entry in ranges(*names):
        first, last = entry[0], entry[-1]
        out.extend(chr(code) for code in range(ord(first), ord(last) + 1))
    return "".join(out)


def table(*names: str) -> dict[str, str]:
    """The named equivalence or digit tables as one mapping, in order."""
    tables = _tables()
    _known(names, tables)
    merged: dict[str, str] = {}
    for name in names:
        merged.update(tables[name])
    return merged


def translation(*names: str) -> dict[int, str]:
    """The named tables ready for :meth:`str.translate`."""
    return {ord(k): v for k, v in table(*names).items()}
