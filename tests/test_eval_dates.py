"""Quality gate: the dates stage on the development corpus stays at or above its pinned floors."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "articles-dev"
FLOORS = REPO / "eval" / "floors" / "dates.json"


def _script():  # eval/ is a folder of scripts, not a package: load it by path
    spec = importlib.util.spec_from_file_location("eval_dates", REPO / "eval" / "dates.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def test_floors_are_pinned_for_every_figure() -> None:
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    assert set(floors) == set(_script().DIRECTION)


def test_update_never_lowers_without_the_flag() -> None:
    script = _script()
    floors = {"dated_rate": 0.5, "unmarked_future_rate": 0.01}
    figures = {name: 0.0 for name in script.DIRECTION} | {"unmarked_future_rate": 0.2}
    new = script.updated(figures, floors, allow_lower=False)
    assert new["dated_rate"] == 0.5 and new["unmarked_future_rate"] == 0.01
    assert script.updated(figures, floors, allow_lower=True)["dated_rate"] == 0.0


@pytest.mark.skipif(
    not (CORPUS / "meta.jsonl").is_file(),
    reason=f"development corpus not found at {CORPUS} (CI has it)",
)
def test_dates_meet_floors() -> None:
    script = _script()
    figures = script.evaluate(CORPUS).gated()
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    assert script.check(figures, floors) == []
