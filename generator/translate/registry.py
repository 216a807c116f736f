"""Engines by name, built from their plain settings (``generator.translate.settings``)."""

from __future__ import annotations

from generator.translate.engine import Engine, EngineUnavailable
from generator.translate.settings import EngineSettings

ENGINE_NAMES = ("google", "libretranslate", "argos")


def create_engine(name: str, settings: EngineSettings) -> Engine:
    """A ready engine. Raises EngineUnavailable, with a hint, when it cannot be built here
    (argos not installed or without a model, libretranslate without a URL)."""
    # Imported here: an engine's module is loaded only when that engine is chosen.
    if name == "google":
        from generator.translate.google import GoogleEngine

        return GoogleEngine(settings)
    if name == "libretranslate":
        from generator.translate.libretranslate import LibreTranslateEngine

        return LibreTranslateEngine(settings)
    if name == "argos":
        from generator.translate.argos import ArgosEngine

        return ArgosEngine(settings)
    choices = ", ".join(ENGINE_NAMES)
    raise ValueError(f"unknown translation engine {name!r}; choose one of {choices}")


__all__ = ["ENGINE_NAMES", "EngineUnavailable", "create_engine"]
