"""`briefings serve` builds, serves both languages on 127.0.0.1, and rebuilds on a change."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from generator.frontmatter import read_page, write_page

from .conftest import SAMPLE_ARTICLES, make_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_serve_previews_both_languages_and_rebuilds(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", SAMPLE_ARTICLES[:1])
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "--project", str(root), "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        base = f"http://127.0.0.1:{port}/"
        assert 'lang="ar" dir="rtl"' in fetch(base, deadline)
        assert 'lang="en" dir="ltr"' in fetch(base + "en/", deadline)

        path = next((root / "docs/briefings").glob("*.md"))
        page = read_page(path)
        page.data["headline"]["ar"] = "عنوان صححه محرر"
        write_page(path, page.data, page.body)
        url = f"{base}briefings/{path.stem}/"
        while "عنوان صححه محرر" not in fetch(url, deadline):
            assert time.monotonic() < deadline, "the edit never reached the served site"
            time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=30)
