"""The network guard: a fixture that fails any test reaching beyond this machine.

Kept free of project imports so that a test can install it as the conftest of a throwaway
pytest run (tests/test_translate_policy.py proves the guard works).
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

# Hosts a test may connect to: this machine only.
LOCAL_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
PROXY_VARIABLES = tuple(
    name for base in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY") for name in (base, base.lower())
)


@pytest.fixture
def no_internet(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail the test if anything resolves or connects to a host other than 127.0.0.1/localhost.

    The attempt itself fails at once (OSError), and the test fails at teardown even when the
    code under test swallowed that error. Proxy variables are cleared so that requests to the
    local fake services go straight to them."""
    attempts: list[str] = []
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            host = str(address[0])  # type: ignore[index]
            if host not in LOCAL_HOSTS:
                attempts.append(host)
                raise OSError(f"test tried to connect to {host}: tests stay on 127.0.0.1")
        real_connect(self, address)  # type: ignore[arg-type]

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        name = host.decode() if isinstance(host, bytes) else host
        if name and name not in LOCAL_HOSTS:  # None or "" mean this machine
            attempts.append(str(name))
            raise socket.gaierror(socket.EAI_NONAME, f"test tried to resolve {name}")
        return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    yield
    if attempts:
        pytest.fail(f"the test tried to reach the network: {sorted(set(attempts))}")
