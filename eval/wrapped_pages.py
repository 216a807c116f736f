"""Story retention on whole pages at scale: every corpus article set into real page chrome.

    python eval/wrapped_pages.py               # report
    python eval/wrapped_pages.py --verbose     # ... with the story lines lost
    python eval/wrapped_pages.py --check       # exit 1 if a figure is past its floor/ceiling
    python eval/wrapped_pages.py --update-floors [--allow-lower]

pages-dev holds four real pages only, and one story each: too few story shapes (lists, short
leads, one-paragraph dispatches, columns) to show a cleaner that loses story. So each pages-dev
page is a template: its story span (from the first to the last page line that the gold body
covers, ``pages.aligned``, outside the lines annotated as not story) is replaced by the body of
each article of articles-bbc and articles-snn (400), its title line and the headline above the
story by that article's title. The result is 1,600 whole pages with real menus, tickers,
widgets and footers around stories of every shape, whose story lines are known exactly.

* The story lines of an article are the lines the cleaner keeps of it on its own (its
  dateline, byline or SPA marks are no story to lose), lines without a letter ("-----") aside.
  One is lost when the cleaned page does not keep it.
* A kept paragraph is chrome when it is a line of the template, not of the article.

Only the cleaner runs (``generator.clean.clean_text``): the other stages see what it keeps.
The figures are development figures: the templates are the pages the classifier was tuned on.
Floors: ``floors/wrapped_pages.json``.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the shared gate and the page eval beside this script
import pages  # noqa: E402
from gate import add_gate_options, enforce_options  # noqa: E402
from gist import tokens  # noqa: E402

from generator.clean import clean_text  # noqa: E402
from generator.phrases import fold  # noqa: E402
from generator.textnorm import normalise_line  # noqa: E402

FLOORS = HERE / "floors" / "wrapped_pages.json"
DIRECTION = {
    "wrapped_pages": True,
    "wrapped_story_lines_lost": False,
    "wrapped_story_share_lost": False,
    "wrapped_chrome_share_kept": False,
}
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class Template:
    name: str
    before: list[str]  # the page above the story, its title line first
    after: list[str]  # the page under the story
    headline: int | None  # index in ``before`` of the headline above the story


@dataclass
class Tally:
    pages: int = 0
    story_lines: int = 0
    lost: list[str] = field(default_factory=list)
    kept: int = 0
    chrome: int = 0


def template(row: dict, folder: Path) -> Template:
    text = (folder / row["file"]).read_text("utf-8")
    lines = [t for raw in text.splitlines() if (t := normalise_line(raw))]
    skip = pages.not_story().get(row["file"], set())
    gold = "\n".join(g for i, g in enumerate(row["gold_body"].splitlines()) if i not in skip)
    shares = pages.aligned(lines, gold)
    story = [i for i, share in enumerate(shares) if share > 0.5 and len(tokens(lines[i])) >= 5]
    first, last = story[0], story[-1]
    title = set(tokens(lines[0]))
    above = range(max(1, first - 15), first)
    headline = max(above, key=lambda i: len(title & set(tokens(lines[i]))), default=None)
    if headline is not None and len(title & set(tokens(lines[headline]))) < 0.6 * len(title):
        headline = None
    return Template(row["file"], lines[:first], lines[last + 1 :], headline)


def wrap(tpl: Template, title: str, body: list[str]) -> list[str]:
    before = list(tpl.before)
    suffix = re.search(r"\s[-|–—]\s[^-|–—]+$", before[0])
    before[0] = title + (suffix.group() if suffix else "")
    if tpl.headline is not None:
        before[tpl.headline] = title
    return [*before, *body, *tpl.after]


def score(tpl: Template, title: str, body: list[str], tally: Tally, where: str) -> None:
    # The story lines are what the cleaner keeps of the article on its own: losing its
    # dateline or its byline to the page's chrome is no loss.
    alone = clean_text("\n".join([title, *body]))
    story = [line.text for line in alone.lines if _LETTER.search(line.text)]
    result = clean_text("\n".join(wrap(tpl, title, body)))
    kept = Counter(fold(line.text) for line in result.lines)
    tally.pages += 1
    for line in story:
        tally.story_lines += 1
        if kept[fold(line)]:
            kept[fold(line)] -= 1
        else:
            tally.lost.append(f"{tpl.name} × {where}: {line[:90]}")
    story_keys = {fold(line) for line in story} | {fold(title)}
    tally.kept += len(result.lines)
    tally.chrome += sum(fold(line.text) not in story_keys for line in result.lines)


def evaluate(
    pages_folder: Path, corpus_root: Path, every: int = 1
) -> tuple[dict[str, float], Tally]:
    """Figures over every ``every``-th article of each corpus (the test gate takes a sample)."""
    tally = Tally()
    templates = [template(row, pages_folder) for row in pages.read_rows(pages_folder)]
    for name in pages.SCALE_CORPORA:
        folder = corpus_root / name
        for row in pages.read_rows(folder)[::every]:
            raw = (folder / row["file"]).read_text("utf-8").splitlines()
            body = [t for line in raw if (t := normalise_line(line))]
            for tpl in templates:
                score(tpl, row["title"], body, tally, f"{name}/{row['file']}")
    figures = {
        "wrapped_pages": tally.pages,
        "wrapped_story_lines_lost": len(tally.lost),
        "wrapped_story_share_lost": round(len(tally.lost) / max(1, tally.story_lines), 4),
        "wrapped_chrome_share_kept": round(tally.chrome / max(1, tally.kept), 4),
    }
    return figures, tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--every", type=int, default=1, help="score every N-th article only")
    add_gate_options(parser)
    args = parser.parse_args(argv)
    pages_folder = pages.corpus_dir()
    if not (pages_folder / "meta.jsonl").is_file():
        print(f"no page corpus at {pages_folder}", file=sys.stderr)
        return 2
    figures, tally = evaluate(pages_folder, pages_folder.parent, args.every)
    print(f"{tally.pages} wrapped pages, {tally.story_lines} story lines (development figures)")
    if args.verbose:
        for where, counted in Counter(x.split(" × ")[0] for x in tally.lost).items():
            print(f"  lost on template {where}: {counted}")
        for line in tally.lost:
            print(f"  lost: {line}")
    for name, value in figures.items():
        print(f"  {name:30} {value}")
    return enforce_options(figures, DIRECTION, FLOORS, args)


if __name__ == "__main__":
    raise SystemExit(main())
