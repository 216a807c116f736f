"""Saved HTML pages: the main text and the page's own metadata, through trafilatura.

trafilatura drops navigation, footers, comments and figure captions; what it keeps still goes
through the cleaner. Its metadata (title, site name, date, URL) is kept as evidence for the
headline, outlet and date stages, which decide how far to trust it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .errors import InputError

METADATA_FIELDS = ("title", "sitename", "date", "url", "hostname", "author", "description")


def extract_html(path: Path, html: str) -> tuple[str, dict[str, str]]:
    """Return (plain text, one paragraph per line with blank lines between, metadata)."""
    # Imported here: it costs a third of a second, which `briefings check` need not pay.
    import trafilatura

    # trafilatura logs "discarding data" and similar at WARNING; the run summary reports instead.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    try:
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            # The balanced default, not favor_precision: precision mode may drop a short story
            # paragraph, while leftover chrome is the cleaner's job.
        )
    except Exception as exc:  # lxml raises several unrelated types on broken markup
        raise InputError(path, f"HTML could not be parsed ({type(exc).__name__}: {exc})") from exc
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise InputError(path, "no article text found in the HTML page; skipped")
    paragraphs = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    metadata = {
        key: str(value).strip()
        for key in METADATA_FIELDS
        if (value := getattr(document, key, None)) and str(value).strip()
    }
    return paragraphs, metadata
