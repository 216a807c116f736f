"""The review queue: what needs a human, on the command line and on the editors' page."""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from lxml import html

from generator.cli import EXIT_OK, main
from generator.collection.briefings import Collection, Entry, load_collection
from generator.collection.review_queue import (
    CONFLICTS_FILE,
    Item,
    Queue,
    briefing_items,
    build_queue,
    key_path,
)
from generator.errors import ConfigError, FrontMatterError
from generator.frontmatter import read_page, write_page
from generator.model import Briefing
from generator.site.i18n import LANGUAGES, Strings
from generator.site.render import Renderer
from generator.site.review_page import ReviewPage, edit_url

from .conftest import REPO, SAMPLE_ARTICLES, make_project
from .linkcheck import broken_links

SAMPLE_PAGES = sorted((REPO / "docs" / "briefings").glob("*.md"))
SEED_000 = "000-51295827b7bc72d8"
SITE_URL = "https://example.org/briefings-site/"
EN = Strings("en")


def pages_project(target: Path) -> Path:
    """A project holding the repository's sample briefing pages as they are committed."""
    root = make_project(target, articles=[])
    folder = root / "docs" / "briefings"
    folder.mkdir(parents=True, exist_ok=True)
    for page in SAMPLE_PAGES:
        shutil.copy2(page, folder / page.name)
    return root


def page_path(root: Path, prefix: str) -> Path:
    return next((root / "docs" / "briefings").glob(f"{prefix}*.md"))


def line_number(path: Path, text: str) -> int:
    """The 1-based number of the first line of ``path`` that is ``text`` (stripped)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.strip() == text)


def edit(path: Path, change: Any) -> None:
    """Change a page's front matter the way an editor would (comments and order kept)."""
    page = read_page(path)
    change(page.data)
    write_page(path, page.data, page.body)


# --- one briefing, item by item -------------------------------------------------------------

BASE: dict[str, Any] = {
    "id": "sample",
    "headline": {
        "ar": "البنتاغون يعلن تقليص مهمته العسكرية في العراق",
        "en": {"text": "Pentagon scales back its mission in Iraq", "status": "reviewed"},
    },
    "published": {
        "value": "2020-01-07",
        "precision": "day",
        "confidence": "high",
        "source": "dateline",
    },
    "sources": [
        {"path": "articles/x.txt", "sha256": "0" * 64, "format": "txt", "encoding": "utf-8"}
    ],
    "reviewed": True,
}
QUOTE = {
    "id": "q-1",
    "rank": 1,
    "ar": "نحن لا نزال في نوع من الوضع الراهن",
    "sentence": 'وقال: "نحن لا نزال في نوع من الوضع الراهن".',
    "speaker": {"kind": "unknown"},
}
GIST = {"ar": "أعلن البنتاغون تقليص مهمته.", "paragraph": 1, "position": 1}


def briefing(**changes: Any) -> Briefing:
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    return Briefing.model_validate(data)


def nowhere(loc: tuple[int | str, ...]) -> None:
    return None


