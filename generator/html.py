"""Saved HTML pages: the main text and the page's own metadata, through trafilatura."""

from __future__ import annotations

from pathlib import Path

import trafilatura

from .errors import InputError

# Metadata kept as evidence for later stages (title, outlet, date); never trusted blindly.
_METADATA_FIELDS = ("title", "sitename", "date", "url", "hostname", "author", "description")


def extract_html(path: Path, html: str) -> tuple[str, dict[str, str]]:
    """Return (plain text with blank lines between paragraphs, metadata evidence)."""
    try:
        document = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, as_dict=True
        )
    except Exception as exc:  # lxml raises several unrelated types on broken markup
        raise InputError(path, f"HTML could not be parsed ({type(exc).__name__}: {exc})") from exc
    if not document or not document.get("text"):
        raise InputError(path, "no article text found in the HTML page; skipped")
    text = "\n\n".join(line for line in document["text"].splitlines() if line.strip())
    metadata = {
        key: str(document[key]) for key in _METADATA_FIELDS if document.get(key)
    }
    return text, metadata
