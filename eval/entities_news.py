"""Score the entities stage on news it was never tuned on: every name, with its English name.

    python eval/entities_news.py               # report (dev and held-out apart)
    python eval/entities_news.py --verbose     # ... with every miss, wrong span and wrong name
    python eval/entities_news.py --check       # exit 1 if a figure is past its floor/ceiling
    python eval/entities_news.py --update-floors [--allow-lower]

Gold: ``gold/entities_news.yml``: 48 articles of ``../shared/corpus/articles-snn`` and
``articles-bbc`` where a reader annotated every person, organisation and place, each with the
exact surface forms of its name (titles and roles left out, nasab chains kept), its type, its
conventional English name and accepted variants. A third of the articles are ``held-out``:
reported apart, never to be tuned on.

The stage runs on the article's non-empty lines (``generator.entities.analyse``), as
``eval/entities_quotes.py`` does, so that the scores measure this stage alone.

* A found entity *matches* a gold entity when one of its mentions' text is one of the gold
  forms: same words after folding (``norm_phrase``), a leading clitic (و ف ب ك ل) aside, and
  "لل" read as "ال" (the preposition fused with the article: للأمم المتحدة).
* ``person_recall``: gold people matched by a found person; ``recall``: gold entities of any
  type matched.
* ``span_precision``: found entities that match a gold entity; ``person_span_precision``: the
  same for found people.
* ``garbage_names``, and their share of the found entities ``garbage_share``: found entities
  none of whose mentions even overlaps a gold name (a verb, a role, a common noun taken for a
  name).
* ``type_accuracy``: matched entities of the gold's type; ``english_accuracy``: found entities
  (the issue's measure: what is published) that match a gold entity and carry its English
  name or a variant (case, hyphens and "al-"/"Al " aside).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))
from gate import add_gate_options, enforce_options  # noqa: E402

from generator.entities import analyse, to_records  # noqa: E402
from generator.entities.gazetteer import base  # noqa: E402
from generator.entities.normalise import norm_phrase  # noqa: E402

GOLD = HERE / "gold" / "entities_news.yml"
FLOORS = HERE / "floors" / "entities_news.json"
CORPUS = REPO.parent / "shared" / "corpus"
SPLITS = ("dev", "held-out")
FIGURES = {
    "articles": True,
    "person_recall": True,
    "person_span_precision": True,
    "recall": True,
    "span_precision": True,
    "garbage_names": False,
    "garbage_share": False,
    "type_accuracy": True,
    "english_accuracy": True,
}
DIRECTION = {f"{split}.{name}": up for split in SPLITS for name, up in FIGURES.items()}
_CLITICS = "وفبكل"


def keys(text: str) -> set[tuple[str, ...]]:
    """The folded word sequences a name's text may stand for: as written, without one or two
    leading clitics (وب...), and with "لل" read as "ال" (للأمم المتحدة)."""
    words = tuple(norm_phrase(text))
    if not words:
        return set()
    found = {words}
    first, rest = words[0], words[1:]
    if first.startswith("لل") and len(first) > 3:
        found.add(("ال" + first[2:], *rest))
    stripped = first
    for _ in range(2):
        # A word of the article ("الأمم") is the name itself: no clitic is left to strip.
        if stripped.startswith("ال") or stripped[0] not in _CLITICS or len(stripped) <= 3:
            break
        stripped = stripped[1:]
        found.add((stripped, *rest))
    return found


def english_key(name: str) -> str:
    name = name.lower().replace("-", " ").replace("’", "'")
    name = re.sub(r"\b(al|el|the)\s+", "", name)
    return " ".join(name.split())


@dataclass
class Tally:
    articles: int = 0
    gold: Counter[str] = field(default_factory=Counter)
    recalled: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    exact: Counter[str] = field(default_factory=Counter)
    garbage: int = 0
    typed: int = 0
    english: int = 0
    matched: int = 0
    notes: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        def share(a: float, b: float) -> float:
            return round(a / b, 4) if b else 0.0

        found_all, gold_all = sum(self.found.values()), sum(self.gold.values())
        return {
            "articles": self.articles,
            "person_recall": share(self.recalled["person"], self.gold["person"]),
            "person_span_precision": share(self.exact["person"], self.found["person"]),
            "recall": share(sum(self.recalled.values()), gold_all),
            "span_precision": share(sum(self.exact.values()), found_all),
            "garbage_names": self.garbage,
            "garbage_share": share(self.garbage, found_all),
            "type_accuracy": share(self.typed, self.matched),
            "english_accuracy": share(self.english, found_all),
        }


def score_article(where: str, text: str, entities: list[dict], tally: Tally) -> None:
    analysis = analyse(text, base())
    records = {r.id: r for r in to_records(analysis)}
    spans: dict[str, list[tuple[int, int]]] = {}
    for mention in analysis.mentions:
        spans.setdefault(mention.entity, []).append((mention.start, mention.end))
    gold_keys = [set().union(*(keys(form) for form in e["ar"])) for e in entities]
    # Where gold names stand in the text, to tell a wrong span from a name that is no name.
    gold_words = {word for forms in gold_keys for key in forms for word in key}
    tally.articles += 1
    tally.gold.update(e["type"] for e in entities)
    recalled: set[int] = set()
    for entity_id, record in records.items():
        tally.found[record.type] += 1
        texts = [text[start:end] for start, end in spans.get(entity_id, [])] + [record.ar]
        found_keys = set().union(*(keys(t) for t in texts))
        match = next((i for i, g in enumerate(gold_keys) if g & found_keys), None)
        if match is None:
            if not any(word in gold_words for key in found_keys for word in key):
                tally.garbage += 1
                tally.notes.append(f"{where}: not a name: {record.ar} ({record.type})")
            else:
                tally.notes.append(f"{where}: wrong span: {record.ar} ({record.type})")
            continue
        gold = entities[match]
        tally.exact[record.type] += 1
        tally.matched += 1
        if record.type == gold["type"]:
            tally.typed += 1
            recalled.add(match)
        else:
            tally.notes.append(f"{where}: type {record.type} for {gold['type']}: {record.ar}")
        accepted = {english_key(n) for n in [gold["en"], *gold.get("variants", [])]}
        if english_key(record.en) in accepted:
            tally.english += 1
        else:
            tally.notes.append(
                f"{where}: English {record.en!r} ({record.en_source}) for {gold['en']!r}"
            )
    for i, gold in enumerate(entities):
        if i in recalled:
            tally.recalled[gold["type"]] += 1
        else:
            tally.notes.append(f"{where}: missed {gold['type']}: {gold['ar'][0]} ({gold['en']})")


def evaluate(corpus: Path = CORPUS) -> tuple[dict[str, float], dict[str, Tally]] | None:
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["articles"]
    tallies = {split: Tally() for split in SPLITS}
    for where, article in gold.items():
        path = corpus / where
        if not path.is_file():
            return None
        lines = [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
        score_article(where, "\n\n".join(lines), article["entities"], tallies[article["split"]])
    figures = {
        f"{split}.{name}": value
        for split, tally in tallies.items()
        for name, value in tally.figures().items()
    }
    return figures, tallies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    add_gate_options(parser)
    args = parser.parse_args(argv)
    result = evaluate()
    if result is None:
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    figures, tallies = result
    for split, tally in tallies.items():
        print(f"{split} ({tally.articles} articles; development scores for dev, held-out apart)")
        for name, value in tally.figures().items():
            print(f"  {name:24} {value}")
        if args.verbose:
            for note in tally.notes:
                print(f"    {note}")
    return enforce_options(figures, DIRECTION, FLOORS, args)


if __name__ == "__main__":
    raise SystemExit(main())
