"""Score whole-page text (menus, tickers, footers and all) through the real stages; gate it.

    python eval/pages.py                       # report, per page and in total
    python eval/pages.py --verbose             # ... with the chrome kept and the story lost
    python eval/pages.py --extra DIR           # also score DIR (same meta.jsonl format)
    python eval/pages.py --check               # exit 1 if a figure is past its floor/ceiling
    python eval/pages.py --update-floors       # raise floors to today's figures (never lowers)
    python eval/pages.py --update-floors --allow-lower   # also lower them (say why in the commit)

Data: ``../shared/corpus/pages-dev`` next to the repository (or ``$BRIEFINGS_PAGES``): real
pages saved as their whole visible text (``eval/page_text.py`` makes more from saved HTML),
with ``gold_title``, ``gold_date`` and ``gold_body`` in ``meta.jsonl``. Each group of pages is
copied into one temporary articles folder with nothing else in it, as a user's ``articles/``
would hold them, and analysed there by ``generator.pipeline.analyse`` (every stage). An
``--extra`` page whose ``group`` is ``held-out`` is reported apart, as not tuned on. Only the
pages-dev figures and the corpus figures below are gated (``floors/pages.json``).

How text is matched with the gold body. Pages and gold are cut differently: Youm7's gold
splits a sentence at each inline link ("تستعد", "وزارة العمل", "، خلال الفترة …") while the
page text keeps it whole, so whole lines are never compared. Both sides become folded word
tokens (``generator.phrases.fold``, punctuation out), and a token of a line counts as
*covered* by a text when the pair of tokens it forms with a neighbour occurs in that text (a
one-word line: when the word does). Pairs rather than single words, because a menu or a
related headline shares words with any story but rarely word pairs. Each place of the text
covers one line at most, and longer lines are aligned first (``Reference``): a keyword that
the story sentence holds cannot also make its tag-list copy story.

* A kept body paragraph is story when more than half of its tokens are covered by the gold
  body; otherwise it is chrome. ``chrome_share_kept`` = chrome / kept paragraphs.
* Gold lines annotated as not story in ``gold/pages.yml`` (the headline, captions, bylines,
  widget labels) are not scored. A gold body line is lost when 80% or more of its tokens are
  not covered by the kept body.
  Gold lines the page text itself does not cover that way are not scored (magic-html's Youm7
  gold keeps the labels of a video player that only a browser draws: "Play", "Mute" ...).
* A gist sentence is chrome when the kept paragraph it comes from is.
* Headline: the gold is ``gold_title``, else the page's og:title (``title``) without its site
  suffix. *exact*: the same folded tokens; *close*: at least 80% of the gold's tokens are in
  the headline and 80% of the headline's are in the gold (both ways); else *wrong*; *none*
  when the page gave no headline.
* Outlet: the registry entry of ``outlet_domain`` (``generator.signatures.outlet_for_url``);
  an outlet named when the registry does not know the domain is wrong.
* Date: *right* when the publication date is ``gold_date`` to the day, *vague* when it is
  true at a coarser precision, else *wrong*; a wrong date with medium or high confidence is
  the worst case and is counted alone (``date_wrong_confident``).

Story retention at scale: ``articles-snn`` and ``articles-bbc`` are article bodies without page
chrome (apart from datelines, bylines, SPA marks and BBC promos). Read, clean and headline run on
every file; the lines removed are counted per rule, and lines removed by a rule outside
``KNOWN_NOISE_RULES`` are ``snn_bbc_lines_removed_as_boilerplate``, so a classifier that eats
story lines shows up. ``snn_bbc_story_lines_removed`` counts removed lines of any rule that read
as a story sentence (``STORY_LINE_WORDS`` words or more, ending with a full stop).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))  # the shared gate beside this script
sys.path.insert(0, str(REPO))
from gate import add_gate_options, enforce_options, past_floors, raised  # noqa: E402
from gist import tokens  # noqa: E402

from generator import clean, headline, ingest, signatures  # noqa: E402
from generator.context import Context  # noqa: E402
from generator.errors import InputError  # noqa: E402
from generator.model import Article  # noqa: E402
from generator.pipeline import Skipped, analyse  # noqa: E402

FLOORS = HERE / "floors" / "pages.json"
# Lines of the gold bodies that are not story paragraphs (headline, captions, bylines, player and
# widget labels), annotated by reading; see its "about".
NOT_STORY = HERE / "gold" / "pages.yml"
STORY_SHARE = 0.5  # a paragraph is story when more than this share of its tokens is covered
LOST_SHARE = 0.8  # a gold line is lost when at least this share of its tokens is not covered
CLOSE = 0.8  # token overlap, both ways, of a close headline
STORY_LINE_WORDS = 12  # a removed line this long that ends a sentence reads as story
SENTENCE_END = (".", "؟", "?", "!", "»", '"', "”")
# Rules that remove what the snn/bbc bodies really hold: datelines, dates, bylines and sign-offs,
# captions, read-more and promo lines, repeated titles, site names, credits and share widgets.
KNOWN_NOISE_RULES = frozenset(
    {
        "dateline",
        "date-line",
        "site-header-date",
        "sign-off",
        "byline",
        "caption",
        "read-more",
        "repeated-title",
        "repeated-line",
        "site-name",
        "credit",
        "widget",
        "breaking-tag",
        "source-link",
        "link",
        "chrome",
        # Page marks (generator/page_marks.py): SPA's "// انتهى //" and "إضافة خامسة وأخيرة",
        # its "19:59 ت م" stamps, share-button runs and calls to the reader (BBC's app promo);
        # every one of their removals on snn/bbc was read: 13 + 1 wire marks, 3 share runs,
        # 49 promos, no story line.
        "wire-end",
        "wire-part",
        "wire-time",
        "share-buttons",
        "reader-call",
    }
)
# A call to the reader ("يمكنكم استلام إشعارات ... تطبيق بي بي سي عربي") is a sentence by
# nature: its removals are not counted as story-shaped lines lost.
SENTENCE_RULES = frozenset({"reader-call"})
# Figure name -> True when higher is better (a floor), False when lower is better (a ceiling).
DIRECTION = {
    "pages_analysed": True,
    "chrome_paragraphs_kept": False,
    "chrome_share_kept": False,
    "story_paragraphs_lost": False,
    "story_share_lost": False,
    "headline_exact_or_close": True,
    "gist_chrome_sentences": False,
    "outlet_right": True,
    "outlet_wrong": False,
    "date_right": True,
    "date_wrong_confident": False,
    "snn_bbc_files_read": True,
    "snn_bbc_lines_removed_as_boilerplate": False,
    "snn_bbc_story_lines_removed": False,
    "snn_detected_headline_not_title": False,
}
SCALE_CORPORA = ("articles-snn", "articles-bbc")


def corpus_dir() -> Path:
    configured = os.environ.get("BRIEFINGS_PAGES")
    return Path(configured) if configured else REPO.parent / "shared" / "corpus" / "pages-dev"


class Reference:
    """A text to align lines with: its word stream, indexed by word and by word pair.

    Each place in the reference covers one line at most (``claim``), and lines claim it
    longest first: the story sentence that holds a linked keyword ("تستعد وزارة العمل، …")
    takes the gold's words before a tag-list entry "وزارة العمل" can, so the entry is chrome.
    """

    def __init__(self, text: str) -> None:
        self.words: dict[str, list[int]] = {}
        self.pairs: dict[tuple[str, str], list[int]] = {}
        self.taken: set[int] = set()  # word positions already covering a line
        # One stream across lines: a sentence the gold cuts at its links stays one sentence.
        stream = [word for line in text.splitlines() for word in tokens(line)]
        for i, word in enumerate(stream):
            self.words.setdefault(word, []).append(i)
            if i + 1 < len(stream):
                self.pairs.setdefault((word, stream[i + 1]), []).append(i)

    def _free(self, places: list[int], width: int, after: int | None = None) -> int | None:
        """A place not taken by another line; the one that continues ``after`` if free."""
        free = [i for i in places if not self.taken & set(range(i, i + width))]
        if after is not None and after + 1 in free:
            return after + 1
        return free[0] if free else None

    def claim(self, text: str) -> float:
        """Share of the words of ``text`` covered here (see the docstring); takes the places."""
        words = tokens(text)
        if len(words) == 1:
            place = self._free(self.words.get(words[0], []), 1)
            if place is not None:
                self.taken.add(place)
            return float(place is not None)
        covered: set[int] = set()
        mine: set[int] = set()  # a line's own pairs overlap one another: taken when it is done
        place: int | None = None
        for j in range(len(words) - 1):
            place = self._free(self.pairs.get((words[j], words[j + 1]), []), 2, place)
            if place is not None:
                mine |= {place, place + 1}
                covered |= {j, j + 1}
        self.taken |= mine
        return len(covered) / len(words) if words else 0.0


def aligned(lines: list[str], text: str) -> list[float]:
    """The covered share of each line against ``text``, lines taking places longest first."""
    reference = Reference(text)
    shares = [0.0] * len(lines)
    for i in sorted(range(len(lines)), key=lambda i: -len(tokens(lines[i]))):
        shares[i] = reference.claim(lines[i])
    return shares


def gold_headline(row: dict) -> str:
    """``gold_title``, else og:title without a trailing site name (any site's)."""
    if row.get("gold_title"):
        return str(row["gold_title"])
    title = str(row.get("title") or "")
    for separator in (" - ", " | ", " – ", " — "):
        head, found, tail = title.rpartition(separator)
        if found and head and len(tail.split()) <= 4:
            return head
    return title


def headline_grade(got: str | None, gold: str) -> str:
    if not got:
        return "none"
    mine, theirs = tokens(got), tokens(gold)
    if mine == theirs:
        return "exact"
    common = len(set(mine) & set(theirs))
    close = common >= CLOSE * len(set(theirs)) and common >= CLOSE * len(set(mine))
    return "close" if close else "wrong"


@dataclass
class PageScore:
    file: str
    kept: int = 0
    chrome: list[str] = field(default_factory=list)
    gold_lines: int = 0
    unseen: int = 0  # gold lines that are not in the page text at all
    lost: list[str] = field(default_factory=list)
    headline: str = "none"
    headline_text: str = ""
    provenance: str = ""
    gist: int = 0
    gist_chrome: list[str] = field(default_factory=list)
    outlet: str = "unknown"
    date: str = "none"
    date_text: str = ""
    skipped: str = ""


def not_story() -> dict[str, set[int]]:
    """Per page, the indexes of gold-body lines annotated as not story (``gold/pages.yml``)."""
    import yaml

    pages = yaml.safe_load(NOT_STORY.read_text(encoding="utf-8"))["pages"]
    return {name: {i for lines in kinds.values() for i in lines} for name, kinds in pages.items()}


def score_page(row: dict, page_text: str, result: Article | Skipped) -> PageScore:
    page = PageScore(row["file"])
    # Gold lines the page text does not hold (a video player's labels that only a browser
    # draws) cannot be lost by the cleaner: they are not scored.
    skip = not_story().get(row["file"], set())
    all_gold = [
        line
        for number, line in enumerate(row["gold_body"].splitlines())
        if tokens(line) and number not in skip
    ]
    shown = aligned(all_gold, page_text)
    gold_lines = [
        line for line, share in zip(all_gold, shown, strict=True) if share > 1 - LOST_SHARE
    ]
    page.gold_lines = len(gold_lines)
    page.unseen = len(all_gold) - len(gold_lines)
    if isinstance(result, Skipped):
        page.skipped = result.reason
        page.lost = gold_lines
        return page
    page.kept = len(result.paragraphs)
    story = [share > STORY_SHARE for share in aligned(result.paragraphs, row["gold_body"])]
    page.chrome = [p for p, is_story in zip(result.paragraphs, story, strict=True) if not is_story]
    found = aligned(gold_lines, result.body)
    page.lost = [
        line for line, share in zip(gold_lines, found, strict=True) if share <= 1 - LOST_SHARE
    ]
    got = result.headline.ar if result.headline else None
    page.headline = headline_grade(got, gold_headline(row))
    page.headline_text = got or ""
    page.provenance = result.headline.provenance if result.headline else ""
    page.gist = len(result.gist)
    # A gist sentence is chrome when the paragraph it comes from is.
    page.gist_chrome = [s.ar for s in result.gist if not story[s.paragraph - 1]]
    expected = signatures.outlet_for_url(row["outlet_domain"])
    if result.outlet is not None:
        page.outlet = "right" if expected and result.outlet.id == expected.id else "wrong"
    published, gold_date = result.published, row.get("gold_date")
    if published is not None and gold_date:
        page.date_text = f"{published.value} ({published.confidence}, {published.source})"
        if published.value == gold_date:
            page.date = "right"
        elif published.precision != "day" and gold_date.startswith(published.value):
            page.date = "vague"
        else:
            page.date = "wrong-confident" if published.confidence != "low" else "wrong"
    return page


def analyse_group(folder: Path, rows: list[dict]) -> list[PageScore]:
    """Copy the group's page texts into one empty articles folder and run every stage there."""
    with tempfile.TemporaryDirectory(prefix="pages-eval-") as tmp:
        articles = Path(tmp) / "articles"
        articles.mkdir()
        for row in rows:
            shutil.copyfile(folder / row["file"], articles / row["file"])
        ctx = Context(root=Path(tmp), articles_dir=articles, docs_dir=Path(tmp) / "docs")
        return [
            score_page(
                row, (folder / row["file"]).read_text("utf-8"), analyse(articles / row["file"], ctx)
            )
            for row in rows
        ]


def totals(pages: list[PageScore]) -> dict[str, float]:
    kept = sum(p.kept for p in pages)
    chrome = sum(len(p.chrome) for p in pages)
    gold = sum(p.gold_lines for p in pages)
    lost = sum(len(p.lost) for p in pages)
    grades = Counter(p.headline for p in pages)
    return {
        "pages_analysed": sum(not p.skipped for p in pages),
        "chrome_paragraphs_kept": chrome,
        "chrome_share_kept": round(chrome / kept, 4) if kept else 0.0,
        "story_paragraphs_lost": lost,
        "story_share_lost": round(lost / gold, 4) if gold else 0.0,
        "headline_exact_or_close": grades["exact"] + grades["close"],
        "gist_chrome_sentences": sum(len(p.gist_chrome) for p in pages),
        "outlet_right": sum(p.outlet == "right" for p in pages),
        "outlet_wrong": sum(p.outlet == "wrong" for p in pages),
        "date_right": sum(p.date == "right" for p in pages),
        "date_wrong_confident": sum(p.date == "wrong-confident" for p in pages),
    }


@dataclass
class Scale:
    files: int = 0
    failures: list[str] = field(default_factory=list)
    removed: Counter[str] = field(default_factory=Counter)
    story_lines: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    wrong_headlines: list[str] = field(default_factory=list)


def story_shaped(text: str) -> bool:
    return len(text.split()) >= STORY_LINE_WORDS and text.rstrip().endswith(SENTENCE_END)


def retention(corpus_root: Path) -> Scale:
    """Read, clean and headline every snn/bbc body; count what cleaning removes, per rule."""
    scale = Scale()
    ctx = Context(root=corpus_root, articles_dir=corpus_root, docs_dir=corpus_root / "docs")
    for name in SCALE_CORPORA:
        folder = corpus_root / name
        if not (folder / "meta.jsonl").is_file():
            continue
        for line in (folder / "meta.jsonl").read_text("utf-8").splitlines():
            row = json.loads(line)
            try:
                article = ingest.read(Article(source=folder / row["file"]), ctx)
                article = headline.find_headline(clean.clean(article, ctx), ctx)
            except InputError as exc:
                scale.failures.append(f"{name}/{row['file']}: {exc.message}")
                continue
            scale.files += 1
            for removed in article.removed:
                scale.removed[removed.rule] += 1
                where = f"{name}/{row['file']}:{removed.line} [{removed.rule}] {removed.text[:90]}"
                if removed.rule not in KNOWN_NOISE_RULES:
                    scale.boilerplate.append(where)
                if story_shaped(removed.text) and removed.rule not in SENTENCE_RULES:
                    scale.story_lines.append(where)
            found = article.headline
            detected = name == "articles-snn" and found and found.provenance == "detected"
            if detected and headline_grade(found.ar, row["title"]) not in ("exact", "close"):
                scale.wrong_headlines.append(f"{name}/{row['file']}: {found.ar[:80]}")
    return scale


def scale_figures(scale: Scale) -> dict[str, float]:
    return {
        "snn_bbc_files_read": scale.files,
        "snn_bbc_lines_removed_as_boilerplate": len(scale.boilerplate),
        "snn_bbc_story_lines_removed": len(scale.story_lines),
        "snn_detected_headline_not_title": len(scale.wrong_headlines),
    }


def read_rows(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "meta.jsonl").read_text("utf-8").splitlines()]


