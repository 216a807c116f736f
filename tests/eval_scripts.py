"""The evaluation scripts of ``eval/``, loaded for the quality-gate tests."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

EVAL = Path(__file__).resolve().parent.parent / "eval"


def load(name: str) -> ModuleType:
    """``eval/<name>.py`` as a module: eval/ is a folder of scripts, not a package."""
    spec = importlib.util.spec_from_file_location(f"eval_{name}", EVAL / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


# CI sets this when ../shared/corpus exists: there a missing corpus fails the gates instead of
# skipping them, so a moved or renamed corpus cannot switch the quality gates off unnoticed.
REQUIRE_CORPUS_ENV = "BRIEFINGS_REQUIRE_CORPUS"


def require_corpus(folder: Path) -> None:
    """Skip the calling test when the development corpus is absent, or fail when it is required."""
    if (folder / "meta.jsonl").is_file():
        return
    message = f"development corpus not found at {folder} (../shared/corpus beside the repository)"
    if os.environ.get(REQUIRE_CORPUS_ENV) == "1":
        pytest.fail(f"{message}, and {REQUIRE_CORPUS_ENV}=1 requires it")
    pytest.skip(message)
