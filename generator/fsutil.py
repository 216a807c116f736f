"""File-system helpers: atomic writes so that a crash never leaves a half-written page."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def write_text_atomic(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` via a temporary file and a rename.

    Returns False without touching the file when its content is already ``text``, so a rerun
    with unchanged inputs causes no timestamp churn.
    """
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