def print_pages(title: str, pages: list[PageScore], verbose: bool) -> None:
    print(f"\n{title}")
    print(f"  {'page':34} kept chrome lost/gold headline      gist/chrome outlet  date")
    for p in pages:
        print(
            f"  {p.file[:34]:34} {p.kept:4} {len(p.chrome):6} {len(p.lost):4}/{p.gold_lines:<4}"
            f" {p.headline:5} {p.provenance[:8]:8} {p.gist:4}/{len(p.gist_chrome):<6}"
            f" {p.outlet:7} {p.date}"
        )
        if p.skipped:
            print(f"      skipped: {p.skipped}")
        if verbose:
            print(f"      headline: {p.headline_text[:100]}")
            print(f"      date: {p.date_text or '-'}")
            for text in p.chrome:
                print(f"      chrome kept: {text[:100]}")
            for text in p.lost:
                print(f"      story lost:  {text[:100]}")
            for text in p.gist_chrome:
                print(f"      gist chrome: {text[:100]}")
    for name, value in totals(pages).items():
        print(f"  {name:34} {value}")


def evaluate(corpus: Path, extras: tuple[Path, ...] = (), verbose: bool = False) -> dict:
    """Figures (gated), per-page scores of every group, and the corpus retention counts."""
    dev = analyse_group(corpus, read_rows(corpus))
    figures = totals(dev)
    groups = {f"pages-dev ({corpus})": dev}
    for folder in extras:
        rows = read_rows(folder)
        held = [row for row in rows if row.get("group") == "held-out"]
        tuned = [row for row in rows if row.get("group") != "held-out"]
        if tuned:
            groups[f"extra ({folder})"] = analyse_group(folder, tuned)
        if held:
            groups[f"held-out, not tuned on ({folder})"] = analyse_group(folder, held)
    scale = retention(corpus.parent)
    if scale.files:
        figures |= scale_figures(scale)
    return {"figures": figures, "groups": groups, "scale": scale}


