"""Unicode hygiene for one line of article text: invisible junk out, meaningful joiners kept.

Rules (each with its reason):

* Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) are removed: they are
  invisible and can visually reorder the text they wrap ("Trojan Source", CVE-2021-42574).
* Zero-width space, word joiner, BOM/ZWNBSP, soft hyphen and Mongolian vowel separator are
  removed: copy-paste junk that breaks search and comparison.
* ZWNJ (U+200C) and ZWJ (U+200D) are kept between two letters or marks (Persian and Kurdish
  words such as "می‌خواهم", Arabic shaping control) and between emoji (ZWJ sequences); elsewhere
  (word edges, beside spaces or punctuation) they mean nothing and are removed.
* Other control characters and the noncharacters are removed (see ``UNSAFE_CHARACTERS``);
  every kind of Unicode space becomes one ASCII space.
* Direction marks (LRM, RLM, ALM) are removed at the ends of a line, where the page direction
  decides anyway; inside a line they can place punctuation in mixed text, so they stay.
* Arabic presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFF), which PDFs and old pages produce,
  are mapped to the ordinary letters (NFKC for those characters only), then the line is NFC.
"""

from __future__ import annotations

import re
import unicodedata

from .text.chars import char_class, characters

BIDI_CONTROLS = characters("bidi_controls")
ZERO_WIDTH_JUNK = characters("zero_width_space", "other_invisible", "byte_order_mark")
JOINERS = characters("joiners")
# What no page, feed, sitemap or search index may carry: control characters, lone surrogates
# and noncharacters (generator/data/arabic.yml says why), as the inside of a regex class.
CONTROL_CHARACTERS = char_class("control_characters")
UNSAFE_CHARACTERS = char_class("control_characters", "not_characters")

_REMOVE = re.compile(f"[{BIDI_CONTROLS}{ZERO_WIDTH_JUNK}{UNSAFE_CHARACTERS}]")
_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")
# What the site removes from every value it shows (see ``shown_text``).
NEVER_SHOWN = re.compile(f"[{BIDI_CONTROLS}{UNSAFE_CHARACTERS}]")
_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000 ]+")
_PRESENTATION_FORMS = re.compile(f"[{char_class('presentation_forms')}]+")
_JOINER_RUN = re.compile(f"[{JOINERS}]+")
_DIRECTION_MARKS = char_class("direction_marks", "arabic_letter_mark")
_EDGE_MARKS = re.compile(f"^[{_DIRECTION_MARKS} ]+|[{_DIRECTION_MARKS} ]+$")


def _joins(left: str, right: str) -> bool:
    """True when a joiner between these two characters does something."""

    def wordish(char: str) -> bool:
        return unicodedata.category(char)[0] in "LM"

    def emoji(char: str) -> bool:
        return unicodedata.category(char) == "So" or char == "\ufe0f"

    return (wordish(left) and wordish(right)) or (emoji(left) and emoji(right))


def _keep_meaningful_joiners(line: str) -> str:
    def repl(match: re.Match[str]) -> str:
        start, end = match.span()
        if start > 0 and end < len(line) and _joins(line[start - 1], line[end]):
            return match.group()[-1]  # a run of joiners means the last one
        return ""

    return _JOINER_RUN.sub(repl, line)


def normalise_line(line: str) -> str:
    """One clean line: no invisible junk, single spaces, NFC. Idempotent."""
    line = _REMOVE.sub("", line)
    line = _PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), line)
    line = _SPACES.sub(" ", line).strip()
    line = _keep_meaningful_joiners(line)
    line = unicodedata.normalize("NFC", line)
    # Removing a joiner beside a space can leave two spaces: collapse again.
    return _EDGE_MARKS.sub("", _SPACES.sub(" ", line))


def unsafe_code_point(point: int) -> bool:
    """True for a code point no text may hold (``UNSAFE_CHARACTERS``, or past U+10FFFF)."""
    return point > 0x10FFFF or _UNSAFE.match(chr(point)) is not None


def shown_text(text: str) -> str:
    """``text`` as the site may show it: no bidi control and none of ``UNSAFE_CHARACTERS``.

    Front matter is edited by hand, so it may hold what the analysis never writes; every value
    the site shows goes through here once (generator/collection/briefings.py, ``displayable``).
    """
    return NEVER_SHOWN.sub("", text)