def whys(b: Briefing) -> list[tuple[str, str, str]]:
    return [(i.kind, i.key, i.why(EN)) for i in briefing_items(b, "docs/briefings/x.md", nowhere)]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        (
            {"reviewed": False},
            [
                (
                    "unreviewed",
                    "reviewed",
                    "not marked reviewed: check the page, then set reviewed: true",
                )
            ],
        ),
        (
            {"published": None},
            [("date", "published", "no publication date found: add published")],
        ),
        (
            {
                "published": {
                    "value": "2026-02-17",
                    "precision": "day",
                    "confidence": "low",
                    "source": "page-chrome",
                    "reason": "the only date is page chrome",
                }
            },
            [
                (
                    "date",
                    "published.value",
                    "2026-02-17, low confidence (from page-chrome): the only date is page chrome",
                )
            ],
        ),
        (  # page chrome never places a briefing in time, whatever the confidence says
            {
                "published": {
                    "value": "2026-02-17",
                    "precision": "day",
                    "confidence": "high",
                    "source": "page-chrome",
                }
            },
            [("date", "published.value", "2026-02-17, high confidence (from page-chrome): -")],
        ),
        (
            {
                "published": {
                    "value": "2024-09",
                    "precision": "month",
                    "confidence": "medium",
                    "source": "text (deadline)",
                    "reason": "inferred from 'سبتمبر 2025'",
                }
            },
            [
                (
                    "date",
                    "published.value",
                    "2024-09, medium confidence (from text (deadline)): "
                    "inferred from 'سبتمبر 2025'",
                )
            ],
        ),
        (
            {"quotes": [QUOTE]},
            [
                (
                    "translation",
                    "quotes.0.en",
                    "1 of 1 English text(s) in quotes pending",
                ),
                (
                    "speaker",
                    "quotes.0.speaker",
                    "the speaker of quote q-1 is unknown: “نحن لا نزال في نوع من الوضع الراهن”",
                ),
            ],
        ),
        (
            {
                "headline": {"ar": "البنتاغون يعلن تقليص مهمته العسكرية في العراق"},
                "gist": [
                    {**GIST, "en": {"text": "The Pentagon announced.", "status": "machine"}},
                    {**GIST, "position": 2},
                    {**GIST, "position": 3, "en": {"status": "pending"}},
                ],
            },
            [
                ("translation", "headline.en", "1 of 1 English text(s) in headline pending"),
                ("translation", "gist.1.en", "2 of 3 English text(s) in gist pending"),
            ],
        ),
        (
            {
                "entities": [
                    {"id": "iraq", "type": "place", "ar": "العراق", "en": "Iraq"},
                    {
                        "id": "abd-al-amir",
                        "type": "person",
                        "ar": "عبد الأمير",
                        "en": "Abd al-Amir",
                        "en_source": "romanised",
                    },
                    {
                        "id": "harakat-al-nujaba",
                        "type": "other",
                        "ar": "حركة النجباء",
                        "en": "Harakat al-Nujaba",
                        "en_source": "romanised",
                    },
                    {
                        "id": "operation-inherent-resolve",
                        "type": "other",
                        "ar": "عملية العزم الصلب",
                        "en": "Operation Inherent Resolve",
                    },
                ]
            },
            [
                (
                    "entity",
                    "entities.1.en",
                    "English name “Abd al-Amir” of “عبد الأمير” (abd-al-amir) is a machine "
                    "romanisation: check it, correct it in names.yml",
                ),
                (
                    "entity",
                    "entities.2.en",
                    "English name “Harakat al-Nujaba” of “حركة النجباء” (harakat-al-nujaba) is a "
                    "machine romanisation and its type is unknown (other): correct both in "
                    "names.yml",
                ),
            ],
        ),
    ],
)
def test_briefing_items(changes: dict[str, Any], expected: list[tuple[str, str, str]]) -> None:
    assert whys(briefing(**changes)) == expected


def test_arabic_why_names_the_confidence_in_arabic() -> None:
    b = briefing(
        published={
            "value": "2021-12-10",
            "precision": "day",
            "confidence": "medium",
            "source": "text (lead date, weekday)",
            "reason": "no year given",
        }
    )
    (item,) = briefing_items(b, "docs/briefings/x.md", nowhere)
    assert item.why(Strings("ar")) == (
        "2021-12-10، ثقة متوسطة (المصدر: text (lead date, weekday)): no year given"
    )


@pytest.mark.parametrize(
    ("key", "path"),
    [
        ("published.value", ("published", "value")),
        ("quotes.1.speaker", ("quotes", 1, "speaker")),
        ("quotes[1].speaker.en", ("quotes", 1, "speaker", "en")),
        ("quotes.q-ba1126a9ed.speaker", ("quotes", "q-ba1126a9ed", "speaker")),
        ("reviewed", ("reviewed",)),
    ],
)
def test_key_path(key: str, path: tuple[int | str, ...]) -> None:
    assert key_path(key) == path


# --- the real sample set ----------------------------------------------------------------------


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    return pages_project(tmp_path / "project")


