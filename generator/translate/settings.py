"""The plain settings every translation engine is built from.

The project configuration (read and validated elsewhere) fills ``EngineSettings``; this module
only checks what an engine cannot work without and says how to fix it. It imports no engine, so
the engines and the registry that builds them can all import it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.translate.engine import TimeBudget


@dataclass(frozen=True)
class EngineSettings:
    """Plain values for every engine; each engine reads the ones it needs."""

    timeout: float = 10.0  # seconds for connecting and for each read
    request_deadline: float = 30.0  # seconds for a whole request, every read included
    max_retries: int = 4  # further attempts after a 429, a 5xx, a timeout or a cut-off reply
    requests_per_minute: float = 20.0  # Google bans bursts; a self-hosted server can take more
    max_chars_per_request: int = 4500  # under Google's 5000-character limit, with room to spare
    google_host: str = "translate.google.com"  # tests point it at 127.0.0.1:<port>
    ca_bundle: str | None = None  # an extra CA file (tests; desks behind TLS-inspecting proxies)
    libretranslate_url: str | None = None
    libretranslate_api_key: str | None = None
    argos_model: str | None = None  # path to an .argosmodel file
    budget: TimeBudget | None = None  # the run's time for translation, shared by its engines
    # Injectable so tests check the waits the engines compute, never wall time.
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)

    def __post_init__(self) -> None:
        problems = []
        if self.timeout <= 0:
            problems.append(f"timeout must be more than 0 seconds, not {self.timeout}")
        if self.request_deadline <= 0:
            problems.append(
                f"request_deadline must be more than 0 seconds, not {self.request_deadline}"
            )
        if self.max_retries < 0:
            problems.append(f"max_retries must be 0 or more, not {self.max_retries}")
        if self.requests_per_minute <= 0:
            problems.append(
                f"requests_per_minute must be more than 0, not {self.requests_per_minute}"
            )
        if self.max_chars_per_request < 100:
            problems.append(
                f"max_chars_per_request must be at least 100, not {self.max_chars_per_request}"
            )
        if problems:
            raise ValueError("; ".join(problems))
