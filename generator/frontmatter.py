"""Read, validate and write briefing pages: YAML front matter between ``---`` lines, then the body.

YAML is only ever produced by a YAML library (ruamel.yaml, round-trip mode so editors' comments,
key order and quoting survive) and only ever read with a safe loader. Every problem an editor
can make (bad YAML, a tab, a duplicate key, a YAML 1.1 trap, a value the schema refuses) is
reported with the file, the line, the key and a hint, all at once. What YAML can say beyond
plain data (anchors and aliases, tags, merge keys, deep nesting) is refused before the values
are built, and values YAML cannot build (an unquoted 2020-02-30) are reported: generator.yamlguard.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml as pyyaml
from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from . import schema, yamlguard
from .errors import BriefingError, FrontMatterError, Problem
from .fsutil import write_text_atomic
from .model import Briefing
from .speed.fastyaml import load_mapping

FENCE = "---"
# Pages live in docs/briefings/, the schema in schema/ at the project root. The yaml-language-
# server (VS Code, GitHub Codespaces ...) resolves this path relative to the page.
SCHEMA_REF = f"../../{schema.SCHEMA_FILE.as_posix()}"
SCHEMA_LINE = f"# yaml-language-server: $schema={SCHEMA_REF}"
_SCHEMA_LINE_START = "# yaml-language-server:"
HEADER_LINE = 2  # the front matter's first line in the file (line 1 is the opening ---)


def _yaml(*, duplicates: bool = False) -> YAML:
    y = YAML(typ="rt")
    y.Constructor = yamlguard.GuardedRoundTripConstructor
    y.representer.ignore_aliases = lambda data: True  # never write what the reader refuses
    y.width = 4096  # never fold long Arabic sentences: editors diff these files line by line
    y.indent(mapping=2, sequence=4, offset=2)
    y.allow_unicode = True
    y.preserve_quotes = True  # an editor's 'quoted' value stays quoted
    y.allow_duplicate_keys = duplicates
    y.representer.add_representer(str, _represent_str)
    return y


_PYYAML_RESOLVER = pyyaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_LINE_BREAK = re.compile("[\n\r\x85\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _yaml11_tag(value: str) -> str:
    """The type YAML 1.1 (PyYAML: MkDocs, GitHub) gives an unquoted scalar."""
    return str(_PYYAML_RESOLVER.resolve(pyyaml.ScalarNode, value, (True, False)))


def _represent_str(representer: Any, value: str) -> Any:
    # MkDocs, GitHub and most editors read front matter as YAML 1.1, where plain `no`, `on`,
    # `2020-01-07` or `12:30` are not strings. Quote every string a 1.1 reader would retype.
    # Any line break (YAML 1.1 also breaks at NEL, U+2028, U+2029) only survives escaped, as
    # the double-quoted style writes it; in other styles the reader folds it into a space.
    if surrogate := _SURROGATE.search(value):
        # Not text (a broken JSON escape from an engine): UTF-8 cannot hold it, PyYAML refuses it.
        raise BriefingError(
            f"not Unicode text: a lone surrogate U+{ord(surrogate[0]):04X} in {value[:40]!r}; "
            "the page is not written"
        )
    style = '"' if _yaml11_tag(value) != _STR_TAG or _LINE_BREAK.search(value) else None
    return representer.represent_scalar(_STR_TAG, value, style=style)


@dataclass(slots=True)
class Page:
    """A briefing page as found on disk."""

    path: Path
    data: CommentedMap
    body: str
    body_line: int  # 1-based line where the body starts
    header: str = ""  # the front matter as typed (for messages quoting a value)
    problems: list[Problem] = field(default_factory=list)  # found while reading (duplicate keys)


def dotted(loc: tuple[Any, ...]) -> str:
    return ".".join(yamlguard.shown(str(part)) for part in loc) or "(front matter)"


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


# ruamel's wording of the usual hand-editing mistakes, and what to do about them.
_SYNTAX_HINTS = (
    (
        "mapping values are not allowed",
        "a ': ' inside an unquoted value (or a wrong indent); put the value in quotes",
    ),
    ("could not find expected ':'", "a line without 'key: value' (or a quote left open)"),
    ("while scanning a quoted scalar", "a quoted value is not closed"),
    ("sequence entries are not allowed", "a '- ' list item where a value was expected"),
)


def _tab_problems(path: Path, header: str) -> list[Problem]:
    """Every line where a tab stands outside quotes: YAML refuses tabs there."""
    problems = []
    for number, line in enumerate(header.splitlines(), start=HEADER_LINE):
        at = line.find("\t")
        if at < 0 or line[:at].count('"') % 2 or line[:at].count("'") % 2:
            continue
        where = "in the indentation" if not line[:at].strip() else "in an unquoted value"
        problems.append(
            Problem(path, "(yaml)", f"tab character {where}; YAML allows only spaces there", number)
        )
    return problems


def _syntax_problem(path: Path, header: str, exc: MarkedYAMLError) -> list[Problem]:
    text = f"{exc.problem or ''} {exc.context or ''}"
    if "'\\t'" in text:
        return _tab_problems(path, header) or [Problem(path, "(yaml)", "tab character", None)]
    line = exc.problem_mark.line + HEADER_LINE if exc.problem_mark else None
    hint = next((hint for words, hint in _SYNTAX_HINTS if words in text), None)
    message = f"invalid YAML: {hint}" if hint else f"invalid YAML: {exc.problem or exc}"
    return [Problem(path, "(yaml)", message, line)]


def _duplicate_keys(path: Path, header: str) -> list[Problem]:
    """Every key that appears twice in one mapping (ruamel stops at the first one)."""
    problems: list[Problem] = []

    def walk(node: Node | None, loc: tuple[Any, ...]) -> None:
        if isinstance(node, MappingNode):
            first: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, ScalarNode) else None
                line = key_node.start_mark.line + HEADER_LINE
                if key in first:
                    message = f"duplicate key (first on line {first[key]}); delete one of the two"
                    problems.append(Problem(path, dotted((*loc, key)), message, line))
                elif key is not None:
                    first[key] = line
                walk(value_node, (*loc, key))
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*loc, index))

    walk(_yaml().compose(header), ())
    return problems


def _refusals(path: Path, header: str) -> list[Problem]:
    """What the page says beyond plain data (generator.yamlguard), before anything is built."""
    if too_big := yamlguard.size_problem(header):
        return [Problem(path, "(front matter)", too_big, HEADER_LINE)]
    found = yamlguard.scan(_yaml().parse(header), "in front matter")
    return [Problem(path, dotted(r.loc), r.message, r.line + HEADER_LINE) for r in found]


def read_values(path: Path, data: bytes) -> tuple[dict[str, Any], str] | None:
    """A page's front-matter values and body, read fast (generator.speed.fastyaml); None when
    only the round-trip reader can read it (or say what is wrong with it)."""
    try:
        text = data.decode("utf-8")
        if not text.startswith(FENCE):
            return None
        header, body, _ = split(path, text)
    except (UnicodeDecodeError, FrontMatterError):
        return None
    values = load_mapping(header)
    return None if values is None else (values, body.lstrip("\n"))


def read_page(path: Path) -> Page:
    """Parse a page's front matter (round-trip) and body. Raises FrontMatterError when the
    front matter cannot be read at all; duplicate keys are kept as ``Page.problems``."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FrontMatterError([Problem(path, "(file)", f"not UTF-8 text ({exc.reason})")]) from exc
    header, body, body_line = split(path, text)
    problems: list[Problem] = []
    try:
        if refused := _refusals(path, header):
            raise FrontMatterError(refused)
        try:
            data = _yaml().load(header)
        except DuplicateKeyError as exc:
            line = exc.problem_mark.line + HEADER_LINE if exc.problem_mark else None
            problems = _duplicate_keys(path, header) or [
                Problem(path, "(yaml)", f"duplicate key: {exc.problem}", line)
            ]
            data = _yaml(duplicates=True).load(header)
    except MarkedYAMLError as exc:
        raise FrontMatterError(_syntax_problem(path, header, exc)) from None
    except (ReaderError, ValueError) as exc:  # ValueError: ruamel's reading of "\U00110000"
        line, message = yamlguard.unreadable(header, exc, HEADER_LINE)
        raise FrontMatterError([Problem(path, "(yaml)", message, line)]) from None
    if not isinstance(data, CommentedMap):
        raise FrontMatterError(
            [Problem(path, "(front matter)", "expected a mapping of keys", HEADER_LINE)]
        )
    return Page(path, data, body.lstrip("\n"), body_line, header, problems)


