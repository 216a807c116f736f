"""A time cap for one analysis stage, so that a pathological input cannot hang a run.

The inputs are scraped pages: a heuristic that is linear on real articles may still meet the
one input that makes it crawl (a regular expression backtracking on a 1 MB line). Each stage
runs under ``deadline(seconds)``; past it, ``StageTimeout`` interrupts the stage and the
pipeline skips that article with a clear reason, and the run goes on.

How: ``setitimer(ITIMER_REAL)`` and a SIGALRM handler that raises. Python runs signal handlers
between bytecodes, and the ``re`` engine checks for signals while it backtracks, so both pure
Python loops and runaway regular expressions are interrupted. Not interrupted: a single call
into C code that never checks for signals (a C parser on a huge document); the input size caps
in ``ingest`` bound those. Signals exist only in the main thread of a process: elsewhere (a
thread pool) the stage runs without a cap rather than failing.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from .errors import BriefingError

# Generous: the slowest stage on the 120-article corpus takes well under a second per article.
# A stage that needs a minute on one article is in a loop, not at work.
MAX_STAGE_SECONDS = 60.0


class StageTimeout(BriefingError):
    """A stage ran past its time cap."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"took longer than {seconds:g} s")


def _can_use_signals() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise ``StageTimeout`` inside the block once ``seconds`` have passed (None: no cap)."""
    if not seconds or seconds <= 0 or not _can_use_signals():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise StageTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
