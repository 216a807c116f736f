"""Front-matter values read with libyaml (PyYAML's C parser), when it reads what ruamel.yaml would.

The round-trip reader (generator.frontmatter, ruamel.yaml in pure Python) keeps comments and
line numbers for editors and their error messages, at some 20 ms a page: minutes for a few
thousand briefings. Where only the values are needed (the site; deciding which pages a run must
rewrite) pages are read with libyaml, which leaves to the round-trip reader every page where the
two readers could disagree: YAML 1.1 (libyaml) and 1.2 (ruamel) type some plain scalars
differently ("yes", "010", "12:30"), so a page with such a scalar, a duplicate key, an anchor,
a tag, a tab or a YAML 1.1 line break (U+0085, U+2028, U+2029) goes the slow way. The generator
writes none of these.

So does a page the round-trip reader must refuse or report on: nesting that could go deep
(libyaml's time grows with the square of the depth, and its C stack overflows past some
100,000 levels; generator.yamlguard stops the round-trip reader at the first level too deep),
an escape that can make a control character ("\x02", "\u0000"), and a value libyaml cannot
build (an unquoted 2020-02-30).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml
from ruamel.yaml.nodes import ScalarNode as RuamelScalar
from ruamel.yaml.resolver import VersionedResolver

from ..yamlguard import MAX_DIGITS, MAX_FRONT_MATTER_CHARS


class _Unclear(Exception):
    """A header the fast reader leaves to the round-trip reader."""


_STR = "tag:yaml.org,2002:str"
_YAML11 = yaml.resolver.Resolver()  # what CSafeLoader resolves with
_YAML12 = VersionedResolver(version=(1, 2))
# Plain scalars both readers turn into the same value (not only the same type). An unquoted
# date goes the slow way: its value is a date object, which generator.cache keeps as text, and
# a page read once as text and once as a date is two different pages to the merge.
_SAME_VALUE = {
    # Longer integers are refused by generator.yamlguard (MAX_DIGITS).
    "tag:yaml.org,2002:int": re.compile(rf"-?(0|[1-9][0-9]{{0,{MAX_DIGITS - 1}}})"),
    "tag:yaml.org,2002:bool": re.compile(r"true|True|TRUE|false|False|FALSE"),
    "tag:yaml.org,2002:null": re.compile(r"|~|null|Null|NULL"),
}
# The first characters of the plain scalars either reader may type as other than text ("1",
# "true", "~" ...): a plain scalar starting otherwise is text to both, with no more checks.
_TYPED_STARTS = frozenset(
    key
    for key in (*yaml.resolver.Resolver.yaml_implicit_resolvers, *_YAML12.versioned_resolver)
    if key
)
# A tag, anchor or alias ("!", "&", "*") can only open a node: at the start of a line's content
# (after its indentation and "- " or "? "), after ": ", or after a flow indicator. Inside text
# ("لا عزاء للأغبياء !!") they are plain characters, which both readers read alike.
_NODE_START = r"(?:^ *(?:[-?] +)*|: +|[\[{,] *)"
# Nesting stays shallow when no flow collection ("[", "{") opens inside another, indentation
# stays under 40 spaces and a line opens at most three "- " or "? " items.
_MAY_NEST_DEEP = r"[\[{][^\]}]*[\[{]|^ {40}|^(?: *[-?] +){4}"
# Double-quoted escapes that make control characters (a tab or a newline excepted).
_CONTROL_ESCAPE = r"\\[0abvfreNxuU]"
_UNCLEAR_TEXT = re.compile(
    rf"[\t\x85\u2028\u2029\ufeff]|<<|^%|{_NODE_START}[!&*]|{_MAY_NEST_DEEP}|{_CONTROL_ESCAPE}",
    re.M,
)


# Pages repeat the same plain scalars (ids, dates, numbers) thousands of times.
@lru_cache(maxsize=65536)
def _plain_scalar_tag(value: str) -> str:
    """The tag of a plain (unquoted) scalar that both readers type alike; _Unclear otherwise."""
    tag: str = _YAML11.resolve(yaml.ScalarNode, value, (True, False))
    same = _YAML12.resolve(RuamelScalar, value, (True, False)) == tag
    pattern = _SAME_VALUE.get(tag)  # None for a float, read alike only when typed alike
    if not same or (tag != _STR and (pattern is None or not pattern.fullmatch(value))):
        raise _Unclear(value)
    return tag


class _FastLoader(yaml.CSafeLoader):
    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0]:  # a plain (unquoted) scalar
            if value and value[0] not in _TYPED_STARTS:
                return _STR
            return _plain_scalar_tag(value)
        return super().resolve(kind, value, implicit)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        keys = [key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode)]
        if len(keys) != len(node.value) or len(set(keys)) != len(keys):
            raise _Unclear("duplicate or complex key")
        return super().construct_mapping(node, deep=deep)


def load_mapping(header: str) -> dict[str, Any] | None:
    """The values of a front-matter header, or None when the round-trip reader must read it."""
    if len(header) > MAX_FRONT_MATTER_CHARS or _UNCLEAR_TEXT.search(header):
        return None
    try:
        values = yaml.load(header, Loader=_FastLoader)  # noqa: S506 (a safe loader)
    except (_Unclear, yaml.YAMLError, ValueError):  # ValueError: a value libyaml cannot build
        return None
    return values if isinstance(values, dict) else None
