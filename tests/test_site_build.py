"""The real thing: sample articles -> `briefings build` -> two MkDocs builds -> HTML assertions."""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html

from .conftest import SAMPLE_ARTICLES, make_project
from .linkcheck import broken_links
from .sites import run_cli, timeline_pages

LANG_ROOTS = {"ar": "", "en": "en/"}
ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.fixture
def built(sample_site: Path) -> Path:
    return sample_site


def page(root: Path, lang: str, url: str) -> html.HtmlElement:
    return html.fromstring((root / "site" / LANG_ROOTS[lang] / url / "index.html").read_bytes())


def briefing_ids(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "docs" / "briefings").glob("*.md"))


def resolve(page_url: str, href: str) -> str:
    """Where a relative link on the page at ``page_url`` leads, from the site root."""
    target = posixpath.normpath(posixpath.join(page_url, href.split("#")[0]))
    return "" if target == "." else target.rstrip("/") + "/"


def test_one_briefing_per_sample_article(built: Path) -> None:
    assert len(briefing_ids(built)) == len(SAMPLE_ARTICLES) == 5


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("en", "ltr")])
def test_every_page_declares_its_language_and_direction(
    built: Path, lang: str, direction: str
) -> None:
    urls = ["", "timeline/", "timeline/undated/"]
    urls += [f"briefings/{slug}/" for slug in briefing_ids(built)]
    for url in urls:
        root = page(built, lang, url)
        assert (root.get("lang"), root.get("dir")) == (lang, direction), url


@pytest.mark.parametrize(("lang", "other"), [("ar", "en"), ("en", "ar")])
def test_switcher_goes_to_the_same_page_in_the_other_language(
    built: Path, lang: str, other: str
) -> None:
    urls = ["", "timeline/", "timeline/2020/"]
    urls += [f"briefings/{slug}/" for slug in briefing_ids(built)]
    for url in urls:
        links = page(built, lang, url).xpath('//a[contains(@class, "language-switch")]')
        assert len(links) == 1, url
        target = resolve(LANG_ROOTS[lang] + url, links[0].get("href"))
        assert target == LANG_ROOTS[other] + url
        assert (built / "site" / target / "index.html").is_file()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_timeline_links_every_briefing_and_back(built: Path, lang: str) -> None:
    years = timeline_pages(built / "site" / LANG_ROOTS[lang])
    linked = {
        resolve(url, a.get("href"))
        for url, year in years.items()
        for a in year.xpath("//a[@class='briefing']")
    }
    assert linked == {f"briefings/{slug}/" for slug in briefing_ids(built)}
    for slug in briefing_ids(built):
        briefing = page(built, lang, f"briefings/{slug}/")
        back = briefing.xpath('//a[contains(@class, "publication-link")]/@href')
        assert len(back) == 1
        url = resolve(f"briefings/{slug}/", back[0].split("#")[0])
        assert years[url].get_element_by_id(back[0].split("#")[1]) is not None


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_timeline_index_links_every_year_and_month(built: Path, lang: str) -> None:
    years = timeline_pages(built / "site" / LANG_ROOTS[lang])
    index = page(built, lang, "timeline/")
    links = index.xpath("//ul[@class='timeline-years']/li/a[@class='timeline-year']/@href")
    assert [resolve("timeline/", href) for href in links] == list(years)
    for href in index.xpath("//span[@class='timeline-months']/a/@href"):
        url, _, anchor = href.partition("#")
        assert years[resolve("timeline/", url)].get_element_by_id(anchor) is not None
    assert not index.xpath("//li[contains(@class, 'timeline-entry')]")  # they are on the years


def test_sample_english_pages_read_in_english_with_provenance(built: Path) -> None:
    # The bundled translation memory holds reviewed translations of the sample articles.
    for slug in briefing_ids(built):
        doc = page(built, "en", f"briefings/{slug}/")
        heading = doc.xpath("//h1")[0]
        assert heading.get("lang") is None and not ARABIC.search(heading.text_content()), slug
        text = doc.text_content()
        assert "reviewed translation" in text and "translation pending" not in text, slug
        for english in doc.xpath("//*[contains(@class, 'english')]"):
            assert not ARABIC.search(english.text_content()), (slug, english.text_content())


def test_without_translations_english_pages_say_pending(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", articles=SAMPLE_ARTICLES[:1])
    (root / "translation-memory.yml").unlink()
    result = run_cli(root, "build")
    assert result.returncode == 0, result.stderr
    assert "field(s) pending" in result.stderr
    (slug,) = briefing_ids(root)
    doc = page(root, "en", f"briefings/{slug}/")
    # No engine ran: the headline is the Arabic original, marked as such, never as English.
    assert doc.xpath("//h1")[0].get("lang") == "ar"
    assert "translation pending" in doc.text_content()
    assert not doc.xpath("//*[contains(@class, 'english')]")
    for original in doc.xpath("//*[contains(@class, 'original')]"):
        assert original.get("lang") == "ar", original.text_content()


def test_each_language_has_its_own_search_index(built: Path) -> None:
    assert (built / "site/search/search_index.json").is_file()
    assert (built / "site/en/search/search_index.json").is_file()


def test_plain_mkdocs_build_is_strict_clean(built: Path, tmp_path: Path) -> None:
    # What an editor's CI or `mkdocs build` runs directly on docs/: no warning may appear.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for config in ("mkdocs.yml", "mkdocs.en.yml"):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "-f",
                str(built / config),
                "-d",
                str(tmp_path / config),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr


def test_every_internal_link_and_anchor_resolves(built: Path) -> None:
    assert broken_links(built / "site") == []


def test_site_served_under_a_project_sub_path_has_no_broken_link(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", SAMPLE_ARTICLES[:1])
    env = {**os.environ, "SITE_URL": "https://example.org/briefings-site/"}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(root), "build"],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert broken_links(root / "site", base="/briefings-site/") == []
    english_404 = html.fromstring((root / "site/en/404.html").read_bytes())
    stylesheets = english_404.xpath("//link[@rel='stylesheet']/@href")
    assert stylesheets and all(h.startswith("/briefings-site/en/") for h in stylesheets)


def test_no_page_loads_anything_from_another_host(built: Path) -> None:
    for path in (built / "site").rglob("*.html"):
        tree = html.fromstring(path.read_bytes())
        loaded = tree.xpath("//script/@src | //link[@rel='stylesheet']/@href | //img/@src")
        loaded += tree.xpath("//link[@rel='preconnect' or @rel='preload']/@href")
        assert not [u for u in loaded if "://" in u or u.startswith("//")], path
    css = (built / "site/assets/briefings.css").read_text(encoding="utf-8")
    assert 'url("fonts/noto-naskh-arabic-arabic-400-normal.woff2")' in css
    assert (built / "site/assets/fonts/noto-naskh-arabic-arabic-400-normal.woff2").is_file()
