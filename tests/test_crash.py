"""Crash safety: a run killed with SIGKILL at any point leaves docs/ and site/ whole.

Each run is a real ``briefings`` process in its own process group; ``BRIEFINGS_CRASH_AT``
(generator/fsutil.py) kills the whole group at a named point, as ``kill -9`` or a power cut
would, so the points are exact rather than timed. After the kill every page still parses and
validates and is either its old or its new version, ``site/`` is a complete site, and the next
run finishes and produces exactly what an uninterrupted run produces.
"""

from __future__ import annotations

import ast
import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator.collection.briefings import load_collection
from generator.fsutil import CRASH_ENV, TEMP_NAME
from generator.lock import LOCK_FILE
from generator.site import swap
from generator.site.manifest import MANIFESTS

from .conftest import REPO, SAMPLE_ARTICLES, make_project

EPOCH = "1700000000"
ADDED = "\nوقال متحدث باسم التحالف الدولي إن المشاورات مستمرة مع الحكومة العراقية.\n"
CHANGED = [article.name for article in SAMPLE_ARTICLES[:3]]


def run(root: Path, *args: str, crash_at: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    env.pop(CRASH_ENV, None)
    if crash_at:
        env[CRASH_ENV] = crash_at
    return subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(root), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,  # a guard against a hang, not a timing
        start_new_session=True,  # the crash hook kills this run's process group only
    )


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its checksum."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def pages(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "docs/briefings").glob("*.md"))}


def change_articles(root: Path) -> None:
    """Three articles gain a paragraph: the next run rewrites three pages and the site."""
    for name in CHANGED:
        path = root / "articles" / name
        path.write_text(path.read_text(encoding="utf-8") + ADDED, encoding="utf-8")


