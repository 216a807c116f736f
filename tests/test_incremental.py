"""Incremental builds: after a change, updating the previous site gives, byte for byte, the site
a full build gives; and the shortcuts the build takes give exactly what MkDocs would."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
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

from generator.context import Context
from generator.generate import generate
from generator.site import search
from generator.site.build import LanguageBuild, build_site
from generator.site.collection import load_collection
from generator.site.i18n import LANGUAGES
from generator.site.rawhtml import FastNormalizeWhitespace, outline, raw_html
from generator.site.render import Renderer

from .conftest import make_project

EPOCH = "1700000000"


def files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def built(results: list[LanguageBuild]) -> list[tuple[int, int]]:
    assert all(r.ok for r in results), [(r.error, r.warnings) for r in results]
    return [(r.rendered, r.pages) for r in results]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project, generated and built once (translations from the memory only)."""
    root = make_project(tmp_path_factory.mktemp("incremental") / "project")
    generate(Context.for_project(root), translator_choice="none")
    return root


@pytest.fixture
def project(generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = tmp_path / "project"
    shutil.copytree(generated, root, symlinks=True)
    built(build_site(root, parallel=False, incremental=False))
    return root


def page_of(root: Path, number: int) -> Path:
    return sorted((root / "docs/briefings").glob("*.md"))[number]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def change_date(root: Path) -> None:
    path = next(
        p
        for p in sorted((root / "docs/briefings").glob("*.md"))
        if "\npublished:\n" in p.read_text("utf-8")
    )
    text = path.read_text(encoding="utf-8")
    found = re.search(r'\npublished:\n  value: "?(\d{4})', text)
    assert found is not None
    edit(path, f'value: "{found.group(1)}', f'value: "{int(found.group(1)) - 1}')


def change_headline(root: Path) -> None:
    edit(page_of(root, 1), "\nheadline:\n  ar: ", "\nheadline:\n  ar: عاجل - ")


def change_english_headline(root: Path) -> None:
    # An editor's translation: shown where the briefing is named; related briefings are kept.
    edit(page_of(root, 1), "\n  en:\n    text: ", "\n  en:\n    text: Explained -- ")


def change_entity_name(root: Path) -> None:
    # Every page that names the Pentagon shows the name the most briefings use.
    for path in sorted((root / "docs/briefings").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if "ar: البنتاغون\n" in text:
            path.write_text(text.replace("ar: البنتاغون\n", "ar: البنتاجون\n"), "utf-8")


def change_outlet_name(root: Path) -> None:
    # Shown on the briefing's lines in lists and on its publication, not by its events.
    path = page_of(root, 3)
    text = path.read_text("utf-8")
    for language in ("ar", "en"):
        pattern = rf"(\noutlet:\n(?:  .*\n)*?  {language}: .*)"
        text, count = re.subn(pattern, r"\1 2", text, count=1)
        assert count == 1
    path.write_text(text, encoding="utf-8")


def remove_briefing(root: Path) -> None:
    page_of(root, 4).unlink()


def mark_reviewed(root: Path) -> None:
    edit(page_of(root, 2), "\nreviewed: false\n", "\nreviewed: true\n")


def change_article(root: Path) -> None:
    article = sorted((root / "articles").glob("*.txt"))[3]
    article.write_text(
        article.read_text(encoding="utf-8")
        + "\nوقال متحدث باسم التحالف الدولي في 12 آذار 2021 إن المشاورات مستمرة.\n",
        encoding="utf-8",
    )
    generate(Context.for_project(root), translator_choice="none")


CHANGES: dict[str, Callable[[Path], None]] = {
    "a date in the front matter": change_date,
    "a headline": change_headline,
    "an English headline": change_english_headline,
    "an entity's name": change_entity_name,
    "an outlet's name": change_outlet_name,
    "a briefing removed": remove_briefing,
    "a briefing marked reviewed": mark_reviewed,
    "an article's text": change_article,
}


@pytest.mark.parametrize("change", CHANGES)
def test_an_incremental_build_is_the_full_build(project: Path, tmp_path: Path, change: str) -> None:
    CHANGES[change](project)
    counts = built(build_site(project, parallel=False))
    full = tmp_path / "full"
    built(build_site(project, full, parallel=False, incremental=False))
    assert files(project / "site") == files(full)
    # Incremental: pages that show nothing of the change were kept, not rendered again.
    assert all(rendered < pages for rendered, pages in counts)


def test_nothing_changed_renders_only_the_pages_of_every_briefing(project: Path) -> None:
    before = files(project / "site")
    counts = built(build_site(project, parallel=False))
    assert files(project / "site") == before
    # The home page, the timeline and the entity index; the review queue is kept.
    assert [rendered for rendered, _ in counts] == [3, 3]


REVIEW_PAGES = ("review/index.html", "en/review/index.html")


@pytest.mark.parametrize(
    ("change", "shown"),
    [
        ("a briefing marked reviewed", True),  # one item fewer
        ("a date in the front matter", True),  # the value a date item shows
        ("an entity's name", False),  # on briefing and entity pages, in no review item
    ],
)
def test_the_review_page_is_rendered_only_when_what_it_shows_changed(
    project: Path, tmp_path: Path, change: str, shown: bool
) -> None:
    site = project / "site"
    before = {
        name: ((site / name).stat().st_ino, (site / name).read_bytes()) for name in REVIEW_PAGES
    }
    CHANGES[change](project)
    counts = built(build_site(project, parallel=False))
    assert all(rendered > 3 for rendered, _ in counts)  # other pages did change
    full = tmp_path / "full"
    built(build_site(project, full, parallel=False, incremental=False))
    for name, (inode, content) in before.items():
        assert (site / name).read_bytes() == (full / name).read_bytes()
        assert ((full / name).read_bytes() != content) is shown
        # Kept: the previous build's file itself (the incremental build starts as its hard links).
        assert ((site / name).stat().st_ino == inode) is not shown


@pytest.mark.parametrize(
    "change", ["a date in the front matter", "an outlet's name", "an article's text"]
)
def test_only_the_years_of_the_timeline_that_show_a_change_are_rendered(
    project: Path, tmp_path: Path, change: str
) -> None:
    site = project / "site"
    years = sorted(p.relative_to(site).as_posix() for p in site.glob("**/timeline/*/index.html"))
    before = {name: ((site / name).stat().st_ino, (site / name).read_bytes()) for name in years}
    CHANGES[change](project)
    built(build_site(project, parallel=False))
    full = tmp_path / "full"
    built(build_site(project, full, parallel=False, incremental=False))
    changed = set()
    for name, (inode, content) in before.items():
        if not (full / name).is_file():  # a year no entry reaches any more
            changed.add(name)
            continue
        assert (site / name).read_bytes() == (full / name).read_bytes()
        if (full / name).read_bytes() != content:
            changed.add(name)
        assert ((site / name).stat().st_ino == inode) is (name not in changed), name
    assert changed and set(before) - changed  # some years changed, the others were kept


@pytest.mark.parametrize(
    "change",
    ["the configuration", "a template", "the generator's version"],
)
def test_a_change_outside_the_briefings_makes_a_full_build(
    project: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    if change == "the configuration":
        edit(project / "mkdocs.yml", "site_name: ", "site_name: x")
    elif change == "a template":
        edit(project / "templates/briefing.md.j2", "</ul>", "</ul>\n")
    else:
        monkeypatch.setattr("generator.site.build.site_version", lambda: "another")
    assert all(rendered == pages for rendered, pages in built(build_site(project, parallel=False)))


def test_a_site_built_elsewhere_in_between_makes_a_full_build(
    project: Path, tmp_path: Path
) -> None:
    built(build_site(project, tmp_path / "elsewhere", parallel=False))
    assert all(r == p for r, p in built(build_site(project, parallel=False)))


def test_a_deployment_updates_the_site_restored_with_its_caches(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the Pages workflow does: a fresh checkout gets the last deployment's .cache and
    site/ back from GitHub's cache (a tar: new files, times kept), and builds a newer commit
    (another SOURCE_DATE_EPOCH) after an editor's fix."""
    checkout = tmp_path / "checkout"
    shutil.copytree(project, checkout, symlinks=True)  # copies keep times: tar does too
    assert (checkout / "site/search/search_index.json").stat().st_ino != (
        project / "site/search/search_index.json"
    ).stat().st_ino
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")  # after every briefing's date
    change_date(checkout)
    counts = built(build_site(checkout, parallel=False))
    assert all(rendered < pages for rendered, pages in counts)
    full = tmp_path / "full"
    built(build_site(checkout, full, parallel=False, incremental=False))
    assert files(checkout / "site") == files(full)
    # The one file that shows the commit's date: written by every build.
    assert b"<updated>2030-03-17T17:46:40Z</updated>" in files(checkout / "site")["feed.xml"]


def test_a_failed_incremental_build_leaves_the_site_as_it_was(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = files(project / "site")
    change_date(project)

    def broken(*args: object) -> None:
        raise search.PluginError("search: broken on purpose")

    monkeypatch.setattr(search, "finish_index", broken)
    results = build_site(project, parallel=False)
    assert not any(r.ok for r in results)
    # The pages written before the failure went to new files, never through the hard links.
    assert files(project / "site") == before


# --- the raw HTML shortcut gives what Python-Markdown and MkDocs give -------------------------


def sample_markdown() -> list[tuple[str, str]]:
    root = Path(__file__).resolve().parent.parent
    collection = load_collection(root / "docs", cache=False)
    pages = []
    for code, lang in LANGUAGES.items():
        renderer = Renderer(root / "templates", lang)
        for uri, render in renderer.prepare(collection).items():
            pages.append((f"{code}:{uri}", render()))
        pages += [(f"{code}:{e.src_uri}", renderer.briefing(e)) for e in collection.entries]
    return pages


@pytest.fixture(scope="module")
def converter() -> markdown.Markdown:
    config = load_config(str(Path(__file__).resolve().parent.parent / "mkdocs.yml"))
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


@pytest.mark.parametrize(("name", "text"), sample_markdown(), ids=lambda v: str(v)[:40])
def test_raw_html_is_cut_and_its_ids_found_as_markdown_and_mkdocs_do(
    converter: markdown.Markdown, name: str, text: str
) -> None:
    cut_as_markdown_and_mkdocs_do(converter, text)


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


@pytest.mark.parametrize(("name", "text"), sample_markdown(), ids=lambda v: str(v)[:40])
def test_the_outline_of_a_page_gives_its_search_entries(
    converter: markdown.Markdown, name: str, text: str
) -> None:
    converter.reset()
    content = converter.convert(text)
    assert material_entries(outline(content)) == material_entries(content)


@given(st.text(alphabet="\n \t\r\x02\x03a<"))
def test_whitespace_is_normalised_as_markdown_does(text: str) -> None:
    converter = markdown.Markdown()
    lines = text.split("\n")
    expected = NormalizeWhitespace(converter).run(lines)
    assert FastNormalizeWhitespace(converter).run(lines) == expected
