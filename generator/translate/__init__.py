"""Translation: engines behind one small interface (see engine.py), validated replies."""

from generator.translate.engine import Engine, EngineStats, EngineUnavailable
from generator.translate.registry import ENGINE_NAMES, create_engine
from generator.translate.settings import EngineSettings
from generator.translate.validate import rejection

__all__ = [
    "ENGINE_NAMES",
    "Engine",
    "EngineSettings",
    "EngineStats",
    "EngineUnavailable",
    "create_engine",
    "rejection",
]
