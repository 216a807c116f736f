"""Import rules of the generator package, read from its source with ``ast``.

Every import counts: at the top of a module, under ``if TYPE_CHECKING:`` and inside functions,
relative ones resolved. A name imported from a package counts as an import of the submodule of
that name when there is one (``from . import swap``).

* No import cycle between modules.
* The site build (``generator/site/``) imports no command module and no analysis stage: what
  it shows of the whole collection comes from ``generator/collection/``.
* The collection wing imports neither the site build nor a command module.
* No production module is over 400 lines.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from generator.pipeline import STAGES

from .conftest import REPO

PACKAGE = REPO / "generator"
MAX_LINES = 400
# The commands: the site build and the collection wing are libraries they call, never the other
# way round.
COMMANDS = ("generator.generate", "generator.review", "generator.cli")
# Modules over MAX_LINES while they are being split elsewhere. Each entry names a module and
# the issue splitting it; the list is empty once they are all under the limit.
KNOWN_LONG: frozenset[str] = frozenset()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imported(node: ast.Import | ast.ImportFrom, name: str, path: Path) -> Iterator[str]:
    """The modules one import statement of module ``name`` names."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    if node.level:
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        base = package[: len(package) - (node.level - 1)]
        target = ".".join([*base, *([node.module] if node.module else [])])
    else:
        target = node.module or ""
    for alias in node.names:
        submodule = f"{target}.{alias.name}"
        yield submodule if submodule in modules() else target


@cache
def imports() -> dict[str, frozenset[str]]:
    """Each module of the package -> the modules of the package it imports."""
    found = {}
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        targets: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                targets.update(_imported(node, name, path))
        found[name] = frozenset(_owner(t) for t in targets if _owner(t) and _owner(t) != name)
    return found


def _owner(target: str) -> str:
    """The module of the package that ``target`` (a module or a name in one) is, or ""."""
    while target and target not in modules():
        target = target.rpartition(".")[0]
    return target


def _cycles(graph: dict[str, frozenset[str]]) -> list[list[str]]:
    """One cycle, as a path, of each strongly connected group of modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_path_in(group, graph) for group in groups]


def _path_in(group: set[str], graph: dict[str, frozenset[str]]) -> list[str]:
    """A cycle through the first module of ``group``, by a breadth-first walk inside it."""
    start = min(group)
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for other in sorted(graph[node] & group):
                if other == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if other not in previous:
                    previous[other] = node
                    following.append(other)
        frontier = following
    raise AssertionError(f"no cycle in {sorted(group)}")


def _under(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def stage_modules() -> set[str]:
    """The analysis stages of phase one (pipeline.STAGES), each as its top module or package."""
    return {".".join(stage.__module__.split(".")[:2]) for _, stage in STAGES}


def test_the_graph_is_read() -> None:
    """The rules below are checked against real edges (a resolver that found nothing would
    pass them all)."""
    graph = imports()
    assert "generator.site.plugin" in graph
    assert "generator.collection.briefings" in graph["generator.site.plugin"]
    assert "generator.site.swap" in graph["generator.site.build"]  # from . import swap
    assert "generator.cli" in graph["generator.__main__"]
    assert "generator.translate.google" in graph["generator.translate.registry"]  # in a function
    assert stage_modules() >= {"generator.ingest", "generator.dates", "generator.gist"}


def test_cycles_are_found() -> None:
    graph = {"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"}), "d": frozenset()}
    assert _cycles(graph) == [["a", "b", "c", "a"]]


def test_no_import_cycle() -> None:
    cycles = _cycles(imports())
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def _breaking(package: str, forbidden: list[str]) -> list[str]:
    return sorted(
        f"{name} imports {target}"
        for name, targets in imports().items()
        if _under(name, package)
        for target in targets
        if any(_under(target, rule) for rule in forbidden)
    )


def test_site_imports_no_command_and_no_stage() -> None:
    forbidden = [*COMMANDS, "generator.pipeline", *sorted(stage_modules())]
    assert _breaking("generator.site", forbidden) == []


def test_collection_imports_neither_the_site_nor_a_command() -> None:
    assert _breaking("generator.collection", ["generator.site", *COMMANDS]) == []


def test_a_broken_rule_is_reported() -> None:
    """The rule tests can fail: the site does import the collection, and __main__ the CLI."""
    assert "generator.site.plugin imports generator.collection.briefings" in _breaking(
        "generator.site", ["generator.collection"]
    )
    assert _breaking("generator.__main__", ["generator.cli"]) == [
        "generator.__main__ imports generator.cli"
    ]


def test_no_module_over_the_line_limit() -> None:
    lengths = {
        name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in modules().items()
    }
    long = sorted(f"{name}: {n} lines" for name, n in lengths.items() if n > MAX_LINES)
    assert [entry for entry in long if entry.split(":")[0] not in KNOWN_LONG] == [], long
    still_long = {entry.split(":")[0] for entry in long}
    assert still_long >= KNOWN_LONG, f"now under {MAX_LINES} lines: {KNOWN_LONG - still_long}"
