"""Request policy (rate limit, backoff, Retry-After), text chunking and batching, settings."""

from __future__ import annotations

import email.utils
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from generator.config import TranslationSettings
from generator.translate import EngineContext
from generator.translate.engine import pack_batches, split_for_limit
from generator.translate.policy import RateLimiter, backoff_delay, parse_retry_after
from tests.fake_translation_services import FakeClock

NOW = 1_700_000_000.0


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        pytest.param("7", 7.0, id="delta-seconds"),
        pytest.param(" 120 ", 120.0, id="spaces"),
        pytest.param(email.utils.formatdate(NOW + 30, usegmt=True), 30.0, id="http-date"),
        pytest.param(email.utils.formatdate(NOW - 30, usegmt=True), 0.0, id="date-in-the-past"),
        pytest.param("", None, id="empty"),
        pytest.param(None, None, id="absent"),
        pytest.param("soon", None, id="unreadable"),
    ],
)
def test_parse_retry_after(header: str | None, seconds: float | None) -> None:
    assert parse_retry_after(header, now=lambda: NOW) == seconds


@pytest.mark.parametrize(
    ("attempt", "retry_after", "delay"),
    [(0, None, 1.0), (1, None, 2.0), (2, None, 4.0), (5, None, 32.0), (6, None, 60.0),
     (9, None, 60.0), (0, 7.0, 7.0), (3, 0.5, 0.5)],
)  # fmt: skip
def test_backoff_delay(attempt: int, retry_after: float | None, delay: float) -> None:
    assert backoff_delay(attempt, retry_after) == delay


def test_rate_limiter_keeps_the_interval() -> None:
    clock = FakeClock()
    limiter = RateLimiter(20.0, clock.clock, clock.sleep)  # one request every 3 s
    assert [limiter.acquire() for _ in range(3)] == [0.0, 3.0, 3.0]
    clock.now += 1.0  # time spent elsewhere counts towards the interval
    assert limiter.acquire() == 2.0
    clock.now += 10.0  # idle time is not saved up for a burst
    assert [limiter.acquire() for _ in range(2)] == [0.0, 3.0]
    assert clock.sleeps == [3.0, 3.0, 2.0, 3.0]


LONG = (
    "قال إسبر إن بلاده ليست لديها خطط لسحب قواتها من العراق. هل هناك رسالة؟ "
    "نحاول معرفة من أين أتت، وما صفتها، لكن لم يتخذ أي قرار للانسحاب من العراق."
)


@pytest.mark.parametrize(
    ("text", "limit", "plan"),
    [
        pytest.param("نعم", 100, [("", "نعم")], id="short"),
        pytest.param("  مارك   إسبر \t", 100, [("", "مارك إسبر")], id="spacing"),
        pytest.param(" \n\n ", 100, [], id="blank"),
        pytest.param("العنوان\n\nالنص", 100, [("", "العنوان"), ("\n", "النص")], id="lines"),
        pytest.param(
            LONG,
            100,
            [
                ("", "قال إسبر إن بلاده ليست لديها خطط لسحب قواتها من العراق. هل هناك رسالة؟"),
                (" ", "نحاول معرفة من أين أتت، وما صفتها، لكن لم يتخذ أي قرار للانسحاب من العراق."),
            ],
            id="sentences-arabic-question-mark",
        ),
        pytest.param(
            LONG.split(". ")[1],
            50,
            [
                ("", "هل هناك رسالة؟ نحاول معرفة من أين أتت، وما صفتها،"),
                (" ", "لكن لم يتخذ أي قرار للانسحاب من العراق."),
            ],
            id="clauses-arabic-comma",
        ),
        pytest.param("ب" * 250, 100, [("", "ب" * 100), (" ", "ب" * 100), (" ", "ب" * 50)],
                     id="hard-cut-only-for-a-giant-word"),
    ],
)  # fmt: skip
def test_split_for_limit(text: str, limit: int, plan: list[tuple[str, str]]) -> None:
    assert split_for_limit(text, limit) == plan


