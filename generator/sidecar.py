"""Optional ``<name>.meta.yml`` beside an article: what an editor states about it wins.

    url: https://www.rudaw.net/arabic/...
    outlet: rudaw            # an id or a name from generator/data/outlets.yml
    title: الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق
    date: 2020-01-07

Every value is one line of text. Errors name the sidecar file, the key and what to write.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from .errors import InputError

SIDECAR_KEYS = ("url", "outlet", "title", "date")


def _value(path: Path, key: str, value: object) -> str:
    if isinstance(value, dt.date | int | float) and not isinstance(value, bool):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if not isinstance(value, str):
        kind = type(value).__name__
        raise InputError(
            path, f"sidecar {path.name}: '{key}' must be one line of text, not a {kind}"
        )
    text = " ".join(value.split())
    if key == "url" and not text.lower().startswith(("http://", "https://")):
        raise InputError(path, f"sidecar {path.name}: 'url' must start with http:// or https://")
    return text


def read_sidecar(path: Path) -> dict[str, str]:
    """The sidecar's values (empty when there is no sidecar). Raises InputError."""
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(path, f"sidecar {path.name} is not UTF-8 ({exc.reason})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        where = f" (line {line})" if line else ""
        raise InputError(path, f"sidecar {path.name} is not valid YAML{where}: {problem}") from exc
    except OSError as exc:
        raise InputError(path, f"sidecar {path.name} cannot be read ({exc.strerror})") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(
            path, f"sidecar {path.name} must be a mapping of keys ({', '.join(SIDECAR_KEYS)})"
        )
    unknown = sorted(set(map(str, data)) - set(SIDECAR_KEYS))
    if unknown:
        raise InputError(
            path,
            f"sidecar {path.name}: unknown key(s) {', '.join(unknown)}; "
            f"allowed: {', '.join(SIDECAR_KEYS)}",
        )
    values = {str(k): _value(path, str(k), v) for k, v in data.items() if v is not None}
    return {k: v for k, v in values.items() if v}
