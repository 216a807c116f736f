"""Markdown articles as plain text: one line per paragraph, markup removed, images dropped.

Deliberately small: editors' Markdown articles are headings, paragraphs, emphasis, links, images
and lists. Every pattern here is linear (no nested quantifiers), so hostile input cannot make
it slow; the reader rejects inputs that would make the site's Markdown renderer slow.
"""

from __future__ import annotations

import re

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_BLOCK_PREFIX = re.compile(r"^\s{0,3}(?:>\s?)+|^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_IMAGE = re.compile(r"!\[[^\[\]\n]{0,500}\]\([^()\s]{0,2000}(?:\s+\"[^\"\n]{0,500}\")?\)")
_LINK = re.compile(r"\[([^\[\]\n]{1,500})\]\([^()\s]{0,2000}(?:\s+\"[^\"\n]{0,500}\")?\)")
_REF_LINK = re.compile(r"\[([^\[\]\n]{1,500})\]\[[^\[\]\n]{0,100}\]")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\[\]\n]{1,100}\]:\s+\S+.*$")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]{1,2000})>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,20}(?:\s[^<>]{0,500})?/?>")
_EMPHASIS = re.compile(
    r"(\*\*|__)(?=\S)([^*_\n]{1,1000}?)(?<=\S)\1"  # **strong**, __strong__
    r"|(?<![\w*])\*(?=\S)([^*\n]{1,1000}?)(?<=\S)\*(?![\w*])"  # *emphasis*
)
_CODE = re.compile(r"`([^`\n]{1,1000})`")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
# Escaped punctuation is parked in the Private Use Area while markup is removed, then restored.
_PARK = 0xF0000


def _inline(text: str) -> str:
    text = _ESCAPE.sub(lambda m: chr(_PARK + ord(m.group(1))), text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    text = _CODE.sub(r"\1", text)
    text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", text)
    return re.sub("[\U000f0000-\U000f007f]", lambda m: chr(ord(m.group()) - _PARK), text)


def to_text(markdown: str) -> str:
    """Paragraphs of a Markdown article, one per line, separated by blank lines."""
    markdown = _FRONT_MATTER.sub("", markdown.replace("\r\n", "\n"), count=1)
    blocks: list[str] = []
    current: list[str] = []
    in_code = False

    def flush() -> None:
        if current:
            blocks.append(_inline(" ".join(current)))
            current.clear()

    for line in markdown.split("\n"):
        if _FENCE.match(line):
            flush()
            in_code = not in_code
            continue
        if in_code or _REF_DEF.match(line) or _RULE.match(line):
            flush()
            continue
        if not line.strip():
            flush()
        elif heading := _HEADING.match(line):
            flush()
            blocks.append(_inline(heading.group(1)))
        elif _SETEXT.match(line) and current:
            flush()  # the lines above were a heading: they already form their own block
        elif prefix := _BLOCK_PREFIX.match(line):
            if line[: prefix.end()].strip().startswith(">"):
                current.append(line[prefix.end() :].strip())
            else:  # a list item is a paragraph of its own
                flush()
                current.append(line[prefix.end() :].strip())
        else:
            current.append(line.strip())
    flush()
    return "\n\n".join(b for b in blocks if b.strip())
