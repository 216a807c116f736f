"""A small exception hierarchy: user mistakes become one clear message, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .terminal import printable


class BriefingError(Exception):
    """Base class for every error the command line reports as a message."""


class InputError(BriefingError):
    """An input file cannot be used (unreadable encoding, binary, too large, empty ...)."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"{where}: {message}")


class ConfigError(BriefingError):
    """The project configuration is wrong (a missing folder, a bad option)."""


class StageError(BriefingError):
    """An analysis stage failed on one article: names the stage and the article."""

    def __init__(self, stage: str, path: Path, cause: BaseException) -> None:
        self.stage = stage
        self.path = path
        self.cause = cause
        super().__init__(f"{path}: stage '{stage}' failed: {type(cause).__name__}: {cause}")


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in a page's front matter: where it is and how to fix it."""

    path: Path
    key: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        # Printed by `check` and in MkDocs' log: file names and values are shown escaped.
        shown = printable(shown_path(self.path))
        where = f"{shown}:{self.line}" if self.line else shown
        return f"{where}: {printable(self.key)}: {printable(self.message)}"


def shown_path(path: Path) -> str:
    """A path as compilers print it: relative to the working folder when inside it, so
    ``docs/briefings/x.md:12`` reads the same in ``briefings check`` and ``mkdocs build``."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


class FrontMatterError(BriefingError):
    """One or more pages have invalid front matter; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in briefing front matter:\n{lines}")
