"""Only generator/text defines Arabic character classes; every other module asks it.

The guard reads the source of every module of ``generator/`` outside ``generator/text/`` and
fails on what defines a class of Arabic or invisible characters of its own: a range with an
Arabic or invisible end ("\\u064b-\\u065f", "٠-٩"), a string listing several marks, digits or
controls ("٠١٢٣٤٥٦٧٨٩", "\\u200e\\u200f"), a hex code point in those blocks (0x0600), or a
comparison with such a character ("\\u0621" <= c). Arabic words in strings are fine.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from generator.text import chars

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_HEX = re.compile(r"0[xX]([0-9a-fA-F]+)")
_CLASS_NAMES = (
    "quranic_signs",
    "harakat",
    "other_marks",
    "superscript_alef",
    "quranic_annotation",
    "tatweel",
    "bidi_controls",
    "direction_marks",
    "arabic_letter_mark",
    "joiners",
    "zero_width_space",
    "byte_order_mark",
    "other_invisible",
)
# Characters whose classes belong to generator/text: the Arabic script blocks and the
# invisible controls. Marks, digits and controls may not be listed together elsewhere.
WATCHED = frozenset(chars.characters("arabic_script", *_CLASS_NAMES[6:]))
LISTED = frozenset(
    chars.characters(*_CLASS_NAMES)
    + "".join(chars.table("arabic_indic"))
    + "".join(chars.table("eastern_arabic_indic"))
)


def _value(node: ast.Constant) -> str:
    """A string constant as the regex engine reads it (\\u escapes of raw strings decoded)."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), str(node.value))


def _docstrings(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def definitions(source: str) -> list[str]:
    """What in ``source`` defines an Arabic or invisible character class, one line each."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            text = _value(node)
            for i in range(1, len(text) - 1):
                if text[i] == "-" and (text[i - 1] in WATCHED or text[i + 1] in WATCHED):
                    found.append(f"line {node.lineno}: range {text[i - 1 : i + 2]!r}")
            listed = sorted(set(text) & LISTED)
            if len(listed) >= 2:
                found.append(f"line {node.lineno}: characters {''.join(listed)!r}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, int):
            segment = ast.get_source_segment(source, node) or ""
            match = _HEX.fullmatch(segment)
            if match and chr(int(match.group(1), 16)) in WATCHED:
                found.append(f"line {node.lineno}: code point {segment}")
        elif isinstance(node, ast.Compare):
            for side in (node.left, *node.comparators):
                if (
                    isinstance(side, ast.Constant)
                    and isinstance(side.value, str)
                    and len(side.value) == 1
                    and side.value in WATCHED
                    and not all(isinstance(op, ast.Eq | ast.NotEq) for op in node.ops)
                ):
                    found.append(f"line {node.lineno}: comparison with {side.value!r}")
    return found


def production_modules() -> list[Path]:
    return sorted(
        p for p in GENERATOR.rglob("*.py") if "text" not in p.relative_to(GENERATOR).parts[:1]
    )


def test_no_module_outside_generator_text_defines_arabic_character_classes() -> None:
    offences = [
        f"{path.relative_to(GENERATOR.parent)}: {what}"
        for path in production_modules()
        for what in definitions(path.read_text(encoding="utf-8"))
    ]
    assert not offences, "use generator.text (data in generator/data/arabic.yml):\n" + "\n".join(
        offences
    )


@pytest.mark.parametrize(
    "source",
    [
        '_MARKS = re.compile("[\\u064b-\\u065f\\u0670]")',
        '_MARKS = re.compile(r"[\\u064b-\\u0652]")',  # raw string: the regex reads the escape
        '_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")',
        '_D = r"[0-9٠-٩]"',
        'CONTROLS = "\\u200e\\u200f"',
        "RANGES = ((0x0600, 0x06FF),)",
        'def letters(t):\n    return [c for c in t if "\\u0621" <= c <= "\\u064a"]',
        '_WORD = re.compile(r"[^\\u0621-\\u064A0-9]+")',
    ],
)
def test_the_guard_finds_a_class_defined_elsewhere(source: str) -> None:
    assert definitions(source)


@pytest.mark.parametrize(
    "source",
    [
        'GIVEN = {"عبد", "ابو"}',  # Arabic words
        'VERBS = ("قالت", "مضيفاً", "أكّد")',  # a word with a haraka or tanween
        'def f(t):\n    """Folds "غدًا" and "الأربعـاء" (docstring)."""\n    return t',
        'RLM = "\\u200f"',  # one control, named, is not a class
        'def is_alef(c):\n    return c == "ا"',
        'PAT = re.compile(r"[\\w\\-–]")',
    ],
)
def test_the_guard_leaves_words_alone(source: str) -> None:
    assert definitions(source) == []
