"""The search index: small, bilingual, and blind to Arabic spelling variants.

Three layers: the folding rules on real Arabic words; a briefing's entry against its budget; the
real ``search_index.json`` of the built sample site. When Node.js is installed, Material's own
search worker (with ``lunr.fold.min.js``) runs on that index: the queries readers type must find
what a Python reading of the same index and rules says they find.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.cli import EXIT_OK, main
from generator.collection.briefings import Collection, Entry, load_collection
from generator.errors import ConfigError
from generator.langdata import mapping
from generator.model import Briefing
from generator.phrases import fold_arabic
from generator.site import search
from generator.text import SEARCH

from .conftest import make_project

BUDGET = search.settings().budget_bytes
SITES = {"ar": "", "en": "en/"}

# --- folding ---------------------------------------------------------------------------------

FOLDS = [
    ("إسبر", "اسبر"),  # hamza under alef
    ("أسبر", "اسبر"),  # hamza over alef
    ("إِسْبَر", "اسبر"),  # kasra, sukun, fatha
    ("اســبر", "اسبر"),  # tatweel
    ("آمرلي", "امرلي"),  # madda
    ("ٱلعراق", "العراق"),  # alef wasla
    ("الأمريكية", "الامريكيه"),  # hamza and ta marbuta
    ("مستشفى", "مستشفي"),  # alef maqsura
    ("القوّاتُ", "القوات"),  # shadda, damma
    ("جنوداً", "جنودا"),  # tanween
    ("کردستان", "كردستان"),  # Persian keheh, as Kurdish outlets type it
    ("ایران", "ايران"),  # Persian yeh
    ("مسؤول", "مسؤول"),  # hamza on waw is a different spelling, kept
    ("Esper", "esper"),
]


@pytest.mark.parametrize(("written", "folded"), FOLDS)
def test_fold(written: str, folded: str) -> None:
    assert search.fold(written) == folded


@pytest.mark.parametrize("written", [w for w, _ in FOLDS])
def test_fold_covers_the_generators_own_folding(written: str) -> None:
    """What phrases.fold_arabic treats as one spelling, search does too; folding is idempotent."""
    assert search.fold(fold_arabic(written)) == search.fold(written)
    assert search.fold(search.fold(written)) == search.fold(written)


@pytest.mark.parametrize(
    ("name", "known"),
    [
        ("body", True),
        ("names", True),
        ("gist.en", True),
        ("quotes.ar", True),
        ("gist.fr", False),
        ("summary", False),
    ],
)
def test_field_names(name: str, known: bool) -> None:
    assert search._known_field(name) is known


# --- one briefing's entry ----------------------------------------------------------------------

LONG = "وقال المسؤول إن القوات الأمريكية ستبقى في قاعدة عين الأسد حتى نهاية العام المقبل " * 12


def briefing(**extra: Any) -> Entry:
    data: dict[str, Any] = {
        "id": "000-test",
        "headline": {
            "ar": "إسبر ينفي خطط الانسحاب من العراق",
            "en": {"text": "Esper denies withdrawal plans", "status": "reviewed"},
        },
        "outlet": {"id": "rudaw", "ar": "رووداو", "en": "Rudaw"},
        "sources": [
            {"path": "articles/a.txt", "sha256": "0" * 64, "format": "txt", "encoding": "utf-8"}
        ],
        "entities": [
            {"id": "iraq", "type": "place", "ar": "العراق", "en": "Iraq", "mentions": 9},
            {"id": "mark-esper", "type": "person", "ar": "مارك إسبر", "en": "Mark Esper"},
        ],
        "quotes": [
            {
                "id": "q1",
                "rank": 1,
                "ar": "لم يُتخذ أي قرار للانسحاب من العراق",
                "sentence": "قال إسبر: لم يُتخذ أي قرار للانسحاب من العراق",
                "en": {"text": "No decision has been made to withdraw", "status": "reviewed"},
                "speaker": {"kind": "person", "ar": "مارك إسبر", "en": "Mark Esper"},
            }
        ],
        **extra,
    }
    body = "\n\n".join(f"{n} {LONG}" for n in range(6))
    return Entry(Briefing.model_validate(data), body, "briefings/000-test.md")


def blocks(text: str) -> list[str]:
    return re.findall(r"<p>(.*?)</p>", text)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_entry_fits_the_budget_and_cuts_the_body_at_a_word(lang: str) -> None:
    entry = briefing()
    doc = search.briefing_doc(entry, lang, "إسبر ينفي خطط الانسحاب من العراق")
    assert search._doc_bytes(doc) <= BUDGET
    last = blocks(doc["text"])[-1]
    assert last.endswith("…")
    number, words = last[:-1].split(" ", 1)
    assert number.isdigit() and LONG.startswith(words + " ")  # cut between whole words


@pytest.mark.parametrize(
    ("lang", "title", "in_order"),
    [
        (
            "ar",
            "إسبر ينفي خطط الانسحاب من العراق",
            [
                "Esper denies withdrawal plans",
                "العراق Iraq · مارك إسبر Mark Esper",  # most mentioned first
                "رووداو Rudaw",
                "مارك إسبر: لم يُتخذ أي قرار للانسحاب من العراق",
                "Mark Esper: No decision has been made to withdraw",
            ],
        ),
        (
            "en",
            "Esper denies withdrawal plans",
            [
                "إسبر ينفي خطط الانسحاب من العراق",
                "العراق Iraq · مارك إسبر Mark Esper",
                "رووداو Rudaw",
                "Mark Esper: No decision has been made to withdraw",
                "مارك إسبر: لم يُتخذ أي قرار للانسحاب من العراق",
            ],
        ),
    ],
)
def test_entry_holds_what_readers_search_first(lang: str, title: str, in_order: list[str]) -> None:
    found = blocks(search.briefing_doc(briefing(), lang, title)["text"])
    assert found[: len(in_order)] == in_order


def test_pending_english_is_left_out_and_the_title_not_repeated() -> None:
    entry = briefing(
        headline={"ar": "إسبر ينفي خطط الانسحاب من العراق"},
        gist=[{"ar": "نفى إسبر وجود خطط للانسحاب.", "paragraph": 1, "position": 1}],
    )
    found = blocks(search.briefing_doc(entry, "en", entry.briefing.headline.ar)["text"])
    assert found[0] == "العراق Iraq · مارك إسبر Mark Esper"
    assert "نفى إسبر وجود خطط للانسحاب." in found  # the Arabic gist while English is pending
    assert entry.briefing.headline.ar not in found


def test_text_is_html_escaped() -> None:
    entry = briefing(outlet={"id": "x", "ar": "<b>خبر</b> & رأي", "en": "News & Views"})
    text = search.briefing_doc(entry, "ar", "عنوان")["text"]
    assert "&lt;b&gt;خبر&lt;/b&gt; &amp; رأي News &amp; Views" in text


def test_other_pages_keep_title_headings_and_opening_words() -> None:
    long = "<p>" + "كلمة " * 400 + "</p>"
    page = search.page_doc({"location": "timeline/", "title": "الخط الزمني", "text": long})
    section = search.page_doc({"location": "timeline/#y2020", "title": "2020", "text": long})
    assert page["title"] == "الخط الزمني" and "<p>" not in page["text"]
    assert search._cost(page["text"]) <= search.settings().page_text_bytes
    assert section == {"location": "timeline/#y2020", "title": "2020", "text": ""}


def test_headings_many_pages_share_are_kept_once_or_left_out() -> None:
    docs = [
        {"location": "timeline/", "title": "الخط الزمني", "text": ""},
        {"location": "timeline/#y2020", "title": "2020", "text": ""},
        {"location": "entities/mark-esper/", "title": "مارك إسبر", "text": "<p>Mark Esper</p>"},
        {"location": "entities/mark-esper/#briefings", "title": "الموجزات التي تذكره", "text": ""},
        {"location": "entities/mark-esper/#t-y2020", "title": "2020", "text": ""},
        {"location": "entities/iraq/", "title": "العراق", "text": "<p>Iraq</p>"},
        {"location": "entities/iraq/#briefings", "title": "الموجزات التي تذكره", "text": ""},
        {"location": "entities/iraq/#people", "title": "أشخاص", "text": ""},
    ]
    kept = [d["location"] for d in search.rewrite_docs(docs, Collection(()), "ar")]
    assert kept == [
        "timeline/",
        "timeline/#y2020",  # the timeline keeps its year; entity pages only repeat it
        "entities/mark-esper/",
        "entities/iraq/",
        "entities/iraq/#people",  # on one page only
    ]


# --- the built sample site ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("search") / "project")
    assert main(["--project", str(root), "build"]) == EXIT_OK
    return root


def index(site: Path, lang: str) -> dict[str, Any]:
    return json.loads((site / "site" / SITES[lang] / search.INDEX_PATH).read_text("utf-8"))


def front_matter(site: Path) -> dict[str, Briefing]:
    return {e.url: e.briefing for e in load_collection(site / "docs").entries}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_index_fits_the_budget(site: Path, lang: str) -> None:
    per_briefing = search.index_bytes_per_briefing(site / "site")[lang]
    assert 0 < per_briefing <= BUDGET
    for doc in index(site, lang)["docs"]:
        if doc["location"].startswith("briefings/"):
            assert search._doc_bytes(doc) <= BUDGET, doc["location"]
    raw = (site / "site" / SITES[lang] / search.INDEX_PATH).read_text("utf-8")
    assert "\\u06" not in raw  # Arabic stored as UTF-8, not as 6-byte escapes


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_each_briefing_is_one_entry_with_names_in_both_scripts(site: Path, lang: str) -> None:
    docs = index(site, lang)["docs"]
    briefings = front_matter(site)
    entries = {d["location"]: d for d in docs if d["location"].startswith("briefings/")}
    assert set(entries) == set(briefings)  # no per-section entries for briefings
    for url, b in briefings.items():
        text = entries[url]["text"]
        top = max(b.entities, key=lambda e: e.mentions)
        assert f"{top.ar} {top.en}" in text, url
        if b.outlet:
            assert f"{b.outlet.ar} {b.outlet.en}" in text


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_other_pages_stay_small(site: Path, lang: str) -> None:
    others = [d for d in index(site, lang)["docs"] if not d["location"].startswith("briefings/")]
    assert {d["location"] for d in others} >= {"", "timeline/"}
    headings = [d["title"] for d in others if "#" in d["location"]]
    assert len(headings) == len(set(headings))  # no heading that several pages share
    assert any(d["location"].startswith("timeline/#") for d in others)  # years and months
    for doc in others:
        if "#" in doc["location"]:
            assert doc["text"] == ""
        else:
            assert search._cost(doc["text"]) <= search.settings().page_text_bytes


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_worker_gets_the_fold_language_and_rules(site: Path, lang: str) -> None:
    assert index(site, lang)["config"]["lang"] == [search.WORKER_LANGUAGE]
    script = (site / "site" / SITES[lang] / search.WORKER_SCRIPT).read_text("utf-8")
    literal = re.search(r"var RULES = (\{.*?\});", script)
    assert literal, "fold rules were not written into the worker script"
    expected = {"remove": list(SEARCH.ranges), "replace": SEARCH.table}
    assert json.loads(literal.group(1)) == expected


# --- Material's real search worker, in Node.js --------------------------------------------------

# Loads Material's worker (search.<hash>.min.js) in a VM context that stands in for a Web Worker:
# importScripts reads the lunr scripts from the site, messages go straight to its handler.
HARNESS = r"""
const fs = require("fs"), path = require("path"), vm = require("vm");
const { site, queries, words } = JSON.parse(fs.readFileSync(0, "utf8"));
const workers = path.join(site, "assets/javascripts/workers");
const worker = fs.readdirSync(workers).find(f => /^search\.[0-9a-f]+\.min\.js$/.test(f));
let handler = null;
const posted = [];
const ctx = vm.createContext({ console });
Object.assign(ctx, {
  self: ctx,
  addEventListener: (type, fn) => { if (type === "message") handler = fn; },
  postMessage: message => posted.push(message),
  importScripts: (...urls) => urls.forEach(url => vm.runInContext(
    fs.readFileSync(path.resolve(workers, url), "utf8"), ctx, { filename: url })),
});
vm.runInContext(fs.readFileSync(path.join(workers, worker), "utf8"), ctx);
(async () => {
  const index = JSON.parse(fs.readFileSync(path.join(site, "search/search_index.json"), "utf8"));
  await handler({ data: { type: 0, data: { ...index, options: { suggest: false } } } });
  const found = {};
  for (const query of queries) {
    await handler({ data: { type: 2, data: query } });
    found[query] = posted.pop().data.items.map(group => group[0].location.split("#")[0]);
  }
  const folded = Object.fromEntries(words.map(w => [w, ctx.lunr.fold.fold(w).toLowerCase()]));
  process.stdout.write(JSON.stringify({ found, folded }));
})().catch(err => { console.error(err); process.exit(1); });
"""
NODE = shutil.which("node")
# CI sets BRIEFINGS_REQUIRE_NODE=1: there a missing Node.js fails these tests instead.
needs_node = pytest.mark.skipif(
    NODE is None and not os.environ.get("BRIEFINGS_REQUIRE_NODE"),
    reason="Node.js is not installed (apt-get install nodejs): Material's search worker cannot run",
)

QUERIES = {
    "ar": ["إسبر", "اسبر", "أسبر", "إِسْبَر", "اســبر", "Esper", "الامريكيه", "رووداو", "زرافة"],
    "en": ["Esper", "esper", "إسبر", "اسبر", "pentagon", "Rudaw", "زرافة"],
}


def run_worker(site_dir: Path, queries: list[str], words: list[str]) -> dict[str, Any]:
    payload = json.dumps({"site": str(site_dir), "queries": queries, "words": words})
    assert NODE is not None
    result = subprocess.run(
        [NODE, "-e", HARNESS], input=payload, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "Invalid query" not in result.stderr
    return json.loads(result.stdout)


def expected_pages(index: dict[str, Any], query: str) -> set[str]:
    """Pages with a word that starts with the folded query: how Material's prefix search reads."""
    separator = re.compile(index["config"]["separator"])
    want = search.fold(query)
    pages = set()
    for doc in index["docs"]:
        text = re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"])
        if any(search.fold(word).startswith(want) for word in separator.split(text) if word):
            pages.add(doc["location"].split("#")[0])
    return pages


