"""Entity pages: every person, organisation and place named in the briefings, with its
briefings and its timeline events.

An entity's record is merged from every briefing that names it (an editor may have corrected
the English name in one of them). The events an entity appears in are the event's own
``entities`` when an editor listed them; otherwise the names of the briefing's entities are
looked for in the event's sentence, with the gazetteer's spellings ("البنتاجون", "إسبر").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from ..entities.gazetteer import Entry as GazetteerEntry
from ..entities.gazetteer import Gazetteer
from ..entities.matcher import find_mentions
from ..entities.normalise import norm_phrase
from ..langdata import mapping
from ..model import EntityMention, Event
from .briefings import Collection, Entry

TYPES = ("person", "organisation", "place", "other")
# How an editor's spelling outranks the gazetteer's, which outranks a romanisation.
_EN_SOURCE_RANK = {"editor": 0, "gazetteer": 1, "romanised": 2}
# Publications on the timeline link the entities their article is most about.
PUBLICATION_ENTITIES = 5
# A surname alone ("الأعرجي") names a person the briefing already names in full; shorter
# last words ("علي") are too common to stand alone.
_MIN_SURNAME = 4


@dataclass(slots=True)
class EntityRecord:
    """One entity across the collection: its names, and where it appears."""

    id: str
    type: str
    ar: str
    en: str
    en_source: str
    role: str | None = None
    wikidata: str | None = None
    mentions: dict[str, int] = field(default_factory=dict)  # briefing id -> mentions
    entries: list[Entry] = field(default_factory=list)  # newest first, undated last
    events: list[tuple[Entry, Event]] = field(default_factory=list)  # in date order

    @property
    def url(self) -> str:
        return entity_url(self.id)


def entity_url(entity_id: str) -> str:
    return f"entities/{entity_id}/"


ENTITIES_URL = "entities/"


@cache
def _curated_aliases() -> dict[str, tuple[str, ...]]:
    """Every spelling the gazetteer lists for an id (aliases and weak aliases)."""
    data = mapping("gazetteer")
    found: dict[str, tuple[str, ...]] = {}
    for key, value in (data.get("entities") or {}).items():
        found[str(key)] = (*(value.get("aliases") or ()), *(value.get("weak") or ()))
    for value in (data.get("countries") or {}).values():
        if isinstance(value, dict) and value.get("id"):
            found.setdefault(str(value["id"]), tuple(value.get("aliases") or ()))
    return found


def briefing_gazetteer(mentions: Iterable[EntityMention]) -> Gazetteer:
    """A gazetteer of one briefing's entities only, every spelling strong.

    The gazetteer's weak aliases ("التحالف") are ambiguous in a whole article; in a sentence of
    a briefing that already names the entity, they refer to it.
    """
    gazetteer = Gazetteer()
    for m in mentions:
        aliases = list(_curated_aliases().get(m.id, ()))
        last = m.ar.split()[-1] if m.type == "person" and len(m.ar.split()) > 1 else None
        if last and len("".join(norm_phrase(last))) >= _MIN_SURNAME:
            aliases.append(last)
        gazetteer.add(GazetteerEntry(m.id, m.type, m.ar, m.en, aliases=tuple(aliases)))
    return gazetteer


def event_entities(entry: Entry) -> dict[str, tuple[str, ...]]:
    """For each event of a briefing, the ids of the briefing's entities its sentence names."""
    known = {m.id for m in entry.briefing.entities}
    gazetteer: Gazetteer | None = None
    found: dict[str, tuple[str, ...]] = {}
    for event in entry.briefing.events:
        if event.entities:  # an editor's list wins
            found[event.id] = tuple(dict.fromkeys(e for e in event.entities if e in known))
            continue
        gazetteer = gazetteer or briefing_gazetteer(entry.briefing.entities)
        found[event.id] = tuple(dict.fromkeys(m.entity for m in find_mentions(event.ar, gazetteer)))
    return found


def publication_entities(entry: Entry) -> tuple[str, ...]:
    """The entities an article is most about: the most mentioned (ties keep the page's order)."""
    ranked = sorted(enumerate(entry.briefing.entities), key=lambda im: (-im[1].mentions, im[0]))
    return tuple(m.id for _, m in ranked[:PUBLICATION_ENTITIES])


def _merge(record: EntityRecord, m: EntityMention) -> None:
    if _EN_SOURCE_RANK.get(m.en_source, 3) < _EN_SOURCE_RANK.get(record.en_source, 3):
        record.en, record.en_source = m.en, m.en_source
    record.role = record.role or m.role
    record.wikidata = record.wikidata or m.wikidata


def index(
    collection: Collection, named: dict[tuple[str, str], tuple[str, ...]]
) -> dict[str, EntityRecord]:
    """Every entity named by a briefing, by id (sorted by id); ``named`` maps
    (briefing id, event id) to the entity ids of that event."""
    records: dict[str, EntityRecord] = {}
    names: dict[str, Counter[str]] = {}
    newest_first = collection.latest(len(collection.entries)) + collection.undated()
    for entry in newest_first:
        for m in entry.briefing.entities:
            record = records.get(m.id)
            if record is None:
                record = records[m.id] = EntityRecord(
                    m.id, m.type, m.ar, m.en, m.en_source, m.role, m.wikidata
                )
                names[m.id] = Counter()
            else:
                _merge(record, m)
            names[m.id][m.ar] += m.mentions
            record.mentions[entry.briefing.id] = m.mentions
            record.entries.append(entry)
    for entry in collection.entries:
        for event in entry.briefing.events:
            for entity in named.get((entry.briefing.id, event.id), ()):
                records[entity].events.append((entry, event))
    for key, record in records.items():
        # The Arabic spelling most used across the briefings (they may differ in hamza).
        record.ar = names[key].most_common(1)[0][0]
        record.events.sort(key=lambda pair: (pair[1].date, pair[0].briefing.id, pair[1].id))
    return dict(sorted(records.items()))


def by_type(records: dict[str, EntityRecord]) -> list[tuple[str, list[EntityRecord]]]:
    """Types in a fixed order; in each, the most covered entities first (then by id)."""
    groups = []
    for kind in TYPES:
        members = [r for r in records.values() if r.type == kind]
        members.sort(key=lambda r: (-len(r.entries), -len(r.events), r.id))
        if members:
            groups.append((kind, members))
    return groups
