"""Lighter pages, the same to a reader: the theme's indentation and its settings' escapes go,
what keeps its whitespace stays (generator/site/compact.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import html

from generator.site import plugin
from generator.site.compact import compact

from .sites import build_copy

ARTICLE = '<div class="md-content">\n      <article class="md-content__inner md-typeset">\n'
CONTENT = '<h1 id="t">Title</h1>\n<p class="x">Some text   here</p>\n\n<pre>  a\n    b\n</pre>\n'
CONFIG = {"base": "..", "translations": {"search": "بحث <&>'"}}


def page(content: str = CONTENT, head: str = "") -> str:
    config = json.dumps(CONFIG, sort_keys=True)
    for character, escaped in {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "'": "\\u0027",
    }.items():
        config = config.replace(character, escaped)
    return (
        "\n<!doctype html>\n<html>\n  <head>\n    <title>T</title>\n" + head + "  </head>\n"
        '  <body>\n    <nav>\n      <a href="#">\n        Home\n      </a>\n    </nav>\n'
        f"    {ARTICLE}{content}\n      </article>\n    </div>\n"
        "    <script>\n      var a = 1;\n      var b = 2;\n    </script>\n"
        f'    <script id="__config" type="application/json">{config}</script>\n'
        "  </body>\n</html>\n"
    )


def test_indentation_between_tags_becomes_one_line_break() -> None:
    compacted = compact(page(), CONTENT)
    assert '\n<nav>\n<a href="#">\nHome\n</a>\n</nav>\n' in compacted
    script = "<script>\n      var a = 1;\n      var b = 2;\n    </script>"
    assert not re.search(r"\n[ \t]", compacted.replace(CONTENT, "").replace(script, ""))


def test_the_content_and_what_keeps_whitespace_are_left_as_they_are() -> None:
    compacted = compact(page(), CONTENT)
    assert CONTENT in compacted
    assert "<script>\n      var a = 1;\n      var b = 2;\n    </script>" in compacted
    # Without the content's own position, the page is compacted whole, <pre> kept.
    whole = compact(page())
    assert "<pre>  a\n    b\n</pre>" in whole
    assert "Some text   here" in whole


@pytest.mark.parametrize(
    "kept",
    [
        "<pre>\n  x\n</pre>",
        '<textarea name="t">\n  x\n</textarea>',
        "<style>\n  p { }\n</style>",
        "<code>\n  x\n</code>",
        "<KBD>\n  x\n</KBD>",
        "<pre>\n  never closed\n",
    ],
)
def test_elements_that_keep_whitespace_keep_it(kept: str) -> None:
    assert kept in compact(page(head=kept + "\n"))


def test_a_line_break_in_an_attribute_value_leaves_the_page_whole() -> None:
    head = '    <meta name="description" content="two\n      lines">\n'
    assert compact(page(head=head), CONTENT).startswith(page(head=head).split(ARTICLE)[0])


def test_code_in_code_leaves_the_page_whole() -> None:
    head = "    <code>a <code>b</code>\n    c</code>\n"
    assert compact(page(head=head), CONTENT).startswith(page(head=head).split(ARTICLE)[0])


def test_what_follows_content_with_an_open_element_is_left_whole() -> None:
    content = CONTENT + "<pre>left open\n"
    compacted = compact(page(content), content)
    assert content + "\n      </article>\n    </div>\n    <script>" in compacted
    assert "\n<nav>\n" in compacted  # what comes before it is compacted


def test_the_theme_settings_are_the_same_json_with_letters_unescaped() -> None:
    compacted = compact(page(), CONTENT)
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', compacted)
    assert config is not None
    assert json.loads(config.group(1)) == CONFIG
    assert "بحث" in config.group(1)
    assert not re.search(r"[<>&']", config.group(1))  # still safe inside <script>


KEEP = {"pre", "textarea", "script", "style", "code", "kbd"}


def reading(page: str) -> list[tuple[object, ...]]:
    """What a browser makes of ``page``: elements, attributes and text, whitespace runs as
    one space, except inside elements that keep it; the theme's settings as their JSON."""
    found: list[tuple[object, ...]] = []
    for element in html.fromstring(page.encode()).iter():
        if not isinstance(element.tag, str):
            continue
        kept = any(e.tag in KEEP for e in (element, *element.iterancestors()))
        text = element.text or ""
        if element.get("id") == "__config":
            text = json.loads(text)
        elif not kept:
            text = " ".join(text.split())
        tail_kept = any(e.tag in KEEP for e in element.iterancestors())
        tail = element.tail or "" if tail_kept else " ".join((element.tail or "").split())
        found.append((element.tag, sorted(element.attrib.items()), text, tail))
    return found


def test_a_compacted_site_reads_as_it_would_without(
    tricky_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compacted = build_copy(tricky_project, tmp_path / "compacted") / "site"
    monkeypatch.setattr(plugin, "compact", lambda page, content="": page)
    whole = build_copy(tricky_project, tmp_path / "whole") / "site"
    pages = sorted(whole.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        before = path.read_text(encoding="utf-8")
        after = (compacted / path.relative_to(whole)).read_text(encoding="utf-8")
        assert reading(after) == reading(before), path.relative_to(whole)
        if "/briefings/" in path.as_posix():
            assert len(after.encode()) < len(before.encode()) - 2000
