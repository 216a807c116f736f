"""``briefings``: the command line. It parses arguments and calls library functions."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console

from . import __version__
from .collection.briefings import load_collection
from .config import TRANSLATOR_NAMES
from .context import Context
from .errors import BriefingError, FrontMatterError
from .generate import Summary, generate
from .lock import LockError, project_lock
from .site.build import build_site
from .terminal import json_printable, markup

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2

console = Console(stderr=True, highlight=False)


def _print_summary(summary: Summary) -> None:
    console.print(
        f"[bold]Summary:[/bold] {summary.read} article file(s) read "
        f"({summary.cached} unchanged since analysed), "
        f"{len(summary.written)} briefing(s) written, {len(summary.unchanged)} unchanged, "
        f"{len(summary.skipped)} skipped, {len(summary.warnings)} warning(s)",
        soft_wrap=True,
    )
    console.print(markup(summary.translation.line()), soft_wrap=True)
    for skipped in summary.skipped:
        console.print(
            f"  [red]skipped[/red] {markup(skipped.path)}: {markup(skipped.reason)}", soft_wrap=True
        )
    for warning in summary.warnings:
        console.print(f"  [yellow]warning[/yellow] {markup(warning)}", soft_wrap=True)
    if summary.conflicts:
        console.print(
            f"Conflicts: {len(summary.conflicts)} key(s) changed by both an editor and the "
            "generator; the editors' values were kept (listed in generated/conflicts.yml)",
            soft_wrap=True,
        )
    for conflict in summary.conflicts:
        console.print(f"  [yellow]conflict[/yellow] {markup(conflict)}", soft_wrap=True)


def run_generate(ctx: Context, force: bool, translator: str | None = None) -> int:
    def progress(path: Path, state: str) -> None:
        if state == "cached":  # counted in the summary: thousands of lines would say nothing
            return
        style = "red" if state == "skipped" else "green"
        console.print(f"  [{style}]{state:>8}[/{style}] {markup(path.name)}", soft_wrap=True)

    console.print(f"Reading articles from {markup(ctx.articles_dir)}", soft_wrap=True)
    summary = generate(ctx, force=force, translator_choice=translator, progress=progress)
    _print_summary(summary)
    return EXIT_OK if summary.ok else EXIT_ERRORS


def run_check(ctx: Context) -> int:
    try:
        collection = load_collection(ctx.docs_dir)
    except FrontMatterError as exc:
        for problem in exc.problems:
            console.print(f"[red]error[/red] {markup(problem)}", soft_wrap=True)
        console.print(f"{len(exc.problems)} problem(s) found.")
        return EXIT_ERRORS
    console.print(f"{len(collection.entries)} briefing(s) checked, no problems.")
    return EXIT_OK


def run_review(ctx: Context, as_json: bool) -> int:
    from .collection.review_queue import build_queue
    from .review import print_queue, queue_json

    queue = build_queue(ctx.root, ctx.docs_dir)
    if as_json:
        print(json_printable(json.dumps(queue_json(queue), ensure_ascii=False, indent=2)))
    else:
        print_queue(queue, Console(highlight=False), ctx.root)
    # A queue is work to do, not a failure: tools read --json, people read the list.
    return EXIT_OK


def run_build(
    ctx: Context, *, skip_generate: bool, force: bool, translator: str | None = None
) -> int:
    status = EXIT_OK if skip_generate else run_generate(ctx, force, translator)
    if run_check(ctx) != EXIT_OK:
        console.print("[red]Site not built:[/red] fix the front matter problems above.")
        return EXIT_ERRORS
    console.print("Building the Arabic and English sites ...")
    results = build_site(ctx.root)
    for result in results:
        for message in result.warnings:
            console.print(f"  [{result.language}] {markup(message)}", soft_wrap=True)
        if not result.ok:
            console.print(
                f"[red]{result.language} build failed:[/red] {markup(result.error)}", soft_wrap=True
            )
    if not all(r.ok for r in results):
        console.print("[red]Site not updated[/red]: the previous site/ is unchanged.")
        return EXIT_ERRORS
    console.print(
        f"Site built in {markup(ctx.root / 'site')} (Arabic at /, English at /en/).", soft_wrap=True
    )
    return status


def run_serve(ctx: Context, host: str, port: int, translator: str | None = None) -> int:
    from .serve import serve

    def rebuild() -> int:
        try:
            with _locked(ctx):
                return run_build(ctx, skip_generate=False, force=False, translator=translator)
        except LockError as exc:
            console.print(f"[yellow]Not rebuilt:[/yellow] {markup(exc)}", soft_wrap=True)
            return EXIT_ERRORS

    if rebuild() != EXIT_OK:
        console.print("[yellow]Serving the last good site; fix the errors above.[/yellow]")
    return serve(
        ctx,
        host,
        port,
        rebuild=rebuild,
        console=console,
    )


@contextmanager
def _locked(ctx: Context) -> Iterator[None]:
    """One writing run at a time per project (generator/lock.py); say what a killed run left."""
    with project_lock(ctx.root) as held:
        if held.stale_pid is not None or held.cleaned:
            who = f" (pid {held.stale_pid})" if held.stale_pid is not None else ""
            console.print(
                f"[yellow]note:[/yellow] a previous run{who} was interrupted; "
                f"{len(held.cleaned)} leftover temporary file(s) or folder(s) removed",
                soft_wrap=True,
            )
        yield


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="briefings",
        description="Turn Arabic news articles into a bilingual (Arabic/English) briefing site.",
    )
    main_parser.add_argument("--version", action="version", version=f"briefings {__version__}")
    main_parser.add_argument(
        "--project",
        type=Path,
        default=Path("."),
        help="project folder holding articles/, docs/ and mkdocs.yml (default: current folder)",
    )
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    gen = commands.add_parser("generate", help="analyse articles/ and write briefings to docs/")
    gen.add_argument("--force", action="store_true", help="rewrite briefings of unchanged articles")
    _translator_option(gen)

    bld = commands.add_parser("build", help="generate (when inputs changed), then build site/")
    bld.add_argument("--no-generate", action="store_true", help="build docs/ as it is")
    bld.add_argument("--force", action="store_true", help="rewrite briefings of unchanged articles")
    _translator_option(bld)

    srv = commands.add_parser("serve", help="build, then preview the site locally with rebuilds")
    srv.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    srv.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    _translator_option(srv)

    commands.add_parser("check", help="validate every briefing's front matter")

    rev = commands.add_parser("review", help="list what in the briefings needs a human")
    rev.add_argument("--json", action="store_true", help="print the queue as JSON, for tools")
    return main_parser


def _translator_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--translator",
        choices=TRANSLATOR_NAMES,
        help="translation engine for English fields (default: briefings.yml, else auto: "
        "the translation memory, then every engine that works)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        ctx = Context.for_project(args.project)
        if args.command == "generate":
            with _locked(ctx):
                return run_generate(ctx, args.force, args.translator)
        if args.command == "build":
            with _locked(ctx):
                return run_build(
                    ctx,
                    skip_generate=args.no_generate,
                    force=args.force,
                    translator=args.translator,
                )
        if args.command == "serve":
            return run_serve(ctx, args.host, args.port, args.translator)
        if args.command == "review":
            return run_review(ctx, args.json)
        return run_check(ctx)
    except BriefingError as exc:
        console.print(f"[red]error:[/red] {markup(exc)}", soft_wrap=True)
        return EXIT_ERRORS
    except KeyboardInterrupt:
        console.print("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