def check(figures: dict[str, float], floors: dict[str, float]) -> list[str]:
    return past_floors(figures, floors, DIRECTION, FLOORS)


def updated(
    figures: dict[str, float], floors: dict[str, float], allow_lower: bool
) -> dict[str, float]:
    return raised(figures, floors, DIRECTION, allow_lower)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=corpus_dir())
    parser.add_argument("--extra", type=Path, action="append", default=[], help="more pages")
    add_gate_options(parser)
    parser.add_argument("--verbose", action="store_true", help="chrome kept, story lost, ...")
    args = parser.parse_args(argv)
    for folder in (args.corpus, *args.extra):
        if not (folder / "meta.jsonl").is_file():
            print(f"page folder not found (no meta.jsonl): {folder}", file=sys.stderr)
            return 2
    result = evaluate(args.corpus, tuple(args.extra), args.verbose)
    for title, pages in result["groups"].items():
        print_pages(title, pages, args.verbose)
    scale: Scale = result["scale"]
    print(f"\nstory retention at scale ({', '.join(SCALE_CORPORA)}): {scale.files} files")
    for failure in scale.failures:
        print(f"  failed: {failure}")
    for rule, count in sorted(scale.removed.items(), key=lambda item: -item[1]):
        known = "known noise" if rule in KNOWN_NOISE_RULES else "counted as boilerplate"
        print(f"  removed by {rule:20} {count:5}   ({known})")
    if args.verbose:
        for where in scale.boilerplate + scale.story_lines + scale.wrong_headlines:
            print(f"  note: {where}")
    print("\ngated figures (pages-dev and the corpora):")
    for name, value in result["figures"].items():
        print(f"  {name:38} {value}")
    return enforce_options(result["figures"], DIRECTION, FLOORS, args)


if __name__ == "__main__":
    sys.exit(main())
