"""Quality gates shared by the evaluation scripts: compare figures with pinned floors.

``direction`` says, per figure, whether higher is better (a floor) or lower is (a ceiling).
Raising a floor is easy (``raised``); lowering one needs ``allow_lower``, on purpose.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def past_floors(
    figures: dict[str, float], floors: dict[str, float], direction: dict[str, bool], source: Path
) -> list[str]:
    """Figures that fell below their floor (or rose above their ceiling), as messages."""
    problems = []
    for name, higher_is_better in direction.items():
        if name not in floors:
            continue
        if name not in figures:
            problems.append(f"{name} was not measured ({source.name})")
            continue
        value, pinned = figures[name], floors[name]
        if (value < pinned) if higher_is_better else (value > pinned):
            kind = "floor" if higher_is_better else "ceiling"
            problems.append(f"{name} = {value} is past its {kind} {pinned} ({source.name})")
    return problems


def raised(
    figures: dict[str, float],
    floors: dict[str, float],
    direction: dict[str, bool],
    allow_lower: bool,
) -> dict[str, float]:
    """New floors: only improvements unless ``allow_lower``."""
    out = dict(floors)
    for name, higher_is_better in direction.items():
        value = figures[name]
        if name not in floors or allow_lower:
            out[name] = value
        elif higher_is_better:
            out[name] = max(floors[name], value)
        else:
            out[name] = min(floors[name], value)
    return out


def enforce(
    figures: dict[str, float],
    direction: dict[str, bool],
    floors_path: Path,
    *,
    check: bool,
    update: bool,
    allow_lower: bool,
) -> int:
    """The end of every gated evaluation: raise floors if asked, then check them (exit code)."""
    floors = json.loads(floors_path.read_text("utf-8")) if floors_path.is_file() else {}
    if update:
        floors = raised(figures, floors, direction, allow_lower)
        floors_path.parent.mkdir(parents=True, exist_ok=True)
        floors_path.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n", "utf-8")
        print(f"floors written to {floors_path}")
    if check and (problems := past_floors(figures, floors, direction, floors_path)):
        print("\n".join(problems), file=sys.stderr)
        return 1
    return 0


def add_gate_options(parser: argparse.ArgumentParser) -> None:
    """The options every gated evaluation takes: --check, --update-floors, --allow-lower."""
    parser.add_argument("--check", action="store_true", help="fail when past a pinned floor")
    parser.add_argument("--update-floors", action="store_true", help="raise floors to the figures")
    parser.add_argument("--allow-lower", action="store_true", help="let --update-floors lower them")


def enforce_options(
    figures: dict[str, float],
    direction: dict[str, bool],
    floors_path: Path,
    args: argparse.Namespace,
) -> int:
    """``enforce`` as the options of ``add_gate_options`` ask."""
    return enforce(
        figures,
        direction,
        floors_path,
        check=args.check,
        update=args.update_floors,
        allow_lower=args.allow_lower,
    )
