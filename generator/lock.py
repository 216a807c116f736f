"""One run at a time per project: a lock file around ``generate`` and ``build``.

Two runs writing the same ``docs/`` and ``site/`` would each be atomic file by file, but their
results would interleave (one run's pages with the other's translation memory). The lock is a
POSIX record lock (``fcntl.lockf``) on ``.briefings.lock`` in the project folder:

- the kernel releases it when the holder dies, even by SIGKILL, so a crash never leaves the
  project locked; and unlike ``flock`` it is not inherited by the build's worker processes,
  so an orphaned worker cannot keep a dead run's lock;
- the file holds the holder's pid, which the refusal message names;
- a pid left in the file by a holder that no longer runs is a stale lock: that run was killed,
  so the next run says so and removes what it left (temporary files, staging folders).

The file itself is never deleted (deleting a lock file lets two runs lock two different
files); an idle project has an empty one.
"""

from __future__ import annotations

import errno
import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BriefingError
from .fsutil import TEMP_NAME, WriteError, sweep_temp_files

LOCK_FILE = ".briefings.lock"
# How long a refused run waits for the holder's pid (see _holder_pid).
PID_WAIT_SECONDS = 0.2
PID_WAIT_STEPS = 20
# Folders never searched for a killed run's temporary files: not ours, or large.
_SKIP_DIRS = frozenset({"site", "node_modules", "__pycache__"})


class LockError(BriefingError):
    """Another run holds the project's lock."""

    def __init__(self, root: Path, pid: int | None) -> None:
        self.pid = pid
        who = f"another briefings run (pid {pid})" if pid else "another briefings run"
        super().__init__(
            f"{who} is working on this project ({root}); wait for it to finish and run "
            "the command again"
        )


@dataclass(slots=True)
class Held:
    """A lock this process holds, and what the previous holder left behind."""

    path: Path
    fd: int
    stale_pid: int | None = None  # a killed run's pid, when one was found in the file
    cleaned: list[Path] = field(default_factory=list)


# POSIX record locks belong to the process, not to the file descriptor: a second lock on the
# same file in this process would succeed, and closing it would release the first. So this
# process keeps its own table and refuses a second lock itself.
_held: dict[Path, Held] = {}
_table = threading.Lock()


def _read_pid(fd: int) -> int | None:
    text = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
    return int(text) if text.isdigit() else None


def _holder_pid(fd: int) -> int | None:
    """The pid of the run holding the lock. A run that has just taken it writes its pid a
    moment later (two runs started together meet in that moment): wait a little for it."""
    for _ in range(PID_WAIT_STEPS):
        pid = _read_pid(fd)
        if pid is not None:
            return pid
        time.sleep(PID_WAIT_SECONDS / PID_WAIT_STEPS)
    return _read_pid(fd)


def _write_pid(fd: int) -> None:
    """This run's pid in the lock file. Written before the file is cut to its length: on a full
    disk the write fails first and leaves the file as it was."""
    data = f"{os.getpid()}\n".encode("ascii")
    os.pwrite(fd, data, 0)
    os.ftruncate(fd, len(data))


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by another user
    return True


def acquire(root: Path) -> Held:
    """Take the project's lock or raise ``LockError`` naming the holder's pid."""
    path = root.resolve() / LOCK_FILE
    with _table:
        if path in _held:
            raise LockError(root, os.getpid())
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:  # a read-only checkout: say so, not a traceback
            raise WriteError(path, exc) from exc
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = _holder_pid(fd)
            os.close(fd)
            if exc.errno in (errno.EACCES, errno.EAGAIN):
                raise LockError(root, holder) from None
            raise
        previous = _read_pid(fd)
        try:
            _write_pid(fd)
        except OSError as exc:  # a full disk: one clear line, and the lock is let go
            os.close(fd)
            raise WriteError(path, exc) from None
        held = Held(path, fd)
        # The lock was free, so a pid still in the file is a run that died holding it.
        if previous is not None and previous != os.getpid() and not pid_alive(previous):
            held.stale_pid = previous
        _held[path] = held
    try:
        held.cleaned = sweep_leftovers(root.resolve())
    except BaseException:
        release(held)
        raise
    return held


def release(held: Held) -> None:
    with _table:
        if _held.get(held.path) is not held:
            return
        del _held[held.path]
        try:
            os.ftruncate(held.fd, 0)  # empty: the run ended normally
        except OSError:
            # The lock is released by the close all the same. The next run finds this pid
            # and says that a run was interrupted, which is less wrong than a traceback.
            pass
        finally:
            os.close(held.fd)  # releases the lock


@contextmanager
def project_lock(root: Path) -> Iterator[Held]:
    """Hold the project's lock for the duration of the ``with`` block."""
    held = acquire(root)
    try:
        yield held
    finally:
        release(held)


def sweep_leftovers(root: Path) -> list[Path]:
    """Temporary files of interrupted writes anywhere in the project's own folders, and the
    staging folders of killed site builds. Only safe while holding the lock."""
    from .site import swap  # the site package imports MkDocs lazily; keep this module light

    removed = swap.recover(root / "site")
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        # Hidden folders (.git, .venv) and virtual environments hold nothing we wrote, but
        # the analysis cache (generator/cache.py) does.
        dirs[:] = [
            name
            for name in dirs
            if (name == ".cache" or not name.startswith("."))
            and name not in _SKIP_DIRS
            and not (here / name / "pyvenv.cfg").exists()
        ]
        if any(TEMP_NAME.match(name) for name in files):
            removed.extend(sweep_temp_files(here))
    return removed
