"""Built sites shared by the test modules: each is built once per test session.

Building the real site takes seconds, so modules that only read a built site share these
session fixtures (registered in conftest.py) instead of building their own copy.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html

from generator.cli import EXIT_OK, main
from generator.frontmatter import read_page, write_page

from .conftest import make_project

SITE_URL = "https://example.org/briefings-site/"
# A gist as the gist stage writes it: Arabic sentences in reading order, English per sentence.
GIST = [
    {
        "ar": "نفى وزير الدفاع الأمريكي مارك إسبر وجود قرار بسحب القوات الأمريكية من العراق.",
        "paragraph": 1,
        "position": 1,
        "en": {
            "text": "US Defense Secretary Mark Esper denied any decision to withdraw US troops "
            "from Iraq.",
            "status": "reviewed",
            "engine": "memory",
        },
    },
    {
        "ar": "وأفادت مسودة الخطاب بأن الولايات المتحدة ستغير أماكن قواتها في الأيام المقبلة.",
        "paragraph": 2,
        "position": 2,
        "en": {"status": "pending"},
    },
]
# ASCII quotes, an ampersand and angle brackets: what must survive into attributes and XML.
TRICKY_HEADLINE = 'إسبر: "لا قرار على الإطلاق بمغادرة العراق" & <تفاصيل>'


def timeline_pages(language_root: Path) -> dict[str, html.HtmlElement]:
    """The timeline's year pages (and its undated page) of one language's built site, by URL
    ("timeline/2021/"), in order."""
    return {
        f"timeline/{path.parent.name}/": html.fromstring(path.read_bytes())
        for path in sorted((language_root / "timeline").glob("*/index.html"))
    }


def run_cli(root: Path, *args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    """``briefings --project <root> <args>`` in a subprocess, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(root), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def build_sample_site(root: Path) -> Path:
    result = run_cli(root, "build")
    assert result.returncode == 0, result.stderr
    return root


def generated_project(base: Path) -> Path:
    """The five sample articles generated into briefings; one given a gist and a tricky title."""
    root = make_project(base / "project")
    assert main(["--project", str(root), "generate"]) == EXIT_OK
    path = root / "docs/briefings/001-ea719c2dc020a5b8.md"
    page = read_page(path)
    page.data["gist"] = GIST
    page.data["headline"]["ar"] = TRICKY_HEADLINE
    write_page(path, page.data, page.body)
    return root


def build_copy(project: Path, target: Path, **environ: str) -> Path:
    """Build a copy of ``project`` (no regeneration) with only the given build variables."""
    root = shutil.copytree(project, target)
    with pytest.MonkeyPatch.context() as patch:
        for name in ("SITE_URL", "SOURCE_DATE_EPOCH"):
            patch.delenv(name, raising=False)
        for name, value in environ.items():
            patch.setenv(name, value)
        status = main(["--project", str(root), "build", "--no-generate"])
    assert status == EXIT_OK
    return root


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five sample articles generated and built, as `briefings build` does (read only)."""
    return build_sample_site(make_project(tmp_path_factory.mktemp("sample-site") / "project"))


@pytest.fixture(scope="session")
def tricky_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_project(tmp_path_factory.mktemp("tricky"))


@pytest.fixture(scope="session")
def tricky_site_absolute(tricky_project: Path) -> Path:
    """The tricky project built with a SITE_URL (absolute links in feeds and sitemaps)."""
    return build_copy(tricky_project, tricky_project.parent / "absolute", SITE_URL=SITE_URL)


@pytest.fixture(scope="session")
def tricky_site_relative(tricky_project: Path) -> Path:
    """The tricky project built without a SITE_URL."""
    return build_copy(tricky_project, tricky_project.parent / "relative")
