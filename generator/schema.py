"""The published JSON Schema of briefing front matter, and the messages for values that break it.

The schema is generated from the pydantic model (``generator/model.py``), written to
``schema/briefing.schema.json`` and referenced from every page (a ``# yaml-language-server``
line), so editors get completion and checking in their editor. Regenerate it with
``python -m generator.schema``; ``tests/test_schema.py`` fails while the file is stale.

The same schema tells :mod:`generator.frontmatter` what a key expects (text, a number ...), so
a YAML 1.1 trap (``no`` read as false where text is expected) is named as such.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from pydantic_core import ErrorDetails

from .fsutil import write_text_atomic
from .model import DATE_PATTERN, PAGE_ID_PATTERN, Briefing, ascii_digits

SCHEMA_FILE = Path("schema", "briefing.schema.json")
DIALECT = "https://json-schema.org/draft/2020-12/schema"  # what pydantic generates
REGENERATE = "python -m generator.schema"

# What each pattern of the model means, said the way an editor writes it. A test checks that
# every pattern of the schema has a hint here, so a new pattern cannot fall back to a regex.
PATTERN_HINTS = {
    DATE_PATTERN: "expected YYYY, YYYY-MM or YYYY-MM-DD",
    r"^[a-z0-9][a-z0-9-]*$": "expected lowercase ASCII letters, digits and '-' (e.g. 'mark-esper')",
    PAGE_ID_PATTERN: "expected at most 80 lowercase ASCII letters, digits and '-' (e.g. 'iraq')",
    r"^[0-9a-f]{64}$": "expected 64 lowercase hexadecimal digits (a SHA-256)",
    r"^Q[0-9]+$": "expected a Wikidata id such as 'Q796'",
}
LOCK_HINT = "expected a key of this page to lock, e.g. 'published' or 'headline.en'"


@cache
def json_schema() -> dict[str, Any]:
    """The JSON Schema of the front matter, as published."""
    schema = Briefing.model_json_schema(by_alias=True, mode="validation")
    schema.pop("title", None)
    return {"$schema": DIALECT, "title": "Briefing front matter", **schema}


def render() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def write(root: Path) -> bool:
    """Write the schema into a project; False when the file already says the same."""
    return write_text_atomic(root / SCHEMA_FILE, render())


# --- what a key expects --------------------------------------------------------------------


def _branches(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The alternatives a schema node allows, with ``$ref`` resolved (``X | None`` is anyOf)."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        yield from _branches(json_schema()["$defs"][name])
    elif "anyOf" in node:
        for branch in node["anyOf"]:
            yield from _branches(branch)
    else:
        yield node


def node_at(loc: tuple[int | str, ...]) -> list[dict[str, Any]]:
    """The schema alternatives for the value at ``loc`` (empty when the key is unknown)."""
    nodes = [json_schema()]
    for part in loc:
        children = []
        for node in (b for n in nodes for b in _branches(n)):
            if isinstance(part, int) and "items" in node:
                children.append(node["items"])
            elif isinstance(part, str) and part in node.get("properties", {}):
                children.append(node["properties"][part])
        nodes = children
    return [b for n in nodes for b in _branches(n)]


def types_at(loc: tuple[int | str, ...]) -> frozenset[str]:
    """JSON types the value at ``loc`` may have ("string", "integer", "null" ...)."""
    types: set[str] = set()
    for node in node_at(loc):
        kind = node.get("type")
        types.update(kind if isinstance(kind, list) else [kind] if kind else [])
    return frozenset(types)


def takes_date(loc: tuple[int | str, ...]) -> bool:
    """Whether the key holds a date as text (the model also accepts YAML's date objects)."""
    return any(node.get("pattern") == DATE_PATTERN for node in node_at(loc))


def keys_at(loc: tuple[int | str, ...]) -> list[str]:
    """The keys a mapping at ``loc`` may hold, in schema order."""
    return [key for node in node_at(loc) for key in node.get("properties", {})]


# --- messages ------------------------------------------------------------------------------


def yaml11_trap(text: str, value: Any) -> str | None:
    """The message for an unquoted ``text`` that YAML 1.1 (MkDocs, GitHub) reads as ``value``."""
    fix = f'write "{text}" in quotes'
    if isinstance(value, bool):
        return f"YAML 1.1 (MkDocs, GitHub) reads unquoted {text} as {str(value).lower()}; {fix}"
    if isinstance(value, int | float):
        base60 = " (base 60)" if ":" in text else ""
        return (
            f"YAML 1.1 (MkDocs, GitHub) reads unquoted {text} as the number {value}{base60}; {fix}"
        )
    if isinstance(value, dt.date):
        return f"YAML 1.1 (MkDocs, GitHub) reads unquoted {text} as a date; {fix}"
    if value is None:
        return f"YAML 1.1 (MkDocs, GitHub) reads unquoted {text} as an empty value; {fix}"
    return None


def not_text(raw: str | None, value: Any) -> str:
    """Where text is expected and YAML made something else of what the editor typed."""
    shown = raw if raw else str(value)
    if value is None:
        return "expected text, got an empty value"
    if isinstance(value, list):
        return "expected text, got a list"
    if isinstance(value, dict):
        return "expected text, got a mapping of keys"
    if isinstance(value, bool):
        kind = "a boolean"
    elif isinstance(value, dt.date):
        kind = "a date"
    else:
        kind = "a number"
    return f'YAML reads unquoted {shown} as {kind}; write "{shown}" in quotes'


def describe(error: ErrorDetails, raw: str | None) -> str:
    """An editor's message for one pydantic error; ``raw`` is the value as typed, if known."""
    kind, got, loc = error["type"], error.get("input"), tuple(error["loc"])
    if kind == "string_pattern_mismatch":
        pattern = str((error.get("ctx") or {}).get("pattern", ""))
        hint = LOCK_HINT if loc[:1] == ("locked",) else PATTERN_HINTS.get(pattern, error["msg"])
        if isinstance(got, str) and ascii_digits(got) != got:
            return f"{hint} in ASCII digits (0-9), got {got!r}; write {ascii_digits(got)!r}"
        return f"{hint}, got {got!r}"
    if kind == "string_type":
        return not_text(raw, got)
    if kind == "missing":
        return "required key is missing"
    if kind == "extra_forbidden":
        allowed = keys_at(loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        if close:
            return f"unknown key; did you mean '{close[0]}'?"
        return "unknown key; allowed here: " + ", ".join(allowed) if allowed else "unknown key"
    if kind == "invalid_key":
        return f"keys must be text, got {got!r}"
    if kind == "string_too_short":
        return "must not be empty"
    message = error["msg"].removeprefix("Value error, ")
    if not isinstance(got, dict | list) and kind != "missing":
        message += f", got {got!r}"
    return message


def main(argv: list[str] | None = None) -> int:
    """``python -m generator.schema [ROOT]``: write the schema file into ROOT (default: here)."""
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path(".")
    changed = write(root)
    print(f"{root / SCHEMA_FILE}: {'written' if changed else 'up to date'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
