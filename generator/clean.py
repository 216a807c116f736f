"""Stage 2: turn the raw text into clean story paragraphs."""

from __future__ import annotations

import re
import unicodedata

from .context import Context
from .model import Article

# Bidi embedding/override/isolate controls: invisible, and can reorder text on the page.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def normalise_line(line: str) -> str:
    line = unicodedata.normalize("NFC", line)
    line = _BIDI_CONTROLS.sub("", line)
    return " ".join(line.split())


def clean(article: Article, ctx: Context) -> Article:
    lines = (normalise_line(line) for line in article.text.splitlines())
    article.paragraphs = [line for line in lines if line]
    return article
