"""Read, validate and write briefing pages: YAML front matter between ``---`` lines, then the body.

YAML is only ever produced by a YAML library (ruamel.yaml, round-trip mode so editors' comments
and key order survive) and only ever read with a safe loader.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml as pyyaml
from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from .errors import FrontMatterError, Problem
from .fsutil import write_text_atomic
from .model import Briefing

FENCE = "---"


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.width = 4096  # never fold long Arabic sentences: editors diff these files line by line
    y.indent(mapping=2, sequence=4, offset=2)
    y.allow_unicode = True
    y.representer.add_representer(str, _represent_str)
    return y


_PYYAML_RESOLVER = pyyaml.resolver.Resolver()


def _represent_str(representer: Any, value: str) -> Any:
    # MkDocs, GitHub and most editors read front matter as YAML 1.1, where plain `no`, `on`,
    # `2020-01-07` or `12:30` are not strings. Quote every string a 1.1 reader would retype.
    tag = _PYYAML_RESOLVER.resolve(pyyaml.ScalarNode, value, (True, False))
    style = '"' if tag != "tag:yaml.org,2002:str" or "\n" in value else None
    return representer.represent_scalar("tag:yaml.org,2002:str", value, style=style)


@dataclass(slots=True)
class Page:
    """A briefing page as found on disk."""

    path: Path
    data: CommentedMap
    body: str
    body_line: int  # 1-based line where the body starts


def split(path: Path, text: str) -> tuple[str, str, int]:
    """Split a page into (front matter text, body, body line). Raises FrontMatterError."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        raise FrontMatterError(
            [Problem(path, "(front matter)", "the page must start with '---'", 1)]
        )
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip("\r\n") == FENCE:
            return "".join(lines[1 : number - 1]), "".join(lines[number:]), number + 1
    raise FrontMatterError(
        [Problem(path, "(front matter)", "no closing '---' line after the front matter", 1)]
    )


def read_page(path: Path) -> Page:
    """Parse a page's front matter (round-trip) and body. Raises FrontMatterError."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FrontMatterError([Problem(path, "(file)", f"not UTF-8 text ({exc.reason})")]) from exc
    header, body, body_line = split(path, text)
    try:
        data = _yaml().load(header)
    except MarkedYAMLError as exc:
        line = exc.problem_mark.line + 2 if exc.problem_mark else None
        raise FrontMatterError(
            [Problem(path, "(yaml)", f"invalid YAML: {exc.problem or exc}", line)]
        ) from exc
    if not isinstance(data, CommentedMap):
        raise FrontMatterError([Problem(path, "(front matter)", "expected a mapping of keys", 2)])
    return Page(path, data, body.lstrip("\n"), body_line)


def _line_of(data: Any, loc: tuple[int | str, ...]) -> int | None:
    """The 1-based file line of the key at ``loc`` (front matter starts on line 2)."""
    node, line = data, None
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            line = node.lc.key(part)[0]
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            line = node.lc.item(part)[0]
            node = node[part]
        else:
            break
    return None if line is None else line + 2


def validate(page: Page) -> Briefing:
    """Validate a page's front matter; every problem is reported at once."""
    try:
        return Briefing.model_validate(dict(page.data))
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            key = ".".join(str(part) for part in loc) or "(front matter)"
            got = error.get("input")
            hint = error["msg"]
            if error["type"] not in {"missing", "extra_forbidden"} and not isinstance(
                got, dict | list
            ):
                hint += f", got {got!r}"
            problems.append(Problem(page.path, key, hint, _line_of(page.data, loc)))
        raise FrontMatterError(problems) from None


def load_briefing(path: Path) -> tuple[Briefing, Page]:
    page = read_page(path)
    return validate(page), page


def dump_front_matter(data: CommentedMap | dict[str, Any]) -> str:
    stream = io.StringIO()
    _yaml().dump(data, stream)
    return stream.getvalue()


def render_page(data: CommentedMap | dict[str, Any], body: str) -> str:
    body = body.strip("\n")
    return f"{FENCE}\n{dump_front_matter(data)}{FENCE}\n\n{body}\n"


def briefing_to_data(briefing: Briefing) -> dict[str, Any]:
    """The front-matter mapping of a briefing: schema key order, absent values left out."""
    return briefing.model_dump(mode="json", by_alias=True, exclude_none=True)


def write_page(path: Path, data: CommentedMap | dict[str, Any], body: str) -> bool:
    """Write a page atomically; returns False (and writes nothing) when the bytes are unchanged."""
    return write_text_atomic(path, render_page(data, body))
