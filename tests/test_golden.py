"""The sample articles still give exactly the committed pages, merge bases and site.

Refresh the goldens with ``python -m tests.golden`` after a change meant to alter the output;
the diff of ``docs/briefings/``, ``generated/base/`` and ``tests/golden/site.sha256`` then
shows what the change did to the product.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from . import golden


@pytest.fixture(scope="module")
def golden_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("golden")
    golden.run(root)
    return root


def text_diff(expected: dict[str, bytes], found: dict[str, bytes]) -> str:
    lines: list[str] = []
    for name in sorted(expected.keys() | found.keys()):
        old = expected.get(name, b"").decode("utf-8").splitlines(keepends=True)
        new = found.get(name, b"").decode("utf-8").splitlines(keepends=True)
        lines += difflib.unified_diff(old, new, f"golden/{name}", f"now/{name}", n=1)
    return "".join(lines)


@pytest.mark.parametrize("folder", golden.FOLDERS)
def test_the_samples_give_the_committed_outputs(golden_run: Path, folder: str) -> None:
    expected = golden.files(golden.REPO / folder)
    found = golden.files(golden_run / folder)
    assert found == expected, (
        f"{folder} differs from a fresh run (refresh with python -m tests.golden):\n"
        + text_diff(expected, found)[:20_000]
    )


def test_the_samples_build_the_committed_site(golden_run: Path) -> None:
    expected = golden.SITE_CHECKSUMS.read_text(encoding="utf-8").splitlines()
    found = golden.checksums(golden_run / "site").splitlines()
    changed = [line for line in difflib.unified_diff(expected, found, n=0, lineterm="")]
    assert found == expected, (
        "the site differs from tests/golden/site.sha256 (refresh with python -m tests.golden):\n"
        + "\n".join(changed[:200])
    )
