"""English fields of briefing front matter: fill them from the translator, learn editors' fixes.

Works on the front-matter mapping itself (a plain dict for a new page, ruamel's round-trip map
for a page on disk), so filling a pending translation changes only that ``en`` value and keeps
an editor's comments and key order everywhere else.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeGuard

from ..model import English
from .service import Translator

# The front-matter lists whose items carry Arabic text ("ar") and its English record ("en").
TRANSLATED_LISTS = ("gist", "quotes", "events")
EDITOR = "editor"


@dataclass(frozen=True, slots=True)
class Slot:
    """One English field: the mapping holding it and the Arabic text it translates."""

    kind: str  # "headline", "gist", "quotes" or "events"
    owner: MutableMapping[str, Any]

    @property
    def ar(self) -> str:
        return str(self.owner["ar"])

    @property
    def en(self) -> MutableMapping[str, Any]:
        value = self.owner.get("en")
        return value if _is_mapping(value) else {}

    @property
    def text(self) -> str | None:
        text = self.en.get("text")
        return text.strip() if isinstance(text, str) and text.strip() else None

    def set(self, english: English) -> bool:
        """Store a new English record; False when it is what the page already says."""
        current = self.en
        wanted = {"text": english.text, "status": english.status, "engine": english.engine}
        if all(current.get(key) == value for key, value in wanted.items()):
            return False
        if "text" not in current:  # pending until now: write the record in schema order
            self.owner["en"] = {key: value for key, value in wanted.items() if value is not None}
            return True
        # Update in place: an editor's comment on the text line stays where it was.
        for key, value in wanted.items():
            if value is not None:
                current[key] = value
            elif key in current:
                del current[key]
        return True


def _is_mapping(value: Any) -> TypeGuard[MutableMapping[str, Any]]:
    # A dict first (ruamel's maps are dicts too): the abstract-class check costs microseconds,
    # and a large project's pages hold hundreds of thousands of values.
    return isinstance(value, (dict, MutableMapping))


def named_slots(data: MutableMapping[str, Any]) -> Iterator[tuple[tuple[str, ...], Slot]]:
    """Every English field with the key path of its record, named as the merge and the conflicts
    name them (generator.merge.find): list items by id, else (gist sentences) by index."""
    headline = data.get("headline")
    if _is_mapping(headline) and isinstance(headline.get("ar"), str):
        yield ("headline",), Slot("headline", headline)
    for kind in TRANSLATED_LISTS:
        items = data.get(kind)
        for index, item in enumerate(items if isinstance(items, list) else []):
            if _is_mapping(item) and isinstance(item.get("ar"), str):
                name = item.get("id")
                yield (kind, name if isinstance(name, str) else str(index)), Slot(kind, item)


def slots(data: MutableMapping[str, Any]) -> Iterator[Slot]:
    return (slot for _, slot in named_slots(data))


def learn_from_editors(data: MutableMapping[str, Any], translator: Translator) -> bool:
    """Record the page's human translations in the memory; True if the page was changed.

    An English text marked reviewed is an editor's. So is a machine text that differs from
    what the memory holds for that source: the editor fixed it without changing the status,
    so the page now says reviewed, and no engine will overwrite it.
    """
    changed = False
    for slot in slots(data):
        text = slot.text
        if text is None:
            continue
        status = slot.en.get("status")
        engine = slot.en.get("engine")
        if status == "reviewed":
            translator.remember_reviewed(slot.ar, text, engine)
            continue
        entry = translator.memory.get(slot.ar)
        if entry is None:
            # The memory lost it (a fresh clone without the file): take the page's word back.
            translator.memory.record(
                slot.ar,
                text,
                engine=str(engine or "unknown"),
                date=translator.today,
                reviewed=False,
            )
        elif entry.en != text and not entry.reviewed:
            translator.remember_reviewed(slot.ar, text, EDITOR)
            changed |= slot.set(English(text=text, status="reviewed", engine=EDITOR))
    return changed


def fill(pages: Sequence[MutableMapping[str, Any]], translator: Translator) -> list[bool]:
    """Give every English field the best translation known; one batch for all the pages.

    Pending fields are translated; machine fields take a reviewed memory entry when there is
    one. A reviewed field on the page is the editor's and is left alone.
    """
    wanted = [
        (index, slot)
        for index, data in enumerate(pages)
        for slot in slots(data)
        if slot.en.get("status") != "reviewed" or slot.text is None
    ]
    results = translator.english([slot.ar for _, slot in wanted])
    changed = [False] * len(pages)
    for (index, slot), english in zip(wanted, results, strict=True):
        if english.text is None and slot.text is not None:
            continue  # never drop a translation the page has because the memory lacks it
        if english.text is None:
            translator.report.pending_fields[slot.kind] += 1
        changed[index] |= slot.set(english)
    return changed


def copy_english(source: MutableMapping[str, Any], target: MutableMapping[str, Any]) -> None:
    """Give ``target``'s English fields the records of ``source``, the same page read another
    way (plain values, then round-trip for writing): what learn_from_editors and fill did to
    one reaches the other, and only the records that differ are touched."""
    for copied, updated in zip(slots(source), slots(target), strict=True):
        record = copied.en
        if dict(updated.en) != dict(record):
            updated.set(
                English.model_construct(
                    text=record.get("text"),
                    status=record.get("status", "pending"),
                    engine=record.get("engine"),
                )
            )
