"""Whole runs with engines: `briefings generate --translator ...` against the local fake services.

The run translates what the memory lacks, stores it, and a re-run asks nothing; engines that
fail hand over to the next one or leave fields pending, reported once; nothing Arabic ever
lands in an English field.
"""

from __future__ import annotations

import re
import time
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


def project(tmp_path: Path, settings: str, max_retries: int = 1) -> Path:
    root = make_project(tmp_path / "project", articles=SEEDS)
    (root / "translation-memory.yml").unlink()
    (root / "briefings.yml").write_text(
        f"translation:\n  requests_per_minute: 100000\n  max_retries: {max_retries}\n" + settings,
        encoding="utf-8",
    )
    return root


def libretranslate_settings(service: FakeLibreTranslate) -> str:
    return f"  libretranslate:\n    url: '{service.url}'\n"


def run_libretranslate(root: Path):  # noqa: ANN201 - the Summary
    return generate(Context.for_project(root), translator_choice="libretranslate")


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


# --- a hostile service: the run finishes, writes its pages, and says why texts are pending ------


def test_a_trickling_service_cannot_hold_up_the_run(tmp_path: Path) -> None:
    with FakeLibreTranslate(trickle_seconds=1.0) as libre:
        libre.default = "trickle"  # one byte a second, for ever (well within any read timeout)
        root = project(
            tmp_path, "  request_deadline: 2\n" + libretranslate_settings(libre), max_retries=0
        )
        started = time.monotonic()
        summary = run_libretranslate(root)
    assert time.monotonic() - started < 60  # a guard against a hang, not a measurement
    assert summary.ok and summary.written
    assert all(f == {"status": "pending"} for f in english_fields(root))
    assert "no complete reply within the request deadline of 2 s" in summary.translation.line()


@pytest.mark.parametrize(
    ("engine", "behaviour", "reason"),
    [
        ("libretranslate", "surrogate", "lone surrogates"),
        ("google", "control", "control characters"),
    ],
)
def test_replies_with_impossible_characters_are_refused_and_the_pages_written(
    tmp_path: Path,
    google: FakeGoogle,
    tls: tuple[Any, str],
    engine: str,
    behaviour: str,
    reason: str,
) -> None:
    google.default = behaviour
    with FakeLibreTranslate() as libre:
        libre.default = behaviour
        settings = libretranslate_settings(libre) + google_settings(google, tls[1])
        root = project(tmp_path, settings)
        summary = generate(Context.for_project(root), translator_choice=engine)
    assert summary.ok and len(summary.written) == len(SEEDS)
    assert all(f == {"status": "pending"} for f in english_fields(root))
    assert len(TranslationMemory.load(root / "translation-memory.yml")) == 0
    report = summary.translation
    assert report.rejected == 0  # refused inside the engine, before the run saw them
    assert re.search(
        rf"— {engine}: no valid translation for \d+ text\(s\) \(\d+ {reason}\)$", report.line()
    ), report.line()


def test_retry_after_100_on_every_request_does_not_stall_the_run(tmp_path: Path) -> None:
    with FakeLibreTranslate() as libre:
        libre.default = "429:100"
        root = project(tmp_path, "  budget: 5\n" + libretranslate_settings(libre), max_retries=4)
        started = time.monotonic()
        summary = run_libretranslate(root)
    assert time.monotonic() - started < 60  # honouring every Retry-After: about 20 minutes
    assert summary.ok and summary.written
    assert all(f == {"status": "pending"} for f in english_fields(root))
    assert "asked to wait 100 s" in summary.translation.line()


def test_the_time_budget_ends_translation_and_the_summary_says_so(tmp_path: Path) -> None:
    with FakeLibreTranslate(trickle_seconds=1.0) as libre:
        libre.default = "trickle"
        root = project(tmp_path, "  budget: 2\n" + libretranslate_settings(libre))
        started = time.monotonic()
        summary = run_libretranslate(root)
    assert time.monotonic() - started < 60  # the 30 s request deadline is cut to the budget
    assert len(libre.requests) == summary.translation.requests == 1
    assert summary.ok and summary.written
    line = summary.translation.line()
    assert re.search(
        r", \d+ field\(s\) pending \(.*\) — time budget of 2 s for translation used up$", line
    ), line


def test_the_summary_names_the_engine_that_ran(tmp_path: Path) -> None:
    with FakeLibreTranslate() as libre:
        libre.default = "short"  # every reply truncated: rejected, so every field stays pending
        root = project(tmp_path, libretranslate_settings(libre))
        summary = run_libretranslate(root)
    line = summary.translation.line()
    assert "translator 'none'" not in line
    assert re.search(
        r"— libretranslate: no valid translation for \d+ text\(s\) \(\d+ truncated", line
    ), line
