"""The base of a page's three-way merge, committed beside the pages: ``generated/base/``.

``generated/base/<slug>.yml`` is the snapshot of what the generator wrote last for a page
(the front matter before translation, and the body paragraphs). A page regenerated after an
editor changed it is merged against it (:mod:`generator.merge`), so a merge also works on a
fresh clone after an edit made in GitHub's web editor.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import MarkedYAMLError

from . import frontmatter, merge
from .body_merge import merge_body
from .briefing_pages import OnDisk
from .context import Context
from .fsutil import write_text_atomic
from .text import paragraphs
from .translate import reworded

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


@dataclass(slots=True)
class Regenerated:
    path: Path
    data: CommentedMap | dict[str, Any]  # the page's front matter, merged
    body: str
    generated: dict[str, Any]  # what the generator made of the article: the next base
    generated_body: str


def read_base(ctx: Context, slug: str, warnings: list[str]) -> Snapshot | None:
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


def write_base(ctx: Context, item: Regenerated) -> bool:
    data = CommentedMap(front_matter=item.generated, body=paragraphs(item.generated_body))
    data.yaml_set_start_comment(BASE_NOTE.format(page=ctx.relative(item.path)))
    return write_text_atomic(
        ctx.root / BASE_DIR / f"{item.path.stem}.yml", frontmatter.dump_yaml(data)
    )


def regenerate(
    ctx: Context,
    page: OnDisk,
    item: Regenerated,
    warnings: list[str],
    earlier: list[merge.Conflict],
) -> list[merge.Conflict]:
    """Merge the new analysis into the page as the editor left it (in place). A reviewed
    translation whose Arabic the merge replaced becomes a conflict on the reworded item."""
    name = ctx.relative(page.path)
    base = read_base(ctx, page.path.stem, warnings)
    translated = reworded.reviewed(page.data, [c for c in earlier if c.page == name])
    conflicts = merge.merge_front_matter(
        name, base.front_matter if base else None, page.data, item.generated
    )
    item.body, body_conflicts = merge_body(
        name, base.paragraphs if base else None, page.body, item.generated_body
    )
    item.data = page.data
    return conflicts + body_conflicts + reworded.reworded(name, translated, page.data)
