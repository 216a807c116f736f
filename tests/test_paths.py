"""Paths: slugs and output paths are ASCII, short, collision-free and stay inside docs/.

Input file names are whatever an editor or a scraper saved: ``..``, separators of another
system, NUL, Windows device names, leading dots and dashes, hundreds of Arabic letters, bytes
that are not UTF-8. Real files where this file system allows them, unit tests for the rest.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.collection.briefings import load_collection
from generator.entities.gazetteer import with_names_file
from generator.errors import ConfigError, FrontMatterError
from generator.frontmatter import briefing_to_data, read_page, write_page
from generator.model import Briefing, Headline, Source
from generator.slugs import MAX_SLUG_BYTES, RESERVED, slugify, unique

from .conftest import SAMPLE_ARTICLES, make_project
from .linkcheck import broken_links

SHA = "0123456789abcdef" * 4
HASHED = f"article-{SHA[:12]}"
SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")
ARABIC_NAME = "تقرير وزارة الدفاع الأمريكية عن انسحاب القوات من العراق " * 4  # 200+ letters


def safe_slug(slug: str) -> bool:
    return (
        bool(SLUG.fullmatch(slug))
        and slug.isascii()
        and len(slug.encode()) <= MAX_SLUG_BYTES
        and slug not in RESERVED
    )


def inside(folder: Path, slug: str) -> bool:
    target = (folder / f"{slug}.md").resolve()
    return target.parent == folder.resolve()


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("..", HASHED),
        ("..\\..\\windows\\system32", "windows-system32"),  # a Windows path, one Linux name
        ("C:\\evil", "c-evil"),
        ("report\x00.exe", "report-exe"),
        ("/absolute/name", "absolute-name"),
        ("CON", HASHED),
        ("nul", HASHED),
        ("Aux", HASHED),
        ("prn.", HASHED),
        ("COM1", HASHED),
        ("lpt9 ", HASHED),
        ("com\u00b9", HASHED),  # COM¹ is a device name too; NFKD makes it com1
        ("index", HASHED),  # MkDocs makes index.md the folder's page
        ("index-2020", "index-2020"),
        (".hidden", "hidden"),
        ("...", HASHED),
        ("-rf", HASHED),
        ("--help-me", "help-me"),
        ("story. . .", "story"),
        ("\uff45\uff53\uff50\uff45\uff52", "esper"),  # full-width letters
        ("gpj\u202etxt.exe", "gpj-txt-exe"),
        (ARABIC_NAME, HASHED),
        (f"{ARABIC_NAME} 2020 esper", "2020-esper"),
        ("a" * 300, "a" * MAX_SLUG_BYTES),
        ("ab-" * 100, ("ab-" * 20)[:MAX_SLUG_BYTES].strip("-")),
    ],
)
def test_hostile_names_give_safe_slugs(stem: str, expected: str, tmp_path: Path) -> None:
    slug = slugify(stem, SHA)
    assert slug == expected
    assert safe_slug(slug)
    assert inside(tmp_path / "docs" / "briefings", slug)


@settings(max_examples=500, deadline=None)
@given(
    stem=st.text(st.characters(exclude_categories=()), max_size=300),
    sha=st.sampled_from([SHA, "f" * 64]),
)
def test_any_name_gives_a_safe_slug(stem: str, sha: str) -> None:
    slug = slugify(stem, sha)
    assert safe_slug(slug), slug
    assert inside(Path("/project/docs/briefings"), slug)


@settings(max_examples=200, deadline=None)
@given(stems=st.lists(st.text(max_size=80), min_size=1, max_size=40))
def test_slugs_never_collide(stems: list[str]) -> None:
    taken: set[str] = set()
    for stem in stems:
        slug = unique(slugify(stem, SHA), taken)
        assert slug not in taken and safe_slug(slug.rstrip("-")) and SLUG.fullmatch(slug)
        assert len(slug.encode()) <= MAX_SLUG_BYTES
        taken.add(slug)
    # Case-insensitive file systems (macOS, Windows) cannot merge two of them either.
    assert len({slug.casefold() for slug in taken}) == len(taken)


def test_a_long_run_of_one_name_stays_short_and_unique() -> None:
    base = slugify("x" * 200, SHA)
    taken = {base}
    for _ in range(150):
        taken.add(unique(base, taken))
    assert len(taken) == 151
    assert max(len(s.encode()) for s in taken) <= MAX_SLUG_BYTES


# --- real files -----------------------------------------------------------------------------


def distinct_article(number: int) -> str:
    """A sample article made into a story of its own (a token in every five-word shingle, so
    the duplicate detector keeps them apart)."""
    text = SAMPLE_ARTICLES[number % len(SAMPLE_ARTICLES)].read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        words = line.split()
        out.append(" ".join(w if i % 3 else f"{w} ق{number}" for i, w in enumerate(words)))
    return "\n".join(out)


# File name -> the slug it must get (None: the content hash). All valid on Linux.
NAMES: dict[str, str | None] = {
    "CON.txt": None,
    "nul.md": None,
    "aux.txt": None,
    "LPT1.txt": None,
    "index.txt": None,
    "-rf.txt": None,
    "--help.txt": "help",
    "a\\..\\..\\evil.txt": "a-evil",  # a Windows path, one file name here
    "a..b.txt": None,
    "line\nbreak.txt": "line-break",
    "Story.txt": "story*",  # the three "story" names share story, story-2 and story-3
    "story.txt": "story*",
    "story!.txt": "story*",
    "gpj\u202etxt.txt": "gpj-txt",
    f"{ARABIC_NAME[:115]}.txt": None,  # 230 bytes: as long as ext4 allows in Arabic
    "x" * 250 + ".txt": "x" * MAX_SLUG_BYTES,
}


HIDDEN = (".~lock.txt", "..\\..\\evil.txt", "...txt")


@pytest.fixture(scope="module")
def named(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("names") / "project", articles=[])
    articles = root / "articles"
    for number, name in enumerate(NAMES):
        (articles / name).write_text(distinct_article(number), encoding="utf-8")
    # Not UTF-8 (Latin-1 bytes of "rapport-été"): no page can record this name.
    latin1 = os.fsencode(articles) + b"/rapport-\xe9t\xe9.txt"
    Path(os.fsdecode(latin1)).write_text(distinct_article(99), encoding="utf-8")
    # A hidden file is an editor's or a tool's, not an article: it is left alone.
    for number, name in enumerate(HIDDEN, start=90):
        (articles / name).write_text(distinct_article(number), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(root), "build"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    # Exit 1: the file whose name is not UTF-8 is skipped, and says why.
    assert result.returncode == 1, result.stdout + result.stderr
    assert "file name is not UTF-8 (it holds undecodable bytes); rename the file" in result.stderr
    assert "Site built" in result.stderr
    return root


def test_every_hostile_name_gets_its_page_under_docs(named: Path) -> None:
    docs = named / "docs" / "briefings"
    pages = sorted(docs.iterdir())
    assert all(p.parent == docs and p.suffix == ".md" and safe_slug(p.stem) for p in pages)
    # Each page records its article's name as it is: the slug, not the name, makes the path.
    slug_of = {str(read_page(p).data["sources"][0]["path"]): p.stem for p in pages}
    assert sorted(slug_of) == sorted(f"articles/{name}" for name in NAMES)
    for name, expected in NAMES.items():
        slug = slug_of[f"articles/{name}"]
        if expected is None:
            assert re.fullmatch(r"article-[0-9a-f]{12}", slug), (name, slug)
        elif expected != "story*":
            assert slug == expected, name
    stories = {slug for name, slug in slug_of.items() if NAMES[name[9:]] == "story*"}
    assert stories == {"story", "story-2", "story-3"}


def test_every_page_is_built_inside_the_site_and_links_resolve(named: Path) -> None:
    site = named / "site"
    for page in (named / "docs" / "briefings").glob("*.md"):
        for root in (site, site / "en"):
            built = root / "briefings" / page.stem / "index.html"
            assert built.is_file() and built.resolve().is_relative_to(site.resolve())
    assert not (site / "briefings" / "index.html").exists()
    assert broken_links(site) == []
    outside = [
        p for p in named.parent.rglob("*") if not p.resolve().is_relative_to(named.resolve())
    ]
    assert outside == []


def test_a_hand_made_page_with_a_reserved_name_is_refused(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    briefing = Briefing(
        id="index",
        headline=Headline(ar="عنوان"),
        sources=[Source(path="articles/index.txt", sha256=SHA, format="txt", encoding="utf-8")],
    )
    write_page(docs / "briefings" / "index.md", briefing_to_data(briefing), "نص.")
    with pytest.raises(FrontMatterError) as caught:
        load_collection(docs)
    (problem,) = caught.value.problems
    assert problem.key == "id"
    assert problem.message == (
        "'index' cannot be a page name (MkDocs' folder index or a Windows device name); "
        "rename the file and its id"
    )


# --- entity ids from names.yml name pages too -------------------------------------------------


@pytest.mark.parametrize("key", ["../../evil", "a/b", "Evil", "x y", "", "x" * 81, "index", "con"])
def test_an_unsafe_entity_id_in_names_yml_is_refused(tmp_path: Path, key: str) -> None:
    (tmp_path / "names.yml").write_text(
        yaml.safe_dump({key: {"type": "other", "ar": "الطائرات المروحية", "en": "Helicopters"}}),
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        with_names_file(tmp_path)
    assert str(caught.value) == (
        f"{tmp_path / 'names.yml'}:1: entity id {key!r} must be lowercase ASCII letters, digits "
        "and dashes (e.g. mark-esper), and not index, con, nul ..."
    )


def test_a_safe_entity_id_in_names_yml_is_added(tmp_path: Path) -> None:
    (tmp_path / "names.yml").write_text(
        "helicopters:\n  type: other\n  ar: الطائرات المروحية\n  en: Helicopters\n", "utf-8"
    )
    assert with_names_file(tmp_path).entries["helicopters"].en == "Helicopters"
