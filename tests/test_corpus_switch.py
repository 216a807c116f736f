"""The corpus quality gates skip on a fresh clone, and fail instead where the corpus is required."""

from __future__ import annotations

from pathlib import Path

import pytest

from . import eval_scripts


def test_a_missing_corpus_skips_the_gate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(eval_scripts.REQUIRE_CORPUS_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception, match="development corpus not found"):
        eval_scripts.require_corpus(tmp_path / "absent")


def test_a_required_corpus_that_is_missing_fails_the_gate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(eval_scripts.REQUIRE_CORPUS_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match="BRIEFINGS_REQUIRE_CORPUS=1 requires it"):
        eval_scripts.require_corpus(tmp_path / "absent")


def test_a_present_corpus_runs_the_gate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(eval_scripts.REQUIRE_CORPUS_ENV, "1")
    (tmp_path / "meta.jsonl").write_text("{}\n", encoding="utf-8")
    eval_scripts.require_corpus(tmp_path)  # neither skips nor fails
