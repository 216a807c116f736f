"""briefings.yml: defaults, typed values, clear errors, and the environment override."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import CONFIG_FILE, TRANSLATOR_ENV, load_config
from generator.errors import ConfigError


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
