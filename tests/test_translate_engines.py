"""The HTTP engines (google through googletrans-py, libretranslate through httpx) against local
fake services on 127.0.0.1: retries, backoff, rate limit, validation, circuit breaker.

Every wait goes through a fake clock, so the tests check the waits the engines compute, never
wall time. Failures must end as None, never as Arabic text.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

import pytest

from generator.config import GoogleSettings, LibreTranslateSettings, TranslationSettings
from generator.translate import EngineContext, EngineUnavailable, create_engine
from generator.translate.engine import BudgetExhausted, ChunkedEngine, TimeBudget
from tests.fake_translation_services import (
    FakeClock,
    FakeGoogle,
    FakeLibreTranslate,
    FakeService,
    gloss,
)

pytestmark = pytest.mark.usefixtures("no_internet")

# Sentences from the sample articles (seed 000; ANT Corpus v2.1 excerpts, see test_headline.py).
LEAD = (
    "نفى وزير الدفاع الأمريكي مارك إسبر مساء أمس الاثنين وجود خطط لانسحاب القوات الأمريكية "
    "من العراق."
)
SHORT = [
    "الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق",
    "وقال إسبر لصحفيين في البنتاغون ردا على سؤال بشأن الرسالة",
    "وجاءت هذه الرسالة بعد يوم من إصدار البرلمان العراقي قراراً",
    "يدعو كل القوات الأجنبية إلى مغادرة البلاد",
]
ENGINES = ("google", "libretranslate")


# Options of make() that are settings (briefings.yml); the others are the run's (EngineContext).
SETTINGS = ("timeout", "request_deadline", "max_retries", "requests_per_minute")


@dataclass
class Rig:
    service: FakeService
    engine: ChunkedEngine
    clock: FakeClock
    settings: TranslationSettings


@pytest.fixture
def rig(tls: tuple[Any, str]) -> Iterator[Callable[..., Rig]]:
    """make(engine, script=..., default=..., **settings): a started fake service and an engine
    pointed at it (timeout 5 s, 60 requests a minute unless given)."""
    with ExitStack() as stack:

        def make(name: str, *script: str, default: str = "ok", **options: Any) -> Rig:
            clock = FakeClock()
            timing = {
                "slow_seconds": options.pop("slow_seconds", 1.5),
                "trickle_seconds": options.pop("trickle_seconds", 1.0),
            }
            if name == "google":
                service: FakeService = FakeGoogle(tls[0], **timing)
            else:
                service = FakeLibreTranslate(options.pop("server_key", None), **timing)
            stack.enter_context(service)
            service.then(*script).default = default
            limits: dict[str, Any] = {"timeout": 5.0, "requests_per_minute": 60.0}
            limits.update((key, options.pop(key)) for key in SETTINGS if key in options)
            settings = TranslationSettings(
                **limits,
                google=GoogleSettings(
                    host=service.host, ca_bundle=options.pop("ca_bundle", tls[1])
                ),
                libretranslate=LibreTranslateSettings(url=service.url),
            )
            run = EngineContext(**{"sleep": clock.sleep, "clock": clock.clock, **options})
            engine = create_engine(name, settings, run)
            stack.callback(engine.close)  # type: ignore[attr-defined]
            return Rig(service, engine, clock, settings)  # type: ignore[arg-type]

        yield make


# (script of replies, default reply, max_retries) -> translated?, requests, backoff sleeps
BEHAVIOURS = [
    pytest.param([], "ok", 4, True, 1, [], id="ok"),
    pytest.param(["429"] * 3, "ok", 4, True, 4, [1.0, 2.0, 4.0], id="429-storm-within-budget"),
    pytest.param(["429:7"], "ok", 4, True, 2, [7.0], id="429-with-retry-after"),
    pytest.param(["500", "503"], "ok", 4, True, 3, [1.0, 2.0], id="5xx-then-ok"),
    pytest.param(["cut"], "ok", 4, True, 2, [1.0], id="connection-cut-mid-body"),
    pytest.param(["half"], "ok", 4, True, 2, [1.0], id="cut-off-reply-body"),
    pytest.param([], "429", 2, False, 3, [1.0, 2.0], id="429-storm-beyond-budget"),
    pytest.param([], "500", 1, False, 2, [1.0], id="500-storm"),
    pytest.param(["400"], "ok", 4, False, 1, [], id="400-not-retried"),
    pytest.param(["echo"], "ok", 4, False, 1, [], id="reply-identical-to-source"),
    pytest.param(["arabic"], "ok", 4, False, 1, [], id="reply-mostly-arabic"),
    pytest.param(["short"], "ok", 4, False, 1, [], id="reply-truncated"),
]


@pytest.mark.parametrize("name", ENGINES)
@pytest.mark.parametrize(
    ("script", "default", "retries", "translated", "requests", "sleeps"), BEHAVIOURS
)
def test_behaviour(
    rig: Callable[..., Rig],
    name: str,
    script: list[str],
    default: str,
    retries: int,
    translated: bool,
    requests: int,
    sleeps: list[float],
) -> None:
    r = rig(name, *script, default=default, max_retries=retries)
    result = r.engine.translate([LEAD])
    assert result == ([gloss(LEAD)] if translated else [None])
    assert len(r.service.requests) == r.engine.stats.requests == requests
    assert r.engine.stats.retries == requests - 1
    assert r.engine.stats.failures == (0 if translated else 1)
    assert r.engine.stats.characters == sum(map(len, r.service.texts_sent))
    assert r.clock.sleeps == sleeps  # backoff only: each wait already covers the rate interval
    assert r.engine.stats.rate_waits == 0.0
    assert all(request.texts == [LEAD] for request in r.service.requests)


@pytest.mark.parametrize("name", ENGINES)
def test_timeout_is_retried(rig: Callable[..., Rig], name: str) -> None:
    r = rig(name, "slow", timeout=0.3, slow_seconds=2.0)
    assert r.engine.translate([LEAD]) == [gloss(LEAD)]
    assert [request.behaviour for request in r.service.requests] == ["slow", "ok"]
    assert r.engine.stats.retries == 1 and r.clock.sleeps == [1.0]


@pytest.mark.parametrize("name", ENGINES)
def test_rate_limit_spaces_every_request(rig: Callable[..., Rig], name: str) -> None:
    # 30 a minute = one request every 2 s; 100 characters a request keeps each text alone.
    texts = [*SHORT[:3], LEAD]  # no two of them fit in 100 characters
    r = rig(name, requests_per_minute=30.0, max_chars_per_request=100)
    assert r.engine.translate(texts) == [gloss(text) for text in texts]
    assert [request.texts for request in r.service.requests] == [[text] for text in texts]
    assert r.clock.sleeps == [2.0, 2.0, 2.0]
    assert r.engine.stats.rate_waits == 6.0


@pytest.mark.parametrize("name", ENGINES)
def test_retries_wait_for_the_rate_limit_too(rig: Callable[..., Rig], name: str) -> None:
    # 6 a minute = 10 s apart: after a 1 s backoff the retry still waits 9 s for its slot.
    r = rig(name, "500", requests_per_minute=6.0)
    assert r.engine.translate([LEAD]) == [gloss(LEAD)]
    assert r.clock.sleeps == [1.0, 9.0]
    assert r.engine.stats.rate_waits == 9.0


@pytest.mark.parametrize("name", ENGINES)
def test_repeated_failures_open_the_circuit(rig: Callable[..., Rig], name: str) -> None:
    r = rig(name, default="500", max_retries=0)
    assert r.engine.translate([SHORT[0]]) == [None]
    assert r.engine.translate([SHORT[1]]) == [None]
    with pytest.raises(EngineUnavailable) as error:
        r.engine.translate([SHORT[2]])
    assert str(error.value) == f"{name}: 3 requests in a row failed (last: HTTP 500)"
    with pytest.raises(EngineUnavailable):
        r.engine.translate([SHORT[3]])
    assert len(r.service.requests) == 3  # the open circuit sends nothing


@pytest.mark.parametrize("name", ENGINES)
def test_a_long_retry_after_is_a_ban(rig: Callable[..., Rig], name: str) -> None:
    r = rig(name, "429:3600")
    with pytest.raises(EngineUnavailable) as error:
        r.engine.translate([LEAD])
    assert "asks to wait 3600 s" in str(error.value)
    assert len(r.service.requests) == 1 and r.clock.sleeps == []


@pytest.mark.parametrize("name", ENGINES)
@pytest.mark.parametrize("status", ["401", "403"])
def test_refused_access_makes_the_engine_unavailable(
    rig: Callable[..., Rig], name: str, status: str
) -> None:
    r = rig(name, status)
    with pytest.raises(EngineUnavailable) as error:
        r.engine.translate([LEAD])
    assert f"refused access (HTTP {status})" in str(error.value)
    with pytest.raises(EngineUnavailable):
        r.engine.translate([LEAD])
    assert len(r.service.requests) == 1


@pytest.mark.parametrize("name", ENGINES)
def test_breakdown_keeps_what_was_translated(rig: Callable[..., Rig], name: str) -> None:
    r = rig(name, "ok", "401", max_chars_per_request=100)
    with pytest.raises(EngineUnavailable) as error:
        r.engine.translate(SHORT[:3])
    assert error.value.partial == [gloss(SHORT[0]), None, None]
    assert r.engine.stats.failures == 0  # untried texts are not translation failures


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("name", ENGINES)
def test_connection_refused_is_unavailable_at_once(tls: tuple[Any, str], name: str) -> None:
    port = free_port()
    clock = FakeClock()
    settings = TranslationSettings(
        google=GoogleSettings(host=f"127.0.0.1:{port}", ca_bundle=tls[1]),
        libretranslate=LibreTranslateSettings(url=f"http://127.0.0.1:{port}"),
    )
    engine = create_engine(name, settings, EngineContext(sleep=clock.sleep, clock=clock.clock))
    with pytest.raises(EngineUnavailable) as error:
        engine.translate([LEAD, SHORT[0]])
    assert str(error.value).startswith(f"{name}: cannot connect")
    with pytest.raises(EngineUnavailable):
        engine.translate([SHORT[1]])
    assert engine.stats.requests == 1 and clock.sleeps == []


@pytest.mark.parametrize("name", ENGINES)
def test_offline_dns_failure_is_unavailable(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    def offline(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", offline)  # an offline machine, simulated
    clock = FakeClock()
    settings = TranslationSettings(
        libretranslate=LibreTranslateSettings(url="http://mt.newsdesk.example:5000")
    )  # google: the real default host, translate.google.com
    engine = create_engine(name, settings, EngineContext(sleep=clock.sleep, clock=clock.clock))
    with pytest.raises(EngineUnavailable) as error:
        engine.translate([LEAD])
    assert "Temporary failure in name resolution" in str(error.value)
    assert engine.stats.requests == 1 and clock.sleeps == []


@pytest.mark.parametrize("name", ENGINES)
def test_same_text_twice_is_sent_once(rig: Callable[..., Rig], name: str) -> None:
    r = rig(name)
    assert r.engine.translate([SHORT[0], SHORT[1], SHORT[0]]) == [
        gloss(SHORT[0]),
        gloss(SHORT[1]),
        gloss(SHORT[0]),
    ]
    assert "\n".join(r.service.texts_sent).count(SHORT[0]) == 1


@pytest.mark.parametrize("name", ENGINES)
def test_blank_texts_need_no_request(rig: Callable[..., Rig], name: str) -> None:
    r = rig(name)
    assert r.engine.translate(["", "  \n "]) == ["", ""]
    assert r.engine.translate([]) == []
    assert r.service.requests == []


@pytest.mark.parametrize("name", ENGINES)
def test_long_text_is_cut_at_sentences_and_rejoined(rig: Callable[..., Rig], name: str) -> None:
    text = " ".join([LEAD, *[line + "." for line in SHORT]])  # about 330 characters
    r = rig(name, max_chars_per_request=120)
    assert r.engine.translate([text]) == [gloss(text)]
    pieces = [piece for sent in r.service.texts_sent for piece in sent.split("\n")]
    assert all(len(piece) <= 120 and piece.endswith(".") for piece in pieces)
    assert " ".join(pieces) == text


@pytest.mark.parametrize("name", ENGINES)
def test_one_bad_piece_fails_the_whole_text(rig: Callable[..., Rig], name: str) -> None:
    text = " ".join([LEAD, *[line + "." for line in SHORT]])
    r = rig(name, "ok", "echo", max_chars_per_request=120)
    assert r.engine.translate([text]) == [None]
    assert r.engine.rejections["identical to the source"] == 1


@pytest.mark.parametrize("name", ENGINES)
def test_failures_never_end_as_arabic(rig: Callable[..., Rig], name: str) -> None:
    # One request per text: reply echoed, mostly Arabic, truncated, refused, 5xx to the end.
    script = ["echo", "arabic", "short", "400", "500", "500", "500"]
    r = rig(name, *script, max_chars_per_request=100, max_retries=2)
    results = r.engine.translate([*SHORT[:3], LEAD, SHORT[3]])  # no neighbours fit in 100
    assert results == [None] * 5
    assert r.engine.stats.failures == 5
    assert [request.behaviour for request in r.service.requests] == script


def test_source_and_target_reach_the_service(rig: Callable[..., Rig]) -> None:
    r = rig("libretranslate")
    r.engine.translate([LEAD])
    body = r.service.requests[0].body
    assert (body["source"], body["target"], body["format"]) == ("ar", "en", "text")


def test_google_verifies_the_certificate(rig: Callable[..., Rig]) -> None:
    r = rig("google", ca_bundle=None)
    with pytest.raises(EngineUnavailable) as error:
        r.engine.translate([LEAD])
    assert "CERTIFICATE_VERIFY_FAILED" in str(error.value)


# --- a hostile service ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ENGINES)
def test_a_trickling_reply_fails_at_the_request_deadline(
    rig: Callable[..., Rig], name: str
) -> None:
    # One byte a second never trips the 5 s read timeout; only the total deadline ends it.
    r = rig(name, "trickle", max_retries=0, request_deadline=2.0, trickle_seconds=1.0)
    started = time.monotonic()
    assert r.engine.translate([LEAD]) == [None]
    assert time.monotonic() - started < 10  # a guard against a hang, not a measurement
    reason = "no reply (ReadTimeout: no complete reply within the request deadline of 2 s)"
    assert r.engine.rejections == {reason: 1}


@pytest.mark.parametrize("name", ENGINES)
@pytest.mark.parametrize(
    ("behaviour", "reason"),
    [
        pytest.param("surrogate", "lone surrogates", id="lone-surrogate"),
        pytest.param("control", "control characters", id="c0-control"),
        pytest.param("bidi", "control characters", id="bidi-override"),
    ],
)
def test_a_reply_with_characters_no_translation_needs_is_refused(
    rig: Callable[..., Rig], name: str, behaviour: str, reason: str
) -> None:
    r = rig(name, behaviour)
    assert r.engine.translate([LEAD]) == [None]
    assert r.engine.rejections == {reason: 1}
    assert r.engine.stats.failures == 1


@pytest.mark.parametrize("name", ENGINES)
def test_direction_marks_are_removed_from_a_reply(rig: Callable[..., Rig], name: str) -> None:
    r = rig(name, "marks")
    assert r.engine.translate([LEAD]) == [gloss(LEAD)]


@pytest.mark.parametrize("name", ENGINES)
def test_retry_after_beyond_the_request_cap_gives_up_the_request(
    rig: Callable[..., Rig], name: str
) -> None:
    # Honouring 100 s for each of 4 retries of every request would stall a run for minutes.
    r = rig(name, default="429:100", max_retries=4)
    assert r.engine.translate([LEAD]) == [None]
    assert len(r.service.requests) == 1 and r.clock.sleeps == []
    assert r.engine.rejections == {"no reply (HTTP 429, asked to wait 100 s)": 1}


@pytest.mark.parametrize("name", ENGINES)
def test_the_time_budget_stops_an_engine_before_a_wait_it_cannot_cover(
    rig: Callable[..., Rig], name: str
) -> None:
    clock = FakeClock()
    budget = TimeBudget(10.0, clock=clock.clock)
    budget.start()
    r = rig(name, default="429:4", budget=budget, sleep=clock.sleep, clock=clock.clock)
    with pytest.raises(BudgetExhausted) as error:
        r.engine.translate([LEAD])
    assert str(error.value) == f"{name}: time budget of 10 s for translation used up"
    assert clock.sleeps == [4.0, 4.0]  # a third wait would end past the budget
    assert len(r.service.requests) == 3