@needs_node
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_worker_finds_what_the_folded_index_holds(site: Path, lang: str) -> None:
    data = index(site, lang)
    result = run_worker(site / "site" / SITES[lang], QUERIES[lang], [])
    for query in QUERIES[lang]:
        assert set(result["found"][query]) == expected_pages(data, query), query


@needs_node
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_spelling_of_esper_finds_the_briefings_naming_him(site: Path, lang: str) -> None:
    naming = {
        url for url, b in front_matter(site).items() if "mark-esper" in {e.id for e in b.entities}
    }
    assert naming, "no sample briefing names Mark Esper: the test needs another name"
    spellings = ["إسبر", "اسبر", "أسبر", "إِسْبَر", "اســبر", "Esper", "esper"]
    found = run_worker(site / "site" / SITES[lang], spellings, [])["found"]
    for query in spellings:
        assert naming <= set(found[query]), query


@needs_node
def test_browser_folds_as_python_does(site: Path) -> None:
    words = [w for w, _ in FOLDS] + ["ـ", "إِسبر"]
    folded = run_worker(site / "site", [], words)["folded"]
    assert folded == {w: search.fold(w) for w in words}


# --- search.yml checks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            ("fields", "ar"),
            ["names", "summary"],
            "generator/data/search.yml: fields: unknown ['summary']; known: body, "
            "headline[.ar|.en], names[.ar|.en], outlet[.ar|.en], gist[.ar|.en], quotes[.ar|.en], "
            "figures[.ar|.en], events[.ar|.en]",
        ),
    ],
)
def test_bad_search_data_is_reported(
    monkeypatch: pytest.MonkeyPatch, path: tuple[str, str], value: object, message: str
) -> None:
    data = copy.deepcopy(mapping("search"))
    data[path[0]][path[1]] = value
    monkeypatch.setattr(search, "mapping", lambda name: data)
    search.settings.cache_clear()
    try:
        with pytest.raises(ConfigError) as error:
            search.settings()
        assert str(error.value) == message
    finally:
        search.settings.cache_clear()
