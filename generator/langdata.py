"""Language data files in ``generator/data/``: loaded once per process, never edited by code."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load(name: str) -> Any:
    """Parse ``generator/data/<name>`` (YAML) with the safe loader."""
    text = resources.files("generator").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def mapping(name: str) -> dict[str, Any]:
    """``generator/data/<name>.yml`` as a mapping; a file of another shape is a packaging bug."""
    loaded = load(f"{name}.yml")
    if not isinstance(loaded, dict):
        raise ValueError(f"generator/data/{name}.yml must be a mapping")
    return loaded
