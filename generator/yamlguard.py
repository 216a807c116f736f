"""Limits on the YAML people type: plain data only, so that no file can make a reader hang or crash.

Front matter, ``names.yml``, ``briefings.yml``, the translation memory and sidecars are data:
text, numbers, lists and mappings. YAML can say more, and each extra is a way to hurt a reader:

* An alias (``*name``) repeats an anchored node (``&name``) without repeating its bytes: nine
  aliases of nine aliases, seven levels down, are 9**7 values from 450 bytes (a "billion
  laughs"), and every walk over the values (the trap check, validation) follows each one.
* Deep nesting costs both parsers time quadratic in the depth (10,000 ``[`` take libyaml 2 s),
  ruamel's recursive reader a RecursionError, and libyaml's C stack a crash (100,000 ``[``).
* Tags (``!!binary``, ``!!set``, ``!!omap``, ``!!python/...``) build types the schema has no use
  for; the merge key ``<<`` copies keys from elsewhere in the file.

The generator writes none of these, so :func:`scan` refuses them before anything is built. It
reads the event stream of the parser that will build the values (so it sees what that reader
sees) and stops at the first level past MAX_DEPTH, which keeps the parse linear. Values that
the YAML libraries cannot build (an unquoted 2020-02-30, an integer of 5,000 digits) raise
Python errors inside their constructors; the guarded constructors here turn them into messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.representer import RoundTripRepresenter

from .errors import ConfigError, Problem
from .text.chars import char_class

# The deepest a project file goes is four levels (quotes.0.speaker.en); nothing needs twenty.
MAX_DEPTH = 20
# The largest number any of these files holds has a handful of digits; Python refuses to read
# integers of more than 4,300 digits at all (a ValueError deep inside the YAML library).
MAX_DIGITS = 20
# Front matter is read by ruamel.yaml, in pure Python: some 10 s per 100,000 tokens on a busy
# machine. The generator's pages hold 5-20 KB; a page ten times as rich is still far below this.
MAX_FRONT_MATTER_CHARS = 256 * 1024
_YAML_TAG = "tag:yaml.org,2002:"
# C0 controls but tab and newline, DEL and C1 controls: no page, feed (XML 1.0 refuses most of
# them) or terminal shows them, and an escaped "\x02" is all it takes to type one.
_CONTROL = re.compile(f"[{char_class('control_characters')}]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL_OR_SURROGATE = re.compile(f"[{char_class('control_characters')}\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Refusal:
    """Something in a YAML text its readers refuse to build."""

    line: int  # 0-based line of the YAML text
    loc: tuple[str | int, ...]  # the key path where it stands
    message: str


@dataclass(slots=True)
class _Open:
    """A collection the scan is inside of."""

    loc: tuple[str | int, ...]
    mapping: bool
    key: str | int = "?"
    expect_key: bool = True
    items: int = 0

    def place(self, event: Any) -> tuple[tuple[str | int, ...], bool]:
        """The key path of the node ``event`` opens, and whether it is a mapping's key."""
        if not self.mapping:
            self.items += 1
            return (*self.loc, self.items - 1), False
        if self.expect_key:
            scalar = type(event).__name__ == "ScalarEvent"
            self.key, self.expect_key = (event.value if scalar else "?"), False
            return (*self.loc, self.key), True
        self.expect_key = True
        return (*self.loc, self.key), False


def shown_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag


