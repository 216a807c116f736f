"""Pausing Python's cycle collector while thousands of long-lived objects are made.

Reading a few thousand briefings (or their cached analyses) makes millions of objects that all
live until the process ends and form no reference cycles. CPython's cycle collector runs every
few hundred allocations and, every tenth and hundredth time, walks every object still alive:
at 5,000 briefings that doubled the time to read them. Reference counting still frees what
is dropped while the collector is paused; only cycles wait until it runs again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
