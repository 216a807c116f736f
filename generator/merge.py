"""Three-way merge on regeneration: what an editor changed in a page survives a new analysis.

Per key, ``base`` is what the generator wrote last time (``generated/base/<slug>.yml``),
``ours`` the page as it is now (an editor may have changed it) and ``theirs`` what the generator
makes of the article now:

* the editor changed it, the generator did not -> the editor's value;
* the editor did not change it -> the new value;
* both changed it differently -> the editor's value stays and a :class:`Conflict` is reported.

Lists of records merge item by item: quotes, events and entities by ``id``, gist sentences by
their ``position`` in the article, sources by ``path``; other lists are one value. Keys named
in the page's ``locked:`` are never touched. English records (``en: {text, status, engine}``)
are the translation pass's, not the analysis's: the page's record stays, unless the generator
replaced the Arabic it translates (the old translation stays in the translation memory). The
page body merges per paragraph the same way (:func:`merge_body`).

The merge works in place on ruamel's round-trip mapping, so comments, key order and quoting of
everything the generator does not change stay as the editor left them.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Hashable, Mapping, MutableMapping, MutableSequence, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from ruamel.yaml.comments import CommentedMap

from .text import paragraphs

# Top-level lists of records and the key naming each item. Gist sentences have no id: their
# position in the article is the sentence's identity.
LIST_IDS = {"quotes": "id", "events": "id", "entities": "id", "gist": "position", "sources": "path"}
BODY_KEY = "(body)"
MISSING: Any = object()


@dataclass(frozen=True, slots=True)
class Conflict:
    """A key both the editor and the generator changed; the page keeps the editor's value."""

    page: str  # "docs/briefings/<slug>.md"
    key: str  # dotted; list items by id ("quotes.q1.speaker"), gist and sources by index
    editor: Any  # None when the editor deleted it
    generated: Any  # None when the generator no longer produces it

    def __str__(self) -> str:
        editor, generated = _short(self.editor), _short(self.generated)
        return f"{self.page}: {self.key}: editor {editor}, generated {generated}"

    def to_data(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "key": self.key,
            "editor": plain(self.editor),
            "generated": plain(self.generated),
        }


def _short(value: Any, limit: int = 60) -> str:
    text = repr(plain(value)) if value is not None else "(absent)"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plain(value: Any) -> Any:
    """Builtin types only: ruamel's commented containers and typed scalars, dates as text."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):  # an unquoted date in the page is the same value as text
        return value.isoformat()
    for kind in (bool, int, float, str):
        if isinstance(value, kind):
            return kind(value)
    return value


def same(a: Any, b: Any) -> bool:
    return bool(plain(a) == plain(b))


def _without_english(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_english(v) for k, v in value.items() if k != "en" or type(v) is str}
    if isinstance(value, list):
        return [_without_english(v) for v in value]
    return value


def edited(page: Any, base: Any) -> bool:
    """Whether an editor changed a whole record. English records do not count: the translation
    pass fills them, and an editor's fix of one is already in the translation memory."""
    return bool(_without_english(plain(page)) != _without_english(plain(base)))


def locked_paths(data: Mapping[str, Any]) -> frozenset[tuple[str, ...]]:
    """The page's ``locked:`` entries as key paths (invalid entries are ``check``'s to report)."""
    entries = data.get("locked")
    if not isinstance(entries, list):
        return frozenset()
    return frozenset(tuple(e.split(".")) for e in entries if isinstance(e, str) and e)


