"""The command line: summaries, exit codes and clear messages for user mistakes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import EXIT_ERRORS, EXIT_OK, main

from .conftest import SAMPLE_ARTICLES


def run(capsys: pytest.CaptureFixture[str], project: Path, *args: str) -> tuple[int, str]:
    code = main(["--project", str(project), *args])
    return code, " ".join(capsys.readouterr().err.split())


def test_generate_writes_one_briefing_per_article(
    capsys: pytest.CaptureFixture[str], sample_project: Path
) -> None:
    code, out = run(capsys, sample_project, "generate")
    assert code == EXIT_OK
    assert "5 article file(s) read (0 unchanged since analysed), 5 briefing(s) written, 0 " in out
    assert "analysed 000_" in out
    assert len(list((sample_project / "docs/briefings").glob("*.md"))) == 5


def test_second_generate_rewrites_nothing(
    capsys: pytest.CaptureFixture[str], sample_project: Path
) -> None:
    run(capsys, sample_project, "generate")
    before = {p: p.read_bytes() for p in (sample_project / "docs/briefings").glob("*.md")}
    code, out = run(capsys, sample_project, "generate")
    assert code == EXIT_OK
    assert "5 article file(s) read (5 unchanged since analysed), 0 briefing(s) written" in out
    assert "analysed" not in out.replace("since analysed", "")  # no line per unchanged article
    assert "5 unchanged, 0 skipped" in out
    assert before == {p: p.read_bytes() for p in (sample_project / "docs/briefings").glob("*.md")}


def test_slug_survives_regeneration_of_a_changed_article(
    capsys: pytest.CaptureFixture[str], sample_project: Path
) -> None:
    run(capsys, sample_project, "generate")
    article = sample_project / "articles" / SAMPLE_ARTICLES[1].name
    article.write_text(article.read_text(encoding="utf-8") + "\nفقرة أضيفت لاحقاً.\n", "utf-8")
    code, out = run(capsys, sample_project, "generate")
    assert code == EXIT_OK
    assert "1 briefing(s) written, 4 unchanged" in out
    assert f"analysed {article.name}" in out and "(4 unchanged since analysed)" in out
    assert len(list((sample_project / "docs/briefings").glob("*.md"))) == 5


def test_bad_input_is_skipped_with_a_reason_and_others_are_written(
    capsys: pytest.CaptureFixture[str], sample_project: Path
) -> None:
    (sample_project / "articles" / "empty.txt").write_text("", encoding="utf-8")
    code, out = run(capsys, sample_project, "generate")
    assert code == EXIT_ERRORS
    assert "6 article file(s) read (0 unchanged since analysed), 5 briefing(s) written, 0 " in out
    assert "0 unchanged, 1 skipped" in out
    assert "empty.txt: file is empty; skipped" in out


def test_missing_articles_folder_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], project: Path
) -> None:
    shutil.rmtree(project / "articles")
    code, out = run(capsys, project, "generate")
    assert code == EXIT_ERRORS
    assert f"error: no articles folder at {project / 'articles'}" in out


def test_check_reports_every_problem_with_file_line_and_key(
    capsys: pytest.CaptureFixture[str], sample_project: Path
) -> None:
    run(capsys, sample_project, "generate")
    pages = sorted((sample_project / "docs/briefings").glob("*.md"))
    first = pages[0].read_text(encoding="utf-8").replace("reviewed: false", "reviewed: maybe")
    pages[0].write_text(first, encoding="utf-8")
    second = pages[1].read_text(encoding="utf-8").replace("format: txt", "format: pdf")
    pages[1].write_text(second, encoding="utf-8")
    code, out = run(capsys, sample_project, "check")
    assert code == EXIT_ERRORS
    assert f"{pages[0]}:" in out and ": reviewed: Input should be a valid boolean" in out
    assert (
        f"{pages[1]}:" in out and ": sources.0.format: Input should be 'txt', 'md' or 'html'" in out
    )
    assert "2 problem(s) found." in out


def test_build_with_invalid_front_matter_keeps_the_previous_site(
    capsys: pytest.CaptureFixture[str], sample_project: Path
) -> None:
    assert run(capsys, sample_project, "build")[0] == EXIT_OK
    index = (sample_project / "site/index.html").read_bytes()
    page = next((sample_project / "docs/briefings").glob("*.md"))
    page.write_text(page.read_text(encoding="utf-8").replace("schema: 1", "schema: one"), "utf-8")
    code, out = run(capsys, sample_project, "build", "--no-generate")
    assert code == EXIT_ERRORS
    assert "schema: Input should be a valid integer" in out
    assert "Site not built" in out
    assert "Traceback" not in out
    assert (sample_project / "site/index.html").read_bytes() == index
