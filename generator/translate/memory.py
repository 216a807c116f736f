"""The translation memory: every Arabic text translated so far, kept in the repository.

A YAML file that reviewers read in pull requests: one entry per source text, sorted, so a diff
shows exactly which translations a run added or an editor corrected. Entries are keyed by the
normalised source, so a re-run (or the same sentence in another article) never asks an engine
twice. A reviewed entry (an editor's or translator's) always wins over an engine's.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from ..fsutil import write_text_atomic
from ..text import MEMORY
from ..yamlguard import PlainYaml, load_plain, text_problem

_SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


HEADER = """\
# Translation memory: Arabic source text → English, one entry per text, sorted by source.
# Written by `briefings generate`; reviewed: true marks a translation checked by a person, which
# no engine ever replaces. Correct a translation here or in a briefing's front matter.
"""


def normalise(text: str) -> str:
    """The memory key of a text: NFKC, without diacritics or invisible marks, spaces collapsed.

    Marks that vary between scrapes of the same sentence go (tashkeel, optional in news text,
    tatweel, invisible direction and joiner controls); the profile never changes, because the
    keys are stored.
    """
    return MEMORY.fold(text)


@dataclass(frozen=True, slots=True)
class MemoryEntry:
    ar: str
    en: str
    engine: str
    date: str
    reviewed: bool = False


class TranslationMemory:
    """Load once, look up and record during a run, save once at the end (atomically)."""

    def __init__(self, path: Path, entries: dict[str, MemoryEntry] | None = None) -> None:
        self.path = path
        self._entries = entries or {}
        self.changed = False

    @classmethod
    def load(cls, path: Path) -> TranslationMemory:
        if not path.is_file():
            return cls(path)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{path}: not UTF-8 text ({exc.reason})") from None
        memory = load_plain(path, text)  # plain data only (generator.yamlguard)
        data = memory.data or {}
        rows = data.get("entries") if isinstance(data, dict) else None
        if not isinstance(rows, list):
            raise ConfigError(f"{path}: expected a mapping with an 'entries' list")
        entries: dict[str, MemoryEntry] = {}
        for index, row in enumerate(rows):
            entry = _entry(memory, index, row)
            entries[normalise(entry.ar)] = entry
        return cls(path, entries)

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, source: str) -> MemoryEntry | None:
        return self._entries.get(normalise(source))

    def record(self, source: str, target: str, *, engine: str, date: str, reviewed: bool) -> bool:
        """Add or replace a translation; an engine never replaces a reviewed one. True if stored."""
        if text_problem(source) or text_problem(target):
            # Not text the file can hold (a lone surrogate from a page's "\ud800" escape) or
            # show: never stored. `briefings check` reports the page the text came from.
            return False
        key = normalise(source)
        current = self._entries.get(key)
        if current is not None:
            if current.reviewed and not reviewed:
                return False
            if current.en == target and current.reviewed == reviewed:
                return False
        self._entries[key] = MemoryEntry(source, target, engine, date, reviewed)
        self.changed = True
        return True

    def save(self) -> bool:
        """Write the file if anything changed; deterministic order, so reruns do not churn."""
        if not self.changed:
            return False
        rows = [asdict(self._entries[key]) for key in sorted(self._entries)]
        text = HEADER + yaml.dump(
            {"entries": rows},
            Dumper=_SAFE_DUMPER,
            allow_unicode=True,
            sort_keys=False,
            width=4096,
            default_flow_style=False,
        )
        self.changed = False
        return write_text_atomic(self.path, text)


_FIELDS = {"ar": str, "en": str, "engine": str, "date": str, "reviewed": bool}


def _entry(memory: PlainYaml, index: int, row: object) -> MemoryEntry:
    """One entry, checked; a problem is reported as 'file:line: entries.<index>.<key>: ...'."""
    where = f"entries.{index}"
    if not isinstance(row, dict):
        message = f"expected a mapping with keys {', '.join(_FIELDS)}"
        raise memory.problem(memory.data, "entries", where, message)
    unknown = sorted(map(str, set(row) - set(_FIELDS)))
    if unknown:
        raise memory.problem(row, unknown[0], f"{where}.{unknown[0]}", "unknown key")
    values: dict[str, Any] = {}
    for key, kind in _FIELDS.items():
        value = row.get(key, False if kind is bool else None)
        if key == "date" and value is not None and not isinstance(value, str):
            value = str(value)  # an unquoted 2026-11-22 loads as a date
        if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
            message = f"must be a non-empty {kind.__name__}"
            raise memory.problem(row, key, f"{where}.{key}", message)
        if isinstance(value, str) and (problem := text_problem(value)):
            raise memory.problem(row, key, f"{where}.{key}", problem)
        values[key] = value
    return MemoryEntry(**values)