class _Merge:
    def __init__(self, page: str, locked: frozenset[tuple[str, ...]]) -> None:
        self.page = page
        self.locked = locked
        self.conflicts: list[Conflict] = []

    def is_locked(self, name: tuple[str, ...]) -> bool:
        return any(name[: len(lock)] == lock for lock in self.locked)

    def conflict(self, name: tuple[str, ...], editor: Any, generated: Any) -> None:
        self.conflicts.append(Conflict(self.page, ".".join(name), editor, generated))

    def keep_ours(self, old: Any, current: Any, new: Any, name: tuple[str, ...]) -> bool:
        """The three-way rule for one value; False means: take the new value."""
        if same(current, new):
            return True
        if old is not MISSING and same(current, old):
            return False
        if old is MISSING or not same(new, old):
            self.conflict(name, current, new)
        return True

    def mapping(
        self,
        base: Mapping[str, Any] | None,
        ours: MutableMapping[str, Any],
        theirs: Mapping[str, Any],
        name: tuple[str, ...],
    ) -> None:
        follow = self._english_follows_arabic(base, ours, theirs, name)
        for key, new in theirs.items():
            here = (*name, str(key))
            if self.is_locked(here):
                continue
            old = base.get(key, MISSING) if base is not None else MISSING
            if key not in ours:
                if old is MISSING:
                    _insert(ours, theirs, key, plain(new))
                elif not same(new, old):  # the editor deleted what the generator changed
                    self.conflict(here, None, new)
                continue
            current = ours[key]
            if key == "en" and isinstance(new, Mapping):
                # English records belong to the translation pass (the memory, and editors'
                # fixes learned into it); the analysis only ever says "pending". The page's
                # record stays unless the Arabic it translates was replaced.
                if follow and not same(current, new):
                    ours[key] = plain(new)
            elif isinstance(current, MutableMapping) and isinstance(new, Mapping):
                self.mapping(old if isinstance(old, Mapping) else None, current, new, here)
            else:
                self.value(ours, key, old, new, here)
        for key in [k for k in ours if k not in theirs]:
            here = (*name, str(key))
            if self.is_locked(here) or base is None or key not in base:
                continue  # the editor's own key
            if not edited(ours[key], base[key]):
                del ours[key]  # the generator no longer produces it
            else:
                self.conflict(here, ours[key], None)

    def value(
        self, ours: MutableMapping[str, Any], key: str, old: Any, new: Any, here: tuple[str, ...]
    ) -> None:
        """A value that is not a mapping: a list of records item by item, else as a whole."""
        if len(here) == 1 and key in LIST_IDS and self.items(old, ours[key], new, here, key):
            return
        if not self.keep_ours(old, ours[key], new, here):
            ours[key] = plain(new)

    def _english_follows_arabic(
        self,
        base: Mapping[str, Any] | None,
        ours: Mapping[str, Any],
        theirs: Mapping[str, Any],
        name: tuple[str, ...],
    ) -> bool:
        """A translation belongs to its Arabic: new Arabic (not the editor's) -> new English."""
        if base is None or "ar" not in base or not isinstance(theirs.get("en"), Mapping):
            return False
        if self.is_locked((*name, "ar")):
            return False
        return same(ours.get("ar"), base["ar"]) and not same(theirs.get("ar"), base["ar"])

    def items(
        self, base: Any, ours: Any, theirs: Any, name: tuple[str, ...], list_name: str
    ) -> bool:
        """Merge a list of records per item; False when it is not one (merge it as a value)."""
        id_key = LIST_IDS[list_name]
        mine, new = _by_id(ours, id_key), _by_id(theirs, id_key)
        old = _by_id(base, id_key) if base is not MISSING else {}
        if mine is None or new is None or old is None or not isinstance(ours, MutableSequence):
            return False
        ours_order, theirs_order = list(mine), list(new)

        def item_name(key: Hashable) -> tuple[str, ...]:
            # An item is named by its id, else by its index in the page the editor edited.
            if id_key == "id":
                return (*name, str(key))
            index = ours_order.index(key) if key in mine else theirs_order.index(key)
            return (*name, str(index))

        keep, add, pending = set(), set(), []
        for key in [*mine, *(k for k in new if k not in mine)]:
            in_old = key in old
            if self.is_locked(item_name(key)):
                if key in mine:
                    keep.add(key)  # locked: kept as it is; a locked deletion stays deleted
            elif key in mine and key in new:
                keep.add(key)
            elif key in mine:  # the generator no longer finds this item
                if not in_old or edited(mine[key], old[key]):
                    keep.add(key)
                    if in_old:
                        pending.append((key, mine[key], None))
            elif not in_old:
                add.add(key)
            elif not same(new[key], old[key]):  # the editor deleted what the generator changed
                pending.append((key, None, new[key]))

        if _reordered(ours_order, list(old)):
            order = _weave([k for k in ours_order if k in keep], theirs_order, add)
        else:
            primary = [k for k in new if k in keep or k in add]
            order = _weave(primary, ours_order, {k for k in keep if k not in new})
        for key in order:
            if key in mine and key in new and not self.is_locked(item_name(key)):
                before = old.get(key)
                self.mapping(
                    before if isinstance(before, Mapping) else None,
                    mine[key],
                    new[key],
                    item_name(key),
                )
        for key, editor, generated in pending:
            self.conflict(item_name(key), editor, generated)
        if order != ours_order:
            del ours[:]
            ours.extend(mine[k] if k in mine else plain(new[k]) for k in order)
        return True


def _by_id(items: Any, id_key: str) -> dict[Hashable, Any] | None:
    """Records by their id, in list order; None unless every item is a record with a unique id."""
    if not isinstance(items, Sequence) or isinstance(items, str):
        return None
    found: dict[Hashable, Any] = {}
    for item in items:
        key = plain(item.get(id_key)) if isinstance(item, Mapping) else None
        if key is None or isinstance(key, dict | list) or key in found:
            return None
        found[key] = item
    return found


def _reordered(ours: list[Hashable], base: list[Hashable]) -> bool:
    """Whether the editor moved items (the items both lists hold are not in the same order)."""
    both = set(ours) & set(base)
    return [k for k in ours if k in both] != [k for k in base if k in both]


def _weave(
    primary: list[Hashable], sequence: list[Hashable], extras: set[Hashable]
) -> list[Hashable]:
    """``primary`` with each of ``extras`` placed after its predecessor in ``sequence``."""
    result = list(primary)
    for index, key in enumerate(sequence):
        if key not in extras:
            continue
        before = next((k for k in reversed(sequence[:index]) if k in result), None)
        result.insert(0 if before is None else result.index(before) + 1, key)
    return result