# Issues of the committed sample pages (README: seed 000's date is the site banner's).
SAMPLE_ISSUES = [
    ("date", "000-", "published.value", "low confidence (from page-chrome)"),
    ("date", "002-", "published.value", "low confidence"),
    ("date", "003-", "published.value", "medium confidence"),
    ("date", "004-", "published.value", "medium confidence"),
    ("entity", "001-", "en", "“Abd al-Amir” of “عبد الأمير”"),
    ("speaker", "002-", "speaker", "quote q-02e347f969 is unknown"),
    ("speaker", "002-", "speaker", "quote q-c3a1984e5d is unknown"),
    ("speaker", "003-", "speaker", "quote q-ba1126a9ed is unknown"),
]


@pytest.mark.skipif(len(SAMPLE_PAGES) != 5, reason="the five sample pages are not in docs/")
@pytest.mark.parametrize(("kind", "prefix", "key_end", "why"), SAMPLE_ISSUES)
def test_sample_set_issues_are_listed(
    samples: Path, kind: str, prefix: str, key_end: str, why: str
) -> None:
    queue = build_queue(samples)
    found = [
        i
        for i in queue.items
        if i.kind == kind
        and i.briefing.startswith(prefix)
        and i.key.endswith(key_end)
        and why in i.why(EN)
    ]
    assert len(found) == 1, [i for i in queue.items if i.briefing.startswith(prefix)]


@pytest.mark.skipif(len(SAMPLE_PAGES) != 5, reason="the five sample pages are not in docs/")
def test_every_item_points_at_the_line_of_its_key(samples: Path) -> None:
    queue = build_queue(samples)
    assert queue.briefings == 5 and queue.items
    for item in queue.items:
        line = (samples / item.page).read_text(encoding="utf-8").splitlines()[item.line - 1]
        last = next(p for p in reversed(key_path(item.key)) if isinstance(p, str))
        assert line.lstrip(" -").startswith(f"{last}:"), (item, line)


def test_marking_reviewed_and_fixing_a_date_empties_their_items(samples: Path) -> None:
    path = page_path(samples, "000-")

    def fix(data: Any) -> None:
        data["published"]["value"] = "2020-01-07"
        data["published"]["confidence"] = "high"
        data["published"]["source"] = "editor"
        data["reviewed"] = True

    before = [i for i in build_queue(samples).items if i.briefing == SEED_000]
    edit(path, fix)
    after = [i for i in build_queue(samples).items if i.briefing == SEED_000]
    assert {i.kind for i in before} >= {"date", "unreviewed"}
    assert {i.kind for i in after} == {i.kind for i in before} - {"date", "unreviewed"}


def test_lines_follow_editor_comments(samples: Path) -> None:
    path = page_path(samples, "000-")
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("published:\n", "# checked against the wire copy\npublished:\n", 1),
        encoding="utf-8",
    )
    (item,) = [i for i in build_queue(samples).items if i.kind == "date" and i.briefing == SEED_000]
    assert path.read_text(encoding="utf-8").splitlines()[item.line - 1] == '  value: "2026-02-17"'


def test_invalid_pages_are_listed_and_the_others_still_reviewed(samples: Path) -> None:
    path = page_path(samples, "002-")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  precision: year\n", "  precision: yearly\n", 1), "utf-8")
    queue = build_queue(samples)
    (invalid,) = [i for i in queue.items if i.kind == "invalid"]
    assert invalid.key == "published.precision"
    assert path.read_text(encoding="utf-8").splitlines()[invalid.line - 1] == "  precision: yearly"
    with pytest.raises(FrontMatterError) as check:  # what `briefings check` says
        load_collection(samples / "docs")
    assert [invalid.why(EN)] == [p.message for p in check.value.problems]
    assert queue.items[0] is invalid  # what breaks the build comes first
    assert any(i.kind == "date" and i.briefing == SEED_000 for i in queue.items)


# --- conflicts of the last regeneration -------------------------------------------------------


def write_conflicts(root: Path, conflicts: Any) -> None:
    import yaml

    (root / CONFLICTS_FILE).parent.mkdir(parents=True, exist_ok=True)
    (root / CONFLICTS_FILE).write_text(yaml.safe_dump(conflicts, allow_unicode=True), "utf-8")


def conflicts(root: Path) -> list[Item]:
    return [i for i in build_queue(root).items if i.kind == "conflict"]


