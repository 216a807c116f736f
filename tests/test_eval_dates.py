"""Quality gate: the dates stage on the development corpus stays at or above its pinned floors."""

from __future__ import annotations

import json
from pathlib import Path

from . import eval_scripts

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "articles-dev"
FLOORS = REPO / "eval" / "floors" / "dates.json"


evaluation = eval_scripts.load("dates")


def test_floors_are_pinned_for_every_figure() -> None:
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    assert set(floors) == set(evaluation.DIRECTION)


def test_update_never_lowers_without_the_flag() -> None:
    floors = {"dated_rate": 0.5, "unmarked_future_rate": 0.01}
    figures = {name: 0.0 for name in evaluation.DIRECTION} | {"unmarked_future_rate": 0.2}
    new = evaluation.updated(figures, floors, allow_lower=False)
    assert new["dated_rate"] == 0.5 and new["unmarked_future_rate"] == 0.01
    assert evaluation.updated(figures, floors, allow_lower=True)["dated_rate"] == 0.0


def test_dates_meet_floors() -> None:
    eval_scripts.require_corpus(CORPUS)
    figures = evaluation.evaluate(CORPUS).gated()
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    assert evaluation.check(figures, floors) == []
