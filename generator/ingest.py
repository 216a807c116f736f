"""Stage 1: read an input file into an ``Article``: bytes, encoding, format, sidecar metadata."""

from __future__ import annotations

import codecs
from pathlib import Path

from .context import Context
from .encodings import decode
from .errors import InputError
from .fsutil import sha256_bytes
from .html import extract_html
from .model import Article
from .sidecar import read_sidecar

FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
SIDECAR_SUFFIX = ".meta.yml"


def is_article_file(path: Path) -> bool:
    return (
        path.is_file()
        and path.suffix.lower() in FORMATS
        and not path.name.startswith(".")
        and not path.name.endswith(SIDECAR_SUFFIX)
    )


def discover(folder: Path) -> list[Path]:
    """Article files in ``folder`` (not recursive), in a stable order."""
    return sorted((p for p in folder.iterdir() if is_article_file(p)), key=lambda p: p.name)


def _looks_binary(data: bytes) -> bool:
    # UTF-16 text legitimately contains NUL bytes; anything else with NULs is not an article.
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in data[:8192]


def read(article: Article, ctx: Context) -> Article:
    path = article.source
    size = path.stat().st_size
    if size > ctx.max_input_bytes:
        raise InputError(
            path, f"file is {size:,} bytes, over the {ctx.max_input_bytes:,}-byte limit; skipped"
        )
    data = path.read_bytes()
    if not data.strip():
        raise InputError(path, "file is empty; skipped")
    if _looks_binary(data):
        raise InputError(path, "file is binary, not text or HTML; skipped")
    article.sha256 = sha256_bytes(data)
    article.format = FORMATS[path.suffix.lower()]
    text, article.encoding = decode(path, data)
    if article.format == "html":
        text, article.html_metadata = extract_html(path, text)
    if not text.strip():
        raise InputError(path, "no article text found; skipped")
    article.text = text
    article.sidecar = read_sidecar(path.with_name(path.stem + SIDECAR_SUFFIX))
    return article
