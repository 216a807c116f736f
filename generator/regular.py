"""Reading an input file only when it is a regular file, never through a link.

Articles and their sidecars are published: a symbolic link in ``articles/`` pointing at
``/etc/passwd`` or ``../.git/config`` (where ``actions/checkout`` keeps the job's token) would
put that file on the site. A named pipe would block the run on its first read, and a device
could be read forever. So an input is read only when it is a regular file itself.

The check is made twice. ``lstat`` refuses a link or a special file before it is opened (a
FIFO is never opened). Then the file is opened with ``O_NOFOLLOW`` and ``O_NONBLOCK`` and
checked again with ``fstat`` on what was opened, so a file swapped for a link or a pipe between
the two steps is refused too, and the open itself cannot block.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

# O_NOFOLLOW and O_NOCTTY are POSIX; Windows has neither (nor FIFOs; links are checked by lstat).
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
# What open(O_NOFOLLOW) says of a link: ELOOP on Linux and macOS, EMLINK on FreeBSD.
_LINK_ERRNOS = frozenset({errno.ELOOP, errno.EMLINK})


class NotRegularFile(OSError):
    """The path is a link, a folder or a special file: it is not read."""

    def __init__(self, path: Path, kind: str) -> None:
        self.kind = kind
        super().__init__(errno.EINVAL, f"{kind}, not a regular file", str(path))


class FileTooLarge(OSError):
    """The file is larger than the caller reads."""

    def __init__(self, path: Path, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(errno.EFBIG, f"{size:,} bytes, over the {limit:,}-byte limit", str(path))


def kind_of(mode: int) -> str:
    """What a file of this mode is, in words for a message."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a regular file" if stat.S_ISREG(mode) else "a special file"


def exists(path: Path) -> bool:
    """Whether anything is at ``path``, a dangling link included (``Path.exists`` follows)."""
    try:
        path.lstat()
    except FileNotFoundError:
        return False
    return True


def read_regular(path: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of ``path`` when it is a regular file of at most ``max_bytes``.

    Raises ``NotRegularFile`` or ``FileTooLarge`` (both ``OSError``), or the ``OSError`` of
    the file system (``FileNotFoundError``, ``PermissionError`` ...).
    """
    mode = path.lstat().st_mode
    if not stat.S_ISREG(mode):
        raise NotRegularFile(path, kind_of(mode))
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if exc.errno in _LINK_ERRNOS:  # became a link since the lstat
            raise NotRegularFile(path, "a symbolic link") from None
        raise
    with os.fdopen(fd, "rb") as file:
        opened = os.fstat(file.fileno())
        if not stat.S_ISREG(opened.st_mode):
            raise NotRegularFile(path, kind_of(opened.st_mode))
        if max_bytes is not None and opened.st_size > max_bytes:
            raise FileTooLarge(path, opened.st_size, max_bytes)
        # A regular file never blocks, but reads stay bounded if it grows while being read.
        data = file.read() if max_bytes is None else file.read(max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:
        raise FileTooLarge(path, len(data), max_bytes)
    return data
