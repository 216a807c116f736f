"""Measure the cross-page chrome signal (``generator.site_repeats``) on development data.

    python eval/site_repeats.py

Two measures, reported as development figures (no floor is pinned on them):

* Whole pages (``pages-dev/``): each real page is run with two variants of itself whose story
  (the lines of its ``gold_body``) is swapped for the body of a BBC Arabic article, as if the
  project held three pages of one site. Reported per page: the chrome lines (lines of the page
  outside its gold body) that the signal alone removes, and the story lines it takes.
* Body-only articles (``articles-dev``, ``articles-snn``, ``articles-bbc``): no chrome but for
  a few sign-offs and promos, so every line the signal takes is listed for a reader to judge;
  grouped by the outlet (as a sidecar would state it) and, separately, with no site evidence.
"""

from __future__ import annotations

import json
import os
import random
from collections import Counter
from pathlib import Path

from generator import site_repeats
from generator.model import Article
from generator.phrases import fold
from generator.textnorm import normalise_line

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("BRIEFINGS_CORPUS", REPO.parent / "shared" / "corpus"))
# Pages looked at while choosing the thresholds; the others are held back.
TUNED = {"page-lbcgroup-2026-01-08.txt"}


def _meta(folder: str) -> list[dict[str, str]]:
    with open(CORPUS / folder / "meta.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _lines(text: str) -> list[str]:
    return [t for raw in text.splitlines() if (t := normalise_line(raw))]


def _page(text: str, site: str | None = None) -> site_repeats.PageLines:
    lines = site_repeats.page_lines(Article(source=Path("x.txt"), text=text))
    return site_repeats.PageLines(site, lines.lines, lines.prose)


def _swap_story(lines: list[str], gold: set[str], body: list[str]) -> list[str]:
    """The page with its story lines replaced by ``body`` where the first one stood."""
    story = [i for i, line in enumerate(lines) if fold(line) in gold]
    first = story[0] if story else len(lines) // 2
    kept = [line for i, line in enumerate(lines) if i not in set(story)]
    return kept[:first] + body + kept[first:]


def whole_pages() -> None:
    bbc = [
        _lines((CORPUS / "articles-bbc" / m["file"]).read_text(encoding="utf-8"))
        for m in _meta("articles-bbc")
    ]
    rng = random.Random("site-repeats")
    print("whole pages: page + 2 variants with a BBC Arabic body (development figures)")
    totals: Counter[str] = Counter()
    for meta in _meta("pages-dev"):
        lines = _lines((CORPUS / "pages-dev" / meta["file"]).read_text(encoding="utf-8"))
        gold = {fold(t) for t in _lines(meta["gold_body"])}
        variants = ["\n".join(_swap_story(lines, gold, rng.choice(bbc))) for _ in range(2)]
        pages = [_page("\n".join(lines)), *(_page(v) for v in variants)]
        recurring = site_repeats.recurring_sets(pages)[0]
        story = [t for t in lines if fold(t) in gold]
        chrome = [t for t in lines if fold(t) not in gold]
        taken = [t for t in chrome if site_repeats.line_digest(t) in recurring]
        lost = [t for t in story if site_repeats.line_digest(t) in recurring]
        held = "tuned" if meta["file"] in TUNED else "held back"
        print(
            f"  {meta['file']:36s} ({held}): chrome lines removed {len(taken)}/{len(chrome)}"
            f" ({len(taken) / max(1, len(chrome)):.0%}), story lines lost {len(lost)}/{len(story)}"
        )
        for line in lost:
            print(f"      lost: {line[:90]}")
        part = "tuned" if meta["file"] in TUNED else "held"
        totals[f"{part} chrome"] += len(chrome)
        totals[f"{part} taken"] += len(taken)
        totals[f"{part} story"] += len(story)
        totals[f"{part} lost"] += len(lost)
    for part in ("tuned", "held"):
        print(
            f"  {part}: chrome removed {totals[part + ' taken']}/{totals[part + ' chrome']}, "
            f"story lost {totals[part + ' lost']}/{totals[part + ' story']}"
        )


def body_only() -> None:
    print("body-only articles: every line the signal takes (development figures)")
    for folder in ("articles-dev", "articles-snn", "articles-bbc"):
        metas = _meta(folder)
        texts = [(CORPUS / folder / m["file"]).read_text(encoding="utf-8") for m in metas]
        for grouping in ("outlet", "no evidence"):
            pages = [
                _page(t, m["outlet"] if grouping == "outlet" else None)
                for t, m in zip(texts, metas, strict=True)
            ]
            sets = site_repeats.recurring_sets(pages)
            taken: Counter[str] = Counter()
            total = 0
            for text, found in zip(texts, sets, strict=True):
                lines = _lines(text)
                total += len(lines)
                taken.update(t for t in lines if site_repeats.line_digest(t) in found)
            print(
                f"  {folder} by {grouping}: {sum(taken.values())} of {total} lines taken "
                f"({len(taken)} distinct)"
            )
            for line, count in taken.most_common():
                print(f"      {count:3d}  {line[:100]}")


if __name__ == "__main__":
    whole_pages()
    body_only()
