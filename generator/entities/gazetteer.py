"""The gazetteer: known entities with their English names, from three layers.

1. ``generator/data/gazetteer.yml``: the project's curated entries (see its header).
2. Country names from Babel (CLDR territories, Arabic and English), with the ``countries:``
   section of the same file adding ids, aliases and Wikidata ids or skipping a name.
3. ``names.yml`` at the project root, if present: editors' corrections, loaded on top.

``names.yml`` format (a mapping of entity id to fields; every field is optional for an id the
gazetteer already has, and ``type``, ``ar`` and ``en`` are required for a new one)::

    # Corrections of English names, reused by every later run.
    abd-al-amir:                 # the id shown in the briefing's front matter
      type: person
      ar: عبد الأمير
      en: Abdul Amir Yarallah    # replaces the romanised form
      role: Deputy commander of the Iraqi Joint Operations Command
      aliases: [عبد الأمير يارالله]
    mark-esper:
      en: Mark T. Esper          # overrides the gazetteer's English name

Entries from ``names.yml`` carry ``en_source: editor``. A malformed file is a ``ConfigError``
naming the file and the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale

from .. import langdata
from ..errors import ConfigError, shown_path
from ..model import is_page_id
from ..yamlguard import load_plain, text_problem
from .normalise import norm_phrase

TYPES = ("person", "organisation", "place", "other")
# CLDR codes that are not countries (EU, eurozone, UN, pseudo-locales, unknown region).
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ"}


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    type: str
    ar: str
    en: str
    en_source: str = "gazetteer"
    role: str | None = None
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    # People: "male" unless the entry says "female" (checks "وأضافت" against the speaker);
    # None when unknown (names found by cues).
    gender: str | None = None


@dataclass(slots=True)
class Gazetteer:
    """Entries by id, and an index from a name's first folded word to (words, entry id, weak)."""

    entries: dict[str, Entry] = field(default_factory=dict)
    index: dict[str, list[tuple[tuple[str, ...], str, bool]]] = field(default_factory=dict)

    def add(self, entry: Entry) -> None:
        self.entries[entry.id] = entry
        for name, weak in [
            (entry.ar, False),
            *((a, False) for a in entry.aliases),
            *((w, True) for w in entry.weak),
        ]:
            words = norm_phrase(name)
            if words:
                self.index.setdefault(words[0], []).append((words, entry.id, weak))

    def rebuild(self) -> None:
        entries = list(self.entries.values())
        self.entries.clear()
        self.index.clear()
        for entry in entries:
            self.add(entry)


def _entry(key: str, value: dict[str, Any], source: str, en_source: str) -> Entry:
    if not is_page_id(key):
        # The id names a page (entities/<id>/) and an anchor: it must be a safe path segment,
        # and not "index" (the entity index page) or a Windows device name.
        raise ConfigError(
            f"{source}: entity id {key!r} must be lowercase ASCII letters, digits and dashes "
            "(e.g. mark-esper), and not index, con, nul ..."
        )
    missing = [k for k in ("type", "ar", "en") if not value.get(k)]
    if missing:
        raise ConfigError(f"{source}: entity '{key}' lacks {', '.join(missing)}")
    if value["type"] not in TYPES:
        raise ConfigError(
            f"{source}: entity '{key}' has type '{value['type']}'; use one of {TYPES}"
        )
    return Entry(
        id=key,
        type=value["type"],
        ar=value["ar"],
        en=value["en"],
        en_source=en_source,
        role=value.get("role"),
        wikidata=value.get("wikidata"),
        aliases=tuple(value.get("aliases") or ()),
        weak=tuple(value.get("weak") or ()),
        gender=value.get("gender", "male") if value["type"] == "person" else None,
    )


def _countries(extra: dict[str, dict[str, Any]]) -> list[Entry]:
    ar, en = Locale("ar").territories, Locale("en").territories
    entries = []
    for code, name in ar.items():
        if len(code) != 2 or not code.isalpha() or code in _NOT_COUNTRIES or code not in en:
            continue
        data = extra.get(code, {})
        if data.get("skip"):
            continue
        english = data.get("en", en[code])
        slug = re.sub(r"[^a-z0-9]+", "-", english.lower()).strip("-")
        entries.append(
            Entry(
                # Names with accents (Curaçao) would lose letters: fall back to the code.
                id=data.get("id", slug if english.isascii() else f"country-{code.lower()}"),
                type="place",
                ar=name,
                en=english,
                wikidata=data.get("wikidata"),
                aliases=tuple(data.get("aliases", ())),
            )
        )
    return entries


@cache
def base() -> Gazetteer:
    """Curated entries plus Babel countries (curated ids win)."""
    curated = langdata.mapping("gazetteer")
    gazetteer = Gazetteer()
    for entry in _countries(curated.get("countries", {})):
        gazetteer.add(entry)
    for key, value in curated["entities"].items():
        gazetteer.add(_entry(key, value, "generator/data/gazetteer.yml", "gazetteer"))
    return gazetteer


def with_names_file(root: Path | None) -> Gazetteer:
    """The base gazetteer with ``root/names.yml`` applied on top, when that file exists."""
    path = root / "names.yml" if root else None
    if path is None or not path.is_file():
        return base()
    return _apply_names(path, *_names_key(path))


def _names_key(path: Path) -> tuple[float, int]:
    stat = path.stat()
    return stat.st_mtime, stat.st_size


@cache
def _apply_names(path: Path, _mtime: float, _size: int) -> Gazetteer:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text ({exc.reason})") from None
    names = load_plain(path, text)  # plain data only (generator.yamlguard)
    data = names.data or {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: must be a mapping of entity id to fields")
    gazetteer = Gazetteer(dict(base().entries))
    for key, value in data.items():
        if not isinstance(value, dict):
            raise names.problem(data, key, str(key), "must be a mapping of fields")
        for field_name, text_value in value.items():
            for item in text_value if isinstance(text_value, list) else [text_value]:
                if isinstance(item, str) and (problem := text_problem(item)):
                    raise names.problem(value, field_name, f"{key}.{field_name}", problem)
        known = gazetteer.entries.get(str(key))
        if known is None:
            where = f"{shown_path(path)}:{names.line(data, key)}"
            gazetteer.entries[str(key)] = _entry(str(key), value, where, "editor")
            continue
        changes: dict[str, Any] = {
            k: value[k] for k in ("type", "ar", "en", "role", "wikidata") if k in value
        }
        if "en" in value:
            changes["en_source"] = "editor"
        changes["aliases"] = known.aliases + tuple(value.get("aliases") or ())
        gazetteer.entries[str(key)] = replace(known, **changes)
    gazetteer.rebuild()
    return gazetteer
