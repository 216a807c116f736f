"""Quality gate: entity and quote scores must not fall below eval/floors/entities_quotes.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.entities import analyse, to_records
from generator.entities.gazetteer import base

from . import eval_scripts

REPO = Path(__file__).resolve().parent.parent
evaluation = eval_scripts.load("entities_quotes")

FLOORS = json.loads((REPO / "eval" / "floors" / "entities_quotes.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def results() -> dict:
    return evaluation.evaluate()


def test_samples_meet_their_floors(results: dict) -> None:
    assert evaluation.below_floors({"samples": results["samples"]}, FLOORS) == []


def test_corpus_meets_its_floors(results: dict) -> None:
    if results["corpus"] is None:
        eval_scripts.require_corpus(evaluation.CORPUS)
    assert evaluation.below_floors({"corpus": results["corpus"]}, FLOORS) == []


def test_precision_floors_are_pinned_high() -> None:
    # Precision matters more than recall: a wrong entity or speaker is a defect.
    for part in ("samples", "corpus"):
        assert FLOORS[part]["entity_precision"] >= 0.95
        assert FLOORS[part]["quote_precision"] >= 0.95


EXPECTED_ON_SAMPLES = {
    "Mark Esper",
    "Mark Milley",
    "William Seely",
    "Qassem Soleimani",
    "Donald Trump",
    "Joe Biden",
    "Mustafa al-Kadhimi",
    "Qasim al-Araji",
    "Mohammed Shia al-Sudani",
    "Sabrina Singh",
    "Ahmed al-Sharaa",
    "Bashar al-Assad",
    "Yahya Rasool",
    "the Pentagon",
    "the Iraqi parliament",
    "the international coalition against ISIS",
    "ISIS",
    "Kataib Hezbollah",
    "Hezbollah",
    "Iraq",
    "Syria",
    "Baghdad",
    "Erbil",
    "Kurdistan Region",
    "Ain al-Asad",
    "Anbar",
    "Kuwait",
    "Camp Buehring",
    "the Green Zone",
}


def test_sample_entities_include_the_issue_list() -> None:
    found = set()
    for path in sorted((REPO / "articles").glob("*.txt")):
        found |= {r.en for r in to_records(analyse(path.read_text(encoding="utf-8"), base()))}
    assert EXPECTED_ON_SAMPLES - found == set()
