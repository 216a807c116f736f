"""Score the extractive gist on hand-picked gold sentences; gate it with pinned floors.

    python eval/gist.py                      # report
    python eval/gist.py --check              # exit 1 if a figure is past its floor
    python eval/gist.py --update-floors      # raise floors to today's figures (never lowers)
    python eval/gist.py --update-floors --allow-lower   # also lower them (say why in the commit)
    python eval/gist.py --verbose            # show each article's gist against the gold

Gold: ``eval/gold/gist.yml`` (format in its header): the five sample articles (always scored)
and corpus articles of ``../shared/corpus/articles-dev`` (scored when the corpus is present).
On the whole corpus, the gist is also compared with each article's publisher abstract
(``meta.jsonl``), and checked for repeats and boilerplate.

Figures, per part (``samples_*``, ``corpus_*``):

* precision / recall: gist sentences that are gold, gold sentences that are in the gist;
* rouge1: unigram F1 between the gist and the gold sentences, on folded words;
* duplicate_rate: gist sentences that repeat an earlier one (unigram F1 of at least 0.5 on
  folded words: a measure independent of the generator's own) or the headline (80% of the
  sentence's words are the headline's);
* boilerplate_rate: gist sentences that are annotated ``avoid`` or start with a "read more"
  marker of ``generator/data/noise.yml``;
* abstract_rouge1 (corpus): unigram recall of the publisher's abstract by the gist.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "articles-dev"
GOLD = REPO / "eval" / "gold" / "gist.yml"
FLOORS = REPO / "eval" / "floors" / "gist.json"
DUPLICATE_F1 = 0.5  # two gist sentences this alike (unigram F1) say the same thing
HEADLINE_REPEAT = 0.8  # a gist sentence whose words are this much the headline's repeats it

sys.path.insert(0, str(REPO / "eval"))  # the shared gate beside this script
sys.path.insert(0, str(REPO))
from gate import enforce, past_floors, raised  # noqa: E402

from generator.langdata import mapping  # noqa: E402
from generator.phrases import fold  # noqa: E402

# Figure name -> True when higher is better (a floor), False when lower is better (a ceiling).
_PER_PART = {
    "precision": True,
    "recall": True,
    "rouge1": True,
    "duplicate_rate": False,
    "boilerplate_rate": False,
}
DIRECTION = {
    f"{part}_{name}": up for part in ("samples", "corpus") for name, up in _PER_PART.items()
}
DIRECTION["corpus_abstract_rouge1"] = True


def tokens(text: str) -> list[str]:
    """Folded words, punctuation out: what ROUGE compares."""
    return [w for w in "".join(c if c.isalnum() else " " for c in fold(text)).split()]


def unigram_f1(a: str, b: str) -> float:
    ta, tb = Counter(tokens(a)), Counter(tokens(b))
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    p, r = common / sum(ta.values()), common / sum(tb.values())
    return 2 * p * r / (p + r)


def unigram_recall(reference: str, summary: str) -> float:
    ref, got = Counter(tokens(reference)), Counter(tokens(summary))
    return sum((ref & got).values()) / max(1, sum(ref.values()))


def starts(sentence: str, prefix: str) -> bool:
    return " ".join(tokens(sentence)).startswith(" ".join(tokens(prefix)))


@dataclass
class Part:
    """Counts for one part (samples or corpus)."""

    predicted: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0
    rouge: list[float] = field(default_factory=list)
    duplicates: int = 0
    boilerplate: int = 0
    abstract: list[float] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)  # gold prefixes matching no sentence

    def gold_figures(self) -> dict[str, float]:
        """Against the gold: what the gold articles' gists got right."""
        return {
            "precision": self.correct / max(1, self.predicted),
            "recall": self.found / max(1, self.gold),
            "rouge1": sum(self.rouge) / max(1, len(self.rouge)),
        }

    def rate_figures(self) -> dict[str, float]:
        """Defects, over every article scored."""
        out = {
            "duplicate_rate": self.duplicates / max(1, self.predicted),
            "boilerplate_rate": self.boilerplate / max(1, self.predicted),
        }
        if self.abstract:
            out["abstract_rouge1"] = sum(self.abstract) / len(self.abstract)
        return out


def named(part: str, values: dict[str, float]) -> dict[str, float]:
    return {f"{part}_{k}": round(v, 4) for k, v in values.items()}


def _analyse(path: Path) -> Any:
    from generator.context import Context
    from generator.pipeline import analyse

    return analyse(path, Context.for_project(REPO))


def _markers() -> tuple[str, ...]:
    return tuple(fold(m) for m in mapping("noise")["read_more_markers"])