def _insert(
    ours: MutableMapping[str, Any], theirs: Mapping[str, Any], key: str, value: Any
) -> None:
    """Add a new key where the generator puts it: after the key before it in ``theirs``."""
    order = list(theirs)
    before = next((k for k in reversed(order[: order.index(key)]) if k in ours), None)
    position = 0 if before is None else list(ours).index(before) + 1
    if isinstance(ours, CommentedMap):
        ours.insert(position, key, value)
        return
    entries = list(ours.items())
    entries.insert(position, (key, value))
    ours.clear()
    ours.update(entries)


def _step(node: Any, part: str) -> tuple[Any, Any]:
    """(container, key) of one step down: list items by id, else by index."""
    if isinstance(node, Mapping):
        return (node, part) if part in node else (None, None)
    if isinstance(node, list):
        for index, item in enumerate(node):
            if isinstance(item, Mapping) and str(item.get("id")) == part:
                return node, index
        if part.isdigit() and int(part) < len(node):
            return node, int(part)
    return None, None


def find(data: Any, path: tuple[str, ...]) -> Any:
    """The value at a key path such as ("quotes", "q1", "speaker"); ``MISSING`` if absent."""
    node = data
    for part in path:
        container, key = _step(node, part)
        if container is None:
            return MISSING
        node = container[key]
    return node


def hold_locked(data: Mapping[str, Any]) -> list[tuple[tuple[str, ...], Any]]:
    """Copies of the page's locked values, to put back after a pass that edits pages in place
    (the translation pass fills and reviews English records; a locked one must not change)."""
    held = [(path, find(data, path)) for path in sorted(locked_paths(data))]
    return [(path, value if value is MISSING else copy.deepcopy(value)) for path, value in held]


def restore_locked(data: Mapping[str, Any], held: list[tuple[tuple[str, ...], Any]]) -> None:
    for path, value in held:
        parent = find(data, path[:-1])
        container, key = _step(parent, path[-1])
        if value is MISSING:
            if container is not None:
                del container[key]
        elif container is not None and not same(container[key], value):
            container[key] = value
        elif container is None and isinstance(parent, MutableMapping):
            parent[path[-1]] = value


def merge_front_matter(
    page: str,
    base: Mapping[str, Any] | None,
    ours: MutableMapping[str, Any],
    theirs: Mapping[str, Any],
) -> list[Conflict]:
    """Merge ``theirs`` into ``ours`` in place; ``base`` None means unknown (a page written
    before snapshots existed): then every difference is a conflict and the page's value stays."""
    merge = _Merge(page, locked_paths(ours))
    merge.mapping(base, ours, theirs, ())
    return merge.conflicts


# --- the body ---------------------------------------------------------------------------------


def _diff3(
    base: list[str], ours: list[str], theirs: list[str]
) -> tuple[list[str], list[tuple[list[str], list[str]]]]:
    """Merge paragraph lists; returns the result and the (ours, theirs) regions in conflict."""
    regions = []
    mine = SequenceMatcher(None, base, ours, autojunk=False).get_matching_blocks()
    new = SequenceMatcher(None, base, theirs, autojunk=False).get_matching_blocks()
    i = j = 0
    while i < len(mine) and j < len(new):  # stretches of base both sides kept unchanged
        a_base, a_at, a_len = mine[i]
        b_base, b_at, b_len = new[j]
        start, end = max(a_base, b_base), min(a_base + a_len, b_base + b_len)
        if start < end:
            regions.append((start, end, a_at + start - a_base, b_at + start - b_base))
        if a_base + a_len < b_base + b_len:
            i += 1
        else:
            j += 1
    regions.append((len(base), len(base), len(ours), len(theirs)))
    result: list[str] = []
    conflicts = []
    at_base = at_ours = at_theirs = 0
    for start, end, ours_start, theirs_start in regions:
        old, mine_part = base[at_base:start], ours[at_ours:ours_start]
        new_part = theirs[at_theirs:theirs_start]
        if mine_part == new_part or new_part == old:
            result.extend(mine_part)
        elif mine_part == old:
            result.extend(new_part)
        else:
            result.extend(mine_part)
            conflicts.append((mine_part, new_part))
        result.extend(base[start:end])
        at_base, at_ours, at_theirs = end, ours_start + end - start, theirs_start + end - start
    return result, conflicts


def merge_body(
    page: str, base: list[str] | None, ours: str, theirs: str
) -> tuple[str, list[Conflict]]:
    """Three-way merge of the page body (the Arabic text), paragraph by paragraph."""
    mine, new = paragraphs(ours), paragraphs(theirs)
    if mine == new or (base is not None and new == base):
        return ours, []
    if base is None:
        return ours, [Conflict(page, BODY_KEY, "\n\n".join(mine), "\n\n".join(new))]
    if mine == base:
        return theirs, []
    merged, regions = _diff3(base, mine, new)
    conflicts = [Conflict(page, BODY_KEY, "\n\n".join(a), "\n\n".join(b)) for a, b in regions]
    return "\n\n".join(merged), conflicts
