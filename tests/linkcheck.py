"""Resolve every internal link and anchor of a built site (no network, no external tool)."""

from __future__ import annotations

import posixpath
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html


@cache
def _anchors(path: Path) -> frozenset[str]:
    return frozenset(html.fromstring(path.read_bytes()).xpath("//@id | //a/@name"))


def _target(site: Path, page: Path, href: str, base: str) -> Path | None:
    href = unquote(href)
    if href.startswith("/"):  # root-absolute: only valid under the path the site is served at
        if not href.startswith(base):
            return None
        rel = posixpath.normpath(href[len(base) :] or ".")
    else:
        rel = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), href))
    if rel.startswith(".."):
        return None
    candidate = site / rel
    return candidate / "index.html" if candidate.is_dir() else candidate


def broken_links(site: Path, base: str = "/") -> list[str]:
    """Every internal href or src that leads nowhere, as 'page: href (reason)'.

    ``base`` is the URL path the site is served under ("/" or "/<repo>/" on a project page).
    """
    problems = []
    for page in sorted(site.rglob("*.html")):
        tree = html.fromstring(page.read_bytes())
        for _element, _attribute, link, _ in tree.iterlinks():
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:")):
                continue
            where = f"{page.relative_to(site)}: {link}"
            if not parts.path:  # a fragment on the same page
                target = page
            else:
                target = _target(site, page, parts.path, base)
                if target is None:
                    problems.append(f"{where} (leaves the site)")
                    continue
                if not target.exists():
                    problems.append(f"{where} (no such file)")
                    continue
            if (
                parts.fragment
                and target.suffix == ".html"
                and parts.fragment not in _anchors(target)
            ):
                problems.append(f"{where} (no anchor '{parts.fragment}')")
    return problems


# What a page loads by itself (not what a reader may follow): scripts, styles, fonts, images,
# frames, and the hosts a browser is told to connect to early.
_LOADS = (
    "//script/@src | //link[@rel='stylesheet' or @rel='preload' or @rel='preconnect'"
    " or @rel='dns-prefetch' or @rel='modulepreload' or @rel='icon']/@href"
    " | //img/@src | //source/@src | //source/@srcset | //iframe/@src | //embed/@src"
    " | //object/@data | //video/@src | //audio/@src | //*[local-name()='image']/@href"
)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""")


def _remote(url: str) -> bool:
    return url.startswith("//") or bool(urlsplit(url).scheme in ("http", "https", "ftp"))


def third_party_loads(site: Path) -> list[str]:
    """Every resource a page or stylesheet of the built site would fetch from another host
    (a web font, a script, a tracking pixel), as 'file: url'. Inline styles count too."""
    found = []
    for page in sorted(site.rglob("*.html")):
        tree = html.fromstring(page.read_bytes())
        urls = list(tree.xpath(_LOADS))
        for style in tree.xpath("//style/text() | //@style"):
            urls += [a or b for a, b in _CSS_URL.findall(style)]
        found += [f"{page.relative_to(site)}: {u}" for u in urls if _remote(u.strip())]
    for sheet in sorted(site.rglob("*.css")):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        found += [
            f"{sheet.relative_to(site)}: {a or b}"
            for a, b in _CSS_URL.findall(text)
            if _remote(a or b)
        ]
    return found
