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

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid YAML: {exc}") from None
        rows = data.get("entries") if isinstance(data, dict) else None
        if not isinstance(rows, list):
            raise ConfigError(f"{path}: expected a mapping with an 'entries' list")
        entries: dict[str, MemoryEntry] = {}
        for number, row in enumerate(rows, start=1):
            entry = _entry(path, number, row)
            entries[normalise(entry.ar)] = entry
        return cls(path, entries)

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, source: str) -> MemoryEntry | None:
        return self._entries.get(normalise(source))

    def record(self, source: str, target: str, *, engine: str, date: str, reviewed: bool) -> bool:
        """Add or replace a translation; an engine never replaces a reviewed one. True if stored."""
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


def _entry(path: Path, number: int, row: object) -> MemoryEntry:
    where = f"{path}: entry {number}"
    if not isinstance(row, dict):
        raise ConfigError(f"{where}: expected a mapping with keys {', '.join(_FIELDS)}")
    unknown = set(row) - set(_FIELDS)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    values: dict[str, Any] = {}
    for key, kind in _FIELDS.items():
        value = row.get(key, False if kind is bool else None)
        if key == "date" and value is not None and not isinstance(value, str):
            value = str(value)  # an unquoted 2026-11-22 loads as a date
        if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
            raise ConfigError(f"{where}: '{key}' must be a non-empty {kind.__name__}")
        values[key] = value
    return MemoryEntry(**values)
