"""Fault injection: translation engines that raise, return garbage or die mid-batch, and a disk
that fills up. The run reports, keeps what succeeded, and every page on disk always parses and
validates: never a half-translated text, never a truncated page."""

from __future__ import annotations

import errno
import itertools
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from generator.cli import EXIT_ERRORS, EXIT_OK, main
from generator.collection.briefings import load_collection
from generator.context import Context
from generator.frontmatter import read_page
from generator.fsutil import TEMP_NAME
from generator.generate import generate
from generator.site.build import build_site
from generator.translate import service
from generator.translate.engine import (
    ChunkedEngine,
    EngineStats,
    EngineUnavailable,
    split_for_limit,
)
from generator.translate.pages import slots
from generator.translate.validate import rejection

ENOSPC = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
PIECE_LIMIT = 120  # small, so that long sentences are sent in several pieces
MARK = "Rendered:"


def english(arabic: str) -> str:
    """A fake translation that passes validation: Latin words, about as long as the source."""
    return MARK + " " + " ".join("word" for _ in arabic.split())


# --- engines ------------------------------------------------------------------------------------


class Scripted:
    """An engine whose whole reply to a call is scripted."""

    name = "google"

    def __init__(self, reply: Callable[[list[str]], Any]) -> None:
        self.reply = reply
        self.stats = EngineStats()

    def translate(self, texts: Sequence[str], source: str = "ar", target: str = "en") -> Any:
        self.stats.requests += 1
        return self.reply(list(texts))


def raising(texts: list[str]) -> Any:
    raise RuntimeError("connection reset by peer")


def garbage(texts: list[str]) -> Any:
    # Every kind of bad reply in turn, and a good one every seventh text.
    kinds = itertools.cycle(
        [
            lambda t: t,  # the Arabic echoed back (googletrans' failure mode)
            lambda t: "",
            lambda t: None,
            lambda t: 42,
            lambda t: "\ufffd\ufffd\ufffd",
            lambda t: "again " * 2_000,  # a looping model
            english,
        ]
    )
    return [kind(text) for kind, text in zip(kinds, texts, strict=False)]


def too_few(texts: list[str]) -> Any:
    return [english(text) for text in texts[1:]]


def not_a_list(texts: list[str]) -> Any:
    return "\n".join(english(text) for text in texts)


class Dying(ChunkedEngine):
    """Translates the first pieces of the batch, then breaks down (an exception mid-batch)."""

    name = "google"

    def __init__(self, survive: int, error: Exception) -> None:
        super().__init__(PIECE_LIMIT)
        self.survive = survive
        self.error = error

    def _translate_pieces(
        self, pieces: list[str], source: str, target: str, done: dict[str, str | None]
    ) -> None:
        for piece in pieces[: self.survive]:
            self.stats.requests += 1
            done[piece] = self._accept(piece, english(piece))
        raise self.error


ENGINES: dict[str, tuple[Callable[[], Any], str, bool]] = {
    # name: (engine factory, what the summary says (a pattern), whether some texts get
    # translated)
    "raising": (
        lambda: Scripted(raising),
        r"pending \(.*\) — google: RuntimeError: connection reset by peer$",
        False,
    ),
    "garbage": (lambda: Scripted(garbage), r"[1-9]\d* by engines .* field\(s\) pending", True),
    "too few results": (
        lambda: Scripted(too_few),
        r"— google: returned (\d+) result\(s\) for (\d+) text\(s\); none kept$",
        False,
    ),
    "not a list": (
        lambda: Scripted(not_a_list),
        r"— google: returned str result\(s\) for \d+ text\(s\); none kept$",
        False,
    ),
    "dies mid-batch": (
        lambda: Dying(12, EngineUnavailable("google", "connection lost")),
        r"[1-9]\d* by engines .* — google: connection lost$",
        True,
    ),
    "crashes mid-batch": (
        lambda: Dying(12, KeyError("sentences")),
        r"[1-9]\d* by engines .* — google: KeyError: 'sentences'$",
        True,
    ),
}


def english_records(root: Path) -> list[tuple[str, dict[str, Any]]]:
    collection = load_collection(root / "docs")  # raises if any page does not validate
    assert len(collection.entries) == 5
    records = []
    for page in sorted((root / "docs/briefings").glob("*.md")):
        for slot in slots(read_page(page).data):
            records.append((slot.ar, dict(slot.en)))
    return records


@pytest.mark.parametrize("case", list(ENGINES))
def test_a_failing_engine_leaves_honest_pages_and_keeps_what_succeeded(
    monkeypatch: pytest.MonkeyPatch, sample_project: Path, case: str
) -> None:
    make, reason, some = ENGINES[case]
    (sample_project / "translation-memory.yml").unlink()  # every text goes to the engine
    engine = make()
    monkeypatch.setattr(service, "create_engine", lambda name, settings, run: engine)
    ctx = Context.for_project(sample_project)

    summary = generate(ctx, translator_choice="google")

    assert summary.ok and len(summary.written) == 5
    said = re.search(reason, summary.translation.line())
    assert said, summary.translation.line()
    if case == "too few results":
        assert int(said[1]) == int(said[2]) - 1
    records = english_records(sample_project)
    machine = [(ar, en) for ar, en in records if en.get("status") == "machine"]
    for ar, en in records:
        if en.get("status") != "machine":
            assert en.get("status") == "pending" and "text" not in en, (ar, en)
    for ar, en in machine:
        assert en["engine"] == "google" and rejection(ar, en["text"]) is None
        # Whole texts only: a text sent in pieces has every piece translated, or stays pending.
        pieces = split_for_limit(ar, PIECE_LIMIT) if isinstance(engine, ChunkedEngine) else [ar]
        assert en["text"].count(MARK) == len(pieces), (ar, en)
    assert bool(machine) == some
    if some:
        assert len(machine) < len(records)

    # What succeeded is in the memory: a rerun without any engine shows the same English.
    for page in (sample_project / "docs/briefings").glob("*.md"):
        page.unlink()
    rerun = generate(Context.for_project(sample_project), translator_choice="none")
    assert rerun.translation.from_memory == len(machine)
    assert english_records(sample_project) == records


