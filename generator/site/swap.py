"""Put a freshly built site in place of the old one in one step, and recover from a crash.

The new site is built into a staging folder beside ``site/`` (same file system, so renames
are atomic). On Linux the two folders are exchanged with ``renameat2(RENAME_EXCHANGE)``: at
every instant ``site/`` is either the complete old site or the complete new one, even if the
process is killed between two instructions. Where that call does not exist (macOS, old
kernels, some network file systems) two renames are used, and a run killed between them
leaves the old site in ``<staging>/previous``; the next build puts it back first (``recover``).
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
from pathlib import Path

from ..fsutil import crash_point

STAGING_PREFIX = ".site-build-"
PREVIOUS = "previous"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # linux/fs.h


def _libc_renameat2() -> object | None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return getattr(libc, "renameat2", None)
    except OSError:
        return None


_renameat2 = _libc_renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two existing paths; False when this system cannot do it."""
    if _renameat2 is None:
        return False
    result = _renameat2(  # type: ignore[operator]
        _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # the kernel or the file system lacks RENAME_EXCHANGE
    raise OSError(code, os.strerror(code), str(a))


def replace_dir(new: Path, target: Path, previous: Path) -> None:
    """Make ``new`` the content of ``target``; the old content ends up at ``previous``."""
    if target.exists() and exchange(new, target):
        os.replace(new, previous)
    else:
        if target.exists():
            os.replace(target, previous)
            crash_point("swap-gap")  # the window recover() exists for
        os.replace(new, target)
    crash_point("swap")


def staging_name() -> str:
    """A staging folder name that says which process owns it."""
    return f"{STAGING_PREFIX}{os.getpid()}-"


def _owner_alive(folder: Path) -> bool:
    pid_text = folder.name[len(STAGING_PREFIX) :].split("-", 1)[0]
    if not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # a live process of another user
    return True


def _age(folder: Path) -> float:
    try:
        return folder.stat().st_mtime
    except OSError:  # gone meanwhile: sorts first, and rmtree below ignores it
        return 0.0


def recover(target: Path) -> list[Path]:
    """Undo what killed builds left beside ``target``: put back a site moved aside by the
    two-rename fallback, then delete staging folders whose process is gone. Returns what
    was removed or restored."""
    parent = target.parent
    if not parent.is_dir():
        return []
    stale = sorted(
        (
            folder
            for folder in parent.glob(f"{STAGING_PREFIX}*")
            if folder.is_dir() and not _owner_alive(folder)
        ),
        key=_age,
    )
    touched: list[Path] = []
    if not target.exists():
        moved = [folder / PREVIOUS for folder in stale if (folder / PREVIOUS).is_dir()]
        if moved:
            os.replace(moved[-1], target)  # the newest old site: the one that was live
            touched.append(target)
    for folder in stale:
        shutil.rmtree(folder, ignore_errors=True)
        touched.append(folder)
    return touched
