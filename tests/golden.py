"""The golden outputs of the sample articles: pages, merge bases and the built site.

The five sample articles are generated afresh in an empty project (with the bundled
translation memory) and built into a site on a fixed day. The pages and merge bases must equal
the repository's own ``docs/briefings/`` and ``generated/base/`` byte for byte; the site must
equal the checksums in ``tests/golden/site.sha256``. A change that alters any output fails
``tests/test_golden.py`` until the goldens are refreshed, and then the diff shows a reviewer
exactly what changed:

    python -m tests.golden          # refresh docs/briefings/, generated/base/ and the checksums
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SITE_CHECKSUMS = REPO / "tests" / "golden" / "site.sha256"
# The outputs compared whole, as folders of the project.
FOLDERS = ("docs/briefings", "generated/base")
# What the golden run is given: the configuration, the templates, the assets and the memory.
INPUTS = ("mkdocs.yml", "mkdocs.en.yml", "templates", "docs/assets", "translation-memory.yml")
# A fixed day and address, so the feeds, sitemaps and relative dates do not follow the clock.
ENVIRONMENT = {
    "SOURCE_DATE_EPOCH": "1700000000",
    "SITE_URL": "https://example.org/briefings/",
    "BRIEFINGS_TRANSLATOR": "none",
}


def run(root: Path) -> None:
    """Generate and build the sample articles in an empty project at ``root``."""
    for name in INPUTS:
        source, target = REPO / name, root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
    shutil.copytree(REPO / "articles", root / "articles")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(root), "build"],
        capture_output=True,
        text=True,
        env=os.environ | ENVIRONMENT,
        timeout=600,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"the golden build failed:\n{result.stdout}\n{result.stderr}")


def files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def checksums(site: Path) -> str:
    """One line per site file: its SHA-256 and its path, in path order (as sha256sum writes)."""
    return "".join(
        f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in files(site).items()
    )


def refresh() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        run(root)
        for folder in FOLDERS:
            shutil.rmtree(REPO / folder, ignore_errors=True)
            shutil.copytree(root / folder, REPO / folder)
        SITE_CHECKSUMS.parent.mkdir(parents=True, exist_ok=True)
        SITE_CHECKSUMS.write_text(checksums(root / "site"), encoding="utf-8")


if __name__ == "__main__":
    refresh()
    print(f"refreshed {', '.join(FOLDERS)} and {SITE_CHECKSUMS.relative_to(REPO)}")
