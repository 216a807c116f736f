"""A hostile machine: a worker killed by the OOM killer, the run itself killed, a full disk.
Each ends in one clear line or a clean exit, never a traceback or a process left behind."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from generator import cli, pipeline
from generator.context import Context
from generator.model import Article

TITLE = "الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق"
LEAD = (
    "نفى وزير الدفاع الأمريكي مارك إسبر مساء أمس الاثنين وجود خطط لانسحاب القوات "
    "الأمريكية من العراق، وقال إن القوات باقية لمحاربة تنظيم داعش."
)
KILLED = "the process analysing it died (killed by the system, perhaps out of memory); skipped"


def write_articles(folder: Path, count: int) -> list[Path]:
    paths = []
    for n in range(count):
        path = folder / f"story-{n:02}.txt"
        path.write_text(f"{TITLE} رقم {n}\n\n{LEAD} الفقرة {n}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_a_worker_killed_by_the_system_costs_only_its_article(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = Context.for_project(project)
    paths = write_articles(ctx.articles_dir, pipeline.POOL_FROM + 4)
    victim = paths[5]
    clean = dict(pipeline.STAGES)["clean"]

    def out_of_memory(article: Article, ctx: Context) -> Article:
        # What the OOM killer does: SIGKILL, no exception, no cleanup.
        if article.source == victim:
            os.kill(os.getpid(), signal.SIGKILL)
        return clean(article, ctx)

    stages = [(n, out_of_memory if n == "clean" else fn) for n, fn in pipeline.STAGES]
    monkeypatch.setattr(pipeline, "STAGES", stages)
    results = list(pipeline.analyse_all(paths, ctx, workers=2))
    assert results[5] == pipeline.Skipped(victim, KILLED)
    others = results[:5] + results[6:]
    assert all(isinstance(r, Article) for r in others), others
    assert [r.source for r in others if isinstance(r, Article)] == paths[:5] + paths[6:]


# The run: analyses articles in a pool whose workers hang in a stage, after writing their pid.
HANGING_RUN = """
import os, sys, time
from pathlib import Path
from generator import pipeline
from generator.context import Context

pids = Path(sys.argv[2])
main = os.getpid()

def hang(article, ctx):
    if os.getpid() != main:
        with pids.open("a") as out:
            out.write(f"{os.getpid()}\\n")
        time.sleep(3600)
    return article

pipeline.STAGES = [(name, hang if name == "clean" else fn) for name, fn in pipeline.STAGES]
ctx = Context.for_project(Path(sys.argv[1]))
ctx.max_stage_seconds = None
paths = sorted(ctx.articles_dir.glob("*.txt"))
list(pipeline.analyse_all(paths, ctx, workers=2))
"""


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"  # a zombie has ended; only its exit status waits to be collected


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel's parent-death signal")
def test_workers_die_when_the_run_is_killed(project: Path, tmp_path: Path) -> None:
    write_articles(project / "articles", pipeline.POOL_FROM + 4)
    pids = tmp_path / "worker-pids"
    script = tmp_path / "run.py"
    script.write_text(textwrap.dedent(HANGING_RUN), encoding="utf-8")
    run = subprocess.Popen([sys.executable, str(script), str(project), str(pids)])
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(_pids(pids)) < 2:
            time.sleep(0.1)
        workers = _pids(pids)
        assert len(workers) == 2, "the workers never started"
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=30)
        deadline = time.monotonic() + 10  # generous: the kernel signals them at once
        while time.monotonic() < deadline and any(alive(pid) for pid in workers):
            time.sleep(0.1)
        survivors = [pid for pid in workers if alive(pid)]
    finally:
        run.kill()
        for pid in _pids(pids):
            if alive(pid):
                os.kill(pid, signal.SIGKILL)  # only the workers this test's run started
    assert survivors == []


def _pids(path: Path) -> list[int]:
    if not path.exists():
        return []
    return sorted({int(line) for line in path.read_text().split()})


def no_space(*args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("call", ["pwrite", "ftruncate"])
def test_a_full_disk_when_taking_the_lock_is_one_clear_line(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    call: str,
) -> None:
    # The lock file exists but is empty (an idle project): its pid needs a new block.
    (project / ".briefings.lock").touch()
    monkeypatch.setattr(os, call, no_space)
    status = cli.main(["--project", str(project), "generate"])
    monkeypatch.undo()
    err = " ".join(capsys.readouterr().err.split())
    assert status == cli.EXIT_ERRORS
    assert "Traceback" not in err
    assert err == (
        f"error: cannot write {project / '.briefings.lock'}: No space left on device; "
        "the previous file is unchanged"
    )
    # Nothing is left locked: the next run takes the lock.
    from generator.lock import project_lock

    with project_lock(project) as held:
        assert held.stale_pid is None
