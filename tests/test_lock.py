"""One run at a time: the project lock, its message, stale locks and concurrent runs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator import lock
from generator.cli import EXIT_ERRORS, EXIT_OK, main
from generator.collection.briefings import load_collection
from generator.site.swap import STAGING_PREFIX

# A process that takes the lock, says so, and holds it until its stdin closes. With "fork",
# it first starts a child (as the site build starts its workers) that outlives it.
HOLDER = """
import os, sys, time
from pathlib import Path
from generator.lock import acquire
held = acquire(Path(sys.argv[1]))
if sys.argv[2] == "fork":
    child = os.fork()
    if child == 0:
        time.sleep(60)
        os._exit(0)
    print(child, flush=True)
print("locked", flush=True)
sys.stdin.read()
"""
# Far above any pid_max (2**22 on Linux): no process has it.
DEAD_PID = 99_999_999


def start_holder(root: Path, mode: str = "plain") -> tuple[subprocess.Popen[str], int | None]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    child = int(holder.stdout.readline()) if mode == "fork" else None
    assert holder.stdout.readline().strip() == "locked"
    return holder, child


def message(root: Path, pid: int) -> str:
    return (
        f"another briefings run (pid {pid}) is working on this project ({root}); wait for it "
        "to finish and run the command again"
    )


def test_a_second_lock_in_the_same_process_is_refused(tmp_path: Path) -> None:
    with lock.project_lock(tmp_path), pytest.raises(lock.LockError) as refused:
        lock.acquire(tmp_path)
    assert str(refused.value) == message(tmp_path, os.getpid())
    with lock.project_lock(tmp_path) as held:  # released: free again
        assert held.stale_pid is None


def test_the_lock_file_names_the_holder_and_is_emptied_on_release(tmp_path: Path) -> None:
    with lock.project_lock(tmp_path):
        assert (tmp_path / lock.LOCK_FILE).read_text() == f"{os.getpid()}\n"
    assert (tmp_path / lock.LOCK_FILE).read_text() == ""


@pytest.mark.parametrize("command", [["generate"], ["build"], ["build", "--no-generate"]])
def test_a_run_refuses_while_another_process_holds_the_lock(
    capsys: pytest.CaptureFixture[str], sample_project: Path, command: list[str]
) -> None:
    holder, _ = start_holder(sample_project)
    try:
        code = main(["--project", str(sample_project), *command])
        out = " ".join(capsys.readouterr().err.split())
        assert code == EXIT_ERRORS
        assert f"error: {message(sample_project, holder.pid)}" in out
        assert not (sample_project / "docs" / "briefings").exists()  # nothing was touched
        assert not (sample_project / "site").exists()
    finally:
        holder.communicate("")
    assert main(["--project", str(sample_project), "generate"]) == EXIT_OK


def test_a_killed_holder_leaves_a_stale_lock_that_the_next_run_takes_over(
    tmp_path: Path,
) -> None:
    holder, _ = start_holder(tmp_path)
    holder.kill()
    holder.wait()
    # What a run killed mid-way leaves: a temporary page, a staging folder of the site build.
    briefings = tmp_path / "docs" / "briefings"
    briefings.mkdir(parents=True)
    temp_page = briefings / ".000-abc.md.k3j9x_2a.tmp"
    temp_page.write_text("---\nid: 000-ab", encoding="utf-8")
    staging = tmp_path / f"{STAGING_PREFIX}{DEAD_PID}-q1w2e3"
    (staging / "ar").mkdir(parents=True)
    notes = tmp_path / "docs" / ".notes.tmp"  # an editor's file, not ours: kept
    notes.write_text("x", encoding="utf-8")
    with lock.project_lock(tmp_path) as held:
        assert held.stale_pid == holder.pid
        assert sorted(held.cleaned) == sorted([temp_page, staging])
    assert not temp_page.exists() and not staging.exists() and notes.exists()


def test_a_worker_of_a_killed_run_does_not_keep_the_lock(tmp_path: Path) -> None:
    # POSIX record locks belong to the process that took them: a forked worker left running
    # after its run was killed (SIGKILL, no clean-up) does not hold the project.
    holder, child = start_holder(tmp_path, mode="fork")
    assert child is not None
    try:
        holder.kill()
        holder.wait()
        os.kill(child, 0)  # the worker still runs
        with lock.project_lock(tmp_path) as held:
            assert held.stale_pid == holder.pid
    finally:
        os.kill(child, signal.SIGKILL)


def test_the_cli_says_when_it_cleans_up_after_a_killed_run(
    capsys: pytest.CaptureFixture[str], sample_project: Path
) -> None:
    holder, _ = start_holder(sample_project)
    holder.kill()
    holder.wait()
    assert main(["--project", str(sample_project), "generate"]) == EXIT_OK
    out = " ".join(capsys.readouterr().err.split())
    assert f"note: a previous run (pid {holder.pid}) was interrupted" in out


def test_two_concurrent_builds_never_corrupt_the_project(sample_project: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    command = [sys.executable, "-m", "generator", "--project", str(sample_project), "build"]
    runs = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outcomes = []
    for run in runs:
        _, err = run.communicate(timeout=600)
        outcomes.append((run.returncode, " ".join(err.decode("utf-8").split())))
    # Either run may win the race; the loser stops at once, before touching anything.
    assert EXIT_OK in [code for code, _ in outcomes]
    for code, err in outcomes:
        assert code == EXIT_OK or "another briefings run (pid" in err, err
    assert len(load_collection(sample_project / "docs").entries) == 5
    assert (sample_project / "site" / "index.html").is_file()
    assert (sample_project / "site" / "en" / "index.html").is_file()
    assert not list(sample_project.glob(f"{STAGING_PREFIX}*"))
