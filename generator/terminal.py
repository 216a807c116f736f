"""Text from inputs shown on a terminal or in a CI log: control characters made visible.

File names and front-matter values come from scraped pages and other people's commits. Raw,
a newline in a file name starts a log line of its own, and on GitHub Actions a line starting
with ``::error::`` is a workflow command; an ESC starts a terminal escape sequence (colours,
the window title, a hyperlink); a bidi control (U+202E) reverses what follows on screen. So
every such value is printed through ``printable``, which writes those characters as Python
escapes (``\\n``, ``\\x1b``, ``\\u202e``): the line reads as one line, and what was there can
still be seen. ``markup`` does the same for text printed with rich, whose ``[...]`` is markup.
"""

from __future__ import annotations

import re

from .text.chars import char_class

# C0 and C1 control characters and DEL; the bidi embeddings, overrides, isolates and marks
# (Unicode UAX #9), which reorder the text shown after them; the line and paragraph separators,
# which some terminals and log viewers break lines at; and lone surrogates (the undecodable
# bytes of a file name), which cannot even be written to a UTF-8 terminal.
_NOT_C0 = (
    "\x7f-\x9f"
    + char_class("arabic_letter_mark", "direction_marks", "bidi_controls")
    + "\u2028\u2029\ud800-\udfff"
)
_UNPRINTABLE = re.compile(f"[\x00-\x1f{_NOT_C0}]")
# JSON escapes C0 characters inside strings itself; the ones left are its own line breaks.
_UNPRINTABLE_IN_JSON = re.compile(f"[{_NOT_C0}]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: object) -> str:
    """``text`` as one line with its control characters shown as escapes."""
    return _UNPRINTABLE.sub(_escape, str(text))


def markup(text: object) -> str:
    """``printable(text)`` with rich's markup characters escaped, to go inside a rich string."""
    from rich.markup import escape

    return escape(printable(text))


def json_printable(text: str) -> str:
    """JSON text with the characters above written as ``\\uXXXX`` escapes, which JSON readers
    read back as the same characters (JSON escapes C0 itself, but not C1 or bidi controls)."""
    return _UNPRINTABLE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