# --- a full disk --------------------------------------------------------------------------------


def fill_disk_after(
    monkeypatch: pytest.MonkeyPatch, matches: Callable[[str], bool], n: int
) -> None:
    """``os.write`` to files whose path ``matches`` works for ``n`` files, then the disk is
    full: the next such file gets half its bytes, then ENOSPC, as a real full disk does."""
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to tell which file a descriptor writes to")
    real_write = os.write
    files: list[str] = []

    def write(fd: int, data: Any) -> int:
        target = os.readlink(f"/proc/self/fd/{fd}")
        if matches(target):
            if target not in files:
                files.append(target)
            if len(files) > n:
                real_write(fd, bytes(data[: len(data) // 2]))
                raise ENOSPC
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)


def change_articles(root: Path, count: int) -> None:
    for path in sorted((root / "articles").glob("*.txt"))[:count]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text + "\nوأكد المتحدث أن المحادثات مستمرة.\n", encoding="utf-8")


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "docs/briefings").glob("*.md"))}


def temp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob(".*") if TEMP_NAME.match(p.name)]


@pytest.mark.parametrize("pages_before_full", [0, 1, 2])
def test_a_full_disk_while_writing_pages_leaves_every_page_whole(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    sample_project: Path,
    tmp_path: Path,
    pages_before_full: int,
) -> None:
    project = str(sample_project)
    assert main(["--project", project, "generate"]) == EXIT_OK
    old = snapshot(sample_project)
    change_articles(sample_project, 3)
    capsys.readouterr()

    fill_disk_after(monkeypatch, lambda path: "/docs/briefings/" in path, pages_before_full)
    code = main(["--project", project, "generate"])
    out = " ".join(capsys.readouterr().err.split())

    assert code == EXIT_ERRORS
    assert "No space left on device; the previous file is unchanged" in out
    now = snapshot(sample_project)
    assert len(load_collection(sample_project / "docs").entries) == 5
    assert sum(now[name] != old[name] for name in old) == pages_before_full
    assert temp_files(sample_project) == []

    monkeypatch.undo()  # space freed: the next run completes the work
    assert main(["--project", project, "generate"]) == EXIT_OK
    assert sum(snapshot(sample_project)[name] != old[name] for name in old) == 3


def test_a_full_disk_while_saving_the_memory_changes_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, sample_project: Path
) -> None:
    assert main(["--project", str(sample_project), "generate"]) == EXIT_OK
    memory = (sample_project / "translation-memory.yml").read_bytes()
    pages = snapshot(sample_project)
    # A new story: its headline and gist are texts the memory does not hold yet.
    (sample_project / "articles" / "new.txt").write_text(
        "البنتاغون يعلن تقليص مهمته العسكرية في العراق\n\n"
        "جددت وزارة الدفاع الأمريكية التزامها بتقليص مهمتها العسكرية في العراق خلال العام.\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(
        service,
        "create_engine",
        lambda name, settings, run: Scripted(lambda t: list(map(english, t))),
    )
    fill_disk_after(monkeypatch, lambda path: "translation-memory.yml" in path, 0)
    capsys.readouterr()

    code = main(["--project", str(sample_project), "generate", "--translator", "google"])
    out = " ".join(capsys.readouterr().err.split())
    assert code == EXIT_ERRORS
    assert "translation-memory.yml: No space left on device" in out
    assert (sample_project / "translation-memory.yml").read_bytes() == memory
    assert snapshot(sample_project) == pages
    assert temp_files(sample_project) == []


@pytest.mark.parametrize("incremental", [False, True])
def test_a_full_disk_during_the_site_build_keeps_the_previous_site(
    monkeypatch: pytest.MonkeyPatch, sample_project: Path, incremental: bool
) -> None:
    from mkdocs import utils

    assert main(["--project", str(sample_project), "build"]) == EXIT_OK
    site = sample_project / "site"
    before = {p: p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    real = utils.write_file
    written = itertools.count()

    def write_file(content: bytes, output_path: str) -> None:
        if next(written) >= 3:  # even an incremental build writes the home page and more
            raise ENOSPC
        real(content, output_path)

    monkeypatch.setattr(utils, "write_file", write_file)
    results = build_site(sample_project, parallel=False, incremental=incremental)

    assert [r.ok for r in results] == [False, False]
    assert results[0].error == "cannot write the site: No space left on device"
    assert {p: p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()} == before
    assert not list(sample_project.glob(".site-build-*"))


def test_a_missing_template_is_named_and_keeps_the_previous_site(sample_project: Path) -> None:
    """A project whose templates/ lacks one the site needs (copied from an older version)."""
    assert main(["--project", str(sample_project), "build"]) == EXIT_OK
    site = sample_project / "site"
    before = {p: p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    (sample_project / "templates" / "timeline_year.md.j2").unlink()

    results = build_site(sample_project, parallel=False, incremental=False)

    assert [r.ok for r in results] == [False, False]
    error = results[0].error or ""
    assert error.startswith("missing template: 'timeline_year.md.j2' not found"), error
    assert str(sample_project / "templates") in error
    assert {p: p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()} == before
