"""Saved HTML pages: the main text and the page's own metadata, through trafilatura.

trafilatura drops navigation, footers, comments and figure captions; what it keeps still goes
through the cleaner. Its metadata (title, site name, URL) is kept as evidence for the headline,
outlet and date stages, which decide how far to trust it. The date is the one the page's
metadata states (generator/dates/stated.py), never one trafilatura guesses from the text.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from .dates.stated import stated_date
from .errors import InputError
from .model import HtmlMetadata
from .textnorm import unsafe_code_point

# A numeric character reference, with or without its semicolon (HTML parses both).
_CHARACTER_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")
# C1 references the HTML standard maps to Windows-1252 characters (&#150; is an en dash, and
# lxml maps it so): text, kept. The five it leaves undefined stay control characters.
_WINDOWS_1252_UNDEFINED = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})
# Parsing the date from the text is the date stage's job: trafilatura's date is ignored, and
# its fast mode costs the least.
_TRAFILATURA_DATE = {"original_date": True, "extensive_search": False}


def _without_junk_references(html: str) -> str:
    """``html`` without numeric references to characters no text may hold.

    The parser turns "&#0;", a surrogate or a code point past U+10FFFF into U+FFFD and "&#2;"
    into a raw control character: none of them is part of the story, so they are dropped.
    """

    def keep(match: re.Match[str]) -> str:
        hexadecimal, decimal = match.groups()
        point = int(hexadecimal, 16) if hexadecimal else int(decimal)
        if 0x80 <= point <= 0x9F:
            return "" if point in _WINDOWS_1252_UNDEFINED else match.group()
        return "" if point == 0 or point > 0x10FFFF or unsafe_code_point(point) else match.group()

    return _CHARACTER_REFERENCE.sub(keep, html) if "&#" in html else html


def _field(document: object, name: str) -> str | None:
    """One of trafilatura's metadata fields, stripped; None when the page does not give it."""
    value = getattr(document, name, None)
    return (str(value).strip() or None) if value else None


def extract_html(path: Path, html: str) -> tuple[str, HtmlMetadata]:
    """Return (plain text, one paragraph per line with blank lines between, metadata)."""
    # Imported here: it costs a third of a second, which `briefings check` need not pay.
    import trafilatura

    # trafilatura logs "discarding data" and similar at WARNING; the run summary reports instead.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    try:
        tree = trafilatura.load_html(_without_junk_references(html))
        document = (
            trafilatura.bare_extraction(
                tree,  # trafilatura works on a copy: the tree stays whole for the date
                with_metadata=True,
                include_comments=False,
                include_tables=False,
                include_images=False,
                date_extraction_params=_TRAFILATURA_DATE,
                # The balanced default, not favor_precision: precision mode may drop a short
                # story paragraph, while leftover chrome is the cleaner's job.
            )
            if tree is not None
            else None
        )
        date = stated_date(tree) if tree is not None else None
    except Exception as exc:  # lxml raises several unrelated types on broken markup
        raise InputError(path, f"HTML could not be parsed ({type(exc).__name__}: {exc})") from exc
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise InputError(path, "no article text found in the HTML page; skipped")
    paragraphs = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    metadata = HtmlMetadata(
        title=_field(document, "title"),
        site_name=_field(document, "sitename"),
        url=_field(document, "url"),
        hostname=_field(document, "hostname"),
        author=_field(document, "author"),
        description=_field(document, "description"),
        date=date or None,
    )
    return paragraphs, metadata
