"""Control characters in front matter never reach the site: pages, feeds, sitemaps, search.

Front matter is edited by hand: a C0 control in a headline, an outlet or a URL made ``feed.xml``
ill-formed (XML 1.0 allows none), and a lone surrogate stopped the build. The real build runs on
such a page; every XML file is then parsed strictly (no recovery), every HTML file and the
search index are scanned for the characters themselves and for references to them.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from generator.collection.briefings import displayable
from generator.frontmatter import read_page, write_page
from generator.model import Briefing
from generator.textnorm import NEVER_SHOWN, unsafe_code_point

from .sites import run_cli

# C0 (NUL, STX, ESC, CR), DEL, C1 (NEL), noncharacters and a bidi override. (A lone surrogate
# cannot get this far: the front matter's validation refuses it.)
JUNK = "\x00\x02\x1b\r\x7f\x85\ufffe\uffff\ufdd0\u202e"
# What front matter may still hold, since `check` refuses the control characters themselves:
# noncharacters (XML 1.0 forbids U+FFFE and U+FFFF too) and a bidi override.
FRONT_MATTER_JUNK = "\ufffe\uffff\ufdd0\u202e"
PAGE = "docs/briefings/001-ea719c2dc020a5b8.md"
_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")


def hostile(text: str, junk: str = JUNK) -> str:
    """``text`` with the junk in its middle: what the site must show is ``text`` itself."""
    middle = len(text) // 2
    return f"{text[:middle]}{junk}{text[middle:]}"


def front(text: str) -> str:
    return hostile(text, FRONT_MATTER_JUNK)


@pytest.fixture(scope="module")
def site(tricky_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = Path(shutil.copytree(tricky_project, tmp_path_factory.mktemp("controls") / "project"))
    path = root / PAGE
    page = read_page(path)
    data = page.data
    data["headline"]["ar"] = front("عنوان الخبر")
    data["headline"]["en"] = {"text": front("The headline"), "status": "reviewed"}
    data["outlet"] = {"id": "rudaw", "ar": front("روداو"), "en": front("Rudaw")}
    data["sources"][0]["url"] = front("https://www.rudaw.net/arabic/1")
    # A trusted date, so the briefing is in the feed.
    data["published"] = {
        "value": "2020-01-07",
        "precision": "day",
        "confidence": "high",
        "source": front("dateline"),
        "evidence": front("07/01/2020"),
    }
    data["gist"][0]["en"]["text"] = front("The first gist sentence.")
    data["entities"][0]["en"] = front(data["entities"][0]["en"])
    # Typed as text, a reference is text: shown as "&#2;", never read as the character.
    write_page(path, data, hostile(page.body) + "\n\nرمز &#2; و&#0; في النص\n")
    result = run_cli(root, "build", "--no-generate")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_a_control_character_in_front_matter_stops_the_build_with_one_line(
    tricky_project: Path, tmp_path: Path
) -> None:
    root = Path(shutil.copytree(tricky_project, tmp_path / "project"))
    path = root / PAGE
    page = read_page(path)
    page.data["headline"]["ar"] = hostile("عنوان الخبر")
    write_page(path, page.data, page.body)
    result = run_cli(root, "build", "--no-generate")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{PAGE}:6: headline.ar: control character U+0000" in result.stdout + result.stderr


def unsafe_in(text: str) -> list[str]:
    """The characters no output may hold, and references to them, found in ``text``."""
    found = [repr(match.group()) for match in NEVER_SHOWN.finditer(text)]
    for match in _REFERENCE.finditer(text):
        hexadecimal, decimal = match.groups()
        if unsafe_code_point(int(hexadecimal, 16) if hexadecimal else int(decimal)):
            found.append(match.group())
    return found


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def test_feeds_and_sitemaps_are_well_formed_xml(site: Path) -> None:
    files = sorted(site.rglob("*.xml"))
    names = {path.relative_to(site).as_posix() for path in files}
    assert {"feed.xml", "en/feed.xml", "sitemap.xml", "en/sitemap.xml"} <= names
    strict = etree.XMLParser(recover=False, resolve_entities=False)
    for path in files:
        root = etree.fromstring(path.read_bytes(), strict)  # raises on an ill-formed file
        for text in root.itertext():
            assert not NEVER_SHOWN.search(text), path


@pytest.mark.parametrize(("code", "title"), [("ar", "عنوان الخبر"), ("en", "The headline")])
def test_the_feed_shows_the_values_without_the_controls(site: Path, code: str, title: str) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = etree.parse(str(site / ("en/" if code == "en" else "") / "feed.xml")).getroot()
    entries = {e.findtext(f"{atom}title"): e for e in feed.iter(f"{atom}entry")}
    assert title in entries, sorted(entries)
    entry = entries[title]
    assert entry.findtext(f"{atom}author/{atom}name") == ("Rudaw" if code == "en" else "روداو")
    via = [link.get("href") for link in entry.iter(f"{atom}link") if link.get("rel") == "via"]
    assert via == ["https://www.rudaw.net/arabic/1"]


def test_no_page_holds_a_control_character(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    problems = {
        path.relative_to(site).as_posix(): found
        for path in pages
        if (found := unsafe_in(path.read_text(encoding="utf-8")))
    }
    assert problems == {}
    briefing = (site / "briefings/001-ea719c2dc020a5b8/index.html").read_text(encoding="utf-8")
    assert "عنوان الخبر" in briefing


def test_the_search_index_holds_no_control_character(site: Path) -> None:
    for path in sorted(site.rglob("search_index.json")):
        raw = path.read_text(encoding="utf-8")
        assert not unsafe_in(raw), path
        assert not any(unsafe_in(text) for text in strings(json.loads(raw))), path


def test_displayable_removes_them_from_every_value() -> None:
    # The one place the site's values pass: every string of the briefing, and the body.
    page = read_page(Path(__file__).resolve().parents[1] / "docs/briefings/000-51295827b7bc72d8.md")
    data = json.loads(json.dumps(dict(page.data), default=str))
    data["headline"]["ar"] = hostile(data["headline"]["ar"])
    data["entities"][0]["role"] = hostile("a role")
    # The body is no model value: nothing but this removes a surrogate from it.
    briefing, body = displayable(Briefing.model_validate(data), hostile("نص") + "\udfff")
    assert body == "نص"
    shown = briefing.model_dump(by_alias=True)
    assert not any(unsafe_in(text) for text in strings(shown))
    assert shown["entities"][0]["role"] == "a role"
