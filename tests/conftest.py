"""Shared fixtures: a throwaway copy of the project to generate and build in."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .fake_translation_services import FakeGoogle, make_tls

# No test may reach the internet: runs (and the subprocesses they start) translate from the
# translation memory only, unless a test points an engine at a local fake service.
os.environ["BRIEFINGS_TRANSLATOR"] = "none"

REPO = Path(__file__).resolve().parent.parent
SAMPLE_ARTICLES = sorted((REPO / "articles").glob("*.txt"))
# What a project needs besides its articles: the site configuration and the templates.
PROJECT_FILES = ("mkdocs.yml", "mkdocs.en.yml", "templates", "docs/assets")
# The sample articles' translations (reviewed), so sample projects read as the real site does.
SAMPLE_MEMORY = "translation-memory.yml"


def make_project(target: Path, articles: list[Path] | None = None) -> Path:
    """A project folder with the repository's configuration and the given articles."""
    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    if (REPO / SAMPLE_MEMORY).is_file():
        shutil.copy2(REPO / SAMPLE_MEMORY, target / SAMPLE_MEMORY)
    (target / "articles").mkdir()
    for article in SAMPLE_ARTICLES if articles is None else articles:
        shutil.copy2(article, target / "articles" / article.name)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project (configuration, templates, no articles)."""
    return make_project(tmp_path / "project", articles=[])


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    """A project holding the five sample articles."""
    return make_project(tmp_path / "project")


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


@pytest.fixture(autouse=True)
def _tests_stay_on_this_machine(no_internet: None) -> None:
    """Every test runs under the network guard: no test may reach the internet."""


@pytest.fixture(scope="session")
def tls(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, str]:
    """A throwaway CA and server context for the HTTPS fake services (see make_tls)."""
    return make_tls(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def google(tls: tuple[Any, str]) -> Iterator[FakeGoogle]:
    """The fake Google Translate service on 127.0.0.1, over HTTPS."""
    with FakeGoogle(tls[0]) as service:
        yield service  # type: ignore[misc]


# Built sites shared across modules (each built once per session); see tests/sites.py.
from .sites import (  # noqa: E402
    sample_site,
    tricky_project,
    tricky_site_absolute,
    tricky_site_relative,
)

__all__ = ["sample_site", "tricky_project", "tricky_site_absolute", "tricky_site_relative"]
