"""Three-way merge of a page body (the Arabic text), paragraph by paragraph.

The same rule as the front matter's (:mod:`generator.merge`): a paragraph only the editor
changed stays, one only the generator changed takes the new text, and a stretch both changed
keeps the editor's and is reported as a :class:`~generator.merge.Conflict`.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from .merge import BODY_KEY, Conflict
from .text import paragraphs


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
