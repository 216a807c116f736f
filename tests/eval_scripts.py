"""The evaluation scripts of ``eval/``, loaded for the quality-gate tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

EVAL = Path(__file__).resolve().parent.parent / "eval"


def load(name: str) -> ModuleType:
    """``eval/<name>.py`` as a module: eval/ is a folder of scripts, not a package."""
    spec = importlib.util.spec_from_file_location(f"eval_{name}", EVAL / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module