def scan(events: Iterable[Any], where: str) -> list[Refusal]:
    """Anchors, aliases, tags, merge keys and nesting past MAX_DEPTH in a parser's events
    (PyYAML's or ruamel's: their event classes have the same names and fields), one refusal
    per line and kind. Raises the parser's own error for a text that is not YAML."""
    refusals: dict[tuple[int, str], Refusal] = {}
    opened: list[_Open] = []  # outermost first

    def refuse(line: int, loc: tuple[str | int, ...], message: str) -> None:
        refusals.setdefault((line, message), Refusal(line, loc, message))

    for event in _noting_lines(events):
        kind = type(event).__name__
        if kind in ("SequenceEndEvent", "MappingEndEvent"):
            opened.pop()
            continue
        if kind not in ("ScalarEvent", "AliasEvent", "SequenceStartEvent", "MappingStartEvent"):
            continue
        loc, is_key = opened[-1].place(event) if opened else ((), False)
        line = event.start_mark.line
        if kind == "AliasEvent" or event.anchor is not None:
            refuse(line, loc, f"anchors and aliases are not allowed {where}; write the value out")
        if kind != "AliasEvent" and event.tag is not None:
            refuse(
                line,
                loc,
                f"the tag {shown_tag(str(event.tag))} is not allowed {where}; write a plain "
                "value (in quotes if it is text)",
            )
        if is_key and kind == "ScalarEvent" and event.implicit[0] and event.value == "<<":
            refuse(line, loc, f"the merge key '<<' is not allowed {where}; write the keys out")
        if kind.endswith("StartEvent"):
            if len(opened) == MAX_DEPTH:
                refuse(line, loc, f"nested more than {MAX_DEPTH} levels deep")
                break  # what lies deeper costs the parser time and says nothing more
            opened.append(_Open(loc, kind == "MappingStartEvent"))
    return list(refusals.values())


class BadEscape(ValueError):
    """An escape that is no character ("\\U00110000"): ruamel raises a bare ValueError."""

    def __init__(self, line: int, cause: ValueError) -> None:
        super().__init__(f"an escape that is no character ({cause})")
        self.line = line  # 0-based: the line of the last event read before it


def _noting_lines(events: Iterable[Any]) -> Iterator[Any]:
    line = 0
    iterator = iter(events)
    while True:
        try:
            event = next(iterator)
        except StopIteration:
            return
        except ValueError as exc:
            raise BadEscape(line, exc) from None
        line = event.start_mark.line
        yield event


def text_problem(text: str) -> str | None:
    """What is wrong with a string a person typed, if anything: a control character (tab and
    newline aside) or a lone surrogate (an escape such as "\\ud800", which no file can hold)."""
    if found := _CONTROL.search(text):
        return (
            f"control character U+{ord(found[0]):04X}; delete it (pages and feeds cannot show it)"
        )
    if found := _SURROGATE.search(text):
        return f"not Unicode text: a lone surrogate U+{ord(found[0]):04X}; delete it"
    return None


def value_problem(value: object) -> str | None:
    """What is wrong with a value a YAML reader built, if anything."""
    if isinstance(value, Unreadable):
        return value.message
    return text_problem(value) if isinstance(value, str) else None


def shown(text: str) -> str:
    """Text as a message may print it: control characters and surrogates escaped."""
    return _CONTROL_OR_SURROGATE.sub(lambda found: f"\\u{ord(found[0]):04x}", text)


def unreadable(text: str, exc: Exception, first_line: int = 1) -> tuple[int | None, str]:
    """The line (if known; the text starts on ``first_line``) and the message for a YAML text
    its reader cannot read as text: a character YAML refuses as typed (a raw NUL; PyYAML's and
    ruamel's ReaderError), or an escape that is no character ("\\U00110000", from ruamel)."""
    position, character = getattr(exc, "position", None), getattr(exc, "character", None)
    if isinstance(position, int) and isinstance(character, int):
        line = text[:position].count("\n") + first_line
        return line, f"U+{character:04X} cannot be typed as is in YAML; delete it"
    stopped = getattr(exc, "line", None)  # a BadEscape's
    return None if stopped is None else stopped + first_line, f"invalid YAML: {exc}"


def size_problem(header: str) -> str | None:
    if len(header) > MAX_FRONT_MATTER_CHARS:
        return f"{len(header):,} characters; front matter holds at most {MAX_FRONT_MATTER_CHARS:,}"
    return None


def number_problem(text: str) -> str | None:
    digits = sum(char.isalnum() for char in text)  # hexadecimal digits too
    if digits > MAX_DIGITS:
        return f"a number of {digits} digits; at most {MAX_DIGITS} (write text in quotes)"
    return None


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A plain scalar YAML types (a date, a number) that cannot be one: what the round-trip
    reader builds in its place, for validation to report with the key and the line."""

    text: str
    message: str
    tag: str  # what YAML took it for: written back as typed, so the problem stays visible


def _represent_unreadable(representer: Any, value: Unreadable) -> Any:
    return representer.represent_scalar(value.tag, value.text)


RoundTripRepresenter.add_representer(Unreadable, _represent_unreadable)


class GuardedRoundTripConstructor(RoundTripConstructor):
    """ruamel's round-trip constructor, with an Unreadable value where it would raise."""

    def construct_yaml_int(self, node: Any) -> Any:
        problem = number_problem(node.value)
        if problem:
            return Unreadable(node.value, problem, str(node.tag))
        return super().construct_yaml_int(node)

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError as exc:
            return Unreadable(node.value, f"{node.value} is not a date ({exc})", str(node.tag))