def test_conflicts_are_listed_until_the_editor_takes_the_generated_value(samples: Path) -> None:
    page = f"docs/briefings/{SEED_000}.md"
    path = samples / page
    edit(path, lambda data: data["published"].__setitem__("value", "2020-01-07"))
    write_conflicts(
        samples,
        [
            {
                "page": page,
                "key": "published.value",
                "editor": "2020-01-07",
                "generated": "2026-02-17",
            }
        ],
    )
    (item,) = conflicts(samples)
    line = line_number(path, 'value: "2020-01-07"')
    assert item.where == f"{page}:{line}"
    assert item.why(EN) == (
        'an editor changed published.value to "2020-01-07"; the generator now says '
        '"2026-02-17". The editor\'s value was kept: add the key to locked to keep it, or take '
        "the generator's"
    )
    edit(path, lambda data: data["published"].__setitem__("value", "2026-02-17"))
    assert conflicts(samples) == []


def test_conflict_by_quote_id_removed_page_and_lock(samples: Path) -> None:
    page = "docs/briefings/" + page_path(samples, "003-").name
    write_conflicts(
        samples,
        [
            {
                "page": page,
                "key": "quotes.q-ba1126a9ed.speaker.en",
                "editor": "John Kirby",
                "generated": None,
            },
            {
                "page": "docs/briefings/gone.md",
                "key": "reviewed",
                "editor": True,
                "generated": False,
            },
        ],
    )
    (speaker,) = conflicts(samples)  # the removed page's conflict is settled
    line = (samples / page).read_text("utf-8").splitlines()[speaker.line - 1]
    assert line.strip() == "en: the official (the Pentagon)"
    # Locking the key settles it too: the editor's value is final.
    edit(samples / page, lambda data: data.insert(len(data), "locked", ["quotes.q-ba1126a9ed"]))
    assert conflicts(samples) == []


def test_a_conflict_in_the_article_text_points_at_the_body(samples: Path) -> None:
    path = page_path(samples, "004-")
    page = "docs/briefings/" + path.name
    write_conflicts(
        samples, [{"page": page, "key": "(body)", "editor": "نص المحرر", "generated": "نص جديد"}]
    )
    (item,) = conflicts(samples)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[item.line - 2] == "---" and item.key == "(body)"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("page: x\n", "generated/conflicts.yml: expected a list of conflicts"),
        ("- key: reviewed\n", "generated/conflicts.yml: conflict 1 lacks 'page' or 'key'"),
        ("- [unclosed\n", "generated/conflicts.yml: not readable YAML"),
    ],
)
def test_a_malformed_conflicts_file_is_an_error(samples: Path, content: str, message: str) -> None:
    (samples / "generated").mkdir()
    (samples / CONFLICTS_FILE).write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        build_queue(samples)
    assert str(error.value).startswith(message)


# --- the command ------------------------------------------------------------------------------


