"""Incremental builds: after a change, updating the previous site gives, byte for byte, the site
a full build gives (the raw-HTML shortcut of the build is tested in test_rawhtml.py)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.context import Context
from generator.generate import generate
from generator.site import search
from generator.site.build import LanguageBuild, build_site

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
        monkeypatch.setattr("generator.site.manifest.site_version", lambda: "another")
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
