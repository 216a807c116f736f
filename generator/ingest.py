"""Stage 1: read an input file into an ``Article``: bytes, encoding, format, sidecar metadata.

Bad input is an ``InputError`` with one clear sentence: the run goes on with the other files
and the summary lists the problem. Checks run cheapest first (size before reading, bytes
before decoding) so that a 2 GB video dropped into ``articles/`` costs nothing.
"""

from __future__ import annotations

import re
import stat
from collections import Counter
from dataclasses import asdict
from pathlib import Path

from .context import Context
from .deadline import stoppable
from .encodings import BOMS, decode
from .errors import InputError
from .fsutil import sha256_bytes
from .html import extract_html
from .mdtext import to_text
from .model import Article, HtmlMetadata, Sidecar
from .regular import FileTooLarge, NotRegularFile, read_regular
from .sidecar import read_sidecar
from .text.chars import char_class

FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
SIDECAR_SUFFIX = ".meta.yml"
# Python-Markdown (the site's renderer) takes quadratic time in the number of "[" in a block:
# 4,000 take 1.5 s, 40,000 several minutes (measured with markdown 3.11). No article has that many.
MAX_BRACKETS_PER_LINE = 256
# A whole article pasted without line breaks runs to some 60,000 characters (10,000 words); a
# longer line is a dump, not a paragraph, and one paragraph is what several stages work on.
MAX_LINE_CHARS = 100_000
# Arabic words run to some 15 letters and tracking URLs to about 2,000 characters; a longer
# run without a space is not text, and would become a headline or an index entry unbroken.
MAX_WORD_CHARS = 5_000
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{MAX_WORD_CHARS + 1},}}")  # tried at word starts only
# os.fsdecode turns bytes of a file name that are not UTF-8 into lone surrogates.
_UNDECODABLE = re.compile("[\udc80-\udcff]")
# A file holding only spaces, a byte order mark, zero-width spaces, joiners or direction marks.
_BLANK = re.compile(
    rf"[\s{char_class('byte_order_mark', 'zero_width_space', 'joiners', 'direction_marks')}]"
)
# Magic numbers of files that get saved next to articles by mistake.
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF document"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Office document"),
)


def is_article_file(path: Path) -> bool:
    """Named like an article. Links and special files so named are articles too, so that the
    read stage refuses them with a reason instead of their being skipped without a word."""
    try:
        if stat.S_ISDIR(path.lstat().st_mode):  # a folder is not read (discover is not recursive)
            return False
    except OSError:
        return False
    return (
        path.suffix.lower() in FORMATS
        and not path.name.startswith(".")
        and not path.name.endswith(SIDECAR_SUFFIX)
    )


def discover(folder: Path) -> list[Path]:
    """Article files in ``folder`` (not recursive), in a stable order."""
    return sorted((p for p in folder.iterdir() if is_article_file(p)), key=lambda p: p.name)


def binary_problem(data: bytes) -> str | None:
    """Why these bytes are not an article file, or None when they may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return f"file is {kind}, not text or HTML; skipped"
    if data.startswith(tuple(bom for bom, _ in BOMS)):
        return None  # UTF-16/32 text legitimately contains NUL bytes
    head = data[:8192]
    if b"\x00" not in head:
        return None
    # UTF-16 without a byte-order mark: the high byte of each character is 0x00 for ASCII and
    # 0x06 for Arabic letters, so one of the two byte lanes holds almost only two values.
    for lane in (head[0::2], head[1::2]):
        top_two = sum(count for _, count in Counter(lane).most_common(2))
        if len(lane) >= 16 and top_two >= 0.9 * len(lane):
            return "file looks like UTF-16 without a byte-order mark; save it as UTF-8 and retry"
    return "file is binary (it contains NUL bytes), not text or HTML; skipped"


def _check_brackets(path: Path, text: str) -> None:
    for number, line in enumerate(text.splitlines(), 1):
        count = line.count("[")
        if count > MAX_BRACKETS_PER_LINE:
            raise InputError(
                path,
                f"line {number} holds {count:,} '[' characters, more than the "
                f"{MAX_BRACKETS_PER_LINE} an article can have (the page would take minutes "
                "to render); skipped",
            )


def _check_line_sizes(path: Path, text: str) -> None:
    for number, line in enumerate(text.splitlines(), 1):
        if len(line) > MAX_LINE_CHARS:
            raise InputError(
                path,
                f"line {number} is {len(line):,} characters long, more than the "
                f"{MAX_LINE_CHARS:,} a paragraph can have (not article text); skipped",
            )
        run = _LONG_RUN.search(line)
        if run is not None:
            raise InputError(
                path,
                f"line {number} holds {len(run.group()):,} characters without a space, more "
                f"than the {MAX_WORD_CHARS:,} a word or link can have (not article text); skipped",
            )


def _extract_html_as_json(path: Path, html: str) -> tuple[str, dict[str, str | None]]:
    """``extract_html``'s result as JSON data, the form in which ``stoppable`` brings a
    result back from the child process it runs the work in."""
    text, metadata = extract_html(path, html)
    return text, asdict(metadata)


def read(article: Article, ctx: Context) -> Article:
    path = article.source
    if _UNDECODABLE.search(path.name):
        # Bytes that are not UTF-8 come back as lone surrogates: no page can record the name.
        raise InputError(
            path, "file name is not UTF-8 (it holds undecodable bytes); rename the file; skipped"
        )
    try:
        data = read_regular(path, ctx.max_input_bytes)
    except NotRegularFile as exc:
        # A link would publish its target (/etc/passwd, .git/config); a pipe would block.
        raise InputError(
            path,
            f"file is {exc.kind}, not a regular file; only regular files inside articles/ "
            "are read (copy the file in instead); skipped",
        ) from None
    except FileTooLarge as exc:
        raise InputError(
            path, f"file is {exc.size:,} bytes, over the {exc.limit:,}-byte limit; skipped"
        ) from None
    except OSError as exc:
        raise InputError(path, f"file cannot be read ({exc.strerror or exc}); skipped") from exc
    if not data.strip():
        raise InputError(path, "file is empty; skipped")
    problem = binary_problem(data)
    if problem is not None:
        raise InputError(path, problem)
    article.sha256 = sha256_bytes(data)
    article.format = FORMATS[path.suffix.lower()]
    text, article.encoding = decode(path, data, html=article.format == "html")
    if not _BLANK.sub("", text):
        raise InputError(path, "file is empty; skipped")
    if article.format == "html":
        # lxml never checks for signals: the extraction runs where the time cap can stop it.
        text, fields = stoppable("the HTML extraction", _extract_html_as_json, path, text)
        article.html_metadata = HtmlMetadata(**fields)
    elif article.format == "md":
        text = to_text(text)
    if not text.strip():
        raise InputError(path, "no article text found; skipped")
    _check_brackets(path, text)
    _check_line_sizes(path, text)
    article.text = text
    article.sidecar = Sidecar(**read_sidecar(path.with_name(path.stem + SIDECAR_SUFFIX)))
    return article
