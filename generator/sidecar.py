"""Optional ``<name>.meta.yml`` beside an article: what an editor states about it wins.

    url: https://www.rudaw.net/arabic/...
    outlet: rudaw            # an id or a name from generator/data/outlets.yml
    title: الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق
    date: 2020-01-07

Every value is one line of text. Errors name the sidecar file, the key and what to write.
"""

from __future__ import annotations

import datetime as dt
import errno
import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .dates.publication import parse_declared
from .errors import InputError
from .model import ascii_digits
from .regular import NotRegularFile, exists, read_regular
from .textnorm import normalise_line

SIDECAR_KEYS = ("url", "outlet", "title", "date")
# Characters RFC 3986 never allows in a URL (Arabic letters are fine: browsers encode them).
_NOT_IN_URL = re.compile(r'[\s"<>\\^`{|}]')


def _value(path: Path, key: str, value: object) -> str:
    if isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, int | float) and not isinstance(value, bool):
        text = str(value)
    elif isinstance(value, str):
        # Same hygiene as article text: a U+202E here would reverse the headline on the page.
        text = normalise_line(value.replace("\n", " "))
    else:
        kind = type(value).__name__
        raise InputError(
            path, f"sidecar {path.name}: '{key}' must be one line of text, not a {kind}"
        )
    if key == "url":
        if not text.lower().startswith(("http://", "https://")):
            raise InputError(
                path, f"sidecar {path.name}: 'url' must start with http:// or https://"
            )
        if not urlsplit(text).hostname or _NOT_IN_URL.search(text):
            raise InputError(
                path,
                f"sidecar {path.name}: 'url' is not a web address (it needs a host and no "
                "spaces, quotes or angle brackets)",
            )
    if key == "date":
        # Typed by an editor, maybe on an Arabic keyboard (٢٠٢٠-٠١-٠٧): dates are ASCII digits.
        text = ascii_digits(text)
    if key == "date" and parse_declared(text) is None:
        # Stated by an editor, so never dropped silently in favour of a guess from the text.
        raise InputError(
            path, f"sidecar {path.name}: 'date' must be YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}"
        )
    return text


def read_sidecar(path: Path) -> dict[str, str]:
    """The sidecar's values (empty when there is no sidecar). Raises InputError."""
    try:
        if not exists(path):
            return {}
    except OSError as exc:
        # An article name near the file system's limit (255 bytes) has no room for the
        # ".meta.yml" suffix: no such sidecar can exist.
        if exc.errno == errno.ENAMETOOLONG:
            return {}
        raise InputError(path, f"sidecar {path.name} cannot be read ({exc.strerror})") from exc
    try:
        data = yaml.safe_load(read_regular(path).decode("utf-8-sig"))
    except NotRegularFile as exc:
        # Sidecar values are published like the article: a link would publish its target.
        raise InputError(
            path,
            f"sidecar {path.name} is {exc.kind}, not a regular file; only regular files inside "
            "articles/ are read",
        ) from None
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
