"""Front matter: written by a YAML library, read back unchanged, problems reported with lines."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import FrontMatterError
from generator.frontmatter import (
    briefing_to_data,
    load_briefing,
    read_page,
    render_page,
    write_page,
)
from generator.model import Briefing, Headline, Source

SHA = "a" * 64


def briefing(**overrides: object) -> Briefing:
    fields: dict[str, object] = {
        "id": "000-sample",
        "headline": Headline(ar="الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق"),
        "sources": [Source(path="articles/000.txt", sha256=SHA, format="txt", encoding="utf-8")],
    }
    fields.update(overrides)
    return Briefing.model_validate(fields)


def test_written_page_reads_back_identical(tmp_path: Path) -> None:
    path = tmp_path / "000-sample.md"
    original = briefing()
    write_page(path, briefing_to_data(original), "فقرة أولى.\n\nفقرة ثانية.")
    loaded, page = load_briefing(path)
    assert loaded == original
    assert page.body == "فقرة أولى.\n\nفقرة ثانية.\n"


def test_unchanged_page_is_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "000-sample.md"
    data = briefing_to_data(briefing())
    assert write_page(path, data, "نص.") is True
    stamp = path.stat().st_mtime_ns
    assert write_page(path, data, "نص.") is False
    assert path.stat().st_mtime_ns == stamp


@pytest.mark.parametrize(
    "headline",
    [
        "no",
        "on",
        "yes",
        "2020-01-07",
        "12:30",
        "null",
        "~",
        "1e3",
        "0x1F",
        "- item",
        "# not a comment",
        "key: value",
        "---",
        "!!python/object:os.system",
        "نعم: لا",
        "\u202eمعكوس",
        "line\nbreak",
    ],
)
def test_strings_that_yaml_would_retype_stay_strings(headline: str) -> None:
    text = render_page(briefing_to_data(briefing(headline=Headline(ar=headline))), "")
    header = text.split("---\n")[1]
    # Read as YAML 1.1 (PyYAML, what MkDocs uses) and it must still be the same string.
    assert yaml.safe_load(header)["headline"]["ar"] == headline


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("title: x\n", "(front matter): the page must start with '---'"),
        ("---\nid: x\n", "(front matter): no closing '---' line after the front matter"),
        ("---\nid: [unclosed\n---\n", "(yaml): invalid YAML"),
        ("---\n- a list\n---\n", "(front matter): expected a mapping of keys"),
    ],
)
def test_unreadable_front_matter_is_reported(tmp_path: Path, page: str, expected: str) -> None:
    path = tmp_path / "bad.md"
    path.write_text(page, encoding="utf-8")
    with pytest.raises(FrontMatterError) as caught:
        read_page(path)
    assert expected in str(caught.value.problems[0])


def test_every_invalid_key_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "000-sample.md"
    data = briefing_to_data(briefing())
    data["published"] = {"value": "7 Jan", "precision": "day", "confidence": "sure", "source": "x"}
    data["colour"] = "blue"
    write_page(path, data, "")
    with pytest.raises(FrontMatterError) as caught:
        load_briefing(path)
    messages = {(p.key, p.line): p.message for p in caught.value.problems}
    lines = path.read_text(encoding="utf-8").splitlines()
    published_line = lines.index("published:") + 1
    assert messages[("published.value", published_line + 1)] == (
        "expected YYYY, YYYY-MM or YYYY-MM-DD, got '7 Jan'"
    )
    assert "'sure'" in messages[("published.confidence", published_line + 3)]
    assert messages[("colour", lines.index("colour: blue") + 1)].startswith("unknown key;")
    # In line order, as an editor reads the file.
    assert [p.line for p in caught.value.problems] == sorted(
        p.line or 0 for p in caught.value.problems
    )


def test_editors_comments_order_and_quoting_survive_a_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "000-sample.md"
    write_page(path, briefing_to_data(briefing()), "نص.")
    text = path.read_text(encoding="utf-8").replace(
        "  provenance: detected\n",
        "  provenance: 'detected'  # checked by the desk\n# a note above the sources\n",
    )
    path.write_text(text, encoding="utf-8")
    page = read_page(path)
    assert render_page(page.data, page.body) == text


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=st.sampled_from(list("ab: -'\"#[]{}\t\n!&*|>%@`,?~0129.ن")), max_size=60))
def test_no_front_matter_ends_in_a_traceback(tmp_path: Path, header: str) -> None:
    path = tmp_path / "000-sample.md"
    path.write_text(f"---\n{header}\n---\nنص.\n", encoding="utf-8")
    try:
        load_briefing(path)
    except FrontMatterError as exc:
        assert exc.problems and all(str(p) for p in exc.problems)