# --- validation ------------------------------------------------------------------------------


def _child(node: Any, part: Any) -> tuple[bool, Any]:
    """One step down a front-matter tree; a list is indexed by position or by an item's id."""
    if isinstance(node, dict):
        return (part in node, node.get(part)) if _hashable(part) else (False, None)
    if isinstance(node, list):
        if isinstance(part, int):
            return (True, node[part]) if 0 <= part < len(node) else (False, None)
        for item in node:
            if isinstance(item, dict) and item.get("id") == part:
                return True, item
    return False, None


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def line_of(data: Any, loc: tuple[Any, ...]) -> int | None:
    """The 1-based file line of the deepest key of ``loc`` that the page has (ruamel counts
    lines from the YAML text, which starts on line HEADER_LINE of the page)."""
    node, line = data, None
    for part in loc:
        found, child = _child(node, part)
        if not found:
            break
        if isinstance(node, CommentedMap):
            line = node.lc.key(part)[0]
        elif isinstance(node, CommentedSeq):
            at = part if isinstance(part, int) else [id(x) for x in node].index(id(child))
            line = node.lc.item(at)[0]
        node = child
    return None if line is None else line + HEADER_LINE


def _raw(page: Page, loc: tuple[Any, ...]) -> str | None:
    """The value at ``loc`` as the editor typed it (YAML may have made a number of '2020')."""
    parent: Any = page.data
    for part in loc[:-1]:
        found, parent = _child(parent, part)
        if not found:
            return None
    if not loc or not _child(parent, loc[-1])[0]:
        return None
    if isinstance(parent, CommentedMap):
        line, column = parent.lc.value(loc[-1])
    elif isinstance(parent, CommentedSeq):
        line, column = parent.lc.item(loc[-1])
    else:
        return None
    lines = page.header.splitlines()
    if not 0 <= line < len(lines):
        return None
    stop = r"[,\]}]|\s#" if parent.fa.flow_style() else r"\s#"
    return re.split(stop, lines[line][column:], maxsplit=1)[0].strip() or None


