"""What the browser tests stand on: Chromium, the site served under a sub-path, a guarded tab.

Only Debian's Chromium is used (Playwright drives it through ``executable_path``); nothing here
downloads a browser. Every tab records console errors, page errors, failed local responses and
any request that would leave 127.0.0.1 (those are aborted, never sent).
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Response, Route

CHROMIUM = os.environ.get("BRIEFINGS_CHROMIUM", "/usr/bin/chromium")
# Set by .ci/run: there a missing browser is a failure, not a skip.
REQUIRE_ENV = "BRIEFINGS_REQUIRE_BROWSER"
ARTIFACTS_ENV = "BRIEFINGS_ARTIFACTS"
HOST = "127.0.0.1"
# A GitHub project page lives at /<repo>/: serving the site there catches root-absolute links.
SUB_PATH = "/briefings-site/"
# Flags known to work for Debian's Chromium in a container: no sandbox (often running as
# root), no GPU, and none of the background traffic (updates, sync, QUIC probes).
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
# Wide enough for Material to show both sidebars (navigation and table of contents).
DESKTOP = {"width": 1400, "height": 900}
LANG_ROOTS = {"ar": "", "en": "en/"}
WAIT_MS = 5_000


def missing_browser() -> str | None:
    """Why the browser tests cannot run on this machine, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return 'Playwright is not installed (pip install -c constraints.txt -e ".[test]")'
    if not os.access(CHROMIUM, os.X_OK):
        return (
            f"no Chromium at {CHROMIUM}; enable the browser tests with "
            "`sudo apt-get install chromium` (or set BRIEFINGS_CHROMIUM to its path)"
        )
    return None


def artifacts_dir() -> Path:
    """Where screenshots go: $BRIEFINGS_ARTIFACTS, else the system's temporary folder (tests
    write nothing into the repository)."""
    configured = os.environ.get(ARTIFACTS_ENV)
    default = Path(tempfile.gettempdir()) / "briefings-test-artifacts"
    folder = Path(configured) if configured else default
    folder = folder / "browser"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class SubPathHandler(SimpleHTTPRequestHandler):
    """Serves ``site/`` only under SUB_PATH, as GitHub Pages serves a project page.

    A link that forgets the sub-path gets a 404 here instead of silently working.
    """

    def send_head(self) -> Any:
        if not urlsplit(self.path).path.startswith(SUB_PATH):
            self.send_error(404, "outside the site's sub-path")
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        # The directory redirect (/timeline -> /timeline/) still uses self.path, with the prefix.
        return super().translate_path(urlsplit(path).path[len(SUB_PATH) - 1 :])

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


def start_server(site_dir: Path) -> ThreadingHTTPServer:
    """A threaded server for ``site_dir`` (which may not exist yet) on a free local port."""

    def handler(*args: Any) -> SubPathHandler:
        return SubPathHandler(*args, directory=str(site_dir))

    server = ThreadingHTTPServer((HOST, 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# No slots: Playwright caches a wrapper on the object of every bound method used as a handler.
@dataclass
class Tab:
    """One browser page on the served site, with everything that went wrong on it."""

    page: Page
    base: str
    problems: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, context: BrowserContext, base: str) -> Tab:
        # Routing on the context also sees requests made by workers (Material's search).
        tab = cls(context.new_page(), base)
        context.route("**/*", tab._route)
        tab.page.on("console", tab._console)
        tab.page.on("pageerror", lambda exc: tab.problems.append(f"page error: {exc}"))
        tab.page.on("response", tab._response)
        return tab

    def _route(self, route: Route) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme in ("data", "blob") or parts.hostname == HOST:
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort("blockedbyclient")

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            self.problems.append(f"console error: {message.text} ({where})")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def goto(self, path: str) -> None:
        """Open a page given by its path under the site root ("en/timeline/")."""
        response = self.page.goto(self.base + path)
        assert response is not None and response.ok, f"{path}: {response and response.status}"

    def path(self) -> str:
        """The current page's path under the site root, with its fragment."""
        url = unquote(self.page.url)
        assert url.startswith(self.base), f"left the site's sub-path: {url}"
        return url[len(self.base) :]

    def click_to(self, selector: str, expected_path: str) -> None:
        """Click a link and wait until the browser shows ``expected_path`` (with fragment)."""
        self.page.locator(selector).first.click()
        self.page.wait_for_url(self.base + expected_path, timeout=WAIT_MS)

    def switch_language(self) -> None:
        # The switcher is a hover menu in the header: open it as a reader does, then click.
        self.page.hover(".md-header__option:has(a.language-switch)")
        self.page.locator("a.language-switch").click()
        self.page.wait_for_load_state()

    def assert_visible_below_header(self, element_id: str) -> None:
        """The element exists and its top is on screen, not hidden under the sticky header."""
        target = self.page.locator(f'[id="{element_id}"]')
        assert target.count() == 1, f"no element with id {element_id!r} on {self.path()}"
        self.page.wait_for_function(
            """id => {
                const box = document.getElementById(id).getBoundingClientRect();
                const header = document.querySelector('.md-header');
                const top = header ? header.getBoundingClientRect().bottom : 0;
                return box.height > 0 && box.top >= top - 1 && box.top < window.innerHeight;
            }""",
            arg=element_id,
            timeout=WAIT_MS,
        )

    def settle(self) -> str:
        """Wait for what loads after "load": the fonts, and the search worker with its index.

        Returns the search box's placeholder message, which replaces "initialising" only once
        the worker has loaded its index (so its errors, if any, have been reported by then).
        """
        self.page.evaluate("document.fonts.ready.then(() => true)")
        placeholder: str = self.page.evaluate(
            "JSON.parse(document.getElementById('__config').textContent)"
            ".translations['search.result.placeholder']"
        )
        self.page.wait_for_function(f"p => {_META} === p", arg=placeholder, timeout=WAIT_MS)
        return placeholder

    def search(self, query: str) -> set[str]:
        """Type ``query`` into the site's search; the briefing slugs among the results."""
        placeholder = self.settle()
        box = self.page.locator("input.md-search__input")
        box.fill(query)
        box.press("End")  # Material searches on key events; fill() alone sends none
        self.page.wait_for_function(f"p => {_META} !== p", arg=placeholder, timeout=WAIT_MS)
        hrefs = self.page.locator("a.md-search-result__link").evaluate_all(
            "links => links.map(a => a.href)"
        )
        return {m.group(1) for h in hrefs if (m := _BRIEFING_URL.search(urlsplit(h).path))}


_BRIEFING_URL = re.compile(r"/briefings/([^/]+)/$")
_META = "document.querySelector('.md-search-result__meta').textContent.trim()"
