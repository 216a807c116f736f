"""The build's raw-HTML shortcut (generator/site/rawhtml.py) gives exactly what Python-Markdown
and MkDocs give: the same pieces, the same anchor ids, the same search entries."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown.preprocessors import HtmlBlockPreprocessor, NormalizeWhitespace
from material.plugins.search.plugin import SearchIndex
from mkdocs.config import load_config
from mkdocs.structure.pages import _RawHTMLPreprocessor

from generator.collection.briefings import load_collection
from generator.site import search
from generator.site.i18n import LANGUAGES
from generator.site.rawhtml import FastNormalizeWhitespace, outline, raw_html
from generator.site.render import Renderer

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def sample_markdown() -> list[tuple[str, str]]:
    """Every page the templates render from the sample briefings, in both languages."""
    collection = load_collection(REPO / "docs", cache=False)
    pages = []
    for code, lang in LANGUAGES.items():
        renderer = Renderer(REPO / "templates", lang)
        for uri, render in renderer.prepare(collection).items():
            pages.append((f"{code}:{uri}", render()))
        pages += [(f"{code}:{e.src_uri}", renderer.briefing(e)) for e in collection.entries]
    assert len(pages) > 20  # briefings, entity pages, timeline years, home, review
    return pages


@pytest.fixture(scope="module")
def converter() -> markdown.Markdown:
    config = load_config(str(REPO / "mkdocs.yml"))
    return markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )


def cut_as_markdown_and_mkdocs_do(converter: markdown.Markdown, text: str) -> None:
    """raw_html's pieces and ids are those of Python-Markdown's html_block and MkDocs' raw HTML
    preprocessor, on ``text`` as Python-Markdown's own normalisation leaves it."""
    lines = NormalizeWhitespace(converter).run(text.split("\n"))
    converter.reset()
    expected = HtmlBlockPreprocessor(converter).run(lines)
    stash = list(converter.htmlStash.rawHtmlBlocks)
    converter.reset()
    found = raw_html(converter, "\n".join(lines))
    assert found is not None, "the templates write only simple raw HTML"
    pieces, ids = found
    cut = []
    for raw, piece in pieces:
        cut += ["\n", converter.htmlStash.store(piece), "\n\n"] if raw else [piece]
    assert "".join(cut).split("\n") == expected
    assert converter.htmlStash.rawHtmlBlocks == stash
    mkdocs_ids = _RawHTMLPreprocessor()
    mkdocs_ids.run(lines)
    assert ids == mkdocs_ids.present_anchor_ids


def test_raw_html_is_cut_and_its_ids_found_as_markdown_and_mkdocs_do(
    converter: markdown.Markdown, sample_markdown: list[tuple[str, str]]
) -> None:
    for name, text in sample_markdown:
        try:
            cut_as_markdown_and_mkdocs_do(converter, text)
        except AssertionError as exc:
            raise AssertionError(f"page {name}: {exc}") from exc


@pytest.mark.parametrize(
    "text",
    [
        '<div ID="Upper" Class="x">x</div>\n',
        "<p id='single-quoted'>x</p>\n",
        '<p class="a"  id="two-spaces">x</p>\n',
        '<p\tid="a-tab">x</p>\n',
        "<p id=bare>x</p>\n",
        '<div hidden id="after-a-bare-key">x</div>\n',
        '<p id="a&amp;b">x</p>\n<p id="">y</p>\n<p id>z</p>\n',
        '<p data-id="no" title=\'id="no"\'>x</p>\n',
        '<p title="a > b" id="after-a-quoted-gt">x</p>\n',
        '<p><a name="a-name">x</a></p>\n<p name="not-an-anchor">y</p>\n',
        '<div><br/><hr><img src="x.png" id="image"></div>\n\n## A heading {#h}\n',
    ],
)
def test_attributes_are_read_as_mkdocs_reads_them(converter: markdown.Markdown, text: str) -> None:
    cut_as_markdown_and_mkdocs_do(converter, text)


@pytest.mark.parametrize(
    "text",
    [
        "<!-- a comment -->\n<p>x</p>\n",
        "<script>var a = 1 < 2;</script>\n",
        "text before <div>inline</div>\n",
        "<div>closed</div> and text after\n\nmore\n",
        "<div>never closed\n",
        "<p>x</p>\na < b\n",
        "<p>`code`</p>\n",
        '<div markdown="1">\n*x*\n</div>\n',
        "~~~\n<p>fenced</p>\n~~~\n",
    ],
)
def test_anything_else_is_left_to_the_original_parsers(
    converter: markdown.Markdown, text: str
) -> None:
    lines = NormalizeWhitespace(converter).run(text.split("\n"))
    assert raw_html(converter, "\n".join(lines)) is None


def material_entries(content: str) -> list[dict[str, str]]:
    """What search.page_doc keeps of Material's search entries for a page of ``content``."""
    stub = SimpleNamespace(content=content, toc=[], url="page/", meta={}, title="Title")
    index = SearchIndex()
    index.add_entry_from_context(stub)
    return [search.page_doc(doc) for doc in index.entries]


def test_the_outline_of_a_page_gives_its_search_entries(
    converter: markdown.Markdown, sample_markdown: list[tuple[str, str]]
) -> None:
    for name, text in sample_markdown:
        converter.reset()
        content = converter.convert(text)
        assert material_entries(outline(content)) == material_entries(content), name


@given(st.text(alphabet="\n \t\r\x02\x03a<"))
def test_whitespace_is_normalised_as_markdown_does(text: str) -> None:
    converter = markdown.Markdown()
    lines = text.split("\n")
    expected = NormalizeWhitespace(converter).run(lines)
    assert FastNormalizeWhitespace(converter).run(lines) == expected
