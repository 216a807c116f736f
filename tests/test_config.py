"""briefings.yml: defaults, typed values, clear errors, and the environment override."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from generator.config import CONFIG_FILE, TRANSLATOR_ENV, ProjectConfig, load_config
from generator.errors import ConfigError

from .conftest import REPO


def test_defaults_without_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TRANSLATOR_ENV, raising=False)
    config = load_config(tmp_path)
    assert config.translation.translator == "auto"
    assert config.translation.memory == "translation-memory.yml"
    assert config.translation.libretranslate.api_key_env == "LIBRETRANSLATE_API_KEY"


def test_values_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TRANSLATOR_ENV, raising=False)
    (tmp_path / CONFIG_FILE).write_text(
        "translation:\n  translator: libretranslate\n  requests_per_minute: 6\n"
        "  libretranslate:\n    url: http://127.0.0.1:5000\n",
        encoding="utf-8",
    )
    settings = load_config(tmp_path).translation
    assert settings.translator == "libretranslate"
    assert settings.requests_per_minute == 6
    assert settings.libretranslate.url == "http://127.0.0.1:5000"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("translation:\n  translator: deepl\n", "translation.translator: Input should be"),
        ("translation:\n  timeout: 0\n", "translation.timeout: Input should be greater than 0"),
        ("translation:\n  budget: 0\n", "translation.budget: Input should be greater than 0"),
        ("translation:\n  budget: soon\n", "translation.budget: Input should be a valid number"),
        (
            "translation:\n  request_deadline: -1\n",
            "translation.request_deadline: Input should be greater than 0",
        ),
        ("translation:\n  libretranslate:\n    api_key: s3cret\n", "api_key: Extra inputs"),
        ("translate: {}\n", "translate: Extra inputs are not permitted"),
        ("- a\n", "expected a mapping of settings, got list"),
        ("translation: [\n", "invalid YAML"),
    ],
)
def test_mistakes_name_the_file_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, message: str
) -> None:
    monkeypatch.delenv(TRANSLATOR_ENV, raising=False)
    (tmp_path / CONFIG_FILE).write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path)
    assert str(tmp_path / CONFIG_FILE) in str(error.value)
    assert message in str(error.value)


def test_environment_picks_the_translator(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TRANSLATOR_ENV, "none")
    assert load_config(tmp_path).translation.translator == "none"
    monkeypatch.setenv(TRANSLATOR_ENV, "babelfish")
    with pytest.raises(ConfigError, match="BRIEFINGS_TRANSLATOR='babelfish': expected one of"):
        load_config(tmp_path)


def test_time_limits_have_defaults_and_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(TRANSLATOR_ENV, raising=False)
    defaults = load_config(tmp_path).translation
    assert (defaults.request_deadline, defaults.budget) == (30.0, 600.0)
    (tmp_path / CONFIG_FILE).write_text(
        "translation:\n  request_deadline: 12\n  budget: 300\n", encoding="utf-8"
    )
    settings = load_config(tmp_path).translation
    assert (settings.request_deadline, settings.budget) == (12.0, 300.0)


def setting_paths(model: type[BaseModel], prefix: str = "") -> Iterator[str]:
    for name, field in model.model_fields.items():
        kind = field.annotation
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            yield from setting_paths(kind, f"{prefix}{name}.")
        else:
            yield prefix + name


def readme_settings_block() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(r"```yaml\n(translation:\n.*?)```", readme, re.S)
    assert found, "README.md lists the briefings.yml settings in a yaml block"
    return found[1]


def test_every_setting_is_documented_in_the_readme() -> None:
    block = readme_settings_block()
    documented = {}
    stack: list[tuple[int, str]] = []
    for line in block.splitlines():
        key = re.match(r"( *)([a-z_]+):", line)
        if not key:
            continue
        depth = len(key[1])
        stack = [(d, name) for d, name in stack if d < depth] + [(depth, key[2])]
        documented[".".join(name for _, name in stack)] = line
    for path in setting_paths(ProjectConfig):
        assert path in documented, f"{path} is not in README.md's briefings.yml block"
