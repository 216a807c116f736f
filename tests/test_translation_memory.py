"""The translation memory file: keys, precedence of reviewed entries, stable writing, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import ConfigError
from generator.translate.memory import TranslationMemory, normalise

SENTENCE = "نفى وزير الدفاع الأمريكي مارك إسبر وجود خطط للانسحاب من العراق."


@pytest.mark.parametrize(
    ("variant", "why"),
    [
        ("نفى وزيرُ الدفاعِ الأمريكي مارك إسبر وجود خطط للانسحاب من العراق.", "diacritics"),
        ("نفى وزير الدفـــاع الأمريكي مارك إسبر وجود خطط للانسحاب من العراق.", "tatweel"),
        ("نفى  وزير الدفاع\nالأمريكي مارك إسبر وجود خطط للانسحاب من العراق. ", "spacing"),
        ("\u200fنفى وزير الدفاع الأمريكي مارك إسبر وجود خطط للانسحاب من العراق.", "RLM mark"),
        ("ﻧﻔﻰ وزير الدفاع الأمريكي مارك إسبر وجود خطط للانسحاب من العراق.", "presentation forms"),
    ],
)
def test_scrape_variants_share_one_key(variant: str, why: str) -> None:
    assert normalise(variant) == normalise(SENTENCE), why


def test_different_words_do_not_share_a_key() -> None:
    assert normalise("إسبر") != normalise("اسبر")  # hamza is spelling, not decoration


def test_a_reviewed_entry_is_never_replaced_by_an_engine(tmp_path: Path) -> None:
    memory = TranslationMemory(tmp_path / "tm.yml")
    assert memory.record(
        SENTENCE, "Esper denied plans.", engine="editor", date="2026-11-22", reviewed=True
    )
    assert not memory.record(
        SENTENCE, "Esper denies.", engine="google", date="2026-11-23", reviewed=False
    )
    entry = memory.get(SENTENCE)
    assert entry is not None and entry.en == "Esper denied plans." and entry.reviewed
    # An editor may still correct a reviewed entry.
    assert memory.record(
        SENTENCE,
        "Mark Esper denied any withdrawal plans.",
        engine="editor",
        date="2026-11-24",
        reviewed=True,
    )


def test_save_is_sorted_stable_and_reloads(tmp_path: Path) -> None:
    path = tmp_path / "tm.yml"
    memory = TranslationMemory(path)
    memory.record("ب جملة ثانية", "second", engine="google", date="2026-11-22", reviewed=False)
    memory.record("أ جملة أولى", "first: yes", engine="editor", date="2026-11-22", reviewed=True)
    assert memory.save()
    first = path.read_bytes()
    assert not memory.save()  # nothing changed: nothing written
    again = TranslationMemory.load(path)
    assert len(again) == 2
    assert again.get("أ جملة أولى").en == "first: yes"  # type: ignore[union-attr]
    again.record("أ جملة أولى", "first: yes", engine="editor", date="2026-11-22", reviewed=True)
    assert not again.changed  # recording what is already there is not a change
    again.changed = True
    again.save()
    assert path.read_bytes() == first
    text = first.decode()
    assert text.index("أ جملة أولى") < text.index("ب جملة ثانية")


def test_missing_file_is_an_empty_memory(tmp_path: Path) -> None:
    assert len(TranslationMemory.load(tmp_path / "absent.yml")) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("entries: [\n", "invalid YAML"),
        ("- ar: x\n", "expected a mapping with an 'entries' list"),
        (
            "entries:\n  - ar: س\n    en: s\n    engine: google\n",
            "tm.yml:2: entries.0.date: must be",
        ),
        (
            "entries:\n  - {ar: س, en: s, engine: google, date: '2026-01-01', note: x}\n",
            "tm.yml:2: entries.0.note: unknown key",
        ),
        (
            "entries:\n  - {ar: س, en: '', engine: google, date: '2026-01-01'}\n",
            "tm.yml:2: entries.0.en: must be a non-empty str",
        ),
    ],
)
def test_a_broken_memory_file_is_reported_with_its_name(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "tm.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        TranslationMemory.load(path)
    assert str(path) in str(error.value)
    assert message in str(error.value)
