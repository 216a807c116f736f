"""The paragraphs of a page body: blocks separated by a blank line."""

from __future__ import annotations

import re

# A blank line may hold spaces or tabs (Markdown reads it as blank too).
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def paragraphs(body: str, *, join_lines: bool = False) -> list[str]:
    """The non-empty paragraphs of ``body``, stripped.

    ``join_lines`` also turns every run of whitespace inside a paragraph into one space. Pages
    show and index a paragraph as one line, so rendering asks for it; the three-way merge
    compares paragraphs as the editor wrote them and keeps their line breaks.
    """
    blocks = (p.strip() for p in _BLANK_LINE.split(body.strip()))
    if join_lines:
        return [" ".join(p.split()) for p in blocks if p]
    return [p for p in blocks if p]
