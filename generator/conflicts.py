"""``generated/conflicts.yml``: the conflicts of regeneration an editor has not settled yet.

``briefings generate`` writes it, ``briefings review`` and the site's review page read it. A
conflict stays listed, run after run and through ``generate --force``, until the editor settles
it: by taking the generated value, locking the key, or (for the Arabic changed under a reviewed
translation) writing the English of the new wording as reviewed. Then the entry goes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from . import frontmatter
from .fsutil import write_text_atomic
from .merge import (
    ARABIC_CHANGED,
    BODY_KEY,
    BOTH_CHANGED,
    MISSING,
    Conflict,
    find,
    locked_paths,
    same,
)
from .text import paragraphs
from .translate.memory import normalise

CONFLICTS_FILE = Path("generated", "conflicts.yml")
CONFLICTS_NOTE = (
    "Written by `briefings generate`: keys that both an editor and the generator changed, and\n"
    "reviewed translations whose Arabic the generator changed (kind: arabic-changed).\n"
    "The page keeps the editor's value; take the generated one, or lock the key, and the\n"
    "entry goes away on the next run. For arabic-changed, write the English of the new\n"
    "wording with status: reviewed (EDITING.md)."
)


def _texts(value: Any, *keys: str) -> bool:
    return isinstance(value, Mapping) and all(isinstance(value.get(k), str) for k in keys)


def conflict_of(entry: Any) -> Conflict | str:
    """One entry of the file as a conflict, or what is wrong with it."""
    if not isinstance(entry, Mapping) or not entry.get("page") or not entry.get("key"):
        return "lacks 'page' or 'key'"
    kind = str(entry.get("kind", BOTH_CHANGED))
    editor, generated = entry.get("editor"), entry.get("generated")
    if kind not in (BOTH_CHANGED, ARABIC_CHANGED):
        return f"unknown kind {kind!r}"
    if kind == ARABIC_CHANGED and not (_texts(editor, "ar", "en") and _texts(generated, "ar")):
        return "an arabic-changed conflict needs editor: {ar, en} and generated: {ar}"
    return Conflict(str(entry["page"]), str(entry["key"]), editor, generated, kind)


def read_conflicts(root: Path) -> list[Conflict]:
    """The conflicts of earlier runs, as ``generate`` reads them: an unreadable file or entry is
    left out (``briefings review`` reports it, see
    ``generator.collection.review_queue.load_conflicts``)."""
    try:
        data = frontmatter.load_yaml((root / CONFLICTS_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, MarkedYAMLError, UnicodeDecodeError):
        return []
    found = [conflict_of(e) for e in (data if isinstance(data, list) else [])]
    return [c for c in found if isinstance(c, Conflict)]


def still_open(conflict: Conflict, pages: Mapping[str, Mapping[str, Any]]) -> bool:
    """A conflict from an earlier run is settled when the page is gone, the editor took the
    generated value, or locked the key. ``pages``: front matter by page."""
    data = pages.get(conflict.page)
    if data is None:
        return False
    if conflict.key == BODY_KEY:
        return True
    path = tuple(conflict.key.split("."))
    if any(path[: len(lock)] == lock for lock in locked_paths(data)):
        return False
    if conflict.kind == ARABIC_CHANGED:
        return _untranslated(conflict, find(data, path[:-1]))
    current = find(data, path)
    if current is MISSING:
        return conflict.generated is not None
    return not same(current, conflict.generated)


def _untranslated(conflict: Conflict, item: Any) -> bool:
    """The item still holds the new wording, and no reviewed English of it yet: a person's
    translation settles the conflict (the editor's, or a reviewed one from the memory)."""
    if not isinstance(item, Mapping) or not isinstance(item.get("ar"), str):
        return False  # the item is gone (a page regenerated later matches its successor)
    if normalise(item["ar"]) != normalise(str(conflict.generated["ar"])):
        return False  # the editor rewrote the Arabic: the English is theirs to check
    english = item.get("en")
    return not (isinstance(english, Mapping) and english.get("status") == "reviewed")


def still_generated(
    conflict: Conflict, generated: Mapping[str, Any], generated_body: str, body: str
) -> bool:
    """Whether the generator still says what it said when the conflict was found. A page this
    run regenerated keeps its earlier conflicts while it does (the new base is the generator's
    output, so the merge itself no longer sees them); otherwise this run's merge decided."""
    if conflict.key == BODY_KEY:  # and the editor's paragraphs are still in the page
        said, kept = paragraphs(generated_body), paragraphs(body)
        return all(p in said for p in paragraphs(str(conflict.generated or ""))) and all(
            p in kept for p in paragraphs(str(conflict.editor or ""))
        )
    if conflict.kind == ARABIC_CHANGED:
        return True  # the translation pass and the matcher decide (generator.translate.reworded)
    value = find(generated, tuple(conflict.key.split(".")))
    return same(None if value is MISSING else value, conflict.generated)


def newest(conflicts: Iterable[Conflict]) -> list[Conflict]:
    """One conflict per page, key and kind: the last one given (this run's over earlier)."""
    return list({(c.page, c.key, c.kind): c for c in conflicts}.values())


def write_conflicts(root: Path, conflicts: list[Conflict]) -> bool:
    """Write the open conflicts; no conflicts, no file."""
    path = root / CONFLICTS_FILE
    if not conflicts:
        existed = path.exists()
        path.unlink(missing_ok=True)
        return existed
    entries = CommentedSeq(c.to_data() for c in sorted(conflicts, key=lambda c: c.page))
    entries.yaml_set_start_comment(CONFLICTS_NOTE)
    return write_text_atomic(path, frontmatter.dump_yaml(entries))
