"""Worker processes started as copies of this one (``fork``), where the platform has it.

A forked worker inherits what its parent already holds (the language data, the briefings read,
the scores computed so far) instead of loading or computing it again, and work handed over in
module state is not pickled. Without fork (Windows; macOS defaults to spawn), work that needs
inherited state stays in this process; work that does not starts workers the platform's way.

A worker dies with the process that started it. A pool's workers wait on a pipe whose other
end they inherited themselves, so when the run is killed (SIGKILL, the OOM killer) they would
wait forever, holding memory. On Linux each forked worker asks the kernel for SIGKILL when its
parent ends (``prctl(PR_SET_PDEATHSIG)``); elsewhere workers end when their pipe breaks.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from functools import cache
from multiprocessing.context import BaseContext

# From <linux/prctl.h>.
_PR_SET_PDEATHSIG = 1


@cache
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def die_with_parent(parent: int) -> None:
    """In a child just forked from ``parent``: be killed when the parent ends (Linux)."""
    libc = _libc() if sys.platform.startswith("linux") else None
    if libc is not None:
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    # The request covers only a parent alive when it is made: one already gone was replaced
    # by init (or a subreaper) as the parent.
    if os.getppid() != parent:
        os._exit(1)


def fork_context() -> BaseContext | None:
    """The ``fork`` start method, or None where the platform has none. Its processes die with
    the process that started them."""
    if "fork" in multiprocessing.get_all_start_methods():
        return _mortal_fork_context()
    return None


@cache
def _mortal_fork_context() -> BaseContext:
    from multiprocessing.context import ForkContext, ForkProcess

    class MortalForkProcess(ForkProcess):
        def run(self) -> None:
            die_with_parent(self._parent_pid)  # type: ignore[attr-defined]
            super().run()

    class MortalForkContext(ForkContext):
        Process = MortalForkProcess

    return MortalForkContext()


def worker_context() -> BaseContext:
    """Fork where it exists, the platform's default start method otherwise."""
    return fork_context() or multiprocessing.get_context()
