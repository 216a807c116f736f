"""The project's own settings: ``briefings.yml`` beside ``mkdocs.yml`` (optional).

Only what the generator needs and MkDocs does not know about lives here: today, translation.
Every key is typed and documented; an unknown key or a wrong value is reported with the file,
the key path and what was expected, never silently ignored. Secrets (API keys) are never read
from this file, which is committed: it names the environment variable that holds them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ConfigError, Problem
from .yamlguard import PlainYaml, load_plain

CONFIG_FILE = "briefings.yml"
TRANSLATOR_ENV = "BRIEFINGS_TRANSLATOR"

TranslatorName = Literal["auto", "google", "libretranslate", "argos", "none"]
TRANSLATOR_NAMES: tuple[str, ...] = TranslatorName.__args__  # type: ignore[attr-defined]


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoogleSettings(Section):
    host: str = Field(
        default="translate.google.com", description="Google Translate web host to call."
    )
    ca_bundle: str | None = Field(
        default=None, description="Extra CA certificate file (desks behind a TLS proxy)."
    )


class LibreTranslateSettings(Section):
    url: str | None = Field(default=None, description="Base URL of a self-hosted LibreTranslate.")
    api_key_env: str = Field(
        default="LIBRETRANSLATE_API_KEY",
        description="Environment variable holding the API key (keys never go in this file).",
    )


class ArgosSettings(Section):
    model: str | None = Field(
        default=None, description="Path to an Arabic→English .argosmodel file, project-relative."
    )


class TranslationSettings(Section):
    translator: TranslatorName = Field(
        default="auto",
        description="auto: memory, then every engine that works; none: memory only.",
    )
    memory: str = Field(
        default="translation-memory.yml", description="Translation memory file, project-relative."
    )
    timeout: float = Field(default=10.0, gt=0, description="Seconds to connect, and per read.")
    request_deadline: float = Field(
        default=30.0, gt=0, description="Seconds a whole request may take, every read included."
    )
    budget: float = Field(
        default=600.0,
        gt=0,
        description="Seconds of translation per run; texts left then stay pending for the next.",
    )
    max_retries: int = Field(default=4, ge=0, description="Retries per request on 429/5xx.")
    requests_per_minute: float = Field(default=20.0, gt=0, description="Engine request limit.")
    google: GoogleSettings = Field(default_factory=GoogleSettings)
    libretranslate: LibreTranslateSettings = Field(default_factory=LibreTranslateSettings)
    argos: ArgosSettings = Field(default_factory=ArgosSettings)


class ProjectConfig(Section):
    translation: TranslationSettings = Field(default_factory=TranslationSettings)


def load_config(root: Path) -> ProjectConfig:
    """Read ``briefings.yml`` (defaults when absent); the environment may pick the translator."""
    path = root / CONFIG_FILE
    settings = PlainYaml(path, {})
    if path.is_file():
        try:
            settings = load_plain(path, path.read_text(encoding="utf-8"))  # plain data only
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{path}: not UTF-8 text ({exc.reason})") from None
        data = settings.data = settings.data or {}
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: expected a mapping of settings, got {type(data).__name__}")
    try:
        config = ProjectConfig.model_validate(settings.data)
    except ValidationError as exc:
        problems = [
            Problem(path, ".".join(map(str, e["loc"])), e["msg"], settings.line_at(e["loc"]))
            for e in exc.errors()
        ]
        raise ConfigError("\n".join(map(str, problems))) from None
    override = os.environ.get(TRANSLATOR_ENV, "").strip()
    if override:
        if override not in TRANSLATOR_NAMES:
            raise ConfigError(
                f"{TRANSLATOR_ENV}={override!r}: expected one of {', '.join(TRANSLATOR_NAMES)}"
            )
        config.translation.translator = override  # type: ignore[assignment]
    return config