GuardedRoundTripConstructor.add_constructor(
    _YAML_TAG + "int", GuardedRoundTripConstructor.construct_yaml_int
)
GuardedRoundTripConstructor.add_constructor(
    _YAML_TAG + "timestamp", GuardedRoundTripConstructor.construct_yaml_timestamp
)


# --- plain files, read with libyaml -------------------------------------------------------------


class GuardedLoader(yaml.CSafeLoader):
    """libyaml's safe loader that says where a value cannot be built instead of raising a
    Python error, and remembers the line of every mapping key."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        # (id(mapping), key) -> 0-based line of the key; (id(mapping), None) -> of the mapping
        self.key_lines: dict[tuple[int, Any], int] = {}

    def construct_yaml_int(self, node: Any) -> Any:
        if problem := number_problem(node.value):
            raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark)
        return super().construct_yaml_int(node)

    def construct_yaml_timestamp(self, node: Any) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            message = f"{node.value} is not a date ({exc})"
            raise yaml.constructor.ConstructorError(None, None, message, node.start_mark) from None

    def construct_yaml_map(self, node: Any) -> Any:
        data: dict[Any, Any] = {}
        yield data
        data.update(self.construct_mapping(node))
        self.key_lines[id(data), None] = node.start_mark.line
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                self.key_lines[id(data), key_node.value] = key_node.start_mark.line


for _tag, _method in (
    ("int", GuardedLoader.construct_yaml_int),
    ("timestamp", GuardedLoader.construct_yaml_timestamp),
    ("map", GuardedLoader.construct_yaml_map),
):
    GuardedLoader.add_constructor(_YAML_TAG + _tag, _method)


@dataclass(slots=True)
class PlainYaml:
    """The values of a plain YAML file, and where its keys stand."""

    path: Path
    data: Any
    key_lines: dict[tuple[int, Any], int] = field(default_factory=dict)

    def line(self, mapping: Any, key: Any) -> int | None:
        """The 1-based line of ``key`` in ``mapping`` (a mapping of this file), or of the
        mapping when it lacks the key."""
        found = self.key_lines.get((id(mapping), key), self.key_lines.get((id(mapping), None)))
        return None if found is None else found + 1

    def line_at(self, loc: tuple[Any, ...]) -> int | None:
        """The 1-based line of the deepest key of ``loc`` that the file has."""
        node, line = self.data, None
        for part in loc:
            if not isinstance(node, dict) or part not in node:
                break
            line, node = self.line(node, part), node[part]
        return line

    def problem(self, mapping: Any, key: Any, loc: str, message: str) -> ConfigError:
        """The error for a value of this file: 'file:line: key: message'."""
        return ConfigError(str(Problem(self.path, loc, message, self.line(mapping, key))))


def _yaml_problem(path: Path, text: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None)
    if isinstance(exc, yaml.reader.ReaderError):
        line, message = unreadable(text, exc)
        return Problem(path, "(yaml)", message, line)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return Problem(path, "(yaml)", f"invalid YAML: {problem}", mark.line + 1 if mark else None)


def load_plain(path: Path, text: str) -> PlainYaml:
    """A plain YAML file's values (None when empty). Raises ConfigError, one line per problem
    as 'file:line: key: message'."""
    try:
        refusals = scan(yaml.parse(text, Loader=yaml.CSafeLoader), f"in {path.name}")
        if not refusals:
            loader = GuardedLoader(text)
            try:
                return PlainYaml(path, loader.get_single_data(), loader.key_lines)
            finally:
                loader.dispose()
    except yaml.YAMLError as exc:
        raise ConfigError(str(_yaml_problem(path, text, exc))) from None
    problems = [Problem(path, _dotted(r.loc), r.message, r.line + 1) for r in refusals]
    raise ConfigError("\n".join(map(str, problems)))


def _dotted(loc: tuple[str | int, ...]) -> str:
    return ".".join(map(str, loc)) or "(yaml)"