@given(
    st.lists(
        st.sampled_from(["قال", "إسبر", "العراق.", "رسالة؟", "،", "\n", "٢٠٢٠", "خطط،", " "]),
        max_size=200,
    ),
    st.integers(min_value=20, max_value=120),
)
def test_split_for_limit_loses_nothing(tokens: list[str], limit: int) -> None:
    text = " ".join(tokens)
    plan = split_for_limit(text, limit)
    assert all(0 < len(piece) <= limit and "\n" not in piece for _, piece in plan)
    rebuilt = "".join(sep + piece for sep, piece in plan)
    assert rebuilt.split() == text.split()  # no word lost, reordered or cut (none is > 20)


@pytest.mark.parametrize(
    ("pieces", "limit", "separator", "batches"),
    [
        pytest.param([], 10, 1, [], id="nothing"),
        pytest.param(["aaaa", "bbbb", "cc"], 10, 1, [["aaaa", "bbbb"], ["cc"]], id="newline"),
        pytest.param(["aaaa", "bbbb", "cc"], 10, 0, [["aaaa", "bbbb", "cc"]], id="list"),
        pytest.param(["aaaaaaaaaa", "b"], 10, 1, [["aaaaaaaaaa"], ["b"]], id="full-piece"),
    ],
)
def test_pack_batches(
    pieces: list[str], limit: int, separator: int, batches: list[list[str]]
) -> None:
    assert pack_batches(pieces, limit, separator) == batches


GREATER_THAN_0 = "Input should be greater than 0"


@pytest.mark.parametrize(
    ("options", "problems"),
    [
        pytest.param({"timeout": 0}, [("timeout", GREATER_THAN_0)], id="timeout"),
        pytest.param(
            {"max_retries": -1},
            [("max_retries", "Input should be greater than or equal to 0")],
            id="retries",
        ),
        pytest.param(
            {"requests_per_minute": 0, "request_deadline": -1},
            [("request_deadline", GREATER_THAN_0), ("requests_per_minute", GREATER_THAN_0)],
            id="every-problem-reported",
        ),
    ],
)
def test_settings_are_checked_once_by_their_schema(
    options: dict[str, float], problems: list[tuple[str, str]]
) -> None:
    # The engines take these settings as briefings.yml gave them, checked when it is read.
    with pytest.raises(ValidationError) as error:
        TranslationSettings(**options)  # type: ignore[arg-type]
    assert [(".".join(map(str, e["loc"])), e["msg"]) for e in error.value.errors()] == problems


def test_the_request_size_limit_is_checked() -> None:
    with pytest.raises(ValueError) as error:
        EngineContext(max_chars_per_request=50)
    assert str(error.value) == "max_chars_per_request must be at least 100, not 50"


pytest_plugins = ["pytester"]


def test_the_network_guard_fails_tests_that_reach_out(pytester: pytest.Pytester) -> None:
    """The no_internet fixture (tests/network_guard.py) really fails a test that resolves or
    connects beyond 127.0.0.1, even when the code under test swallowed the error."""
    pytester.makeconftest((Path(__file__).parent / "network_guard.py").read_text(encoding="utf-8"))
    pytester.makepyfile(
        """
        import socket

        def test_connects_out(no_internet):
            try:
                socket.create_connection(("192.0.2.1", 443), timeout=1)  # TEST-NET-1
            except OSError:
                pass

        def test_resolves_a_name(no_internet):
            try:
                socket.getaddrinfo("translate.google.com", 443)
            except OSError:
                pass

        def test_stays_local(no_internet):
            socket.getaddrinfo("127.0.0.1", 443)
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3, errors=2)
    output = result.stdout.str()
    assert "Failed: the test tried to reach the network: ['192.0.2.1']" in output
    assert "Failed: the test tried to reach the network: ['translate.google.com']" in output