def _traps(page: Page) -> list[Problem]:
    """Values YAML could not build, text no page can show (generator.yamlguard), and unquoted
    text a YAML 1.1 reader (MkDocs, GitHub) would take for a boolean, a number ..."""
    problems = []

    def walk(node: Any, loc: tuple[Any, ...]) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*loc, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, (*loc, index))
        elif message := yamlguard.value_problem(node):
            problems.append(Problem(page.path, dotted(loc), message, line_of(page.data, loc)))
        elif type(node) is str and _yaml11_tag(node) != _STR_TAG:  # exactly str: unquoted
            types = schema.types_at(loc)
            if "string" not in types or schema.takes_date(loc):
                return
            try:
                value = pyyaml.safe_load(node)
            except (pyyaml.YAMLError, ValueError):  # ValueError: a number or a date past reading
                return
            message = schema.yaml11_trap(node, value)
            if message and _json_type(value) not in types:
                problems.append(Problem(page.path, dotted(loc), message, line_of(page.data, loc)))

    walk(page.data, ())
    return problems


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return "null" if value is None else "string"


def validate(page: Page) -> Briefing:
    """Validate a page's front matter; every problem is reported at once, in line order."""
    problems = [*page.problems, *_traps(page)]
    flagged = {problem.key for problem in problems}
    briefing = None
    try:
        briefing = Briefing.model_validate(dict(page.data))
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            if dotted(loc) in flagged:
                continue  # already explained by a YAML trap
            message = schema.describe(error, _raw(page, loc))
            problems.append(Problem(page.path, dotted(loc), message, line_of(page.data, loc)))
    if problems or briefing is None:
        raise FrontMatterError(sorted(problems, key=lambda p: p.line or 0))
    return briefing


def load_briefing(path: Path) -> tuple[Briefing, Page]:
    page = read_page(path)
    return validate(page), page


# --- writing ---------------------------------------------------------------------------------


def load_yaml(text: str) -> Any:
    """Parse YAML as pages are read (round-trip, plain data only). Raises MarkedYAMLError."""
    try:
        if refused := yamlguard.scan(_yaml().parse(text), "here"):
            raise MarkedYAMLError(problem=f"line {refused[0].line + 1}: {refused[0].message}")
        return _yaml().load(text)
    except (ReaderError, ValueError) as exc:
        raise MarkedYAMLError(problem=str(exc)) from None


def dump_yaml(data: Any) -> str:
    """YAML text the way pages are written: no folding, strings YAML 1.1 would retype quoted."""
    stream = io.StringIO()
    _yaml().dump(data, stream)
    return stream.getvalue()


def dump_front_matter(data: CommentedMap | dict[str, Any]) -> str:
    """The YAML text, first line the schema reference (kept up to date, never duplicated)."""
    lines = dump_yaml(data).splitlines(keepends=True)
    leading = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    kept = [line for line in lines[:leading] if not line.startswith(_SCHEMA_LINE_START)]
    return "".join([SCHEMA_LINE + "\n", *kept, *lines[leading:]])


def render_page(data: CommentedMap | dict[str, Any], body: str) -> str:
    body = body.strip("\n")
    return f"{FENCE}\n{dump_front_matter(data)}{FENCE}\n\n{body}\n"


def briefing_to_data(briefing: Briefing) -> dict[str, Any]:
    """The front-matter mapping of a briefing: schema key order, absent values left out.

    ``locked`` is the editors' key: it appears only once an editor writes it.
    """
    data = briefing.model_dump(mode="json", by_alias=True, exclude_none=True)
    if not data.get("locked"):
        data.pop("locked", None)
    return data


def write_page(path: Path, data: CommentedMap | dict[str, Any], body: str) -> bool:
    """Write a page atomically; returns False (and writes nothing) when the bytes are unchanged."""
    return write_text_atomic(path, render_page(data, body))
