"""Decode article bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1256.

Strict UTF-8 is tried first because it almost never decodes non-UTF-8 Arabic by accident.
Windows-1256 is accepted only when charset-normalizer is confident and the result is mostly
Arabic letters; anything else is rejected rather than written into a briefing as mojibake.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY_ARABIC = {"cp1256", "windows-1256"}
_MIN_ARABIC_SHARE = 0.5  # of the letters in a decoded cp1256 text


def _arabic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum("\u0600" <= c <= "\u06ff" for c in letters) / len(letters)


def decode(path: Path, data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise InputError naming the file."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise InputError(path, f"starts with a {encoding} byte-order mark but is not "
                                 f"valid {encoding} ({exc.reason} at byte {exc.start})") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        best = from_bytes(data, cp_isolation=["cp1256", "utf_8", "cp1252", "iso8859_6"]).best()
        if best is not None and best.encoding.replace("_", "") in {"cp1256", "windows1256"}:
            text = str(best)
            if _arabic_share(text) >= _MIN_ARABIC_SHARE and "\ufffd" not in text:
                return text, "cp1256"
        raise InputError(
            path,
            "not UTF-8 (invalid byte at position "
            f"{utf8_error.start}) and not confidently Windows-1256; save it as UTF-8 and retry",
        ) from utf8_error
