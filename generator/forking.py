"""Worker processes started as copies of this one (``fork``), where the platform has it.

A forked worker inherits what its parent already holds (the language data, the briefings read,
the scores computed so far) instead of loading or computing it again, and work handed over in
module state is not pickled. Without fork (Windows; macOS defaults to spawn), work that needs
inherited state stays in this process; work that does not starts workers the platform's way.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.context import BaseContext


def fork_context() -> BaseContext | None:
    """The ``fork`` start method, or None where the platform has none."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def worker_context() -> BaseContext:
    """Fork where it exists, the platform's default start method otherwise."""
    return fork_context() or multiprocessing.get_context()
