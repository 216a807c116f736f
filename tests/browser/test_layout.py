"""Arabic pages are right-to-left and mirror the English layout (what only a browser shows)."""

from __future__ import annotations

import pytest

from .conftest import Site
from .harness import Tab


def centre(tab: Tab, selector: str) -> float:
    box = tab.page.locator(selector).first.bounding_box()
    assert box is not None and box["width"] > 0, f"{selector} is not displayed on {tab.path()}"
    return box["x"] + box["width"] / 2


@pytest.mark.parametrize("kind", ["home", "timeline", "briefing"])
@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("en", "ltr")])
def test_direction_and_sidebar_sides(
    tab: Tab, site: Site, lang: str, direction: str, kind: str
) -> None:
    tab.goto(site.path(lang, kind))
    declared = tab.page.evaluate(
        "() => [document.documentElement.lang, document.documentElement.dir,"
        " getComputedStyle(document.querySelector('.md-content')).direction]"
    )
    assert declared == [lang, direction, direction]
    content = centre(tab, ".md-content")
    navigation = centre(tab, ".md-sidebar--primary")
    # Right-to-left: the navigation leads on the right, the table of contents trails on the left.
    assert (navigation > content) == (direction == "rtl")
    if kind != "home":  # the home page may legitimately drop its table of contents
        toc = centre(tab, ".md-sidebar--secondary")
        assert (toc < content) == (direction == "rtl")
