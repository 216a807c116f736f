"""``briefings review``: the review queue (``generator.collection.review_queue``) printed for
people, grouped by kind with clickable ``path:line``, or as JSON for tools."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .collection.review_queue import Queue
from .site.i18n import Strings

if TYPE_CHECKING:
    from rich.console import Console


def queue_json(queue: Queue) -> dict[str, Any]:
    """The queue as ``briefings review --json`` prints it, in English."""
    strings = Strings("en")
    return {
        "briefings": queue.briefings,
        "counts": {kind: len(items) for kind, items in queue.by_kind()},
        "items": [
            {
                "kind": i.kind,
                "page": i.page,
                "line": i.line,
                "briefing": i.briefing,
                "key": i.key,
                "why": i.why(strings),
                "url": i.url,
                # A conflict's texts, whole: what the editor compares.
                **({"values": i.params} if i.kind == "conflict" else {}),
            }
            for i in queue.items
        ],
    }


def print_queue(queue: Queue, console: Console, root: Path) -> None:
    """The queue grouped by kind; ``path:line`` relative to the current folder, so terminals and
    editors make it clickable (and a file:// hyperlink where the terminal supports them)."""
    from rich.markup import escape

    from .terminal import markup

    strings = Strings("en")
    count = len({i.page for i in queue.items})
    console.print(
        f"[bold]Review queue:[/bold] {len(queue.items)} item(s) in {count} of "
        f"{queue.briefings} briefing page(s)",
        soft_wrap=True,
    )
    for kind, items in queue.by_kind():
        console.print(f"\n[bold]{escape(strings['review_kind_' + kind])}[/bold] ({len(items)})")
        for item in items:
            path = (root / item.page).resolve()
            shown = os.path.relpath(path) if path.is_relative_to(Path.cwd()) else str(path)
            where = f"{shown}:{item.line}" if item.line else shown
            console.print(
                f"  [link={path.as_uri()}]{markup(where)}[/link]  [dim]{markup(item.key)}[/dim]  "
                f"{markup(item.why(strings))}",
                soft_wrap=True,
            )
    if not queue.items:
        console.print(strings.review_empty)
