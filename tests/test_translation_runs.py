"""Whole runs with engines: `briefings generate --translator ...` against the local fake services.

The run translates what the memory lacks, stores it, and a re-run asks nothing; engines that
fail hand over to the next one or leave fields pending, reported once; nothing Arabic ever
lands in an English field.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator import frontmatter
from generator.context import Context
from generator.generate import generate
from generator.translate.memory import TranslationMemory
from tests.fake_translation_services import FakeGoogle, FakeLibreTranslate

from .conftest import REPO, make_project

ARABIC = re.compile("[\u0600-\u06ff]")
SEEDS = sorted((REPO / "articles").glob("00[01]_*.txt"))


def project(tmp_path: Path, settings: str) -> Path:
    root = make_project(tmp_path / "project", articles=SEEDS)
    (root / "translation-memory.yml").unlink()
    (root / "briefings.yml").write_text(
        "translation:\n  requests_per_minute: 100000\n  max_retries: 1\n" + settings,
        encoding="utf-8",
    )
    return root


def google_settings(service: FakeGoogle, ca_file: str) -> str:
    return f"  google:\n    host: '{service.host}'\n    ca_bundle: '{ca_file}'\n"


def english_fields(root: Path) -> list[dict[str, Any]]:
    fields = []
    for path in sorted((root / "docs" / "briefings").glob("*.md")):
        data = frontmatter.read_page(path).data
        fields.append(data["headline"]["en"])
        for kind in ("gist", "quotes", "events"):
            fields.extend(item["en"] for item in data.get(kind, []))
    return fields


def test_google_translates_caches_and_a_rerun_asks_nothing(
    tmp_path: Path, google: FakeGoogle, tls: tuple[Any, str]
) -> None:
    root = project(tmp_path, google_settings(google, tls[1]))
    first = generate(Context.for_project(root), translator_choice="google")
    assert first.translation.requests == len(google.requests) >= 1
    assert first.translation.translated > 0 and first.translation.pending_fields.total() == 0
    fields = english_fields(root)
    assert fields and all(f["status"] == "machine" and f["engine"] == "google" for f in fields)
    assert not any(ARABIC.search(f["text"]) for f in fields)
    memory = TranslationMemory.load(root / "translation-memory.yml")
    assert len(memory) > 0

    asked = len(google.requests)
    again = generate(Context.for_project(root), translator_choice="google")
    forced = generate(Context.for_project(root), translator_choice="google", force=True)
    assert len(google.requests) == asked  # zero requests on re-runs
    assert again.translation.requests == forced.translation.requests == 0
    assert forced.translation.from_memory == first.translation.translated


def test_auto_moves_on_when_an_engine_refuses(
    tmp_path: Path, google: FakeGoogle, tls: tuple[Any, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeLibreTranslate(api_key="right") as libre:
        monkeypatch.setenv("DESK_KEY", "wrong")
        root = project(
            tmp_path,
            f"  libretranslate:\n    url: '{libre.url}'\n    api_key_env: DESK_KEY\n"
            + google_settings(google, tls[1]),
        )
        summary = generate(Context.for_project(root), translator_choice="auto")
    assert len(libre.requests) == 1  # refused once (403), then never asked again
    assert summary.translation.pending_fields.total() == 0
    assert {f["engine"] for f in english_fields(root)} == {"google"}


def test_no_working_engine_leaves_fields_pending_and_says_so_once(
    tmp_path: Path, google: FakeGoogle, tls: tuple[Any, str]
) -> None:
    google.default = "echo"  # googletrans' failure mode: the Arabic source handed back
    root = project(tmp_path, google_settings(google, tls[1]))
    summary = generate(Context.for_project(root), translator_choice="google")
    assert all(f == {"status": "pending"} for f in english_fields(root))
    line = summary.translation.line()
    assert "field(s) pending" in line and "\n" not in line
    assert len(TranslationMemory.load(root / "translation-memory.yml")) == 0


def test_an_unreachable_service_costs_one_request(tmp_path: Path, tls: tuple[Any, str]) -> None:
    with FakeGoogle(tls[0]) as closed:
        host = closed.host  # a port nobody listens on once the server is closed
    root = project(tmp_path, f"  google:\n    host: '{host}'\n    ca_bundle: '{tls[1]}'\n")
    summary = generate(Context.for_project(root), translator_choice="auto")
    report = summary.translation
    assert report.requests == 1
    assert len(report.unavailable) == 1 and report.unavailable[0].startswith("google:")
    assert report.line().count("google:") == 1
    assert all(f == {"status": "pending"} for f in english_fields(root))
