"""Every page loads cleanly from 127.0.0.1 alone; screenshots of the main pages are kept."""

from __future__ import annotations

import pytest

from .conftest import Site
from .harness import HOST, LANG_ROOTS, Tab, artifacts_dir

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("lang", list(LANG_ROOTS))
def test_no_console_error_and_no_request_leaves_localhost(tab: Tab, site: Site, lang: str) -> None:
    paths = [site.path(lang, kind) for kind in ("home", "timeline", "year")]
    paths += [site.path(lang, "briefing", slug) for slug in site.briefings]
    for path in paths:
        tab.goto(path)
        tab.settle()
    assert tab.problems == []
    assert tab.outside == [], f"requests left {HOST}"


def test_the_guard_catches_an_outside_request(tab: Tab, site: Site) -> None:
    """Without this, an empty list of outside requests could mean the guard sees nothing."""
    tab.goto(site.path("ar", "home"))
    # .invalid never resolves (RFC 2606), and the guard aborts the request before it is sent.
    tab.page.evaluate("fetch('http://example.invalid/font.woff2').catch(() => null)")
    assert tab.outside == ["http://example.invalid/font.woff2"]
    tab.outside.clear()
    tab.problems = [p for p in tab.problems if "example.invalid" not in p]


@pytest.mark.parametrize("kind", ["home", "briefing", "timeline", "year"])
@pytest.mark.parametrize("lang", list(LANG_ROOTS))
def test_screenshot(tab: Tab, site: Site, lang: str, kind: str) -> None:
    tab.goto(site.path(lang, kind))
    tab.settle()
    target = artifacts_dir() / f"{lang}-{kind}.png"
    target.unlink(missing_ok=True)
    tab.page.screenshot(path=str(target), full_page=True)
    assert target.read_bytes().startswith(PNG_SIGNATURE)
