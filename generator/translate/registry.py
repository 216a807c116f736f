"""Engines by name.

Their settings are the project's (``config.TranslationSettings``, validated once when
``briefings.yml`` is read); an engine only checks what it cannot work without (a URL, a model
file) and says how to fix it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.translate.engine import Engine, EngineContext, EngineUnavailable

if TYPE_CHECKING:
    from generator.config import TranslationSettings

ENGINE_NAMES = ("google", "libretranslate", "argos")


def create_engine(
    name: str, settings: TranslationSettings, run: EngineContext | None = None
) -> Engine:
    """A ready engine. Raises EngineUnavailable, with a hint, when it cannot be built here
    (argos not installed or without a model, libretranslate without a URL)."""
    run = run or EngineContext()
    # Imported here: an engine's module is loaded only when that engine is chosen.
    if name == "google":
        from generator.translate.google import GoogleEngine

        return GoogleEngine(settings, run)
    if name == "libretranslate":
        from generator.translate.libretranslate import LibreTranslateEngine

        return LibreTranslateEngine(settings, run)
    if name == "argos":
        from generator.translate.argos import ArgosEngine

        return ArgosEngine(settings, run)
    choices = ", ".join(ENGINE_NAMES)
    raise ValueError(f"unknown translation engine {name!r}; choose one of {choices}")


__all__ = ["ENGINE_NAMES", "EngineContext", "EngineUnavailable", "create_engine"]
