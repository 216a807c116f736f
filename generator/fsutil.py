"""File-system helpers: atomic writes so that a crash never leaves a half-written page.

Every file the generator writes goes through ``write_bytes_atomic``: the bytes go to a
temporary file beside the target, are flushed to disk, and the temporary file is renamed over
the target (``rename`` is atomic on POSIX file systems). A reader, a crash or a full disk sees
the old file or the new one, never a mix. Temporary files left by a killed run are named
``.<name>.<random>.tmp`` and are removed by the next run (``sweep_temp_files``).
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import tempfile
from collections import Counter
from pathlib import Path

from .errors import BriefingError

TEMP_SUFFIX = ".tmp"
# ".<name>.<8 random characters>.tmp", as tempfile.mkstemp names them below.
TEMP_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
# Fault injection for the crash tests (tests/test_crash.py); never set outside them.
CRASH_ENV = "BRIEFINGS_CRASH_AT"


class WriteError(BriefingError):
    """A file could not be written (disk full, read-only, no permission); nothing was changed."""

    def __init__(self, path: Path, cause: OSError) -> None:
        self.path = path
        self.cause = cause
        reason = cause.strerror or str(cause)
        super().__init__(f"cannot write {path}: {reason}; the previous file is unchanged")


def write_text_atomic(path: Path, text: str) -> bool:
    """Write ``text`` (UTF-8) to ``path`` atomically; see ``write_bytes_atomic``."""
    return write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` via a temporary file and a rename.

    Returns False without touching the file when its content is already ``data``, so a rerun
    with unchanged inputs causes no timestamp churn. Raises ``WriteError`` when the file
    system refuses (ENOSPC, EROFS, EACCES ...); the target is then exactly as it was.
    """
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise WriteError(path, exc) from exc
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        crash_point("write")
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise WriteError(path, exc) from exc
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise
    return True


def _write_all(fd: int, data: bytes) -> None:
    # os.write may write less than asked (a signal, a nearly full disk): loop until done, so
    # that a short write is either completed or ends in the OSError that it really is.
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def sweep_temp_files(folder: Path) -> list[Path]:
    """Remove temporary files a killed run left in ``folder``; call only while holding the
    project lock (``generator.lock``), when no other run can be writing them."""
    removed = []
    for path in folder.glob(f".*{TEMP_SUFFIX}") if folder.is_dir() else []:
        if TEMP_NAME.match(path.name) and path.is_file():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_crash_hits: Counter[str] = Counter()


def crash_point(name: str) -> None:
    """Kill the run here when ``BRIEFINGS_CRASH_AT`` names this point (tests only).

    ``BRIEFINGS_CRASH_AT=write:3`` sends SIGKILL the third time a file is about to be renamed
    into place, to the whole process group (the run and its build workers), as ``kill -9`` or
    a power cut would: no ``finally`` block, no clean-up runs. The crash tests start each run
    in its own process group. Unset, this costs one environment lookup.
    """
    spec = os.environ.get(CRASH_ENV)
    if not spec:
        return
    point, _, count = spec.partition(":")
    if point != name:
        return
    _crash_hits[name] += 1
    if _crash_hits[name] >= int(count or 1):
        os.killpg(os.getpgrp(), signal.SIGKILL)
