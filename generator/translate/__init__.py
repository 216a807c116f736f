"""Translation: engines behind one small interface (see engine.py), validated replies."""

from generator.translate.engine import Engine, EngineContext, EngineStats, EngineUnavailable
from generator.translate.registry import ENGINE_NAMES, create_engine
from generator.translate.validate import rejection

__all__ = [
    "ENGINE_NAMES",
    "Engine",
    "EngineContext",
    "EngineStats",
    "EngineUnavailable",
    "create_engine",
    "rejection",
]
