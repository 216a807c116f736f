"""Limits: size caps per input, a time cap per stage, and pathological inputs that end with a
clear message instead of hanging. No test asserts a duration: each asserts that the run ends
and what it says (subprocess runs have a generous timeout as a guard against a hang)."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import pipeline
from generator.collection.briefings import load_collection
from generator.context import Context
from generator.deadline import deadline
from generator.ingest import MAX_LINE_CHARS, MAX_WORD_CHARS
from generator.model import Article

from .conftest import make_project

TITLE = "الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق"
LEAD = (
    "نفى وزير الدفاع الأمريكي مارك إسبر مساء أمس الاثنين وجود خطط لانسحاب القوات "
    "الأمريكية من العراق، وقال إن القوات باقية لمحاربة تنظيم داعش."
)
# A sentence dense in cues for names and quotes ("قال", "وزير", "المتحدث باسم"): what made
# long paragraphs slow in the entity and sentence stages.
CUES = "قال وزير الدفاع الأمريكي إن القوات باقية، وأكد المتحدث باسم التحالف ذلك. "


# Another story, so that duplicate detection does not merge it with the one above.
OTHER = (
    "البنتاغون يعلن تقليص مهمته العسكرية في العراق",
    "جددت وزارة الدفاع الأمريكية التزامها بتقليص مهمتها العسكرية في العراق خلال العام المقبل.",
)

THIRD = (
    "مسؤول: القوات الأمريكية في العراق مستعدة للدفاع عن نفسها",
    "قال مسؤول رفيع في وزارة الدفاع الأمريكية إن قوات التحالف الدولي غير القتالية مستعدة.",
)

# The pages of 5,000 links: their links are page chrome, so what is left of each is its story,
# which must be its own for the page not to be merged with another.
FOURTH = (
    "واشنطن تبحث مع بغداد جدولا زمنيا لخفض عدد قواتها",
    "بحث مسؤولون أمريكيون وعراقيون في بغداد جدولا زمنيا لخفض عدد القوات الأمريكية تدريجيا.",
)
FIFTH = (
    "البرلمان العراقي يستضيف وزير الخارجية لبحث ملف القوات الأجنبية",
    "استضاف مجلس النواب العراقي وزير الخارجية لمناقشة مستقبل وجود القوات الأجنبية في البلاد.",
)


def article(*body: str, story: tuple[str, str] = (TITLE, LEAD)) -> str:
    return "\n\n".join([*story, *body]) + "\n"


# (file name, content, the skip reason, or None when a briefing is written)
PATHOLOGICAL: list[tuple[str, Callable[[], str | bytes], str | None]] = [
    (
        "brackets-one-line.txt",
        lambda: article("[" * 20_000 + "نص" + "]" * 20_000),
        "line 5 holds 20,000 '[' characters, more than the 256 an article can have",
    ),
    (
        "brackets-many-lines.txt",
        lambda: article(*["[" * 200 + "نص" + "]" * 200 for _ in range(2_000)], story=OTHER),
        None,
    ),
    (
        "links.md",
        lambda: article(
            *[f"[رابط رقم {i}](https://example.com/{i})" for i in range(5_000)], story=FIFTH
        ),
        None,
    ),
    (
        "links.html",
        lambda: (
            "<html><body><h1>"
            + FOURTH[0]
            + "</h1><p>"
            + FOURTH[1]
            + "</p>"
            + "".join(
                f"<p><a href='https://example.com/{i}'>رابط {i}</a></p>" for i in range(5_000)
            )
            + "</body></html>"
        ),
        None,
    ),
    (
        "one-megabyte-line.txt",
        lambda: article(CUES * (1024 * 1024 // len(CUES.encode()))),
        f"line 5 is {len(CUES * (1024 * 1024 // len(CUES.encode()))):,} characters long, "
        f"more than the {MAX_LINE_CHARS:,} a paragraph can have (not article text); skipped",
    ),
    (
        "one-character.txt",
        lambda: "ا" * (1024 * 1024 - 1),  # 2 MB of one letter, just under the size cap
        f"line 1 is {1024 * 1024 - 1:,} characters long, more than the {MAX_LINE_CHARS:,}",
    ),
    (
        "one-long-word.txt",
        lambda: article("وقال " + "ا" * 6_000 + " ثم"),
        f"line 5 holds 6,000 characters without a space, more than the {MAX_WORD_CHARS:,}",
    ),
    (
        "too-big.txt",
        lambda: article("ا" * 100 + "\n") + "\n".join([LEAD] * 20_000),
        "over the 2,097,152-byte limit; skipped",
    ),
    (
        "long-paragraphs.txt",
        # Just under 2 MB in paragraphs just under the line cap, each dense in cues.
        lambda: article(*[CUES * (MAX_LINE_CHARS // len(CUES) - 1)] * 10),
        None,
    ),
    (
        "initials.txt",
        # Thousands of one-letter abbreviations: no full stop here ends a sentence, which made
        # the sentence splitter quadratic (minutes per paragraph).
        lambda: article(*["أ. " * 30_000] * 5, story=THIRD),
        None,
    ),
    (
        "punctuation-only.txt",
        lambda: "\n\n".join(["، " * 1_000] * 100),
        "no headline could be found or derived",
    ),
]


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_pathological_inputs_end_with_a_clear_message_and_the_site_builds(
    tmp_path: Path,
) -> None:
    root = make_project(tmp_path / "project")
    for name, content, _ in PATHOLOGICAL:
        write(root / "articles", name, content())
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(root), "build"],
        capture_output=True,
        text=True,
        timeout=1200,  # a guard against a hang: the caps must end every input long before
    )
    out = " ".join(result.stderr.split())
    assert result.returncode == 1, out  # 1: some inputs were skipped, the rest published
    skipped = [(name, reason) for name, _, reason in PATHOLOGICAL if reason]
    for name, reason in skipped:
        assert re.search(rf"skipped \S*{re.escape(name)}: [^\n]*{re.escape(reason)}", out), name
    written = 5 + len(PATHOLOGICAL) - len(skipped)
    assert f"{written} briefing(s) written" in out
    assert len(load_collection(root / "docs").entries) == written
    assert "Site built in" in out
    assert (root / "site" / "index.html").is_file()


@pytest.fixture
def ctx(project: Path) -> Context:
    context = Context.for_project(project)
    context.max_stage_seconds = 0.5
    return context


def forever(article: Article, ctx: Context) -> Article:
    while True:
        pass


def backtracking(article: Article, ctx: Context) -> Article:
    # Catastrophic backtracking: 2**40 ways to split the run of "a" before failing.
    re.match(r"(a+)+$", "a" * 40 + "b")
    return article


def sleeping(article: Article, ctx: Context) -> Article:
    time.sleep(3600)
    return article


@pytest.mark.parametrize(
    ("stage", "runaway"),
    [("clean", forever), ("entities", backtracking), ("gist", sleeping)],
)
def test_a_stage_past_its_time_cap_skips_the_article_with_a_reason(
    monkeypatch: pytest.MonkeyPatch,
    ctx: Context,
    stage: str,
    runaway: Callable[[Article, Context], Article],
) -> None:
    stages = [(name, runaway if name == stage else fn) for name, fn in pipeline.STAGES]
    monkeypatch.setattr(pipeline, "STAGES", stages)
    path = write(ctx.articles_dir, "slow.txt", article())
    handler = signal.getsignal(signal.SIGALRM)
    result = pipeline.analyse(path, ctx)
    assert result == pipeline.Skipped(
        path, f"stage '{stage}' took longer than 0.5 s, the time cap per stage; skipped"
    )
    # The cap leaves no timer running and gives the signal back as it found it.
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) == handler


def test_the_time_cap_holds_in_the_analysis_worker_processes(
    monkeypatch: pytest.MonkeyPatch, ctx: Context
) -> None:
    # Enough articles for the process pool; the workers are forked, so they run this stage.
    stages = [(name, forever if name == "dates" else fn) for name, fn in pipeline.STAGES]
    monkeypatch.setattr(pipeline, "STAGES", stages)
    paths = [
        write(ctx.articles_dir, f"slow-{n}.txt", article(f"فقرة رقم {n}."))
        for n in range(pipeline.POOL_FROM + 2)
    ]
    results = list(pipeline.analyse_all(paths, ctx, workers=2))
    reason = "stage 'dates' took longer than 0.5 s, the time cap per stage; skipped"
    assert results == [pipeline.Skipped(path, reason) for path in paths]


def test_stages_within_the_cap_are_not_disturbed(ctx: Context) -> None:
    path = write(ctx.articles_dir, "fine.txt", article())
    result = pipeline.analyse(path, ctx)
    assert isinstance(result, Article)
    assert result.headline is not None and result.headline.ar == TITLE
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_outside_the_main_thread_stages_run_without_a_cap(ctx: Context) -> None:
    # Signals exist only in a process's main thread; elsewhere the cap is off, not an error.
    path = write(ctx.articles_dir, "threaded.txt", article())
    results: list[object] = []
    worker = threading.Thread(target=lambda: results.append(pipeline.analyse(path, ctx)))
    worker.start()
    worker.join(timeout=300)
    assert len(results) == 1 and isinstance(results[0], Article)


@pytest.mark.parametrize("seconds", [None, 0, -1.0])
def test_no_cap_means_no_timer(seconds: float | None) -> None:
    with deadline(seconds):
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
