"""Three-way merge on regeneration: editors' changes survive, untouched keys take the new value."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import frontmatter
from generator.body_merge import merge_body
from generator.cli import main
from generator.context import Context
from generator.generate import Summary, generate
from generator.merge import merge_front_matter, plain

from .conftest import REPO, make_project, project_files

PAGE = "docs/briefings/001-x.md"
ESPER, MILLEY = "مارك إسبر", "مارك ميلي"
NO_DECISION = "لا يوجد أيّ قرار على الإطلاق بمغادرة العراق"
LETTER = "أُرسلت الرسالة لبعض القادة العراقيين"


def quote(qid: str, speaker: str, ar: str, en: str | None = None) -> dict[str, Any]:
    english = {"text": en, "status": "machine"} if en else {"status": "pending"}
    return {"id": qid, "speaker": {"kind": "person", "ar": speaker}, "ar": ar, "en": english}


BASE: dict[str, Any] = {
    "schema": 1,
    "id": "001-x",
    "headline": {"ar": "ما قصة رسالة الانسحاب الأمريكي من العراق؟", "en": {"status": "pending"}},
    "published": {"value": "2020-01-07", "precision": "day", "source": "dateline"},
    "quotes": [quote("q1", ESPER, NO_DECISION), quote("q2", MILLEY, LETTER)],
    "gist": [{"ar": "نفى وزير الدفاع الأمريكي", "position": 1}, {"ar": "وأفادت", "position": 4}],
    "reviewed": False,
}


def edit(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``data`` with ``path`` ("quotes.1.speaker.ar") set, or deleted for ``...``."""
    changed = copy.deepcopy(data)
    *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    node: Any = changed
    for part in parents:
        node = node[part]
    if value is ...:
        del node[last]
    else:
        node[last] = value
    return changed


def merged(
    ours: dict[str, Any], theirs: dict[str, Any], base: dict[str, Any] | None = BASE
) -> tuple[dict[str, Any], list[tuple[str, Any, Any]]]:
    page = copy.deepcopy(ours)
    conflicts = merge_front_matter(PAGE, base, page, theirs)
    return plain(page), [(c.key, c.editor, c.generated) for c in conflicts]


def case(
    name: str,
    ours: dict[str, Any],
    theirs: dict[str, Any],
    expected: dict[str, Any],
    conflicts: list[tuple[str, Any, Any]],
    base: dict[str, Any] | None = BASE,
) -> Any:
    return pytest.param(base, ours, theirs, expected, conflicts, id=name)


MILLEY_FIXED = edit(BASE, "quotes.1.speaker.ar", "الجنرال مارك ميلي")


