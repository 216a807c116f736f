"""Session fixtures: one Chromium, one build of the sample site served under a sub-path."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from generator.frontmatter import read_page

from ..conftest import make_project
from .harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    HOST,
    LANG_ROOTS,
    REQUIRE_ENV,
    SUB_PATH,
    Tab,
    missing_browser,
    start_server,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@dataclass(frozen=True, slots=True)
class Site:
    root: Path
    base: str  # http://127.0.0.1:<port>/briefings-site/
    briefings: dict[str, dict[str, Any]]  # slug -> front matter, as the build read it

    def path(self, lang: str, kind: str, slug: str | None = None) -> str:
        """A page's path under the site root: kind is "home", "timeline", "year" (a year of
        the timeline) or "briefing"."""
        if kind == "briefing":
            return f"{LANG_ROOTS[lang]}briefings/{slug or next(iter(self.briefings))}/"
        pages = {"home": "", "timeline": "timeline/", "year": "timeline/2021/"}
        return LANG_ROOTS[lang] + pages[kind]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    reason = missing_browser()
    if reason:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{REQUIRE_ENV}=1 but the browser tests cannot run: {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The five sample articles, generated and built once, with SITE_URL under the sub-path."""
    root = make_project(tmp_path_factory.mktemp("browser") / "project")
    server = start_server(root / "site")
    base = f"http://{HOST}:{server.server_address[1]}{SUB_PATH}"
    try:
        result = subprocess.run(
            [sys.executable, "-m", "generator", "--project", str(root), "build"],
            capture_output=True,
            text=True,
            timeout=600,
            env={**os.environ, "SITE_URL": base},
        )
        assert result.returncode == 0, result.stdout + result.stderr
        pages = sorted((root / "docs" / "briefings").glob("*.md"))
        yield Site(root, base, {p.stem: read_page(p).data for p in pages})
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def tab(browser: Browser, site: Site) -> Iterator[Tab]:
    """A fresh desktop-sized tab; the test fails if anything went wrong on it."""
    context = browser.new_context(viewport=DESKTOP, service_workers="block")
    opened = Tab.open(context, site.base)
    try:
        yield opened
    finally:
        context.close()
    problems = opened.problems + [f"request left {HOST}: {url}" for url in opened.outside]
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