def check_gist(article: Any, part: Part, avoid: list[str], verbose: bool, name: str) -> None:
    """Duplicate and boilerplate counts for one article's gist."""
    markers = _markers()
    headline = article.headline
    # The headline derived from the lead is the lead: repeating it is the point.
    said = headline.ar if headline is not None and headline.provenance != "derived" else ""
    earlier: list[str] = []
    for g in article.gist:
        part.predicted += 1
        repeats = unigram_recall(g.ar, said) >= HEADLINE_REPEAT  # nothing beyond the headline
        if repeats or any(unigram_f1(g.ar, other) >= DUPLICATE_F1 for other in earlier):
            part.duplicates += 1
            if verbose:
                print(f"  duplicate  {name}: {g.ar[:70]}")
        earlier.append(g.ar)
        if any(starts(g.ar, a) for a in avoid) or fold(g.ar).startswith(markers):
            part.boilerplate += 1
            if verbose:
                print(f"  boilerplate {name}: {g.ar[:70]}")


def score_gold(part: Part, key: str, path: Path, entry: dict[str, Any], verbose: bool) -> None:
    from generator.gist import candidates

    article = _analyse(path)
    if not hasattr(article, "gist"):
        part.unresolved.append(f"{key}: skipped by the pipeline ({article.reason})")
        return
    sentences = [c.text for c in candidates(article)]
    gold = [next((s for s in sentences if starts(s, p)), None) for p in entry["gist"]]
    part.unresolved += [f"{key}: {p}" for p, s in zip(entry["gist"], gold, strict=True) if not s]
    gold_texts = [s for s in gold if s]
    picked = [g.ar for g in article.gist]
    part.gold += len(gold_texts)
    part.found += sum(1 for s in gold_texts if s in picked)
    part.correct += sum(1 for s in picked if s in gold_texts)
    part.rouge.append(unigram_f1(" ".join(picked), " ".join(gold_texts)))
    check_gist(article, part, entry.get("avoid") or [], verbose, key)
    if verbose:
        print(f"{key}")
        for s in picked:
            print(f"  {'+' if s in gold_texts else '-'} {s[:90]}")
        for s in gold_texts:
            if s not in picked:
                print(f"  missed {s[:90]}")


def evaluate(corpus: Path = CORPUS, verbose: bool = False) -> dict[str, Any]:
    """Figures of every part that could be scored, and the gold prefixes that match nothing."""
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["articles"]
    samples, gold_corpus = Part(), Part()
    have_corpus = (corpus / "meta.jsonl").is_file()
    for key, entry in gold.items():
        if key.startswith("corpus:"):
            if have_corpus:
                path = corpus / key.removeprefix("corpus:")
                score_gold(gold_corpus, key, path, entry, verbose)
        else:
            score_gold(samples, key, REPO / key, entry, verbose)
    figures = named("samples", samples.gold_figures() | samples.rate_figures())
    unresolved = samples.unresolved + gold_corpus.unresolved
    if have_corpus:
        # Repeats, boilerplate and the abstract over every corpus article, not only the gold.
        whole = Part()
        avoid = {k.removeprefix("corpus:"): e.get("avoid") or [] for k, e in gold.items()}
        for line in (corpus / "meta.jsonl").read_text(encoding="utf-8").splitlines():
            meta = json.loads(line)
            article = _analyse(corpus / meta["file"])
            if not hasattr(article, "gist"):
                continue
            check_gist(article, whole, avoid.get(meta["file"], []), verbose, meta["file"])
            summary = " ".join(g.ar for g in article.gist)
            whole.abstract.append(unigram_recall(meta.get("abstract") or "", summary))
        figures |= named("corpus", gold_corpus.gold_figures() | whole.rate_figures())
    return {"figures": figures, "unresolved": unresolved}


def measured(figures: dict[str, float]) -> dict[str, bool]:
    """The gated names of every part that was scored (a missing corpus skips its part only)."""
    parts = {name.split("_", 1)[0] for name in figures}
    return {k: v for k, v in DIRECTION.items() if k.split("_", 1)[0] in parts}


def check(figures: dict[str, float], floors: dict[str, float]) -> list[str]:
    return past_floors(figures, floors, measured(figures), FLOORS)


def updated(
    figures: dict[str, float], floors: dict[str, float], allow_lower: bool
) -> dict[str, float]:
    return raised(figures, floors, measured(figures), allow_lower)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--check", action="store_true", help="fail when past a pinned floor")
    parser.add_argument("--update-floors", action="store_true", help="raise floors to the figures")
    parser.add_argument("--allow-lower", action="store_true", help="let --update-floors lower them")
    parser.add_argument("--verbose", action="store_true", help="show every gist against the gold")
    args = parser.parse_args(argv)
    result = evaluate(args.corpus, args.verbose)
    figures = result["figures"]
    print(json.dumps(figures, indent=2, sort_keys=True))
    if not (args.corpus / "meta.jsonl").is_file():
        print(f"corpus not found at {args.corpus}: corpus figures skipped", file=sys.stderr)
    for problem in result["unresolved"]:
        print(f"gold sentence not found: {problem}", file=sys.stderr)
    return enforce(
        figures,
        measured(figures),
        FLOORS,
        check=args.check,
        update=args.update_floors,
        allow_lower=args.allow_lower,
    )


if __name__ == "__main__":
    sys.exit(main())
