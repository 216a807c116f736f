"""Stable ASCII slugs: assigned once per article and kept on every regeneration."""

from __future__ import annotations

import re
import unicodedata

MAX_SLUG_BYTES = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Names Windows refuses as files, whatever the extension; and "index", which MkDocs turns into
# the folder's own page (docs/briefings/index.md -> briefings/, not briefings/index/).
RESERVED = frozenset(
    {
        "con",
        "prn",
        "aux",
        "nul",
        *(f"com{i}" for i in range(10)),
        *(f"lpt{i}" for i in range(10)),
        "index",
    }
)


def slugify(stem: str, sha256: str) -> str:
    """An ASCII slug from a file name, falling back to the content hash.

    Arabic file names have no ASCII letters to keep, so they get ``article-<hash>``: a
    romanised slug would change whenever the romanisation rules improve.
    """
    # Accents fold away (é -> e); any other non-ASCII character separates words.
    decomposed = unicodedata.normalize("NFKD", stem)
    ascii_stem = "".join(
        c if c.isascii() else ("" if unicodedata.combining(c) else "-") for c in decomposed
    )
    slug = _NOT_SLUG.sub("-", ascii_stem.lower()).strip("-")[:MAX_SLUG_BYTES].strip("-")
    if len(re.sub("[^a-z0-9]", "", slug)) < 3 or slug in RESERVED:
        slug = f"article-{sha256[:12]}"
    return slug


def unique(slug: str, taken: set[str]) -> str:
    if slug not in taken:
        return slug
    for n in range(2, 10_000):
        candidate = f"{slug[: MAX_SLUG_BYTES - 6]}-{n}"
        if candidate not in taken:
            return candidate
    raise RuntimeError("no free slug")  # 10,000 articles with one name: not a real case
