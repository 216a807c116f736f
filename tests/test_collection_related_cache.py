"""Related briefings kept between builds: reused only while scoring would read the same."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.collection import related, related_signals
from generator.collection.briefings import Collection, Entry, load_collection
from generator.collection.related import Link
from generator.collection.related_cache import FOLDER, ScoringFile, kept_related
from generator.model import English

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def sample() -> Collection:
    return load_collection(ROOT / "docs", cache=False)


class Scorer:
    """related.related, counting its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, collection: Collection) -> dict[str, list[Link]]:
        self.calls += 1
        return related.related(collection)


def edited(collection: Collection, change: Callable[[Entry], Entry]) -> Collection:
    """The collection with its second briefing changed (a new Entry: nothing derived yet)."""
    entries = list(collection.entries)
    entries[1] = change(entries[1])
    return Collection(tuple(entries))


def english_headline(entry: Entry) -> Entry:
    b = entry.briefing
    headline = b.headline.model_copy(
        update={"en": English(text="A new headline", status="reviewed")}
    )
    return Entry(
        b.model_copy(update={"headline": headline, "reviewed": True}), entry.body, entry.src_uri
    )


def arabic_headline(entry: Entry) -> Entry:
    b = entry.briefing
    headline = b.headline.model_copy(update={"ar": "عاجل: " + b.headline.ar})
    return Entry(b.model_copy(update={"headline": headline}), entry.body, entry.src_uri)


def one_date(entry: Entry) -> Entry:
    b = entry.briefing
    event = b.events[0].model_copy(update={"date": "1999", "precision": "year"})
    return Entry(b.model_copy(update={"events": [event, *b.events[1:]]}), entry.body, entry.src_uri)


def new_text(entry: Entry) -> Entry:
    return Entry(
        entry.briefing, entry.body + "\n\nوقال المتحدث إن المفاوضات مستمرة.", entry.src_uri
    )


def test_kept_links_are_the_links_scoring_gives(sample: Collection, tmp_path: Path) -> None:
    scorer = Scorer()
    first = kept_related(sample, tmp_path, scorer)
    again = kept_related(sample, tmp_path, scorer)
    assert scorer.calls == 1
    assert again == first == related.related(sample)
    assert any(links for links in again.values()), "the samples should relate to each other"
    reasons = [reason for links in again.values() for link in links for reason in link.reasons]
    assert {r.kind for r in reasons} >= {"same-event", "shared"}  # events, entries, mentions


def test_english_and_review_marks_reuse_the_links_showing_the_new_english(
    sample: Collection, tmp_path: Path
) -> None:
    scorer = Scorer()
    kept_related(sample, tmp_path, scorer)
    changed = edited(sample, english_headline)
    links = kept_related(changed, tmp_path, scorer)
    assert scorer.calls == 1
    assert links == related.related(changed)
    shown = [link.entry for found in links.values() for link in found]
    target = changed.entries[1]
    assert any(entry is target for entry in shown)  # today's briefing, with its new headline


@pytest.mark.parametrize("change", [arabic_headline, one_date, new_text])
def test_what_scoring_reads_scores_again(
    sample: Collection, tmp_path: Path, change: Callable[[Entry], Entry]
) -> None:
    scorer = Scorer()
    kept_related(sample, tmp_path, scorer)
    changed = edited(sample, change)
    assert kept_related(changed, tmp_path, scorer) == related.related(changed)
    assert scorer.calls == 2


def test_a_briefing_fewer_scores_again(sample: Collection, tmp_path: Path) -> None:
    scorer = Scorer()
    kept_related(sample, tmp_path, scorer)
    fewer = Collection(sample.entries[:-1])
    assert kept_related(fewer, tmp_path, scorer) == related.related(fewer)
    assert scorer.calls == 2


@pytest.mark.parametrize("content", [b"", b"{not json", b'{"input": 1}', b"[]"])
def test_an_unreadable_cache_is_scored_again(
    sample: Collection, tmp_path: Path, content: bytes
) -> None:
    scorer = Scorer()
    kept_related(sample, tmp_path, scorer)
    (tmp_path / FOLDER / "links.json").write_bytes(content)
    assert kept_related(sample, tmp_path, scorer) == related.related(sample)
    assert scorer.calls == 2


# --- the parts of pairs and the partners kept for the next scoring ----------------------------


def an_entity(entry: Entry) -> Entry:
    b = entry.briefing
    return Entry(b.model_copy(update={"entities": b.entities[1:]}), entry.body, entry.src_uri)


CHANGES = [arabic_headline, one_date, new_text, an_entity]


@pytest.fixture(params=[False, True], ids=["every-pair", "best-partners"])
def pruned(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Small collections score every pair; from PRUNE_FROM briefings, each briefing's best
    partners only: made to happen with the five samples."""
    if request.param:
        monkeypatch.setattr(related_signals, "PRUNE_FROM", 3)
        monkeypatch.setattr(related_signals, "MAX_PARTNERS", 2)
    return bool(request.param)


@pytest.mark.parametrize("change", CHANGES)
def test_scoring_with_what_the_last_build_kept_gives_what_scoring_afresh_gives(
    sample: Collection, tmp_path: Path, change: Callable[[Entry], Entry], pruned: bool
) -> None:
    store = ScoringFile(tmp_path)
    assert related.related(sample, store=store) == related.related(sample)
    changed = edited(sample, change)
    assert related.related(changed, store=store) == related.related(changed)
    assert related.related(changed, store=store) == related.related(changed)  # kept again
    if pruned:
        assert store.load().partners.keys() == {e.briefing.id for e in sample.entries}


def test_only_pairs_with_a_changed_briefing_are_scored_again(
    sample: Collection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ScoringFile(tmp_path)
    related.related(sample, store=store)
    scored: list[tuple[str, str]] = []
    real = related.pair_parts

    def counting(signals: related.Signals, a: Entry, b: Entry) -> related.Parts:
        scored.append((a.briefing.id, b.briefing.id))
        return real(signals, a, b)

    monkeypatch.setattr(related, "pair_parts", counting)
    related.related(sample, store=store)
    assert scored == []
    changed = edited(sample, one_date)  # how rare a year is changes: no fingerprint does
    related.related(changed, store=store)
    target = changed.entries[1].briefing.id
    assert scored and all(target in pair for pair in scored)


@pytest.mark.parametrize("content", [b"", b"{not json", b'{"version": 1}', b"[]"])
def test_an_unreadable_scoring_file_is_scored_afresh(
    sample: Collection, tmp_path: Path, content: bytes
) -> None:
    store = ScoringFile(tmp_path)
    related.related(sample, store=store)
    store.path.write_bytes(content)
    assert store.load() == related.Kept({}, {})
    assert related.related(sample, store=store) == related.related(sample)


def renamed(entry: Entry) -> Entry:
    """The same briefing under another id (its file renamed), in the same place in the order."""
    new_id = entry.briefing.id + "-renamed"
    return Entry(
        entry.briefing.model_copy(update={"id": new_id}),
        entry.body,
        entry.src_uri.replace(entry.briefing.id, new_id),
    )


def test_a_briefing_renamed_in_place_is_scored_as_afresh(
    sample: Collection, tmp_path: Path, pruned: bool
) -> None:
    store = ScoringFile(tmp_path)
    related.related(sample, store=store)
    changed = edited(sample, renamed)
    assert related.related(changed, store=store) == related.related(changed)
