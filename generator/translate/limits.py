"""A total deadline for every engine request, and a cap on the size of its reply.

httpx's timeouts are per operation: a server that sends one byte every few seconds never
trips a read timeout, and a request can last for ever. So every socket the engines open
goes through ``DeadlineBackend``, which gives each connect, write and read only the time left
until the request's deadline (set around the request by ``request_limits``), and refuses a
reply larger than any real translation. The deadline covers the whole request: connecting,
the TLS handshake, sending, the headers and every read of the body. (The run's time budget
for translation, which bounds the sum of all requests and waits, is ``engine.TimeBudget``.)
"""

from __future__ import annotations

import contextlib
import ssl
import time
import typing
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

import httpcore
import httpx

# A reply to one request of at most 4,500 characters is a few kilobytes of JSON; far more is a
# hostile or broken server, and reading it would only fill the memory.
MAX_REPLY_BYTES = 4 * 1024 * 1024


@dataclass(slots=True)
class _Limits:
    deadline: float  # time.monotonic() value after which the request has failed
    seconds: float  # the deadline as a duration, for the message
    bytes_left: int


_CURRENT: ContextVar[_Limits | None] = ContextVar("translation_request_limits", default=None)


@contextlib.contextmanager
def request_limits(seconds: float) -> Iterator[None]:
    """Every socket operation inside this block shares one deadline, ``seconds`` from now."""
    token = _CURRENT.set(_Limits(time.monotonic() + seconds, seconds, MAX_REPLY_BYTES))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def _bounded(timeout: float | None, error: type[Exception]) -> float | None:
    """The operation's own timeout, shortened to what is left of the request's deadline."""
    limits = _CURRENT.get()
    if limits is None:
        return timeout
    left = limits.deadline - time.monotonic()
    if left <= 0:
        raise error(_passed(limits))
    return left if timeout is None else min(timeout, left)


def _passed(limits: _Limits) -> str:
    return f"no complete reply within the request deadline of {limits.seconds:.3g} s"


@contextlib.contextmanager
def _said_as_deadline(error: type[Exception]) -> Iterator[None]:
    """A timeout that struck because the deadline came says so, not "the read timed out"."""
    try:
        yield
    except error:
        limits = _CURRENT.get()
        if limits is not None and time.monotonic() >= limits.deadline:
            raise error(_passed(limits)) from None
        raise


class DeadlineStream(httpcore.NetworkStream):
    """A socket whose every operation ends by the request's deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        with _said_as_deadline(httpcore.ReadTimeout):
            data = self._stream.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))
        limits = _CURRENT.get()
        if limits is not None:
            limits.bytes_left -= len(data)
            if limits.bytes_left < 0:
                raise httpcore.ReadError(f"reply larger than {MAX_REPLY_BYTES} bytes")
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        with _said_as_deadline(httpcore.WriteTimeout):
            self._stream.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        with _said_as_deadline(httpcore.ConnectTimeout):
            stream = self._stream.start_tls(ssl_context, server_hostname, bounded)
        return DeadlineStream(stream)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._stream.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's own socket backend, with every stream it opens under the request deadline."""

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        with _said_as_deadline(httpcore.ConnectTimeout):
            stream = self._backend.connect_tcp(host, port, bounded, local_address, socket_options)
        return DeadlineStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(self._backend.connect_unix_socket(path, bounded, socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def enforce_deadlines(client: httpx.Client) -> httpx.Client:
    """Put every connection the client can open (direct, or through a proxy from the
    environment) under the request deadline. httpx has no public way to choose the socket
    backend, so this reaches its transports' pools; the versions are pinned in
    constraints.txt, and it fails loudly, at client creation, if their shape changes."""
    transports = [client._transport, *client._mounts.values()]
    for transport in transports:
        if transport is None:
            continue
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if not isinstance(backend, httpcore.NetworkBackend):
            raise RuntimeError(f"cannot bound the requests of {type(transport).__name__}")
        if not isinstance(backend, DeadlineBackend):
            pool._network_backend = DeadlineBackend(backend)  # type: ignore[union-attr]
    return client
