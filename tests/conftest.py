"""Shared fixtures: a throwaway copy of the project to generate and build in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE_ARTICLES = sorted((REPO / "articles").glob("*.txt"))
# What a project needs besides its articles: the site configuration and the templates.
PROJECT_FILES = ("mkdocs.yml", "mkdocs.en.yml", "templates", "docs/assets")


def make_project(target: Path, articles: list[Path] | None = None) -> Path:
    """A project folder with the repository's configuration and the given articles."""
    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / "articles").mkdir()
    for article in SAMPLE_ARTICLES if articles is None else articles:
        shutil.copy2(article, target / "articles" / article.name)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project (configuration, templates, no articles)."""
    return make_project(tmp_path / "project", articles=[])


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    """A project holding the five sample articles."""
    return make_project(tmp_path / "project")
