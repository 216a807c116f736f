"""Quality gate: ingestion on the development corpus stays at or above its pinned floors."""

from __future__ import annotations

import json

import pytest

from . import eval_scripts

script = eval_scripts.load("ingest")
CORPUS = script.corpus_dir()


def test_floors_are_pinned_for_every_figure() -> None:
    floors = json.loads(script.FLOORS.read_text(encoding="utf-8"))
    assert set(floors) == set(script.DIRECTION)


def test_ingestion_meets_floors() -> None:
    eval_scripts.require_corpus(CORPUS)
    report = script.evaluate(CORPUS)
    assert set(report.figures) == set(script.DIRECTION)
    floors = json.loads(script.FLOORS.read_text(encoding="utf-8"))
    assert script.check(report.figures, floors) == []


def test_gold_annotations_point_at_real_lines() -> None:
    eval_scripts.require_corpus(CORPUS)
    gold = json.loads(script.GOLD.read_text("utf-8"))["lines"]
    for name, lines in gold.items():
        text = (CORPUS / name).read_text("utf-8").splitlines()
        assert all(text[int(n) - 1].strip() for n in lines), name


@pytest.mark.parametrize(
    ("figures", "problems"),
    [
        ({"outlet_recall": 0.3, "outlet_wrong": 0}, []),
        (
            {"outlet_recall": 0.2, "outlet_wrong": 0},
            ["outlet_recall = 0.2 is past its floor 0.25 (ingest.json)"],
        ),
        (
            {"outlet_recall": 0.3, "outlet_wrong": 1},
            ["outlet_wrong = 1 is past its ceiling 0 (ingest.json)"],
        ),
        ({"outlet_wrong": 0}, ["outlet_recall was not measured (ingest.json)"]),
    ],
)
def test_check(figures: dict[str, float], problems: list[str]) -> None:
    floors = {"outlet_recall": 0.25, "outlet_wrong": 0}
    assert script.check(figures, floors) == problems


@pytest.mark.parametrize(
    ("recall", "wrong", "allow_lower", "expected"),
    [
        pytest.param(0.3, 0, False, {"outlet_recall": 0.3, "outlet_wrong": 0}, id="raise"),
        pytest.param(
            0.2, 2, False, {"outlet_recall": 0.25, "outlet_wrong": 0}, id="lowering-refused"
        ),
        pytest.param(
            0.2, 2, True, {"outlet_recall": 0.2, "outlet_wrong": 2}, id="lowering-with-the-flag"
        ),
    ],
)
def test_update_never_lowers_without_the_flag(
    recall: float, wrong: int, allow_lower: bool, expected: dict[str, float]
) -> None:
    floors = {"outlet_recall": 0.25, "outlet_wrong": 0}
    figures = {name: 1.0 if up else 0 for name, up in script.DIRECTION.items()}
    figures |= {"outlet_recall": recall, "outlet_wrong": wrong}
    new = script.updated(figures, floors, allow_lower)
    assert {k: new[k] for k in expected} == expected