@pytest.mark.parametrize(
    ("base", "ours", "theirs", "expected", "conflicts"),
    [
        # The editor changed it, the generator did not: the editor's value.
        case(
            "editor-only",
            edit(BASE, "published.value", "2020-01-08"),
            BASE,
            edit(BASE, "published.value", "2020-01-08"),
            [],
        ),
        # The editor did not change it: the new value.
        case(
            "generator-only",
            BASE,
            edit(BASE, "published.value", "2020-01-09"),
            edit(BASE, "published.value", "2020-01-09"),
            [],
        ),
        case(
            "same-change",
            edit(BASE, "published.value", "2020-01-09"),
            edit(BASE, "published.value", "2020-01-09"),
            edit(BASE, "published.value", "2020-01-09"),
            [],
        ),
        # Both changed it differently: the editor's value stays and the conflict is reported.
        case(
            "conflict",
            edit(BASE, "published.value", "2020-01-08"),
            edit(BASE, "published.value", "2020-01-09"),
            edit(BASE, "published.value", "2020-01-08"),
            [("published.value", "2020-01-08", "2020-01-09")],
        ),
        # Quotes merge per id: one fixed by the editor, the other re-analysed.
        case(
            "quotes-per-id",
            MILLEY_FIXED,
            edit(BASE, "quotes.0.speaker.kind", "organisation"),
            edit(MILLEY_FIXED, "quotes.0.speaker.kind", "organisation"),
            [],
        ),
        case(
            "quote-conflict-named-by-id",
            MILLEY_FIXED,
            edit(BASE, "quotes.1.speaker.ar", "ميلي"),
            MILLEY_FIXED,
            [("quotes.q2.speaker.ar", "الجنرال مارك ميلي", "ميلي")],
        ),
        # A new quote goes where the generator puts it.
        case(
            "quote-added",
            MILLEY_FIXED,
            edit(BASE, "quotes", [quote("q0", ESPER, "جديد"), *BASE["quotes"]]),
            edit(MILLEY_FIXED, "quotes", [quote("q0", ESPER, "جديد"), *MILLEY_FIXED["quotes"]]),
            [],
        ),
        # The editor removed a wrong quote the generator still finds: it stays removed.
        case(
            "quote-deleted-by-editor",
            edit(BASE, "quotes", BASE["quotes"][:1]),
            BASE,
            edit(BASE, "quotes", BASE["quotes"][:1]),
            [],
        ),
        case(
            "quote-dropped-by-generator",
            BASE,
            edit(BASE, "quotes", BASE["quotes"][:1]),
            edit(BASE, "quotes", BASE["quotes"][:1]),
            [],
        ),
        # ... but a quote the editor fixed stays, reported.
        case(
            "fixed-quote-dropped-by-generator",
            MILLEY_FIXED,
            edit(BASE, "quotes", BASE["quotes"][:1]),
            MILLEY_FIXED,
            [("quotes.q2", MILLEY_FIXED["quotes"][1], None)],
        ),
        # An editor's own key stays; a key the generator no longer writes goes.
        case(
            "keys-added-and-removed",
            edit(BASE, "reviewed", True),
            edit(BASE, "published", ...),
            edit(edit(BASE, "reviewed", True), "published", ...),
            [],
        ),
        # A translation belongs to its Arabic: new Arabic, the old English goes (it stays in
        # the translation memory, under the old sentence).
        case(
            "english-follows-arabic",
            edit(BASE, "quotes.0.en", {"text": "No decision", "status": "reviewed"}),
            edit(BASE, "quotes.0.ar", "لا قرار بالانسحاب"),
            edit(BASE, "quotes.0.ar", "لا قرار بالانسحاب"),
            [],
        ),
        # The gist merges per sentence position: the editor's fix of sentence 4 stays.
        case(
            "gist-per-position",
            edit(BASE, "gist.1.ar", "وأفادت مسودة الخطاب"),
            edit(BASE, "gist", [*BASE["gist"], {"ar": "ويأتي ذلك", "position": 7}]),
            edit(
                BASE,
                "gist",
                [
                    BASE["gist"][0],
                    {"ar": "وأفادت مسودة الخطاب", "position": 4},
                    {"ar": "ويأتي ذلك", "position": 7},
                ],
            ),
            [],
        ),
        # Locked keys are never touched, and never reported.
        case(
            "locked",
            edit(BASE, "locked", ["published", "quotes.q2.speaker"]),
            edit(edit(BASE, "published.value", "2020-01-09"), "quotes.1.speaker.ar", "ميلي"),
            edit(BASE, "locked", ["published", "quotes.q2.speaker"]),
            [],
        ),
        # English records are the translation pass's: a filled one is not an editor's change.
        case(
            "translations-are-not-conflicts",
            edit(BASE, "headline.en", {"text": "What is the story?", "status": "machine"}),
            BASE,
            edit(BASE, "headline.en", {"text": "What is the story?", "status": "machine"}),
            [],
            base=None,
        ),
        # No base (a page written before snapshots existed): every difference is kept, reported.
        case(
            "no-base",
            edit(BASE, "published.value", "2020-01-08"),
            edit(BASE, "headline.ar", "عنوان جديد"),
            edit(BASE, "published.value", "2020-01-08"),
            [
                ("headline.ar", BASE["headline"]["ar"], "عنوان جديد"),
                ("published.value", "2020-01-08", "2020-01-07"),
            ],
            base=None,
        ),
    ],
)
def test_three_way_merge_per_key(
    base: dict[str, Any] | None,
    ours: dict[str, Any],
    theirs: dict[str, Any],
    expected: dict[str, Any],
    conflicts: list[tuple[str, Any, Any]],
) -> None:
    assert merged(ours, theirs, base) == (plain(expected), conflicts)


P1 = "نفى وزير الدفاع الأمريكي، مارك إسبر، وجود قرار بسحب القوات الأمريكية من العراق."
P2 = "وأفادت مسودة الخطاب بأنّ الولايات المتحدة ستغير أماكن قواتها."
P2_EDITOR = "وأفادت مسودة الخطاب بأنّ الولايات المتحدة ستغيّر أماكن قواتها."  # a shadda restored
P2_NEW = "وأفادت مسودة الخطاب بأنّ الولايات المتحدة ستنقل قواتها."
P3 = "ويأتي ذلك وسط تهديدات للقوات الأمريكية."
P4 = "وقال البرلمان العراقي إن القوات الأمريكية ما زالت في العراق."


