"""A time cap for one analysis stage, so that a pathological input cannot hang a run.

The inputs are scraped pages: a heuristic that is linear on real articles may still meet the
one input that makes it crawl (a regular expression backtracking on a 1 MB line). Each stage
runs under ``deadline(seconds)``; past it, ``StageTimeout`` interrupts the stage and the
pipeline skips that article with a clear reason, and the run goes on.

How: ``setitimer(ITIMER_REAL)`` and a SIGALRM handler that raises. Python runs signal handlers
between bytecodes, and the ``re`` engine checks for signals while it backtracks, so both pure
Python loops and runaway regular expressions are interrupted. A single call into C code that
never checks for signals is not: lxml parsing a page with 150,000 attributes on one tag ran
85 s. Such a call goes through ``stoppable``, which runs it in a forked child process while
this process waits in a loop the signal does interrupt, then kills the child. Signals exist
only in the main thread of a process: elsewhere (a thread pool) the stage runs without a cap
rather than failing.
"""

from __future__ import annotations

import json
import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from .errors import BriefingError, InputError
from .speed.forking import die_with_parent

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


class ChildDied(BriefingError):
    """The child process of a ``stoppable`` call ended without a result (killed, crashed)."""

    def __init__(self, what: str, status: int) -> None:
        if os.WIFSIGNALED(status):
            number = os.WTERMSIG(status)
            name = signal.Signals(number).name if number in signal.valid_signals() else number
            # The OOM killer sends SIGKILL; so does an operator, which is rarer.
            hint = ", perhaps out of memory" if number == signal.SIGKILL else ""
            how = f"was killed by {name}{hint}"
        else:
            how = f"ended with status {os.waitstatus_to_exitcode(status)} and no result"
        super().__init__(f"{what} {how}; skipped")


def stoppable(what: str, work: Callable[..., Any], *args: Any) -> Any:
    """``work(*args)`` in a child process that the running ``deadline`` can stop.

    The result must be JSON data (strings, numbers, lists, mappings); it comes back through a
    pipe, as text. An ``InputError`` in the child is raised here again; any other exception
    becomes a ``RuntimeError`` naming it, and a child that dies is ``ChildDied`` (``what``
    names the work in its message). Without a running deadline (or without ``fork``), the
    work runs in this process: a child costs a fork and stops nothing then.
    """
    running = _can_use_signals() and signal.getitimer(signal.ITIMER_REAL)[0] > 0
    if not running or not hasattr(os, "fork"):
        return work(*args)
    parent = os.getpid()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        try:
            os.close(reader)
            die_with_parent(parent)
            out = memoryview(_outcome(work, args).encode("utf-8"))
            while out:  # os.write may send less than it is given
                out = out[os.write(writer, out) :]
        finally:
            os._exit(0)
    os.close(writer)
    try:
        with os.fdopen(reader, "rb") as pipe:
            data = pipe.read()  # a StageTimeout interrupts this wait
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        _, status = os.waitpid(pid, 0)
    if not data:
        raise ChildDied(what, status)
    outcome = json.loads(data)
    if "input_error" in outcome:
        path, message, line = outcome["input_error"]
        raise InputError(path, message, line)
    if "error" in outcome:
        raise RuntimeError(outcome["error"])
    return outcome["result"]


def _outcome(work: Callable[..., Any], args: tuple[Any, ...]) -> str:
    try:
        result: dict[str, Any] = {"result": work(*args)}
    except InputError as exc:
        result = {"input_error": [str(exc.path), exc.message, exc.line]}
    except BaseException as exc:  # reported in the parent: a child must not fail silently
        result = {"error": f"{type(exc).__name__}: {exc}"}
    # ensure_ascii: lone surrogates in scraped text travel as escapes and come back as they were.
    return json.dumps(result)
