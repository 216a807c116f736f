"""The merge base of each page, ``generated/base/<slug>.yml``: what the generator wrote last.

Regenerating a page an editor changed is a three-way merge (:mod:`generator.merge`) with this
base. It is committed with the pages, so a merge also works on a fresh clone after an edit made
in GitHub's web editor. The conflicts the merge leaves are kept in ``generator/conflicts.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import MarkedYAMLError

from . import frontmatter, merge
from .context import Context
from .fsutil import write_text_atomic
from .text import paragraphs

BASE_DIR = Path("generated", "base")
BASE_NOTE = (
    "Written by `briefings generate`; do not edit. What it generated last for\n"
    "{page}: the front matter before translation, and the body paragraphs.\n"
    "It is the base of the three-way merge that keeps editors' changes on regeneration."
)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The base of a page's three-way merge."""

    front_matter: dict[str, Any]
    paragraphs: list[str] | None  # None: unknown, every body change is the editor's


class Generated(Protocol):
    """What a page's next base is made of (``generate.Regenerated``)."""

    path: Path
    generated: dict[str, Any]  # the front matter before translation
    generated_body: str


def read_base(ctx: Context, slug: str, warnings: list[str]) -> Snapshot | None:
    """The base of the page ``slug``; None when there is none (a new page) or it is unreadable."""
    path = ctx.root / BASE_DIR / f"{slug}.yml"
    try:
        data = frontmatter.load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (MarkedYAMLError, UnicodeDecodeError):
        data = None
    if not (isinstance(data, Mapping) and isinstance(data.get("front_matter"), Mapping)):
        warnings.append(f"{ctx.relative(path)}: unreadable; every change is kept as a conflict")
        return None
    body = data.get("body")
    kept = [str(p) for p in body] if isinstance(body, list) else None
    return Snapshot(merge.plain(data["front_matter"]), kept)


def write_base(ctx: Context, item: Generated) -> bool:
    """Keep what the generator made of a page as the base of its next merge."""
    data = CommentedMap(front_matter=item.generated, body=paragraphs(item.generated_body))
    data.yaml_set_start_comment(BASE_NOTE.format(page=ctx.relative(item.path)))
    return write_text_atomic(
        ctx.root / BASE_DIR / f"{item.path.stem}.yml", frontmatter.dump_yaml(data)
    )
