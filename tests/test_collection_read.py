"""Reading a collection for the first time: by several processes, with the same result and the
same problems, in file order, as one process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.collection import briefings
from generator.collection.briefings import load_collection
from generator.errors import FrontMatterError

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A copy of the sample pages."""
    target = tmp_path / "docs" / "briefings"
    target.mkdir(parents=True)
    for path in sorted((ROOT / "docs" / "briefings").glob("*.md")):
        shutil.copy(path, target / path.name)
    return tmp_path / "docs"


def read(docs: Path, monkeypatch: pytest.MonkeyPatch, parallel_from: int) -> object:
    monkeypatch.setattr(briefings, "PARALLEL_READ_FROM", parallel_from)
    try:
        return load_collection(docs, cache=False).entries
    except FrontMatterError as exc:
        return [str(problem) for problem in exc.problems]


def test_several_processes_read_what_one_reads(docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = read(docs, monkeypatch, 10_000)
    assert read(docs, monkeypatch, 2) == alone
    assert len(alone) == 5  # type: ignore[arg-type]


def test_problems_come_in_file_order_whoever_read_them(
    docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = sorted((docs / "briefings").glob("*.md"))
    first, last = pages[0], pages[-1]
    first.write_text(first.read_text("utf-8").replace("\nschema: 1\n", "\nschema: x\n"), "utf-8")
    last.write_text(last.read_text("utf-8").replace("\nid: ", "\nid: Not An Id "), "utf-8")
    alone = read(docs, monkeypatch, 10_000)
    assert isinstance(alone, list) and len(alone) >= 2
    assert first.name in alone[0] and last.name in alone[-1]
    assert read(docs, monkeypatch, 2) == alone
