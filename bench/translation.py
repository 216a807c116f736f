"""What translation costs, first run against re-runs: requests, characters, cache hits, time.

The engine is the real Google code path (googletrans-py over HTTPS) talking to the local fake
service of the test suite (``tests/fake_translation_services.py``) on 127.0.0.1, so the numbers
count exactly what would be sent to the real service; the fake answers instantly, so times are
the generator's own. Three runs on a fresh project with an empty translation memory:

1. first run: every English field is translated (one batch per run, chunked under the limit);
2. re-run, inputs unchanged: nothing is asked of the engine;
3. forced regeneration (``--force``, as after an analysis change): every page is rewritten, and
   every translation comes from the memory.

    python bench/translation.py                  # the five sample articles
    python bench/translation.py --corpus ../shared/corpus/articles-dev

Needs the test extra (trustme); the rate limit is set high because the fake has none. At the
default 20 requests a minute, add (requests / 20) minutes to a first run against Google.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.context import Context  # noqa: E402
from generator.generate import generate  # noqa: E402
from tests.conftest import make_project  # noqa: E402
from tests.fake_translation_services import FakeGoogle, make_tls  # noqa: E402

# After the imports: the test configuration switches engines off for the test suite.
os.environ["BRIEFINGS_TRANSLATOR"] = "google"


def make_bench_project(root: Path, articles: list[Path], host: str, ca_file: str) -> Path:
    """A project with the given articles, an empty memory, and Google pointed at the fake."""
    make_project(root, articles)
    (root / "translation-memory.yml").unlink(missing_ok=True)
    (root / "briefings.yml").write_text(
        "translation:\n"
        "  requests_per_minute: 100000\n"
        f"  google:\n    host: '{host}'\n    ca_bundle: '{ca_file}'\n",
        encoding="utf-8",
    )
    return root


def run(root: Path, label: str, service: FakeGoogle, force: bool = False) -> list[str]:
    before = len(service.requests)
    started = time.perf_counter()
    summary = generate(Context.for_project(root), force=force)
    seconds = time.perf_counter() - started
    report = summary.translation
    texts = report.from_memory + report.translated + report.pending
    sent = sum(len(text) for r in service.requests[before:] for text in r.texts)
    hit_rate = report.from_memory / texts if texts else 1.0
    return [
        label,
        str(summary.read),
        str(len(service.requests) - before),
        f"{sent:,}",
        str(texts),
        f"{hit_rate:.0%}",
        str(report.pending),
        f"{seconds:.2f}",
        f"{1000 * seconds / max(summary.read, 1):.0f}",
        f"{1000 * report.seconds / max(summary.read, 1):.2f}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, help="a folder of .txt articles (default: samples)")
    args = parser.parse_args()
    articles = sorted((args.corpus or REPO / "articles").glob("*.txt"))
    header = [
        "run", "articles", "requests", "characters sent", "texts", "memory hits", "pending",
        "seconds", "ms/article", "translation ms/article",
    ]  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        tls, ca_file = make_tls(Path(tmp))
        with FakeGoogle(tls=tls) as service:
            root = make_bench_project(Path(tmp) / "project", articles, service.host, ca_file)
            rows = [
                run(root, "first run (empty memory)", service),
                run(root, "re-run, unchanged inputs", service),
                run(root, "forced regeneration", service, force=True),
            ]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