def leftovers(root: Path) -> list[Path]:
    temp = [p for p in root.rglob(".*") if TEMP_NAME.match(p.name)]
    return temp + list(root.glob(f"{swap.STAGING_PREFIX}*"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project, generated and built: the state every crash starts from."""
    root = make_project(tmp_path_factory.mktemp("built") / "project")
    result = run(root, "build")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def expected(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What an uninterrupted run makes of the changed articles."""
    root = tmp_path_factory.mktemp("expected") / "project"
    shutil.copytree(built, root)
    change_articles(root)
    result = run(root, "build")
    assert result.returncode == 0, result.stderr
    return root


def copy_of(built: Path, folder: Path, mode: str) -> Path:
    """A copy of the built project with three changed articles. ``incremental``: the next
    build updates its site (a hard-linked copy of the old site, see generator/site/build.py);
    ``full``: it has no manifests, so the next build makes the site from scratch."""
    root = folder / "project"
    shutil.copytree(built, root)  # times kept: the manifests still describe the copied site
    if mode == "full":
        for manifest in (root / MANIFESTS).glob("manifest-*.json"):
            manifest.unlink()
    change_articles(root)
    return root


@pytest.mark.parametrize(
    ("command", "crash_at", "mode", "what"),
    [
        (["generate"], "write:1", "full", "as the first page is renamed into place"),
        (["generate"], "write:3", "full", "after two pages are written"),
        (["build"], "write:2", "full", "while generating, before the site build"),
        (["build"], "page:3", "full", "in a worker, in the middle of the MkDocs build"),
        (["build"], "page:3", "incremental", "in the middle of an incremental build"),
        (["build"], "page:40", "full", "late in the MkDocs build"),
        (["build"], "swap", "full", "right after the new site is swapped in"),
        (["build"], "swap", "incremental", "right after an updated site is swapped in"),
    ],
)
def test_a_killed_run_leaves_docs_and_site_whole_and_the_next_run_completes(
    built: Path,
    expected: Path,
    tmp_path: Path,
    command: list[str],
    crash_at: str,
    mode: str,
    what: str,
) -> None:
    project = copy_of(built, tmp_path, mode)
    old_pages, new_pages = pages(built), pages(expected)
    old_site, new_site = tree(built / "site"), tree(expected / "site")

    killed = run(project, *command, crash_at=crash_at)
    assert killed.returncode == -signal.SIGKILL, f"not killed {what}: {killed.stderr}"

    # Every page parses and validates, and is its old or its new version, never a mix.
    assert len(load_collection(project / "docs").entries) == len(old_pages)
    for name, data in pages(project).items():
        assert data in (old_pages[name], new_pages[name]), name
    # site/ is a whole site: the old one, or (killed after the swap) the new one.
    assert tree(project / "site") in (old_site, new_site)
    if crash_at != "swap":
        assert tree(project / "site") == old_site

    again = run(project, "build")
    assert again.returncode == 0, again.stderr
    assert "was interrupted" in " ".join(again.stderr.split())
    assert pages(project) == new_pages
    assert tree(project / "site") == new_site
    assert leftovers(project) == []
    assert (project / LOCK_FILE).read_text() == ""


def test_a_site_moved_aside_by_the_two_rename_fallback_is_put_back(tmp_path: Path) -> None:
    # Where RENAME_EXCHANGE is missing the swap takes two renames; a kill between them leaves
    # the live site in <staging>/previous, and the next build puts it back before anything.
    site = tmp_path / "site"
    moved = tmp_path / f"{swap.STAGING_PREFIX}99999999-a1b2c3" / swap.PREVIOUS
    (moved / "en").mkdir(parents=True)
    (moved / "index.html").write_text("<html lang=ar>", encoding="utf-8")
    (moved / "en" / "index.html").write_text("<html lang=en>", encoding="utf-8")
    swap.recover(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "<html lang=ar>"
    assert (site / "en" / "index.html").read_text(encoding="utf-8") == "<html lang=en>"
    assert not list(tmp_path.glob(f"{swap.STAGING_PREFIX}*"))


def test_the_two_rename_fallback_still_replaces_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(swap, "exchange", lambda a, b: False)
    site, new, previous = tmp_path / "site", tmp_path / "new", tmp_path / "previous"
    site.mkdir()
    (site / "old.html").write_text("old", encoding="utf-8")
    new.mkdir()
    (new / "new.html").write_text("new", encoding="utf-8")
    swap.replace_dir(new, site, previous)
    assert [p.name for p in site.iterdir()] == ["new.html"]
    assert [p.name for p in previous.iterdir()] == ["old.html"]


def test_the_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "from-a").touch()
    (b / "from-b").touch()
    if not swap.exchange(a, b):
        pytest.skip("this kernel or file system has no RENAME_EXCHANGE (the fallback is tested)")
    assert [p.name for p in a.iterdir()] == ["from-b"]
    assert [p.name for p in b.iterdir()] == ["from-a"]


# Modules that may write files without generator.fsutil, and why.
OWN_WRITERS = {
    "generator/fsutil.py": "the atomic writer itself",
    "generator/cache.py": "cache entries: its own temporary file and rename, no fsync (an "
    "entry lost to a power cut is rebuilt)",
}


def _writes(call: ast.Call) -> str | None:
    """The name of a file-writing call (``x.write_text``, ``open(p, "w")``), else None."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if name in {"write_text", "write_bytes"}:
        return str(name)
    if name in {"open", "fdopen"}:
        modes = call.args[1:2] + [k.value for k in call.keywords if k.arg == "mode"]
        for mode in modes:
            text = mode.value if isinstance(mode, ast.Constant) else None
            if isinstance(text, str) and set(text) & set("wax+"):
                return f"{name}(..., {text!r})"
    return None


def test_every_file_is_written_through_the_atomic_writer() -> None:
    offenders = []
    for path in sorted((REPO / "generator").rglob("*.py")):
        name = path.relative_to(REPO).as_posix()
        if name in OWN_WRITERS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and (call := _writes(node)):
                offenders.append(f"{name}:{node.lineno}: {call}")
    assert offenders == [], "write through generator.fsutil.write_*_atomic instead"
