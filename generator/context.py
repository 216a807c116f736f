"""What every stage may consult: project paths, options and language data loaded once."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .config import ProjectConfig, load_config
from .deadline import MAX_STAGE_SECONDS

MAX_INPUT_BYTES = 2 * 1024 * 1024


def reference_day() -> dt.date:
    """ "Today" for date inference: SOURCE_DATE_EPOCH when set, so reruns are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


@dataclass(slots=True)
class Context:
    root: Path
    articles_dir: Path
    docs_dir: Path
    max_input_bytes: int = MAX_INPUT_BYTES
    # Time cap per analysis stage and article (generator/deadline.py); None: no cap.
    max_stage_seconds: float | None = MAX_STAGE_SECONDS
    # The latest day a date without a year may fall on (weekday inference looks back from it).
    today: dt.date = field(default_factory=reference_day)
    config: ProjectConfig = field(default_factory=ProjectConfig)

    @classmethod
    def for_project(cls, root: Path) -> Context:
        root = root.resolve()
        return cls(
            root=root,
            articles_dir=root / "articles",
            docs_dir=root / "docs",
            config=load_config(root),
        )

    @property
    def briefings_dir(self) -> Path:
        return self.docs_dir / "briefings"

    def relative(self, path: Path) -> str:
        """A project-relative POSIX path, as recorded in front matter."""
        # Resolving a path checks each of its parts: for thousands of articles in one folder,
        # the folder is resolved once (a file that is itself a link is resolved as before).
        if path.is_absolute() and not path.is_symlink():
            resolved = _resolved_folder(path.parent) / path.name
        else:
            resolved = path.resolve()
        try:
            return resolved.relative_to(self.root).as_posix()
        except ValueError:
            return resolved.as_posix()


@lru_cache(maxsize=64)
def _resolved_folder(folder: Path) -> Path:
    return folder.resolve()
