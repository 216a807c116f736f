"""Faster equivalents of the parsers that MkDocs, Python-Markdown and Material's search run
on every page, with the same results on the pages the templates write.

Pages made from briefings are mostly HTML blocks (render.py): read by the original parsers,
written in Python, they took most of a large build's time. Each shortcut here falls back to
the original parser wherever its own reading could differ; tests/test_incremental.py compares
them on every sample page and on the cases that fall back.
"""

from __future__ import annotations

import html
import re
from html.parser import (  # type: ignore[attr-defined]
    HTMLParser,
    attrfind_tolerant,
    tagfind_tolerant,
)
from types import SimpleNamespace
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import NormalizeWhitespace, Preprocessor
from markdown.util import ETX, STX
from material.plugins.search.plugin import SearchIndex
from material.plugins.search.plugin import void as SEARCH_VOID
from mkdocs.structure.pages import Page

# --- indexing the generated pages faster ----------------------------------------------------------
#
# search.page_doc keeps of a page other than a briefing only the titles of its sections and the
# opening text of its first one. Material's parser would read all of it (megabytes for the
# timeline of a large site): it is given the page up to its second section, then the
# headings alone. With every heading at the top level (not inside another element), Material
# cuts the same sections with the same titles and the same first text. Otherwise, or with a
# comment or script, it reads the whole page. tests/test_incremental.py compares the two.


def outline(content: str) -> str:
    """The part of ``content`` that page_doc's entries come from (see above)."""
    if _unsure(content):
        return content
    stack: list[str] = []
    headings: list[list[int]] = []  # [start, end] of top-level headings with an id
    for tag in _TAG.finditer(content):
        closing, name, rest = tag.groups()
        name = name.lower()
        if closing:
            if stack and stack[-1] == name:  # as Material: other end tags change nothing
                stack.pop()
                if not stack and headings and headings[-1][1] < 0:
                    headings[-1][1] = tag.end()
            continue
        if name in SEARCH_VOID or rest.endswith("/"):
            continue
        if name in _HEADINGS and any(key == "id" for key, _ in _pairs(content, tag)):
            if stack:
                return content  # a heading inside another element
            headings.append([tag.start(), -1])
        stack.append(name)
    if any(end < 0 for _, end in headings):
        return content
    cut = 1 if headings and headings[0][0] == 0 else 0  # the first section: a heading, or not
    if len(headings) <= cut:
        return content
    start = headings[cut][0]
    return content[:start] + "".join(content[s:e] for s, e in headings[cut:])


def outline_docs(page: Page, search_config: Any) -> list[dict[str, str]]:
    """Material's search entries for ``page``, from its outline."""
    meta = {key: value for key, value in page.meta.items() if key != "search"}
    stub = SimpleNamespace(
        content=outline(page.content or ""), toc=page.toc, url=page.url, meta=meta, title=page.title
    )
    index = SearchIndex(**search_config)
    index.add_entry_from_context(stub)
    return list(index.entries)


_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))


def _attributes(source: str, tag: re.Match[str]) -> list[tuple[str, str | None]]:
    """A start tag's attributes, read as HTMLParser.parse_starttag reads them."""
    found: list[tuple[str, str | None]] = []
    at = tagfind_tolerant.match(source, tag.start() + 1).end()
    while at < tag.end() and (match := attrfind_tolerant.match(source, at)):
        key, has_value, value = match.group(1, 2, 3)
        at = match.end()
        if not has_value:
            value = None
        elif value[:1] == value[-1:] and value[:1] in ("'", '"'):
            value = value[1:-1]
        found.append((key.lower(), html.unescape(value) if value else value))
    return found


# --- reading the pages' raw HTML faster ---------------------------------------------------------
#
# The generated pages are mostly raw HTML blocks (render.py). Python-Markdown finds them with an
# HTML parser written in Python (preprocessor "html_block"), and MkDocs parses every page once
# more for the ids of its raw HTML ("mkdocs_raw_html", for anchor validation): two thirds of a
# large build's time. For a page of well-formed blocks that start at the beginning of a line
# and end at the end of one (what the templates write) both results are found in one pass
# over the tags, by the same rules: the same stash, the same text, the same ids. Anything else
# (a comment, a script or style with content, a tag inside a line of text, a backtick, a
# "~~~" fence ...) goes to the original parsers. tests/test_incremental.py compares both on
# every sample page.

# A tag as HTMLParser reads it; attribute values may hold ">" inside quotes.
_TAG = re.compile(
    r"""<(/?)([a-zA-Z][^\t\n\r\f />\x00]*)([^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*)>"""
)
# Elements whose content HTMLParser reads as text (newer Pythons add RCDATA ones).
_RAW_TEXT = "|".join(
    (*HTMLParser.CDATA_CONTENT_ELEMENTS, *getattr(HTMLParser, "RCDATA_CONTENT_ELEMENTS", ()))
)
_UNSURE_TAG = re.compile(rf"<(?:[!?]|/>|(?:{_RAW_TEXT})\b[^>]*>[^<])")


def _unsure(text: str) -> bool:
    """A comment, a processing instruction, "</>", a script or style with content, Markdown
    inside HTML, a backtick (code) or a "~~~" fence: left to the original parsers. (Three
    searches for plain strings and one for "<..." are faster than one for all of them.)"""
    return (
        "`" in text
        or "markdown=" in text
        or text.startswith("~~~")
        or "\n~~~" in text
        or _UNSURE_TAG.search(text) is not None
    )


