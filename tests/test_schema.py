"""The published JSON Schema: in sync with the model, referenced from every page, readable."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.utils.meta import get_data

from generator import frontmatter, schema
from generator.model import LOCKABLE, Briefing, Headline, Source

from .conftest import REPO

COMMITTED = REPO / schema.SCHEMA_FILE


def test_committed_schema_matches_the_model() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema.render(), (
        f"{schema.SCHEMA_FILE} is out of date with generator/model.py: "
        f"run `{schema.REGENERATE}` and commit the file"
    )


def test_the_schema_is_json_schema_2020_12() -> None:
    published = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert published["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert published["additionalProperties"] is False  # a typo in a key is reported
    assert set(published["required"]) == {"id", "headline", "sources"}


def _patterns(node: Any) -> set[str]:
    if isinstance(node, dict):
        own = {node["pattern"]} if isinstance(node.get("pattern"), str) else set()
        return own.union(*(_patterns(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_patterns(value) for value in node))
    return set()


def test_every_pattern_has_a_hint_for_editors() -> None:
    lock = Briefing.model_json_schema()["properties"]["locked"]["items"]["pattern"]
    assert _patterns(schema.json_schema()) - {lock} == set(schema.PATTERN_HINTS)


def test_lockable_keys_are_the_front_matter_keys_but_the_bookkeeping() -> None:
    keys = {field.alias or name for name, field in Briefing.model_fields.items()}
    assert set(LOCKABLE) == keys - {"schema", "id", "sources", "reviewed", "locked"}


@pytest.mark.parametrize(
    ("loc", "types"),
    [
        (("headline", "ar"), {"string"}),
        (("headline", "en", "text"), {"string", "null"}),
        (("published", "value"), {"string"}),
        (("quotes", 0, "rank"), {"integer"}),
        (("quotes", 0, "speaker", "en"), {"string", "null"}),
        (("events", 3, "entities", 0), {"string"}),
        (("reviewed",), {"boolean"}),
        (("outlet",), {"object", "null"}),
        (("colour",), set()),
    ],
)
def test_what_each_key_expects(loc: tuple[int | str, ...], types: set[str]) -> None:
    assert schema.types_at(loc) == types


def test_every_page_references_the_schema_and_mkdocs_reads_it(tmp_path: Path) -> None:
    page = tmp_path / "docs" / "briefings" / "000-sample.md"
    briefing = Briefing(
        id="000-sample",
        headline=Headline(ar="الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق"),
        sources=[Source(path="articles/000.txt", sha256="a" * 64, format="txt", encoding="utf-8")],
    )
    frontmatter.write_page(page, frontmatter.briefing_to_data(briefing), "نص.")
    text = page.read_text(encoding="utf-8")
    assert text.startswith(f"---\n# yaml-language-server: $schema={frontmatter.SCHEMA_REF}\n")
    # The path is relative to the page, as the yaml-language-server resolves it.
    assert (REPO / "docs" / "briefings" / frontmatter.SCHEMA_REF).resolve() == COMMITTED
    # MkDocs' own front-matter reader (YAML 1.1) sees the keys, not the comment.
    body, meta = get_data(text)
    assert meta["id"] == "000-sample" and body.strip() == "نص."
    # Round trips keep exactly one reference line, even when an editor duplicated it.
    loaded = frontmatter.read_page(page)
    assert frontmatter.render_page(loaded.data, loaded.body) == text
    page.write_text(text.replace("---\n", "---\n" + text.splitlines()[1] + "\n", 1), "utf-8")
    loaded = frontmatter.read_page(page)
    assert frontmatter.render_page(loaded.data, loaded.body) == text
    assert yaml.safe_load(text.split("---\n")[1])["headline"]["ar"] == briefing.headline.ar


def test_the_command_writes_the_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert schema.main([str(tmp_path)]) == 0
    assert (tmp_path / schema.SCHEMA_FILE).read_text(encoding="utf-8") == schema.render()
    assert schema.main([str(tmp_path)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith(": up to date")
