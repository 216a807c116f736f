"""Build the two language sites in parallel and swap the result into ``site/`` in one step.

Each language is its own MkDocs build of the same ``docs/`` (its own search index, its own
``lang``/``dir``), so the two builds are independent and run on both cores. Both are built
into a temporary folder next to ``site/``; only when both succeed is the old site replaced,
so a failed or interrupted build never leaves a half-written site behind.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .i18n import LANGUAGES

CONFIG_FILES = {"ar": "mkdocs.yml", "en": "mkdocs.en.yml"}


@dataclass(slots=True)
class LanguageBuild:
    language: str
    ok: bool
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings and errors so the parent process can print them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


def build_language(root: str, language: str, site_dir: str) -> LanguageBuild:
    """One MkDocs build (strict). Runs in a worker process; returns a picklable result."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner is not our warning
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        config = load_config(
            str(Path(root) / CONFIG_FILES[language]), site_dir=site_dir, strict=True
        )
        build(config)
    except MkDocsException as exc:
        return LanguageBuild(language, False, str(exc) or type(exc).__name__, handler.messages)
    finally:
        logger.removeHandler(handler)
    return LanguageBuild(language, True, None, handler.messages)


def build_site(
    root: Path, site_dir: Path | None = None, *, parallel: bool = True
) -> list[LanguageBuild]:
    """Build every language; replace ``site_dir`` only if all builds succeed."""
    root = root.resolve()
    site_dir = (site_dir or root / "site").resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    try:
        jobs = [(str(root), lang, str(staging / lang)) for lang in CONFIG_FILES]
        if parallel:
            with ProcessPoolExecutor(max_workers=len(jobs)) as pool:
                results = list(pool.map(build_language, *zip(*jobs, strict=True)))
        else:
            results = [build_language(*job) for job in jobs]
        if all(r.ok for r in results):
            _assemble(staging, site_dir)
        return results
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _assemble(staging: Path, site_dir: Path) -> None:
    """Default language at the root, the others under their path, then swap into place."""
    default = next(code for code, lang in LANGUAGES.items() if not lang.path)
    tree = staging / default
    for code, lang in LANGUAGES.items():
        if lang.path:
            os.replace(staging / code, tree / lang.path)
    old = staging / "previous"
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(tree, site_dir)
