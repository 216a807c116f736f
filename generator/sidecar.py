"""Optional ``<name>.meta.yml`` beside an article: what an editor states about it wins."""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import InputError

SIDECAR_KEYS = ("url", "outlet", "title", "date")


def read_sidecar(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise InputError(path, f"sidecar is not valid UTF-8 YAML: {exc}",
                         line + 1 if line is not None else None) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(path, "sidecar must be a mapping of keys (url, outlet, title, date)")
    unknown = sorted(set(map(str, data)) - set(SIDECAR_KEYS))
    if unknown:
        raise InputError(path, f"unknown sidecar key(s): {', '.join(unknown)}; "
                         f"allowed: {', '.join(SIDECAR_KEYS)}")
    # Dates typed without quotes arrive as date objects: keep the text form.
    return {str(k): str(v).strip() for k, v in data.items() if v is not None and str(v).strip()}
