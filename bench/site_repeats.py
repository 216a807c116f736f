"""Cost of the pre-pass over articles/ (generator.site_repeats) at scale.

    python bench/site_repeats.py --sizes 1000 10000

Synthetic pages: each is one of 20 sites' chrome (40 menu and footer lines, from the sample
articles' short lines shifted per site) around a story of 12 lines drawn from the sample
articles' sentences, with a number that makes each line its own. Reported per size: the cold
pre-pass (every file read, its lines kept in the cache), the warm one (lines from the cache),
and the grouping and counting alone (``recurring_sets``), wall seconds, fastest of ``--runs``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

from generator import pipeline, site_repeats
from generator.cache import AnalysisCache, SiteLinesCache
from generator.context import Context

REPO = Path(__file__).resolve().parent.parent


def make_articles(folder: Path, count: int) -> None:
    text = "\n".join(
        p.read_text(encoding="utf-8") for p in sorted((REPO / "articles").glob("*.txt"))
    )
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    prose = [line for line in lines if len(line.split()) >= 8]
    short = [line for line in lines if len(line.split()) < 8]
    rng = random.Random("bench-site-repeats")
    folder.mkdir(parents=True)
    for number in range(count):
        site = number % 20
        chrome = [f"{short[(site * 7 + i) % len(short)]} ({site}-{i})" for i in range(40)]
        story = [f"{line} ({number}-{i})" for i, line in enumerate(rng.sample(prose, 12))]
        page = [f"headline {number}", *chrome[:25], *story, *chrome[25:]]
        (folder / f"a{number:05d}.txt").write_text("\n".join(page), encoding="utf-8")


def timed(work, runs: int) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(
        "| articles | cold pre-pass s | warm pre-pass s | grouping and counting s | chrome lines |"
    )
    print("|---:|---:|---:|---:|---|")
    for size in args.sizes:
        print(measure(size, args.runs))


def measure(size: int, runs: int) -> str:
    root = Path(tempfile.mkdtemp(prefix="bench-site-repeats-"))
    try:
        make_articles(root / "articles", size)
        ctx = Context.for_project(root)
        paths = sorted((root / "articles").glob("*.txt"))
        cache = AnalysisCache(ctx)

        def prepass(cold: bool) -> None:
            if cold:
                shutil.rmtree(root / ".cache", ignore_errors=True)
            pipeline.site_lines(paths, [cache.key(p) for p in paths], ctx)

        cold_s = timed(lambda: prepass(True), runs)
        prepass(False)
        warm_s = timed(lambda: prepass(False), runs)
        pages = [SiteLinesCache(ctx).get(k) for p in paths if (k := cache.key(p))]
        count_s = timed(lambda: site_repeats.recurring_sets(pages), runs)
        found = site_repeats.recurring_sets(pages)
        chrome = f"{min(map(len, found))}-{max(map(len, found))} of 40"
        return f"| {size:,} | {cold_s:.2f} | {warm_s:.2f} | {count_s:.2f} | {chrome} |"
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
