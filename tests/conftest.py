"""Shared fixtures: a throwaway copy of the project to generate and build in."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

from .fake_translation_services import FakeGoogle, make_tls
from .network_guard import no_internet

# No test may reach the internet: runs (and the subprocesses they start) translate from the
# translation memory only, unless a test points an engine at a local fake service.
os.environ["BRIEFINGS_TRANSLATOR"] = "none"

REPO = Path(__file__).resolve().parent.parent
# Hypothesis keeps its examples and Unicode tables in .hypothesis/ of the working folder, the
# repository; tests write nothing there, so they go to the system's temporary folder.
set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "briefings-hypothesis"))
SAMPLE_ARTICLES = sorted((REPO / "articles").glob("*.txt"))
# What a project needs besides its articles: the site configuration and the templates.
PROJECT_FILES = ("mkdocs.yml", "mkdocs.en.yml", "templates", "docs/assets")
# The sample articles' translations (reviewed), so sample projects read as the real site does.
SAMPLE_MEMORY = "translation-memory.yml"


def make_project(target: Path, articles: list[Path] | None = None) -> Path:
    """A project folder with the repository's configuration and the given articles."""
    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    if (REPO / SAMPLE_MEMORY).is_file():
        shutil.copy2(REPO / SAMPLE_MEMORY, target / SAMPLE_MEMORY)
    (target / "articles").mkdir()
    for article in SAMPLE_ARTICLES if articles is None else articles:
        shutil.copy2(article, target / "articles" / article.name)
    return target


def project_files(root: Path) -> dict[Path, bytes]:
    """The project's files and their bytes; not its caches (``.cache/``, git-ignored), which
    any run may fill."""
    return {
        path: path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".cache" not in path.relative_to(root).parts
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project (configuration, templates, no articles)."""
    return make_project(tmp_path / "project", articles=[])


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    """A project holding the five sample articles."""
    return make_project(tmp_path / "project")


# What tests may leave in the repository: the interpreter's and the test tools' own caches.
_TOOL_CACHES = {
    ".git",
    ".venv",
    "venv",
    "__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
}


def repository_state() -> dict[str, tuple[int, int]]:
    """Every file of the repository but the tools' caches, with its size and modification time."""
    state: dict[str, tuple[int, int]] = {}
    for folder, subfolders, names in os.walk(REPO):
        subfolders[:] = [name for name in subfolders if name not in _TOOL_CACHES]
        for name in names:
            path = Path(folder) / name
            info = path.lstat()
            state[path.relative_to(REPO).as_posix()] = (info.st_size, info.st_mtime_ns)
    return state


@pytest.fixture(scope="session", autouse=True)
def _tests_write_nothing_into_the_repository() -> Iterator[None]:
    """Every test is hermetic: it works in temporary folders, never in the repository."""
    before = repository_state()
    yield
    after = repository_state()
    changed = sorted(
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    )
    assert not changed, f"the test session changed files in the repository: {changed[:20]}"


@pytest.fixture(autouse=True)
def _tests_stay_on_this_machine(no_internet: None) -> None:
    """Every test runs under the network guard: no test may reach the internet."""


@pytest.fixture(scope="session")
def tls(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, str]:
    """A throwaway CA and server context for the HTTPS fake services (see make_tls)."""
    return make_tls(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def google(tls: tuple[Any, str]) -> Iterator[FakeGoogle]:
    """The fake Google Translate service on 127.0.0.1, over HTTPS."""
    with FakeGoogle(tls[0]) as service:
        yield service  # type: ignore[misc]


# Built sites shared across modules (each built once per session); see tests/sites.py.
from .sites import (  # noqa: E402
    sample_site,
    tricky_project,
    tricky_site_absolute,
    tricky_site_relative,
)

__all__ = [
    "no_internet",
    "sample_site",
    "tricky_project",
    "tricky_site_absolute",
    "tricky_site_relative",
]
