"""Related briefings kept between builds, at two levels.

Scoring related briefings cannot be done for one briefing alone: every score weighs words,
entities and years by their rarity in the whole collection.

* **The links** (``links.json``) are kept while every briefing gives the scoring the same
  input: its front matter less what scoring never reads (English renderings, the gist, the
  editors' marks) and its text. An editor's translation, an English name or a review mark
  reuses them.
* **What scoring found** (``scoring.json``, related.Kept) serves the other edits (a date, an
  Arabic text, an article): a pair is scored again only when one of its two briefings'
  fingerprints changed, a briefing's partners are chosen again only when its keys changed,
  and how rare each year is (one date changes it for thousands of pairs) is weighed again
  from the periods kept with each pair.

Both keep ids and are made again from the current briefings, so what a page shows of them
(headlines, names, events) is always today's.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..cache import CACHE_DIR, write_cache_file
from ..model import EntityMention
from .briefings import Collection, Entry, site_version
from .related import Kept, Link, Parts, Reason, SameEvent
from .related_signals import scoring_input

FOLDER = Path(CACHE_DIR, "site", "related")


def collection_input(collection: Collection) -> str:
    text = "\n".join(scoring_input(entry) for entry in collection.entries)
    return hashlib.sha256(f"{site_version()}\n{text}".encode()).hexdigest()


def kept_related(
    collection: Collection,
    root: Path | None,
    score: Callable[[Collection], dict[str, list[Link]]],
) -> dict[str, list[Link]]:
    """``score(collection)``, or the links it gave the last build of the project at ``root``
    when nothing it reads changed (None: no project, nothing kept)."""
    if root is None:
        return score(collection)
    path = root / FOLDER / "links.json"
    digest = collection_input(collection)
    try:
        data = json.loads(path.read_bytes())
        if data["input"] == digest:
            return _links(data["links"], collection)
    except (OSError, ValueError, KeyError, TypeError, StopIteration):
        pass  # absent, unreadable or of another collection: scored again
    found = score(collection)
    try:
        record = {"input": digest, "links": _records(found)}
        write_cache_file(path, json.dumps(record, ensure_ascii=False).encode())
    except OSError:
        pass  # a read-only project is scored again next time
    return found


def _records(links: dict[str, list[Link]]) -> dict[str, list[Any]]:
    return {
        key: [
            [
                link.entry.briefing.id,
                link.score,
                [
                    [
                        reason.kind,
                        reason.date,
                        reason.precision,
                        reason.event.id if reason.event else None,
                        reason.named_by.briefing.id if reason.named_by else None,
                        [mention.id for mention in reason.entities],
                    ]
                    for reason in link.reasons
                ],
            ]
            for link in found
        ]
        for key, found in links.items()
    }


def _links(records: dict[str, list[Any]], collection: Collection) -> dict[str, list[Link]]:
    """The links of ``records`` made of the briefings of ``collection`` (the same ids: the
    input digest says so)."""
    entries = {entry.briefing.id: entry for entry in collection.entries}
    found: dict[str, list[Link]] = {}
    for key, links in records.items():
        # As related.link makes them: the entities are the page's, the event the linked one's.
        mentions = {mention.id: mention for mention in entries[key].briefing.entities}
        made = []
        for other_id, score, reasons in links:
            other = entries[other_id]
            why = tuple(_reason(other, mentions, entries, reason) for reason in reasons)
            made.append(Link(other, score, why))
        found[key] = made
    if found.keys() != entries.keys():
        raise KeyError("the kept links are of another collection")
    return found


def _reason(
    other: Entry, mentions: dict[str, EntityMention], entries: dict[str, Entry], record: list[Any]
) -> Reason:
    kind, date, precision, event_id, named_by, mention_ids = record
    event = next(e for e in other.briefing.events if e.id == event_id) if event_id else None
    return Reason(
        kind,
        date,
        precision,
        event=event,
        named_by=entries[named_by] if named_by else None,
        entities=tuple(mentions[m] for m in mention_ids),
    )


class ScoringFile:
    """What the last build's scoring kept (related.Kept), in ``.cache/site/related/scoring.json``:
    a build that must score again (a date, an Arabic edit) computes only the parts of pairs
    with a briefing whose fingerprint changed, and chooses again only the partners of
    briefings whose keys changed."""

    def __init__(self, root: Path) -> None:
        self.path = root / FOLDER / "scoring.json"

    def load(self) -> Kept:
        try:
            data = json.loads(self.path.read_bytes())
            if data["version"] != site_version():
                return Kept({}, {})
            prints = data["fingerprints"]
            parts = {
                (prints[a], prints[b]): Parts(
                    text,
                    entities,
                    (_same(s0), _same(s1)),
                    (tuple(h0), tuple(h1)),
                    tuple((str(d), str(p), bool(both)) for d, p, both in periods),
                )
                for a, b, text, entities, s0, s1, h0, h1, periods in data["parts"]
            }
            partners = {
                key: (int(k), [int(j) for j in chosen])
                for key, (k, chosen) in data["partners"].items()
            }
            return Kept(parts, partners)
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return Kept({}, {})  # absent or unreadable: everything is scored

    def save(self, kept: Kept) -> None:
        prints: dict[str, int] = {}
        records = [
            [
                prints.setdefault(a, len(prints)),
                prints.setdefault(b, len(prints)),
                p.text,
                p.entities,
                *p.same,
                *p.shared,
                p.periods,
            ]
            for (a, b), p in kept.parts.items()
        ]
        data = {
            "version": site_version(),
            "fingerprints": list(prints),
            "parts": records,
            "partners": kept.partners,
        }
        with contextlib.suppress(OSError):  # not kept: the next build scores everything
            write_cache_file(self.path, json.dumps(data, ensure_ascii=False).encode())


def _same(record: list[Any] | None) -> SameEvent | None:
    if record is None:
        return None
    date, precision, event, named_by = record
    return (str(date), str(precision), event, named_by)
