"""How engines talk to a service: request rate, retries, timeouts, TLS, and request sizes.

Why each rule:

* Google's unofficial endpoint answers HTTP 429 after a few dozen requests a minute and can ban
  an address for hours, so every request (retries included) waits its turn behind a minimum
  interval (``requests_per_minute``), and a long ``Retry-After`` means "give up for this run".
* 429, 5xx, timeouts and cut-off replies are usually transient: they are retried with
  exponential backoff (or the server's ``Retry-After``), at most ``max_retries`` times.
* A refused connection, a DNS failure or a refused login is not transient: the engine is
  unavailable for the run (``EngineUnavailable``), so an offline run does not retry per sentence.
* Several failed requests in a row also mean the engine is unavailable (a ban, a broken server).
* One request waits at most ``REQUEST_WAIT_CAP`` seconds in all for its retries: a server that
  asks every request to wait 100 s would otherwise stall a run for many minutes.
* Every attempt has a total deadline (``request_deadline``, see limits.py), and the run's time
  budget bounds everything: no attempt starts and no wait begins that the budget cannot cover.
* Every wait goes through the injected ``clock``/``sleep``, so tests check the waits, not time.
"""

from __future__ import annotations

import email.utils
import ssl
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import certifi
import httpx

from generator.translate.engine import EngineContext, EngineStats, EngineUnavailable
from generator.translate.limits import enforce_deadlines, request_limits

if TYPE_CHECKING:
    from generator.config import TranslationSettings

T = TypeVar("T")

BACKOFF_BASE = 1.0  # seconds before the first retry; doubled for each further retry
BACKOFF_CAP = 60.0
# A 429 asking for a longer wait than this is a ban, not a hiccup: give up for this run.
MAX_RETRY_AFTER = 120.0
# The most one request waits in all for its retries; a longer wait gives up on the request.
REQUEST_WAIT_CAP = 60.0
# This many requests in a row that end without an answer make the engine unavailable.
FAILED_IN_A_ROW = 3


class ServiceStatus(Exception):
    """The service answered with an error status (raised by the client's response hook, so the
    status and Retry-After are known exactly instead of read out of googletrans' messages)."""

    def __init__(self, status: int, retry_after: float | None) -> None:
        self.status = status
        self.retry_after = retry_after
        super().__init__(f"HTTP {status}")


class MalformedReply(Exception):
    """A reply that arrived but cannot be read (cut off, not the expected JSON)."""


def parse_retry_after(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date (RFC 9110)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now())


def backoff_delay(attempt: int, retry_after: float | None = None) -> float:
    """Seconds to wait before retry number ``attempt + 1``: the server's Retry-After when it
    gives one (it knows its own limit), else BACKOFF_BASE * 2**attempt, capped. No jitter: one
    command-line run is one client, and the tests need predictable waits."""
    if retry_after is not None:
        return retry_after
    return min(BACKOFF_CAP, BACKOFF_BASE * 2**attempt)


class RateLimiter:
    """A minimum interval between requests: the simplest limit that can never burst, which is
    what an endpoint that bans bursts needs."""

    def __init__(
        self, per_minute: float, clock: Callable[[], float], sleep: Callable[[float], None]
    ) -> None:
        self.interval = 60.0 / per_minute
        self.clock = clock
        self.sleep = sleep
        self._next: float | None = None

    def acquire(self) -> float:
        """Wait for the next slot; returns the seconds slept."""
        now = self.clock()
        waited = 0.0
        if self._next is not None and now < self._next:
            waited = self._next - now
            self.sleep(waited)
            now = self._next
        self._next = now + self.interval
        return waited


def _raise_for_status(response: httpx.Response) -> None:
    if not response.is_success:
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        raise ServiceStatus(response.status_code, retry_after)


def http_client(
    settings: TranslationSettings, run: EngineContext, headers: dict[str, str] | None = None
) -> httpx.Client:
    """An httpx client with the configured timeout, the system CAs plus ``ca_bundle`` (a desk's
    TLS proxy, or the tests' own CA), a hook that turns every error status into
    ``ServiceStatus``, and every socket under the request deadline (limits.py)."""
    context = ssl.create_default_context(cafile=certifi.where())
    # The CA file is a setting under google:, and every engine's client trusts it.
    ca_bundle = run.project_path(settings.google.ca_bundle)
    if ca_bundle:
        context.load_verify_locations(cafile=ca_bundle)
    client = httpx.Client(
        timeout=httpx.Timeout(settings.timeout),
        verify=context,
        headers=headers,
        event_hooks={"response": [_raise_for_status]},
    )
    return enforce_deadlines(client)


class RequestPolicy:
    """Sends one request at a time under the rate limit, with bounded retries."""

    def __init__(
        self, engine: str, settings: TranslationSettings, run: EngineContext, stats: EngineStats
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.run = run
        self.stats = stats
        self.limiter = RateLimiter(settings.requests_per_minute, run.clock, run.sleep)
        self.failed_in_a_row = 0
        self.last_failure = ""

    def send(self, request: Callable[[], T], characters: int) -> T | None:
        """The request's result, or None when it failed for good (retries exhausted, or an error
        status that retrying cannot fix). Raises EngineUnavailable when the engine cannot work."""
        budget = self.run.budget
        waited = 0.0
        for attempt in range(self.settings.max_retries + 1):
            if attempt:
                self.stats.retries += 1
            self.stats.rate_waits += self.limiter.acquire()
            deadline = self.settings.request_deadline
            if budget is not None:
                budget.check(self.engine)
                deadline = min(deadline, budget.remaining())
            self.stats.requests += 1
            self.stats.characters += characters
            try:
                with request_limits(deadline):
                    result = request()
            except ServiceStatus as error:
                if error.status in (401, 403):
                    raise EngineUnavailable(
                        self.engine,
                        f"the service refused access (HTTP {error.status}); check "
                        "the API key, or whether this address is blocked",
                    ) from error
                if error.retry_after is not None and error.retry_after > MAX_RETRY_AFTER:
                    raise EngineUnavailable(
                        self.engine,
                        f"rate-limited (HTTP {error.status}): the service asks to "
                        f"wait {error.retry_after:.0f} s; try again later",
                    ) from error
                self.last_failure = f"HTTP {error.status}"
                if error.status != 429 and error.status < 500:
                    break  # a request the service will never accept: retrying cannot help
                delay = backoff_delay(attempt, error.retry_after)
            except (httpx.ConnectError, httpx.ConnectTimeout, httpx.UnsupportedProtocol) as error:
                if budget is not None:
                    budget.check(self.engine)  # the deadline was the budget's end, not the host
                # DNS failure, refused connection, no route, bad certificate: not this request's
                # fault, and every other request would fail the same way.
                raise EngineUnavailable(self.engine, f"cannot connect: {error}") from error
            except (httpx.TimeoutException, httpx.TransportError, MalformedReply) as error:
                self.last_failure = f"{type(error).__name__}: {error}"[:200]
                delay = backoff_delay(attempt)
            else:
                self.failed_in_a_row = 0
                return result
            if attempt == self.settings.max_retries:
                break
            if waited + delay > REQUEST_WAIT_CAP:
                self.last_failure += f", asked to wait {delay:g} s"
                break  # waiting that long for one request costs more than the text is worth
            if budget is not None:
                budget.check(self.engine, needed=delay)
            self.run.sleep(delay)
            waited += delay
        self.failed_in_a_row += 1
        if self.failed_in_a_row >= FAILED_IN_A_ROW:
            raise EngineUnavailable(
                self.engine,
                f"{self.failed_in_a_row} requests in a row failed (last: {self.last_failure})",
            )
        return None
