"""Quality gate: the entities stage on annotated news (eval/gold/entities_news.yml)."""

from __future__ import annotations

import json

import yaml

from . import eval_scripts

script = eval_scripts.load("entities_news")
gate = eval_scripts.load("gate")
FLOORS = json.loads(script.FLOORS.read_text(encoding="utf-8"))


def test_floors_are_pinned_for_every_figure() -> None:
    assert set(FLOORS) == set(script.DIRECTION)


def test_gold_entities_are_well_formed() -> None:
    gold = yaml.safe_load(script.GOLD.read_text(encoding="utf-8"))["articles"]
    assert len(gold) >= 40
    assert {a["split"] for a in gold.values()} == set(script.SPLITS)
    for where, article in gold.items():
        for entity in article["entities"]:
            assert entity["type"] in ("person", "organisation", "place"), where
            assert entity["ar"] and entity["en"], where
            assert entity["en_confidence"] in ("high", "medium", "low"), where


def test_every_gold_form_stands_in_its_article() -> None:
    eval_scripts.require_corpus(script.CORPUS / "articles-snn")
    gold = yaml.safe_load(script.GOLD.read_text(encoding="utf-8"))["articles"]
    for where, article in gold.items():
        text = " ".join((script.CORPUS / where).read_text("utf-8").split())
        for entity in article["entities"]:
            for form in entity["ar"]:
                # A form that starts with ال may stand in the text as لل (للأمم المتحدة).
                assert form in text or "ل" + form[1:] in text, f"{where}: {form}"


def test_entities_on_news_meet_their_floors() -> None:
    eval_scripts.require_corpus(script.CORPUS / "articles-snn")
    result = script.evaluate()
    assert result is not None
    figures, _ = result
    assert gate.past_floors(figures, FLOORS, script.DIRECTION, script.FLOORS) == []
