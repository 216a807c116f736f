"""Score entity detection and quote attribution on hand-checked gold; gate on pinned floors.

    python eval/entities_quotes.py                 # print the scores, fail if below a floor
    python eval/entities_quotes.py --update-floors # raise floors to the current scores
    python eval/entities_quotes.py --update-floors --allow-lower  # also lower them (say why)

Gold: ``eval/gold/entities.yml`` and ``eval/gold/quotes.yml`` (formats in their headers). Keys
``articles/...`` are repository files; ``corpus:<file>`` are files of
``../shared/corpus/articles-dev`` (next to the repository), scored only when it is present.

Paragraphs are the article's non-empty lines, not the cleaner's output: the scores measure
this stage alone and stay comparable while cleaning changes. Precision is what the floors guard
first: a wrong entity or speaker is published, a missed one is not.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "articles-dev"
GOLD = REPO / "eval" / "gold"
FLOORS = REPO / "eval" / "floors" / "entities_quotes.json"

sys.path.insert(0, str(REPO))

from generator.entities import analyse, to_records  # noqa: E402
from generator.entities.gazetteer import base  # noqa: E402
from generator.entities.normalise import norm_phrase  # noqa: E402
from generator.model import Speaker  # noqa: E402
from generator.quotes import extract  # noqa: E402


def resolve(key: str) -> Path | None:
    if key.startswith("corpus:"):
        path = CORPUS / key.removeprefix("corpus:")
        return path if path.is_file() else None
    return REPO / key


def paragraphs(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _folded(text: str) -> str:
    return " ".join(norm_phrase(text))


def speaker_key(speaker: Speaker) -> str | None:
    if speaker.kind == "document":
        return f"document:{speaker.entity}" if speaker.entity else "document"
    if speaker.entity:
        return speaker.entity
    if speaker.ar:
        return "anonymous" if speaker.kind != "person" or not speaker.en else f"name:{speaker.ar}"
    return None


def _speaker_matches(predicted: Speaker, gold: str) -> bool:
    key = speaker_key(predicted)
    if gold.startswith("name:"):
        # A cue-found person: the gold name's last word must be in the predicted name.
        last = norm_phrase(gold.removeprefix("name:"))[-1]
        return predicted.ar is not None and last in norm_phrase(predicted.ar)
    if gold == "document":
        return key is not None and key.startswith("document")
    if gold == "anonymous":
        return key == "anonymous" or (
            predicted.kind == "person" and predicted.entity is None and predicted.ar is not None
        )
    return key == gold


def score_entities(part: str) -> dict[str, float] | None:
    gold = yaml.safe_load((GOLD / "entities.yml").read_text(encoding="utf-8"))["articles"]
    tp = fp = fn = 0
    scored = 0
    for key, expected in gold.items():
        if (key.startswith("corpus:")) != (part == "corpus"):
            continue
        path = resolve(key)
        if path is None:
            return None
        scored += 1
        ids = set(expected.get("ids", []))
        names = {_folded(n) for n in expected.get("names", [])}
        records = to_records(analyse("\n\n".join(paragraphs(path)), base()))
        found_ids, found_names = set(), set()
        for r in records:
            if r.id in ids:
                found_ids.add(r.id)
            elif _folded(r.ar) in names:
                found_names.add(_folded(r.ar))
            else:
                fp += 1
                print(f"  entity not in gold: {key}: {r.id} ({r.ar})")
        tp += len(found_ids) + len(found_names)
        fn += len(ids - found_ids) + len(names - found_names)
    if not scored:
        return None
    return {"entity_precision": tp / max(1, tp + fp), "entity_recall": tp / max(1, tp + fn)}


def score_quotes(part: str) -> dict[str, float] | None:
    gold = yaml.safe_load((GOLD / "quotes.yml").read_text(encoding="utf-8"))["articles"]
    correct = wrong = attributable = matched = 0
    scored = 0
    for key, entries in gold.items():
        if (key.startswith("corpus:")) != (part == "corpus"):
            continue
        path = resolve(key)
        if path is None:
            return None
        scored += 1
        expected = [(_folded(start), speaker) for start, speaker in entries]
        attributable += sum(1 for _, s in expected if s)
        hit: set[int] = set()
        for found in extract(paragraphs(path), base()):
            quote = found.quote
            if speaker_key(quote.speaker) is None:
                continue  # unattributed: not published, neither right nor wrong
            text = _folded(quote.ar)
            index = next((n for n, (start, _) in enumerate(expected) if text.startswith(start)), -1)
            gold_speaker = expected[index][1] if index >= 0 else "missing"
            if gold_speaker not in (None, "missing") and _speaker_matches(
                quote.speaker, gold_speaker
            ):
                correct += 1
                hit.add(index)
            else:
                wrong += 1
                print(
                    f"  wrong speaker: {key}: {quote.ar[:40]!r} -> {speaker_key(quote.speaker)}"
                    f" (gold: {gold_speaker})"
                )
        matched += len(hit)
    if not scored:
        return None
    return {
        "quote_precision": correct / max(1, correct + wrong),
        "quote_recall": matched / max(1, attributable),
    }


def evaluate() -> dict[str, dict[str, float] | None]:
    results: dict[str, dict[str, float] | None] = {}
    for part in ("samples", "corpus"):
        entities, quotes = score_entities(part), score_quotes(part)
        results[part] = None if entities is None or quotes is None else {**entities, **quotes}
    return results


def below_floors(results: dict[str, Any], floors: dict[str, Any]) -> list[str]:
    problems = []
    for part, metrics in floors.items():
        if results.get(part) is None:
            continue
        for name, floor in metrics.items():
            value = results[part][name]
            if value + 1e-9 < floor:
                problems.append(f"{part}.{name} = {value:.3f} is below its floor {floor:.3f}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update-floors", action="store_true", help="raise floors to the scores")
    parser.add_argument("--allow-lower", action="store_true", help="let --update-floors lower them")
    args = parser.parse_args(argv)
    results = evaluate()
    floors = json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.is_file() else {}
    for part, metrics in results.items():
        if metrics is None:
            print(f"{part}: skipped (corpus not found at {CORPUS})")
            continue
        print(part + ": " + ", ".join(f"{k} {v:.3f}" for k, v in metrics.items()))
    if args.update_floors:
        for part, metrics in results.items():
            if metrics is None:
                continue
            old = floors.setdefault(part, {})
            for name, value in metrics.items():
                new = round(value - 0.0005, 3)  # rounded down so that the same run passes
                if args.allow_lower or new > old.get(name, 0):
                    old[name] = new
        FLOORS.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return 0
    problems = below_floors(results, floors)
    for problem in problems:
        print("FAIL:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
