"""Lighter pages, the same to a reader: the theme's indentation and its settings' escapes.

Material's templates indent the page chrome (head, header, navigation, table of contents) as
their source is indented, and write the theme's settings as JSON with every non-ASCII letter
escaped (``\\u0627`` for ``ا``): on an Arabic briefing, both weigh more than its gist. A run of
whitespace that holds a line break is one line break to the browser, except inside elements
that keep their whitespace (``pre``, ``textarea``, ``script``, ``style``; Material's stylesheet
makes ``code`` and ``kbd`` ``pre-wrap`` too) and inside attribute values: those are left as
they are, and a part with a line break in an attribute value is left whole.

The page's own content (the rendered Markdown) is written without indentation: it is left as
it is, and only the chrome around it is searched, a quarter of a briefing page.
"""

from __future__ import annotations

import json
import re

# Elements that keep their whitespace; one from its start tag to its end tag (or the end).
# Names in either case, spelt out: a case-insensitive expression is searched much slower.
_NAMES = "|".join(
    "".join(f"[{c}{c.upper()}]" for c in name)
    for name in ("pre", "textarea", "script", "style", "code", "kbd")
)
_KEEP = re.compile(
    rf"<({_NAMES})(?=[\s/>])(?:[^>\"']|\"[^\"]*\"|'[^']*')*>.*?(?:</\1\s*>|\Z)", re.DOTALL
)
_KEEP_TAG = re.compile(rf"</?(?:{_NAMES})(?=[\s/>])")
_SPACE = re.compile(r"\n[ \t\r\n\f]+")
_BREAK_IN_VALUE = re.compile(r"=[ \t\r\n\f]*(?:\"[^\"]*|'[^']*)\n")
_ARTICLE = '<article class="md-content__inner'
_CONFIG = '<script id="__config" type="application/json">'
# As Jinja's |tojson writes them: the characters that mean something to HTML stay escaped.
_HTML_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"}


def compact(page: str, content: str = "") -> str:
    """``page`` with its whitespace runs between tags made one line break, and the theme's
    settings without escaped letters. ``content``: the page's content, as the theme wrote it
    into ``page``; it is left as it is."""
    before, after = _around(page, content)
    if after is None:
        return _config_letters(_collapse_whitespace(page))
    if not _closed(content):
        # An element left open in the content would hold what follows it: left whole.
        return _collapse_whitespace(before) + content + after
    return _collapse_whitespace(before) + content + _config_letters(_collapse_whitespace(after))


def _around(page: str, content: str) -> tuple[str, str | None]:
    """The page before and after its content (Material writes it in <article>), or the page
    and None when the content is not found there (or too short to be found for sure)."""
    article = page.find(_ARTICLE)
    if len(content) < 64 or article < 0:
        return page, None
    at = page.find(">", article) + 1
    while page[at : at + 1].isspace():
        at += 1
    if not page.startswith(content, at):  # something before it (a title, buttons)
        at = page.find(content, at)
        if at < 0:
            return page, None
    return page[:at], page[at + len(content) :]


def _closed(content: str) -> bool:
    """Whether each element of the content that keeps its whitespace is closed in it."""
    depth = 0
    for tag in _KEEP_TAG.findall(content):
        depth += -1 if tag[1] == "/" else 1
        if depth < 0:
            return False
    return depth == 0


def _collapse_whitespace(part: str) -> str:
    if _BREAK_IN_VALUE.search(part):
        return part
    pieces = []
    at = 0
    for kept in _KEEP.finditer(part):
        if _opens_again(kept):
            return part  # <code> in <code>: where the outer one ends is not known here
        pieces += [_SPACE.sub("\n", part[at : kept.start()]), kept.group()]
        at = kept.end()
    pieces.append(_SPACE.sub("\n", part[at:]))
    return "".join(pieces)


def _opens_again(kept: re.Match[str]) -> bool:
    opening = re.compile(rf"<{kept.group(1)}(?=[\s/>])", re.IGNORECASE)
    return opening.search(kept.group(), 1) is not None


_CONFIGS: dict[str, str] = {}


def _config_letters(part: str) -> str:
    """The theme's settings (``<script id="__config">``) as the same JSON with letters
    unescaped. Every page has one of a few (one per folder depth): each is converted once."""
    start = part.rfind(_CONFIG)
    end = part.find("</script>", start)
    if start < 0 or end < 0:
        return part
    start += len(_CONFIG)
    original = part[start:end]
    converted = _CONFIGS.get(original)
    if converted is None:
        try:
            value = json.loads(original)
        except ValueError:
            return part
        converted = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        for character, escaped in _HTML_SAFE.items():
            converted = converted.replace(character, escaped)
        _CONFIGS[original] = converted
    return part[:start] + converted + part[end:]
