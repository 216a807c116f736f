"""Quality gate: the gist on annotated articles stays at or above its pinned floors."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from . import eval_scripts

script = eval_scripts.load("gist")
FLOORS = json.loads(script.FLOORS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The samples part alone, as on a fresh clone without ../shared."""
    return script.evaluate(corpus=tmp_path_factory.mktemp("no-corpus"))


@pytest.fixture(scope="module")
def everything() -> dict[str, Any]:
    eval_scripts.require_corpus(script.CORPUS)
    return script.evaluate()


def test_floors_are_pinned_for_every_figure() -> None:
    assert set(FLOORS) == set(script.DIRECTION)


def test_without_the_corpus_only_the_samples_are_scored(samples: dict[str, Any]) -> None:
    assert set(samples["figures"]) == {k for k in script.DIRECTION if k.startswith("samples_")}


def test_samples_meet_their_floors(samples: dict[str, Any]) -> None:
    assert script.check(samples["figures"], FLOORS) == []


def test_sample_gold_sentences_are_found(samples: dict[str, Any]) -> None:
    assert samples["unresolved"] == []


def test_corpus_meets_its_floors(everything: dict[str, Any]) -> None:
    assert set(everything["figures"]) == set(script.DIRECTION)
    assert script.check(everything["figures"], FLOORS) == []
    assert everything["unresolved"] == []


def test_defect_ceilings_are_pinned_low() -> None:
    # A repeated sentence or a piece of page furniture in a gist is a defect readers see.
    for name, higher_is_better in script.DIRECTION.items():
        if not higher_is_better:
            assert FLOORS[name] <= 0.05, name


def test_gold_is_well_formed() -> None:
    gold = yaml.safe_load(script.GOLD.read_text(encoding="utf-8"))["articles"]
    samples = [k for k in gold if not k.startswith("corpus:")]
    assert len(samples) == 5 and len(gold) - len(samples) >= 15
    for key, entry in gold.items():
        assert 3 <= len(entry["gist"]) <= 5, key
        assert not set(entry["gist"]) & set(entry.get("avoid") or []), key


@pytest.mark.parametrize(
    ("a", "b", "f1"),
    [
        ("نفى الوزير وجود خطط.", "نفى الوزير وجود خطط.", 1.0),
        ("نفى الوزير وجود خطط", "أكد القائد زيادة الرحلات", 0.0),
        ("أكّد الوزير الخطط", "اكد الوزير الخطة", 2 / 3),  # folded: shadda and hamza do not count
    ],
)
def test_unigram_f1(a: str, b: str, f1: float) -> None:
    assert script.unigram_f1(a, b) == pytest.approx(f1)


@pytest.mark.parametrize(
    ("figures", "problems"),
    [
        pytest.param({"samples_recall": 0.7, "samples_duplicate_rate": 0.0}, [], id="pass"),
        pytest.param(
            {"samples_recall": 0.5, "samples_duplicate_rate": 0.0},
            ["samples_recall = 0.5 is past its floor 0.6 (gist.json)"],
            id="floor",
        ),
        pytest.param(
            {"samples_recall": 0.7, "samples_duplicate_rate": 0.1},
            ["samples_duplicate_rate = 0.1 is past its ceiling 0.0 (gist.json)"],
            id="ceiling",
        ),
        pytest.param(
            {"samples_duplicate_rate": 0.0},
            ["samples_recall was not measured (gist.json)"],
            id="missing-figure",
        ),
        pytest.param(
            {"samples_recall": 0.7, "samples_duplicate_rate": 0.0, "corpus_duplicate_rate": 0.0},
            ["corpus_recall was not measured (gist.json)"],
            id="missing-corpus-figure",
        ),
    ],
)
def test_check(figures: dict[str, float], problems: list[str]) -> None:
    # corpus_recall is pinned, but a run without the corpus measures no corpus figure at all.
    floors = {"samples_recall": 0.6, "samples_duplicate_rate": 0.0, "corpus_recall": 0.9}
    assert script.check(figures, floors) == problems


@pytest.mark.parametrize(
    ("recall", "duplicates", "allow_lower", "expected"),
    [
        pytest.param(0.7, 0.0, False, {"samples_recall": 0.7, "samples_duplicate_rate": 0.0},
                     id="raise"),
        pytest.param(0.5, 0.2, False, {"samples_recall": 0.6, "samples_duplicate_rate": 0.0},
                     id="lowering-refused"),
        pytest.param(0.5, 0.2, True, {"samples_recall": 0.5, "samples_duplicate_rate": 0.2},
                     id="lowering-with-the-flag"),
    ],
)  # fmt: skip
def test_update_never_lowers_without_the_flag(
    recall: float, duplicates: float, allow_lower: bool, expected: dict[str, float]
) -> None:
    floors = {"samples_recall": 0.6, "samples_duplicate_rate": 0.0, "corpus_recall": 0.9}
    figures = {k: 1.0 if up else 0.0 for k, up in script.DIRECTION.items() if "samples_" in k}
    figures |= {"samples_recall": recall, "samples_duplicate_rate": duplicates}
    new = script.updated(figures, floors, allow_lower)
    assert {k: new[k] for k in expected} == expected
    assert new["corpus_recall"] == 0.9  # not measured: left as pinned
