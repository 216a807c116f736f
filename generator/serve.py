"""``briefings serve``: preview the built site (both languages) and rebuild when inputs change.

MkDocs' own ``serve`` previews one language only, so the language switcher could not be
followed; this serves the assembled ``site/`` and polls the inputs instead.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from rich.console import Console

from .context import Context

WATCHED = ("articles", "docs", "templates", "mkdocs.yml", "mkdocs.en.yml")
POLL_SECONDS = 1.0


def _files(root: Path) -> Iterator[Path]:
    for name in WATCHED:
        path = root / name
        if path.is_file():
            yield path
        elif path.is_dir():
            yield from (p for p in path.rglob("*") if p.is_file())


def snapshot(root: Path) -> dict[Path, float]:
    """Modification times of every watched input (cheap enough for thousands of files)."""
    stamps = {}
    for path in _files(root):
        try:
            stamps[path] = path.stat().st_mtime
        except FileNotFoundError:  # removed between listing and stat
            continue
    return stamps


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


def serve(
    ctx: Context, host: str, port: int, *, rebuild: Callable[[], int], console: Console
) -> int:
    handler = functools.partial(_QuietHandler, directory=str(ctx.root / "site"))
    server = ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    console.print(f"Serving on http://{host}:{port}/ (English: /en/). Ctrl+C to stop.")
    seen = snapshot(ctx.root)
    try:
        while True:
            time.sleep(POLL_SECONDS)
            now = snapshot(ctx.root)
            if now != seen:
                console.print("Change detected, rebuilding ...")
                rebuild()
                seen = snapshot(ctx.root)
    except KeyboardInterrupt:
        console.print("Stopped.")
        return 0
    finally:
        server.shutdown()
