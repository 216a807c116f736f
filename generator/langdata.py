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