def test_review_command_prints_clickable_locations(
    samples: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(samples)
    assert main(["review"]) == EXIT_OK
    out = capsys.readouterr().out
    page = f"docs/briefings/{SEED_000}.md"
    line = line_number(samples / page, 'value: "2026-02-17"')
    assert f"{page}:{line}  published.value  2026-02-17, low confidence" in out
    headings = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert [h.split(" (")[0] for h in headings[1:]] == [
        "Publication dates to check",
        "Entity names to check",
        "Quotes whose speaker is unknown",
        "Briefings not marked reviewed",
    ]


def test_review_json(samples: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--project", str(samples), "review", "--json"]) == EXIT_OK
    report = json.loads(capsys.readouterr().out)
    assert report["briefings"] == len(SAMPLE_PAGES)
    assert sum(report["counts"].values()) == len(report["items"])
    first = report["items"][0]
    assert set(first) == {"kind", "page", "line", "briefing", "key", "why", "url"}
    speaker = next(i for i in report["items"] if i["kind"] == "speaker")
    assert re.fullmatch(r"briefings/[0-9a-f-]+/#q-[0-9a-f]+", speaker["url"])


def test_review_exits_0_with_invalid_pages(samples: Path) -> None:
    path = page_path(samples, "001-")
    path.write_text(path.read_text("utf-8").replace("reviewed: false", "reviewed: maybe"), "utf-8")
    assert main(["--project", str(samples), "review"]) == EXIT_OK


# --- the editors' page on the site ------------------------------------------------------------


REWORDED_QUOTE = "q-fe3637d469"
REWORDED_FROM = "لا أعرف ما هذه الرسالة"
REWORDED_TO = "لا أدري ما هذه الرسالة"
REWORDED_EN = "I do not know what this letter is"


def reword_quote(data: Any) -> None:
    (quote,) = [q for q in data["quotes"] if q["id"] == REWORDED_QUOTE]
    quote["ar"], quote["en"] = REWORDED_TO, {"status": "pending"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = pages_project(tmp_path_factory.mktemp("review") / "project")
    page = "docs/briefings/" + page_path(root, "002-").name
    reworded = "docs/briefings/" + page_path(root, "000-").name
    write_conflicts(
        root,
        [
            {"page": page, "key": "reviewed", "editor": True, "generated": False},
            {
                "page": reworded,
                "key": f"quotes.{REWORDED_QUOTE}.en",
                "kind": "arabic-changed",
                "editor": {"ar": REWORDED_FROM, "en": REWORDED_EN},
                "generated": {"ar": REWORDED_TO},
            },
        ],
    )
    edit(root / page, lambda data: data.__setitem__("reviewed", True))
    # The quote as a regeneration leaves it after a new scrape reworded it (tests/
    # test_merge_translations.py makes it for real): the new wording, its English to come.
    edit(root / reworded, reword_quote)
    # A headline whose English is still to come.
    edit(
        page_path(root, "003-"),
        lambda data: data["headline"].__setitem__("en", {"status": "pending"}),
    )
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITE_URL", SITE_URL)
        assert main(["--project", str(root), "build", "--no-generate"]) == EXIT_OK
    return root / "site"


LANGUAGE_ROOTS = ["", "en/"]


@pytest.mark.parametrize("lang", LANGUAGE_ROOTS)
def test_review_page_lists_items_with_links_and_files(site: Path, lang: str) -> None:
    tree = html.fromstring((site / lang / "review/index.html").read_bytes())
    items = tree.xpath("//li[contains(@class, 'review-item')]")
    kinds = [li.get("data-kind") for li in items]
    assert kinds[0] == "conflict" and {"date", "speaker", "unreviewed"} <= set(kinds)
    for li in items:
        # Items are listed under their page: its briefing, its file, then each key and why.
        (page,) = li.xpath("ancestor::li[@class='review-page']")
        (link,) = page.xpath("./a[@class='review-briefing']")
        (file,) = page.xpath("./code[@class='review-file']/text()")
        briefing = "../briefings/" + Path(file).stem + "/"
        assert link.get("href") == briefing
        assert li.xpath(".//code[@class='review-key']/text()")
        assert [h.partition("#")[0] for h in li.xpath("./a/@href")] == [briefing]
    pages = tree.xpath("//li[@class='review-page']")
    files = [(p.getparent().get("class"), p.xpath("string(./code)")) for p in pages]
    assert len(files) == len(set(files)) < len(items)  # a page once per kind, with its items
    assert tree.xpath("//meta[@name='robots']/@content") == ["noindex, nofollow"]


@pytest.mark.parametrize(
    ("lang", "why"), [("", r"\d+ من \d+ بانتظار الترجمة"), ("en/", r"\d+ of \d+ pending")]
)
def test_review_page_says_once_what_a_pending_translation_item_means(
    site: Path, lang: str, why: str
) -> None:
    tree = html.fromstring((site / lang / "review/index.html").read_bytes())
    (note,) = tree.xpath("//h2[@id='review-translation']/following-sibling::*[1]")
    assert note.get("class") == "review-note" and note.text_content().strip()
    items = tree.xpath("//li[@data-kind='translation']")
    assert items
    for item in items:
        assert re.fullmatch(why, item.xpath("string(.//span[@class='review-why'])"))


@pytest.mark.parametrize("lang", LANGUAGE_ROOTS)
def test_review_page_is_hidden_from_readers(site: Path, lang: str) -> None:
    root = site / lang
    index = json.loads((root / "search/search_index.json").read_text("utf-8"))
    assert not [d for d in index["docs"] if d["location"].startswith("review")]
    assert any(d["location"].startswith("briefings/") for d in index["docs"])
    sitemap = (root / "sitemap.xml").read_text("utf-8")
    assert f"{SITE_URL}{lang}briefings/" in sitemap and "review" not in sitemap
    review = html.fromstring((root / "review/index.html").read_bytes())
    assert not review.xpath("//link[@rel='canonical'] | //meta[@property='og:url']")
    for page in root.rglob("*.html"):
        if "review" in page.relative_to(site).parts:
            continue
        hrefs = html.fromstring(page.read_bytes()).xpath("//a/@href")
        assert not [h for h in hrefs if "review/" in h], page  # nav, home, timeline ...
    for feed in root.glob("*.xml"):
        assert "review/" not in feed.read_text("utf-8"), feed


@pytest.mark.parametrize(
    ("lang", "says"),
    [("", "تغيّر النص العربي تحت ترجمة مراجَعة"), ("en/", "the Arabic changed under a reviewed")],
)
def test_review_page_shows_both_wordings_of_a_reworded_quote(
    site: Path, lang: str, says: str
) -> None:
    tree = html.fromstring((site / lang / "review/index.html").read_bytes())
    (item,) = [
        li
        for li in tree.xpath("//li[@data-kind='conflict']")
        if li.xpath("string(.//code)") == f"quotes.{REWORDED_QUOTE}.en"
    ]
    why = item.xpath(".//span[@class='review-why']")[0]
    assert says in why.text_content()
    # Each text whole and isolated, so an English text keeps its order in an Arabic sentence.
    assert {REWORDED_FROM, REWORDED_EN, REWORDED_TO} <= set(why.xpath("./bdi/text()"))


def test_review_page_links_resolve(site: Path) -> None:
    assert broken_links(site, base="/briefings-site/") == []


def test_review_page_speaks_the_page_language(site: Path) -> None:
    ar = html.fromstring((site / "review/index.html").read_bytes())
    en = html.fromstring((site / "en/review/index.html").read_bytes())
    assert ar.xpath("//h2[@id='review-date']/text()")[0].startswith("تواريخ نشر تحتاج إلى تحقق")
    assert en.xpath("//h2[@id='review-date']/text()")[0].startswith("Publication dates to check")
    assert ar.xpath("/html/@dir") == ["rtl"] and en.xpath("/html/@dir") == ["ltr"]
    # English values inside the Arabic sentence are isolated, so they keep their order.
    why = ar.xpath("//li[@data-kind='date']//span[@class='review-why']")[0]
    assert "page-chrome" in why.xpath("./bdi/text()")
    assert why.text_content().startswith("2026-02-17، ثقة منخفضة (المصدر: page-chrome)")


def test_a_real_regeneration_conflict_is_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """generate writes the conflict, review reads it: the two agree on generated/conflicts.yml."""
    root = make_project(tmp_path / "project", SAMPLE_ARTICLES[:1])
    assert main(["--project", str(root), "generate"]) == EXIT_OK
    path = page_path(root, "000-")
    edit(path, lambda data: data["published"].__setitem__("value", "2020-01-06"))
    # The editor's sidecar makes the generator change its date too: both changed it.
    (root / "articles" / f"{SAMPLE_ARTICLES[0].stem}.meta.yml").write_text('date: "2020-01-07"\n')
    assert main(["--project", str(root), "generate", "--force"]) == EXIT_OK
    capsys.readouterr()
    assert main(["--project", str(root), "review", "--json"]) == EXIT_OK
    items = json.loads(capsys.readouterr().out)["items"]
    (conflict,) = [i for i in items if i["kind"] == "conflict"]
    assert (conflict["key"], conflict["line"]) == (
        "published.value",
        line_number(path, 'value: "2020-01-06"'),
    )


@pytest.mark.parametrize(
    ("repo_url", "edit_uri", "template", "expected"),
    [
        (None, None, None, None),
        (
            "https://github.com/desk/briefings",
            "edit/main/docs/",
            None,
            "https://github.com/desk/briefings/edit/main/docs/briefings/x.md",
        ),
        (
            "https://github.com/desk/briefings/",
            None,
            "edit/main/docs/{path}",
            "https://github.com/desk/briefings/edit/main/docs/briefings/x.md",
        ),
    ],
)
def test_edit_links_follow_mkdocs_settings(
    repo_url: str | None, edit_uri: str | None, template: str | None, expected: str | None
) -> None:
    config = SimpleNamespace(repo_url=repo_url, edit_uri=edit_uri, edit_uri_template=template)
    assert edit_url(config, "briefings/x.md") == expected  # type: ignore[arg-type]


def test_an_empty_queue_says_so() -> None:
    renderer = Renderer(REPO / "templates", LANGUAGES["en"])
    config = SimpleNamespace(repo_url=None, edit_uri=None, edit_uri_template=None)
    review = ReviewPage.of(Queue((), 0), config, Collection(()))  # type: ignore[arg-type]
    page = SimpleNamespace(meta={})
    markdown = review.render(page, renderer)  # type: ignore[arg-type]
    assert page.meta == {"template": "review.html", "search": {"exclude": True}}
    assert '<p class="review-empty">Nothing needs review.</p>' in markdown


# --- the page's key: what it shows, and nothing else ------------------------------------------

MEDIUM_DATE = {**BASE["published"], "confidence": "medium", "source": "text (lead date)"}
LISTED = {"id": "listed", "published": MEDIUM_DATE, "reviewed": False}  # two items
QUIET = {"id": "quiet"}  # nothing to review: not on the page
EDIT_URI = "edit/main/docs/"


def review_key(listed: dict[str, Any], quiet: dict[str, Any], repo_url: str | None) -> str:
    entries = [
        Entry(briefing(**changes), body, f"briefings/{changes['id']}.md")
        for changes, body in ((listed, "نص الخبر."), (quiet, "نص آخر."))
    ]
    items = [i for e in entries for i in briefing_items(e.briefing, f"docs/{e.src_uri}", nowhere)]
    config = SimpleNamespace(repo_url=repo_url, edit_uri=EDIT_URI, edit_uri_template=None)
    queue = Queue(tuple(items), len(entries))
    return ReviewPage.of(queue, config, Collection(tuple(entries))).key()  # type: ignore[arg-type]


def headline(ar: str, en: str) -> dict[str, Any]:
    return {"ar": ar, "en": {"text": en, "status": "machine"}}


REPO_URL = "https://github.com/desk/briefings"
ARABIC, ENGLISH = BASE["headline"]["ar"], BASE["headline"]["en"]["text"]
TRANSLATED = {"text": "The Pentagon announced a smaller mission.", "status": "machine"}


@pytest.mark.parametrize(
    ("listed", "quiet", "repo_url", "shown"),
    [
        ({}, {}, REPO_URL, False),
        ({"reviewed": True}, {}, REPO_URL, True),  # an item gone
        ({"published": {**MEDIUM_DATE, "value": "2020-01-08"}}, {}, REPO_URL, True),  # a value
        ({"published": {**MEDIUM_DATE, "reason": "لا سنة"}}, {}, REPO_URL, True),
        ({"headline": headline("البنتاغون يقلص مهمته", ENGLISH)}, {}, REPO_URL, True),
        ({"headline": headline(ARABIC, "The Pentagon scales back")}, {}, REPO_URL, True),
        ({}, {}, "https://github.com/desk/other", True),  # the edit links
        ({}, {"headline": headline("عنوان آخر", "Another headline")}, REPO_URL, False),
        ({}, {"reviewed": False}, REPO_URL, True),  # now listed
        ({"gist": [{**GIST, "en": TRANSLATED}]}, {}, REPO_URL, False),  # not on the page
    ],
)
def test_the_review_page_key_changes_with_what_the_page_shows(
    listed: dict[str, Any], quiet: dict[str, Any], repo_url: str, shown: bool
) -> None:
    before = review_key(LISTED, QUIET, REPO_URL)
    after = review_key({**LISTED, **listed}, {**QUIET, **quiet}, repo_url)
    assert (after != before) is shown
