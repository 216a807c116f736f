"""Idempotence and reproducibility: reruns rewrite nothing, equal inputs build equal sites."""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import EXIT_OK, main

EPOCH = 1_700_000_000
# Long before any run of this test: a rewritten file would get the time of the rewrite.
OLD_MTIME_NS = 1_000_000_000 * 10**9


def outputs(root: Path) -> list[Path]:
    """Every file a run may write: all but the inputs, the site, the lock file and the
    caches (``.cache/`` is keyed by the reference day too, and is not committed)."""
    skip = {"articles", "site", "templates", ".briefings.lock", ".cache"}
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file() and path.relative_to(root).parts[0] not in skip
    )


def site_checksums(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize(
    ("first_day", "second_day"),
    [
        (EPOCH, EPOCH),
        (EPOCH, EPOCH + 40 * 86_400),  # weeks later: still nothing to rewrite
    ],
)
def test_a_second_generate_with_unchanged_inputs_rewrites_nothing(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    sample_project: Path,
    first_day: int,
    second_day: int,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(first_day))
    assert main(["--project", str(sample_project), "generate"]) == EXIT_OK
    before = {path: path.read_bytes() for path in outputs(sample_project)}
    for path in before:
        os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    capsys.readouterr()

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(second_day))
    assert main(["--project", str(sample_project), "generate"]) == EXIT_OK
    out = " ".join(capsys.readouterr().err.split())
    assert "0 briefing(s) written, 5 unchanged" in out
    assert outputs(sample_project) == sorted(before)  # no new file either
    for path, data in before.items():
        assert path.read_bytes() == data, path
        assert path.stat().st_mtime_ns == OLD_MTIME_NS, f"{path} was rewritten"


def build(root: Path, hash_seed: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": str(EPOCH),
        # With an address the sitemaps, feeds and OpenGraph tags hold absolute URLs too.
        "SITE_URL": "https://example.org/briefings/",
        # Set and dict orders differ between these runs: no output may depend on them.
        "PYTHONHASHSEED": hash_seed,
    }
    return subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(root), "build", "--no-generate"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,  # a guard against a hang, not a timing
    )


def test_two_builds_of_the_same_docs_give_byte_identical_sites(
    capsys: pytest.CaptureFixture[str], sample_project: Path, tmp_path: Path
) -> None:
    assert main(["--project", str(sample_project), "generate"]) == EXIT_OK
    # The same docs/ in another folder, with other file times: neither may show in the site.
    other = tmp_path / "elsewhere" / "copy"
    shutil.copytree(sample_project, other)
    for path in (other / "docs").rglob("*"):
        os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))

    first = build(sample_project, "1")
    assert first.returncode == 0, first.stderr
    sums = site_checksums(sample_project / "site")
    second = build(other, "2")
    assert second.returncode == 0, second.stderr
    assert site_checksums(other / "site") == sums
    again = build(sample_project, "3")  # and a rebuild in place
    assert again.returncode == 0, again.stderr
    assert site_checksums(sample_project / "site") == sums

    # The usual sources of churn, checked directly so a failure says which one came back.
    for language in ("", "en/"):
        with (sample_project / "site" / language / "sitemap.xml.gz").open("rb") as handle:
            handle.read(4)
            gzip_mtime = int.from_bytes(handle.read(4), "little")
        assert 0 < gzip_mtime <= EPOCH  # the build date from SOURCE_DATE_EPOCH, not the clock
        assert "<loc>https://example.org/briefings/" in gzip.decompress(
            (sample_project / "site" / language / "sitemap.xml.gz").read_bytes()
        ).decode("utf-8")
    for path in (sample_project / "site").rglob("*"):
        if path.suffix in {".html", ".xml", ".json"}:
            text = path.read_text(encoding="utf-8")
            assert str(sample_project) not in text, f"{path} names the build folder"
