"""Hostile files in ``articles/``: links and special files are refused, never followed or
opened; each refusal is one line of the run summary naming the file, and the other articles
are published as usual."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import ingest
from generator.context import Context
from generator.generate import generate
from generator.pipeline import Skipped, analyse
from generator.regular import NotRegularFile, read_regular

from .conftest import SAMPLE_ARTICLES, make_project

SECRET = "hunter2-token-d1c8e7"
TITLE = "الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق"
LEAD = (
    "نفى وزير الدفاع الأمريكي مارك إسبر مساء أمس الاثنين وجود خطط لانسحاب القوات "
    "الأمريكية من العراق، وقال إن القوات باقية لمحاربة تنظيم داعش."
)
REFUSED = "not a regular file; only regular files inside articles/ are read"


def published_files(root: Path) -> list[Path]:
    return [
        path
        for folder in ("site", "docs", "generated")
        for path in (root / folder).rglob("*")
        if path.is_file()
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs symbolic links and named pipes")
def test_links_and_special_files_in_articles_are_refused_and_nothing_of_them_published(
    tmp_path: Path,
) -> None:
    root = make_project(tmp_path / "project")
    articles = root / "articles"
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "credentials.txt"
    secret.write_text(f"{TITLE}\n\n{LEAD}\n\n{SECRET}\n", encoding="utf-8")
    os.symlink(secret, articles / "secret-link.txt")
    # A link to a file inside articles/ is refused too: the rule is about the file, not a path.
    os.symlink(articles / SAMPLE_ARTICLES[0].name, articles / "inner-link.txt")
    os.symlink(outside, articles / "folder-link.md")
    os.mkfifo(articles / "pipe.txt")  # opened for reading, it would block the run forever
    # A regular article whose sidecar is a link to the secret.
    (articles / "with-sidecar.txt").write_text(
        f"{TITLE} مجدداً\n\n{LEAD} وأضاف أن الانسحاب غير مطروح.\n", encoding="utf-8"
    )
    os.symlink(secret, articles / "with-sidecar.meta.yml")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(root), "build"],
        capture_output=True,
        text=True,
        timeout=600,  # a guard against a hang on the pipe
    )
    out = " ".join(result.stderr.split())  # long lines are wrapped on a narrow terminal
    assert result.returncode == 1, out  # some inputs were skipped, the rest published
    for name in ("secret-link.txt", "inner-link.txt", "folder-link.md"):
        assert f"skipped {articles / name}: file is a symbolic link, {REFUSED}" in out, name
    assert f"skipped {articles / 'pipe.txt'}: file is a named pipe (FIFO), {REFUSED}" in out
    sidecar = "sidecar with-sidecar.meta.yml is a symbolic link, not a regular file"
    assert f"skipped {articles / 'with-sidecar.txt'}: {sidecar}" in out
    assert "Traceback" not in out
    assert f"{len(SAMPLE_ARTICLES)} briefing(s) written" in out
    assert "Site built in" in out
    for path in published_files(root):
        assert SECRET.encode() not in path.read_bytes(), path


def test_a_fifo_is_never_opened(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    with pytest.raises(NotRegularFile) as refused:
        read_regular(pipe)
    assert refused.value.kind == "a named pipe (FIFO)"
    assert ingest.discover(tmp_path) == [pipe]  # found, so that the summary can name it


def test_an_article_swapped_for_a_link_after_discovery_is_refused(
    tmp_path: Path, project: Path
) -> None:
    # The check is on the file opened, not on a name looked at earlier.
    ctx = Context.for_project(project)
    target = tmp_path / "target.txt"
    target.write_text(f"{TITLE}\n\n{LEAD}\n{SECRET}\n", encoding="utf-8")
    path = ctx.articles_dir / "story.txt"
    path.write_text(f"{TITLE}\n\n{LEAD}\n", encoding="utf-8")
    assert ingest.discover(ctx.articles_dir) == [path]
    path.unlink()
    os.symlink(target, path)
    result = analyse(path, ctx)
    assert isinstance(result, Skipped)
    assert result.reason.startswith(f"file is a symbolic link, {REFUSED}")


# --- the time cap holds inside C code ---------------------------------------------------------


def many_attributes_page(count: int) -> str:
    """A page lxml takes quadratic time on: ``count`` attributes on one tag (40,000: some 30 s
    in one call into C, which a signal handler cannot interrupt)."""
    attributes = " ".join(f"a{i}=x" for i in range(count))
    return f"<html><body><div {attributes}><h1>{TITLE}</h1><p>{LEAD}</p></div></body></html>"


def test_html_extraction_is_stopped_at_the_stage_cap_and_the_other_articles_are_written(
    project: Path,
) -> None:
    ctx = Context.for_project(project)
    ctx.max_stage_seconds = 2.0
    hostile = ctx.articles_dir / "attributes.html"
    hostile.write_text(many_attributes_page(40_000), encoding="utf-8")
    fine = ctx.articles_dir / "fine.html"
    fine.write_text(
        f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>"
        f"<p>{LEAD}</p><p>{LEAD}</p></article></body></html>",
        encoding="utf-8",
    )
    started = time.monotonic()
    result = analyse(hostile, ctx)
    elapsed = time.monotonic() - started
    assert result == Skipped(
        hostile, "stage 'read' took longer than 2 s, the time cap per stage; skipped"
    )
    assert elapsed < 15, elapsed  # generous: the cap is 2 s, the page alone takes 30 s or more
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    summary = generate(ctx)
    assert [s.path for s in summary.skipped] == [hostile]
    assert len(summary.written) == 1  # fine.html
    written = next(ctx.briefings_dir.glob("*.md")).read_text(encoding="utf-8")
    assert "مارك إسبر" in written


def test_an_html_extraction_that_dies_is_reported_not_raised(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What the OOM killer does to the extraction: SIGKILL in the middle of the work.
    ctx = Context.for_project(project)
    path = ctx.articles_dir / "killed.html"
    path.write_text(f"<html><body><h1>{TITLE}</h1><p>{LEAD}</p></body></html>", "utf-8")

    def killed(path: Path, html: str) -> tuple[str, dict[str, str]]:
        os.kill(os.getpid(), signal.SIGKILL)
        raise AssertionError("unreachable")

    monkeypatch.setattr(ingest, "extract_html", killed)
    assert analyse(path, ctx) == Skipped(
        path, "the HTML extraction was killed by SIGKILL, perhaps out of memory; skipped"
    )
