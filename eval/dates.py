"""Score the dates stage on the development corpus and gate it with pinned floors.

    python eval/dates.py                      # report
    python eval/dates.py --check              # exit 1 if a figure is below its floor
    python eval/dates.py --update-floors      # raise floors to today's figures (never lowers)
    python eval/dates.py --update-floors --allow-lower   # also lower them (say why in the commit)

The corpus (``../shared/corpus/articles-dev/``) gives each article's real publication time in
``meta.jsonl`` (the RSS pubDate). The texts are body only, with no dateline, so most articles
honestly get no date; what matters is that the dates given are right and that no event dated
after the real publication is shown as having happened.

Whole pages with their chrome (``../shared/corpus/pages-dev/``, each page as its saved ``.html``
and as its whole visible text) test the page's own dates: the header's "today", "last updated"
stamps, related stories' dates and metadata time zones. Their gold date is in ``meta.jsonl``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import asdict, dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the shared gate beside this script
from gate import enforce, past_floors, raised  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "articles-dev"
PAGES = REPO.parent / "shared" / "corpus" / "pages-dev"
FLOORS = REPO / "eval" / "floors" / "dates.json"

# Figure name -> True when higher is better (a floor), False when lower is better (a ceiling).
DIRECTION = {
    "dated_rate": True,
    "correct_rate": True,
    "confident_wrong": False,
    "unmarked_future_rate": False,
    "anchored_events": True,
    "anchored_unmarked_future_rate": False,
    "pages_correct_rate": True,
    "pages_confident_wrong": False,
}


@dataclass
class Figures:
    articles: int = 0
    analysed: int = 0
    dated: int = 0
    correct: int = 0
    wrong: int = 0
    confident_wrong: int = 0  # wrong with high or medium confidence: the harmful kind
    events: int = 0
    planned: int = 0
    future_events: int = 0  # events wholly after the real publication date
    unmarked_future: int = 0  # ... of which not marked planned
    # The same with the real date given as an editor's sidecar date, so relative expressions
    # (أمس، الشهر الماضي، آب الماضي) are resolved too: the test of planned/reported marking.
    anchored_events: int = 0
    anchored_planned: int = 0
    anchored_unmarked_future: int = 0
    # Whole pages (pages-dev), each as .html and as .txt.
    pages: int = 0
    pages_correct: int = 0
    pages_confident_wrong: int = 0

    @property
    def dated_rate(self) -> float:
        return self.dated / self.articles if self.articles else 0.0

    @property
    def correct_rate(self) -> float:
        return self.correct / self.dated if self.dated else 0.0

    @property
    def unmarked_future_rate(self) -> float:
        return self.unmarked_future / self.events if self.events else 0.0

    @property
    def anchored_unmarked_future_rate(self) -> float:
        return self.anchored_unmarked_future / self.anchored_events if self.anchored_events else 0.0

    @property
    def pages_correct_rate(self) -> float:
        return self.pages_correct / self.pages if self.pages else 0.0

    def gated(self) -> dict[str, float]:
        return {name: round(getattr(self, name), 4) for name in DIRECTION}


def evaluate_pages(figures: Figures, pages: Path, verbose: bool = False) -> None:
    """Add the whole pages of ``pages`` (each .html and .txt) to ``figures``."""
    from generator.context import Context
    from generator.pipeline import analyse

    ctx = Context.for_project(REPO)
    for line in (pages / "meta.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        for name in (meta["file"], meta["html_file"]):
            figures.pages += 1
            published = getattr(analyse(pages / name, ctx), "published", None)
            right = published is not None and meta["gold_date"].startswith(published.value)
            figures.pages_correct += right
            wrong = published is not None and not right
            figures.pages_confident_wrong += wrong and published.confidence != "low"
            if verbose and not right:
                found = (
                    (published.value, published.confidence, published.source) if published else None
                )
                print(f"page   {name}: {found} real {meta['gold_date']}")


def evaluate(corpus: Path = CORPUS, verbose: bool = False, pages: Path | None = PAGES) -> Figures:
    from generator.context import Context
    from generator.dates import find_dates
    from generator.dates.resolve import Value
    from generator.pipeline import analyse

    ctx = Context.for_project(REPO)
    figures = Figures()
    for line in (corpus / "meta.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        figures.articles += 1
        real = dt.date.fromisoformat(meta["date"])
        article = analyse(corpus / meta["file"], ctx)
        if not hasattr(article, "published"):
            continue  # skipped by an earlier stage: counts as undated
        figures.analysed += 1
        published = article.published  # type: ignore[union-attr]
        if published is not None:
            figures.dated += 1
            if real.isoformat().startswith(published.value):
                figures.correct += 1
            else:
                figures.wrong += 1
                figures.confident_wrong += published.confidence != "low"
                if verbose:
                    print(
                        f"wrong  {meta['file']}: {published.value} ({published.confidence}, "
                        f"{published.source}: {published.evidence!r}) real {real}"
                    )
        real_value = Value.of(real)
        for event in article.events:  # type: ignore[union-attr]
            figures.events += 1
            figures.planned += event.status == "planned"
            value = Value(*(int(p) for p in event.date.split("-")))
            if value.after(real_value):
                figures.future_events += 1
                if event.status != "planned":
                    figures.unmarked_future += 1
                    if verbose:
                        print(
                            f"future {meta['file']}: {event.date} {event.evidence!r} "
                            f"real {real}: {event.ar[:80]}"
                        )
        article.published = None  # type: ignore[union-attr]
        article.sidecar = replace(article.sidecar, date=real.isoformat())  # type: ignore[union-attr]
        anchored = find_dates(article, ctx)  # type: ignore[arg-type]
        for event in anchored.events:
            figures.anchored_events += 1
            figures.anchored_planned += event.status == "planned"
            value = Value(*(int(p) for p in event.date.split("-")))
            if value.after(real_value) and event.status != "planned":
                figures.anchored_unmarked_future += 1
                if verbose:
                    print(
                        f"future(anchored) {meta['file']}: {event.date} {event.evidence!r} "
                        f"real {real}: {event.ar[:80]}"
                    )
    if pages is not None and (pages / "meta.jsonl").is_file():
        evaluate_pages(figures, pages, verbose)
    return figures


def check(figures: dict[str, float], floors: dict[str, float]) -> list[str]:
    return past_floors(figures, floors, DIRECTION, FLOORS)


def updated(
    figures: dict[str, float], floors: dict[str, float], allow_lower: bool
) -> dict[str, float]:
    return raised(figures, floors, DIRECTION, allow_lower)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--pages", type=Path, default=PAGES, help="whole pages with gold dates")
    parser.add_argument("--check", action="store_true", help="fail when below a pinned floor")
    parser.add_argument("--update-floors", action="store_true", help="raise floors to the figures")
    parser.add_argument("--allow-lower", action="store_true", help="let --update-floors lower them")
    parser.add_argument("--verbose", action="store_true", help="list wrong dates and events")
    args = parser.parse_args(argv)
    if not (args.corpus / "meta.jsonl").is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    figures = evaluate(args.corpus, args.verbose, args.pages)
    print(json.dumps({**asdict(figures), **figures.gated()}, indent=2))
    return enforce(
        figures.gated(),
        DIRECTION,
        FLOORS,
        check=args.check,
        update=args.update_floors,
        allow_lower=args.allow_lower,
    )


if __name__ == "__main__":
    sys.exit(main())
