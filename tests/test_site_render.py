"""What the renderer shares between pages gives each page what it would render alone: links
written alike from sibling pages, timeline entries rendered once, events grouped by sentence."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from lxml import html

from generator.collection.briefings import load_collection, site_version
from generator.site.i18n import LANGUAGES
from generator.site.render import Renderer, compiled_templates, folder_url

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "",
    "timeline/",
    "timeline/2021/",
    "entities/",
    "entities/iraq/",
    "entities/pentagon/",
    "briefings/a/",
]
TARGETS = [
    "",
    "timeline/",
    "timeline/2021/",
    "entities/",
    "entities/iraq/",
    "entities/iraq/more/",
    "briefings/a/",
    "assets/timeline-filter.js",
]


def resolve(page: str, link: str) -> str:
    return posixpath.normpath(posixpath.join(page or ".", link))


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("target", TARGETS)
def test_a_folder_url_leads_where_the_target_is(page: str, target: str) -> None:
    assert resolve(page, folder_url(target, page)) == posixpath.normpath(target or ".")


def test_sibling_pages_write_a_link_alike() -> None:
    for target in TARGETS:
        assert folder_url(target, "entities/iraq/") == folder_url(target, "entities/pentagon/")
        assert folder_url(target, "timeline/") == folder_url(target, "entities/")
        assert folder_url(target, "timeline/2021/") == folder_url(target, "timeline/undated/")


@pytest.mark.parametrize("code", LANGUAGES)
def test_pages_render_the_same_whatever_was_rendered_before(code: str) -> None:
    """An incremental build renders some pages only: shared pieces must not depend on which."""
    collection = load_collection(ROOT / "docs", cache=False)

    def rendered(order: list[str]) -> dict[str, str]:
        renderer = Renderer(ROOT / "templates", LANGUAGES[code])
        pages = renderer.prepare(collection)
        return {uri: pages[uri]() for uri in order}

    uris = list(Renderer(ROOT / "templates", LANGUAGES[code]).prepare(collection))
    together = rendered(uris)
    assert rendered(uris[::-1]) == together
    for uri in uris:
        assert rendered([uri]) == {uri: together[uri]}


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_sentence_with_two_dates_is_listed_once_with_both(code: str) -> None:
    collection = load_collection(ROOT / "docs", cache=False)
    renderer = Renderer(ROOT / "templates", LANGUAGES[code])
    renderer.prepare(collection)
    grouped = 0
    for entry in collection.entries:
        events = entry.briefing.events
        if not events:
            continue
        markdown = renderer.briefing(entry)
        start = markdown.index('<ol class="events">')
        page = html.fromstring(markdown[start : markdown.index("\n</ol>", start) + 6])
        items = page.xpath("./li")
        assert len(items) == len({(e.ar, e.en.text, e.status) for e in events})
        grouped += len(events) - len(items)
        for event in events:
            found = page.xpath(f"//*[@id='{event.id}']")
            assert len(found) == 1, event.id
            links = found[0].xpath(".//a[@class='timeline-link']/@href")
            page_url = f"timeline/{event.date[:4]}/"
            assert links[0] == f"../../{page_url}#{entry.briefing.id}--{event.id}"
    assert grouped, "the sample briefings should have a sentence that dates two events"


def test_compiled_templates_are_kept_per_generator_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / ".cache" / "templates"
    folder.mkdir(parents=True)
    (folder / "0123456789abcdef-stale.cache").write_bytes(b"from another version")
    renderer = Renderer(ROOT / "templates", LANGUAGES["ar"])
    renderer.env.bytecode_cache = compiled_templates(tmp_path)
    renderer.env.get_template("briefing.md.j2")
    kept = sorted(path.name for path in folder.iterdir())
    assert kept and all(name.startswith(f"{site_version()}-") for name in kept)
    # A new environment (the next build) loads them instead of compiling.
    again = Renderer(ROOT / "templates", LANGUAGES["ar"])
    again.env.bytecode_cache = compiled_templates(tmp_path)

    def compile_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(again.env, "compile", compile_again)
    again.env.get_template("briefing.md.j2")
    assert sorted(path.name for path in folder.iterdir()) == kept


def test_no_compiled_templates_where_the_project_cannot_be_written(tmp_path: Path) -> None:
    (tmp_path / ".cache").write_text("a file where the folder would be")
    assert compiled_templates(tmp_path) is None