_BLANK_LINE_AFTER = re.compile(r"[ ]*\n[ ]*\n")


def raw_html(md: Markdown, source: str) -> tuple[list[tuple[bool, str]], set[str | None]] | None:
    """``source`` cut as Python-Markdown's HTMLExtractor cuts it: (is raw HTML, text) pieces,
    each raw block with the newline the extractor keeps; and the ids MkDocs' raw-HTML
    preprocessor collects (``id``, and ``name`` of ``<a>``). None when the page is not that
    simple. One pass over the tags: pages are mostly tags, and there are a million of them in
    a site of a thousand briefings."""
    if _unsure(source):
        return None
    pieces: list[tuple[bool, str]] = []
    ids: set[str | None] = set()
    stack: list[str] = []
    pos = 0  # where the text after the last block starts
    start = -1  # where the current block starts; -1 between blocks
    is_block_level = md.is_block_level
    for tag in _TAG.finditer(source):
        closing, name, rest = tag.groups()
        name = name.lower()
        if start < 0:  # a block starts at the beginning of a line, with a block-level tag
            start = tag.start()
            if (
                closing
                or (start and source[start - 1] != "\n")
                or source.find("<", pos, start) >= 0  # a "<" that is not a tag, outside blocks
                or not is_block_level(name)
            ):
                return None
        if closing:
            if stack and stack[-1] == name:
                stack.pop()
            elif name in stack:  # an end tag closes everything opened after its start tag
                while stack.pop() != name:
                    pass
            if stack:
                continue
            end = tag.end()
            if not source.startswith("\n", end):
                return None  # more on the line of the end tag: left to HTMLExtractor
            # The extractor keeps a newline with the block when a blank line follows it.
            kept = "\n" if _BLANK_LINE_AFTER.match(source, end) else ""
            pieces += [(False, source[pos:start]), (True, source[start:end] + kept)]
            pos, start = end, -1
            continue
        if name != "hr" and not rest.endswith("/"):  # <hr> and <x/> stay unstacked
            stack.append(name)
        lowered = rest.lower()
        if "id" in lowered or "name" in lowered:  # an attribute that could be an id
            ids.update(
                value
                for key, value in _pairs(source, tag)
                if key == "id" or (key == "name" and name == "a")
            )
    if start >= 0 or source.find("<", pos) >= 0:
        return None  # a block never closed, or a "<" that is not a tag after the last block
    pieces.append((False, source[pos:]))
    return pieces, ids


def _pairs(source: str, tag: re.Match[str]) -> list[tuple[str, str | None]]:
    """``_attributes(source, tag)``; attributes as the templates write them (`` key="value"``
    or a bare `` key``) are read in one step."""
    rest = tag.group(3)
    if not _PLAIN_ATTRIBUTES.fullmatch(rest):
        return _attributes(source, tag)
    return [
        (key, (html.unescape(value) if "&" in value else value) if equals else None)
        for key, equals, value in _PLAIN_ATTRIBUTE.findall(rest)
    ]


# Lower-case keys, values in double quotes, single spaces: exactly what ``_attributes`` reads
# (HTMLParser's attrfind) as ``key`` and ``value``, without its per-attribute loop.
_PLAIN_ATTRIBUTES = re.compile(r'(?: [a-z][a-z0-9-]*(?:="[^"]*")?)* ?/?')
_PLAIN_ATTRIBUTE = re.compile(r' ([a-z][a-z0-9-]*)(?:(=)"([^"]*)")?')


class _StashRawHtml(Preprocessor):
    """Stores the raw HTML blocks as "html_block" would, before MkDocs' "mkdocs_raw_html" and
    "html_block" run: both then parse only what is left (headings). The ids of the stored
    blocks are handed to the page by the plugin (``on_page_content``)."""

    def __init__(self, md: Markdown, extension: FastRawHtml) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        found = raw_html(self.md, "\n".join(lines))
        if found is None:
            self.extension.ids = set()
            return lines  # the original parsers read it all
        pieces, self.extension.ids = found
        text = []
        for raw, piece in pieces:
            text += ["\n", self.md.htmlStash.store(piece), "\n\n"] if raw else [piece]
        return "".join(text).split("\n")


class FastNormalizeWhitespace(NormalizeWhitespace):
    """Python-Markdown's, with the same result. Its expression for lines of spaces starts
    with a look-behind, tried at every character of the page; this one at newlines only."""

    def run(self, lines: list[str]) -> list[str]:
        source = "\n".join(lines)
        source = source.replace(STX, "").replace(ETX, "")
        source = source.replace("\r\n", "\n").replace("\r", "\n") + "\n\n"
        source = source.expandtabs(self.md.tab_length)
        return _SPACES_LINE.sub("\n", source).split("\n")


_SPACES_LINE = re.compile(r"\n +(?=\n)")


class FastRawHtml(Extension):
    """Registered by the plugin for the pages of its build: the raw HTML shortcut (see above)
    and a faster whitespace normalisation."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str | None] = set()

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        # After whitespace normalisation (30), before fenced code (25: with neither "`" nor
        # "~~~" it finds nothing, and then searches only what is left), MkDocs' raw HTML ids
        # (21) and html_block (20).
        md.preprocessors.register(_StashRawHtml(md, self), "briefings_raw_html", 26)
        md.preprocessors.register(FastNormalizeWhitespace(md), "normalize_whitespace", 30)

    def take_ids(self) -> set[str | None]:
        """The ids of the raw HTML of the page just converted."""
        ids, self.ids = self.ids, set()
        return ids
