"""Hostile files in ``articles/``: links and special files are refused, never followed or
opened; each refusal is one line of the run summary naming the file, and the other articles
are published as usual."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import ingest
from generator.context import Context
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
