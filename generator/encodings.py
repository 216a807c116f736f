"""Decode article bytes: UTF-8 (with or without BOM), UTF-16/32 with BOM, or Windows-1256.

Order: a byte-order mark decides; then strict UTF-8, which almost never decodes non-UTF-8 Arabic
by accident; then Windows-1256, only when an HTML page declares it or charset-normalizer picks it
and the result reads as Arabic. Everything else is rejected with a message naming the problem:
a briefing never carries U+FFFD or mojibake ("ط§ظ„" is UTF-8 Arabic misread as Windows-1256).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import InputError
from .text.chars import characters

BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CANDIDATES = ["cp1256", "iso8859_6", "cp1252", "latin_1", "utf_8"]
_MAX_CHAOS = 0.2  # charset-normalizer's "mess" ratio above which its guess is not trusted
_MIN_ARABIC_SHARE = 0.5  # of the letters of a Windows-1256 text
_DECLARED = re.compile(rb"""<meta[^>]{0,200}charset\s*=\s*["']?\s*([A-Za-z0-9_-]{2,30})""", re.I)
_ARABIC_LETTERS = frozenset(characters("arabic_letters"))
_CP1256_NAMES = {"windows-1256", "cp1256", "x-cp1256"}


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _arabic_letters(text: str) -> list[str]:
    return [c for c in text if c in _ARABIC_LETTERS]


def mojibake(text: str) -> str | None:
    """How the text was garbled, if it is UTF-8 Arabic decoded with a single-byte code page.

    UTF-8 Arabic letters start with byte 0xD8 or 0xD9, which Windows-1256 reads as "ط"/"ظ" and
    Windows-1252 as "Ø"/"Ù": in real Arabic "ط" and "ظ" are about 2% of the letters.
    """
    arabic = _arabic_letters(text)
    if len(arabic) >= 20 and sum(c in "طظ" for c in arabic) / len(arabic) > 0.3:
        return "Windows-1256"
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 20 and sum(c in "ØÙÚÛ" for c in letters) / len(letters) > 0.15:
        return "Windows-1252"
    return None


def _check(path: Path, text: str, encoding: str) -> tuple[str, str]:
    if "\ufffd" in text:
        count = text.count("\ufffd")
        line = text.count("\n", 0, text.index("\ufffd")) + 1
        raise InputError(
            path,
            f"contains {count} U+FFFD replacement character(s) (first on line {line}): the text "
            "was damaged before it was saved; re-save it from the source",
        )
    if garbled := mojibake(text):
        raise InputError(
            path,
            f"looks like mojibake (UTF-8 Arabic read as {garbled} and saved again); "
            "re-save it from the source as UTF-8",
        )
    return text, encoding


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag, lower-case."""
    found = _DECLARED.search(data[:4096])
    return found.group(1).decode("ascii").lower() if found else None


def _cp1256(path: Path, data: bytes, why: str) -> tuple[str, str]:
    text = data.decode("cp1256")  # every byte is defined in Windows-1256
    letters = [c for c in text if c.isalpha()]
    if letters and len(_arabic_letters(text)) / len(letters) >= _MIN_ARABIC_SHARE:
        return _check(path, text, "cp1256")
    raise InputError(path, f"{why}, but decoded that way it is not Arabic text; save it as UTF-8")


def decode(path: Path, data: bytes, *, html: bool = False) -> tuple[str, str]:
    """Return (text, encoding name) or raise InputError naming the file and the problem."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    path,
                    f"starts with a {encoding.replace('-sig', '').upper()} byte-order mark but "
                    f"is not valid {encoding.replace('-sig', '').upper()} ({exc.reason} at line "
                    f"{_line_of(data, exc.start)})",
                ) from exc
            return _check(path, text, encoding.replace("-sig", ""))
    try:
        return _check(path, data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as utf8_error:
        bad_at = _line_of(data, utf8_error.start)
        lenient = data.decode("utf-8", errors="replace")
        invalid = lenient.count("\ufffd")
        multibyte = sum(1 for c in lenient if ord(c) > 0x7F) - invalid
        if multibyte >= 10 * invalid:
            raise InputError(
                path,
                f"is UTF-8 with {invalid} invalid byte sequence(s), the first on line {bad_at}: "
                "the file was damaged or cut short; re-save it as UTF-8",
            ) from utf8_error
        declared = declared_charset(data) if html else None
        if declared in _CP1256_NAMES:
            return _cp1256(path, data, f"the page declares {declared}")
        best = from_bytes(data, cp_isolation=_CANDIDATES).best()
        if best is not None and best.encoding == "cp1256" and best.chaos <= _MAX_CHAOS:
            return _cp1256(path, data, "detected as Windows-1256")
        byte = data[utf8_error.start]
        raise InputError(
            path,
            f"is not UTF-8 (byte 0x{byte:02X} on line {bad_at}) and not confidently "
            "Windows-1256; save it as UTF-8 and retry",
        ) from utf8_error