def body(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


@pytest.mark.parametrize(
    ("base", "ours", "theirs", "expected", "conflicts"),
    [
        ([P1, P2, P3], body(P1, P2, P3), body(P1, P2, P3, P4), body(P1, P2, P3, P4), []),
        ([P1, P2, P3], body(P1, P2_EDITOR, P3), body(P1, P2, P3), body(P1, P2_EDITOR, P3), []),
        (
            [P1, P2, P3],
            body(P1, P2_EDITOR, P3),
            body(P1, P2, P3, P4),
            body(P1, P2_EDITOR, P3, P4).rstrip("\n"),
            [],
        ),
        (
            [P1, P2, P3],
            body(P1, P2_EDITOR, P3),
            body(P1, P2_NEW, P3, P4),
            body(P1, P2_EDITOR, P3, P4).rstrip("\n"),
            [(P2_EDITOR, P2_NEW)],
        ),
        # The editor deleted a paragraph, the generator added one elsewhere.
        ([P1, P2, P3], body(P1, P3), body(P4, P1, P2, P3), body(P4, P1, P3).rstrip("\n"), []),
        # Without a base nothing tells who changed what: the page stays, the difference is listed.
        (
            None,
            body(P1, P2_EDITOR),
            body(P1, P2),
            body(P1, P2_EDITOR),
            [(body(P1, P2_EDITOR).strip(), body(P1, P2).strip())],
        ),
    ],
)
def test_body_merges_per_paragraph(
    base: list[str] | None,
    ours: str,
    theirs: str,
    expected: str,
    conflicts: list[tuple[str, str]],
) -> None:
    text, found = merge_body(PAGE, base, ours, theirs)
    assert text == expected
    assert [(c.editor, c.generated) for c in found] == conflicts
    assert {c.key for c in found} <= {"(body)"}


# --- an editor's session, then regeneration ------------------------------------------------------

SEED = sorted((REPO / "articles").glob("001_*.txt"))
ADDED = "\nوقال البرلمان العراقي في 9 كانون الثاني 2020 إن القوات الأمريكية ما زالت في العراق.\n"
# (what the generator wrote, what the editor makes of it): in the front matter ...
EDITS = [
    ('  value: "2020-01-07"\n', '  value: "2020-01-08"  # checked against the print edition\n'),
    ("      en: Mark Milley\n", "      en: Gen. Mark Milley\n"),  # the speaker of a quote
    ("sources:\n", "# Desk: a second source is on its way\nsources:\n"),
]
# ... and in the body: a stray semicolon removed.
BODY_EDIT = ("مسودة الخطاب؛ بأنّ", "مسودة الخطاب بأنّ")


@pytest.fixture
def edited(tmp_path: Path) -> Path:
    """A generated page, edited the way an editor would."""
    root = make_project(tmp_path / "project", articles=SEED)
    run(root)
    page = page_of(root)
    text = page.read_text(encoding="utf-8")
    for old, new in EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    front, body = text.split("\n---\n", 1)
    assert body.count(BODY_EDIT[0]) == 1
    page.write_text(f"{front}\n---\n{body.replace(*BODY_EDIT)}", encoding="utf-8")
    return root


def run(root: Path, *, force: bool = False) -> Summary:
    return generate(Context.for_project(root), translator_choice="none", force=force)


def page_of(root: Path) -> Path:
    (page,) = sorted((root / "docs" / "briefings").glob("*.md"))
    return page


def test_edits_comments_and_order_survive_a_changed_article(edited: Path) -> None:
    page = page_of(edited)
    before = frontmatter.read_page(page).data
    article = edited / "articles" / SEED[0].name
    article.write_text(article.read_text(encoding="utf-8") + ADDED, encoding="utf-8")

    summary = run(edited)

    assert summary.written == [page.stem] and summary.conflicts == []
    text = page.read_text(encoding="utf-8")
    for _, new in EDITS:
        assert text.count(new) == 1, new
    assert BODY_EDIT[1] in text.split("\n---\n", 1)[1]
    after = frontmatter.read_page(page).data
    assert list(after) == list(before)  # nothing reordered
    # Keys the editor left alone took the new analysis.
    assert after["sources"][0]["sha256"] == hashlib.sha256(article.read_bytes()).hexdigest()
    assert [e["date"] for e in after["events"]][-1] == "2020-01-09"
    assert after["quotes"] == before["quotes"]  # the article's change touched no quote
    assert text.rstrip().endswith(ADDED.strip())
    assert not (edited / "generated" / "conflicts.yml").exists()

    # A second run with no input change, and a forced one, leave every file byte-identical.
    unchanged = project_files(edited)
    assert run(edited).written == []
    assert project_files(edited) == unchanged
    assert run(edited, force=True).written == []
    assert project_files(edited) == unchanged


def test_a_forced_run_keeps_the_edits_and_changes_nothing(edited: Path) -> None:
    page = page_of(edited)
    text = page.read_text(encoding="utf-8")
    summary = run(edited, force=True)
    assert summary.written == [] and summary.conflicts == []
    assert page.read_text(encoding="utf-8") == text


def test_a_key_both_changed_keeps_the_editors_value_and_is_reported(
    edited: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The desk states the date in a sidecar file: the generator's date changes too.
    (edited / "articles" / f"{SEED[0].stem}.meta.yml").write_text("date: 2020-01-09\n", "utf-8")
    monkeypatch.chdir(edited)
    assert main(["generate", "--force"]) == 0
    out = " ".join(capsys.readouterr().err.split())
    page = page_of(edited)
    name = f"docs/briefings/{page.name}"
    assert (
        "Conflicts: 1 key(s) changed by both an editor and the generator; "
        "the editors' values were kept (listed in generated/conflicts.yml)"
    ) in out
    assert f"conflict {name}: published.value: editor '2020-01-08', generated '2020-01-09'" in out
    assert '  value: "2020-01-08"  # checked against the print edition\n' in page.read_text(
        encoding="utf-8"
    )
    conflicts = yaml.safe_load((edited / "generated/conflicts.yml").read_text(encoding="utf-8"))
    assert conflicts == [
        {"page": name, "key": "published.value", "editor": "2020-01-08", "generated": "2020-01-09"}
    ]

    # The editor settles it by locking the date: the conflict is gone on the next run, and
    # regeneration no longer touches the key.
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("reviewed: false\n", "reviewed: false\nlocked: [published]\n"))
    assert main(["generate", "--force"]) == 0
    assert not (edited / "generated/conflicts.yml").exists()
    assert "locked: [published]\n" in page.read_text(encoding="utf-8")


def test_a_forced_run_keeps_the_conflicts_the_editor_has_not_settled(
    edited: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (edited / "articles" / f"{SEED[0].stem}.meta.yml").write_text("date: 2020-01-09\n", "utf-8")
    monkeypatch.chdir(edited)
    conflicts = edited / "generated/conflicts.yml"
    assert main(["generate", "--force"]) == 0
    listed = conflicts.read_text(encoding="utf-8")
    assert "key: published.value" in listed
    # Regenerating the page again (forced, or after another change to the article) merges
    # against the new base, which no longer shows the conflict: the file still lists it.
    assert main(["generate", "--force"]) == 0
    assert conflicts.read_text(encoding="utf-8") == listed
    article = edited / "articles" / SEED[0].name
    article.write_text(article.read_text(encoding="utf-8") + ADDED, encoding="utf-8")
    assert main(["generate"]) == 0
    assert conflicts.read_text(encoding="utf-8") == listed
    # The editor takes the generated date: settled, so the next forced run drops it.
    page = page_of(edited)
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace('"2020-01-08"  # checked', '"2020-01-09"  # checked'), "utf-8")
    assert main(["generate", "--force"]) == 0
    assert not conflicts.exists()


def test_a_locked_translation_is_not_touched_by_the_translation_pass(edited: Path) -> None:
    page = page_of(edited)
    data = frontmatter.read_page(page).data
    reviewed = data["headline"]["en"]["text"]  # from the bundled translation memory
    text = page.read_text(encoding="utf-8").replace(
        f"    text: {reviewed}\n    status: reviewed\n    engine: editor\n",
        "    text: The withdrawal letter, explained\n    status: machine\n    engine: google\n",
    )
    text = text.replace("reviewed: false\n", "reviewed: false\nlocked:\n  - headline.en\n")
    page.write_text(text, encoding="utf-8")
    run(edited)
    run(edited, force=True)
    assert page.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    "breakage",
    [
        ("reviewed: false\n", "reviewed: false\nreviewed: true\n"),  # a duplicate key
        ("schema: 1\n", "schema: 1\n\tid: x\n"),  # a tab: no longer YAML
    ],
)
def test_a_page_that_cannot_be_read_is_never_overwritten(
    edited: Path, breakage: tuple[str, str]
) -> None:
    page = page_of(edited)
    text = page.read_text(encoding="utf-8").replace(*breakage)
    page.write_text(text, encoding="utf-8")
    summary = run(edited, force=True)
    assert page.read_text(encoding="utf-8") == text
    assert summary.warnings == [
        f"{page.name}: not regenerated: fix its front matter first (briefings check)"
    ]
