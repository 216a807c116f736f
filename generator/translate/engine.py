"""The engine interface, and the shared shape of every engine: chunk, translate, validate.

An engine turns a list of Arabic texts into English texts *or None*. None is the honest answer
whenever no trustworthy translation came back (a rejected reply, retries exhausted): the caller
keeps the field pending instead of showing something that may be the Arabic source in disguise.

``EngineUnavailable`` is different: the engine cannot work at all in this run (not installed,
host unreachable, access refused). Every engine is also a circuit breaker: once it has raised,
it raises again at once, so an offline run costs one failed connection, not one per sentence.
"""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from generator.text.chars import characters
from generator.translate.validate import accept

# Where a long text may be cut: after a sentence end (Arabic question mark U+061F and the
# Urdu/Arabic full stop U+06D4 included), else after a clause mark (Arabic comma U+060C,
# semicolon U+061B), else at a space.
_SENTENCE_END = re.compile(rf"(?<=[{re.escape(characters('sentence_end'))}])\s+")
_CLAUSE_END = re.compile(rf"(?<=[{re.escape(characters('clause_end'))}])\s+")
_SPACES = re.compile(r"\s+")


class EngineUnavailable(Exception):
    """The engine cannot work at all in this run; ``str()`` is ``"<engine>: <reason>"``.

    ``partial`` holds what this call had already translated when the engine broke down (same
    length and order as its texts, None elsewhere), so requests already paid for are not lost.
    """

    def __init__(
        self, engine: str, reason: str, *, partial: list[str | None] | None = None
    ) -> None:
        self.engine = engine
        self.reason = reason
        self.partial = partial
        super().__init__(f"{engine}: {reason}")


class BudgetExhausted(EngineUnavailable):
    """The run's time budget for translation is used up: the remaining texts stay pending."""

    def __init__(self, engine: str, seconds: float) -> None:
        super().__init__(engine, f"time budget of {seconds:g} s for translation used up")
        self.seconds = seconds


class TimeBudget:
    """A run's time for translation, shared by its engines. Retries, waits for Retry-After and
    slow replies add up; when the budget is spent the remaining texts stay pending, the pages
    are written, and the next run picks the texts up. It counts from ``start``, when the first
    text goes to an engine, because the analysis before it is not translation time."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self._started: float | None = None

    def start(self) -> None:
        if self._started is None:
            self._started = self.clock()

    def remaining(self) -> float:
        if self._started is None:
            return self.seconds
        return self.seconds - (self.clock() - self._started)

    def check(self, engine: str, needed: float = 0.0) -> None:
        """Raise BudgetExhausted when less than ``needed`` seconds (or nothing) are left."""
        left = self.remaining()
        if left <= 0 or left < needed:
            raise BudgetExhausted(engine, self.seconds)


@dataclass
class EngineStats:
    """What an engine cost. Retries count as requests, and their characters count again."""

    requests: int = 0
    characters: int = 0
    retries: int = 0
    failures: int = 0  # texts that got no valid translation
    rate_waits: float = 0.0  # seconds slept by the rate limiter (not the retry backoff)


class Engine(Protocol):
    name: str  # "google", "libretranslate", "argos"
    stats: EngineStats

    def translate(
        self, texts: Sequence[str], source: str = "ar", target: str = "en"
    ) -> list[str | None]:
        """Same length and order as texts; None = no valid translation for that text.

        Raises EngineUnavailable when the engine cannot work at all, and at once on every call
        after that (circuit breaker)."""
        ...


# Under Google's 5000-character limit for one request, with room to spare.
MAX_CHARS_PER_REQUEST = 4500


@dataclass(frozen=True, slots=True)
class EngineContext:
    """What a run gives its engines besides their settings (``config.TranslationSettings``,
    checked once, when ``briefings.yml`` is read)."""

    root: Path = Path()  # the project: the settings' file paths are relative to it
    budget: TimeBudget | None = None  # the run's time for translation, shared by its engines
    # Where an API key is read from, by the variable the settings name (never from a file).
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ, repr=False)
    max_chars_per_request: int = MAX_CHARS_PER_REQUEST  # tests make it small
    # Injectable so tests check the waits the engines compute, never wall time.
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)

    def __post_init__(self) -> None:
        if self.max_chars_per_request < 100:
            raise ValueError(
                f"max_chars_per_request must be at least 100, not {self.max_chars_per_request}"
            )

    def project_path(self, value: str | None) -> str | None:
        """A file named in the settings, as an absolute path; None when none is named."""
        return str((self.root / value).resolve()) if value else None


class ChunkedEngine:
    """The common flow: split long texts into pieces under the request limit, translate each
    distinct piece once, put texts back together, and validate pieces and whole texts.

    Subclasses implement ``_translate_pieces``, filling ``done`` piece by piece (so a breakdown
    mid-way still returns what was done in ``EngineUnavailable.partial``) and passing every
    reply through ``_accept``.
    """

    name = "engine"

    def __init__(self, max_chars: int) -> None:
        self.max_chars = max_chars
        self.stats = EngineStats()
        # Why texts were rejected ("identical to the source": 3 ...), for the run's summary.
        self.rejections: Counter[str] = Counter()
        self._broken: EngineUnavailable | None = None

    def translate(
        self, texts: Sequence[str], source: str = "ar", target: str = "en"
    ) -> list[str | None]:
        if self._broken is not None:
            raise EngineUnavailable(self.name, self._broken.reason)
        plans = [split_for_limit(text, self.max_chars) for text in texts]
        # The same sentence twice in one call (a quote repeated in the gist) costs one request.
        pieces = list(dict.fromkeys(piece for plan in plans for _, piece in plan))
        done: dict[str, str | None] = {}
        try:
            if pieces:
                self._translate_pieces(pieces, source, target, done)
        except EngineUnavailable as error:
            self._broken = error
            error.partial = self._assemble(texts, plans, done, count=False)
            raise
        except Exception as exc:
            # A client library's own exception mid-batch: the engine is broken for this run,
            # and the pieces it did translate are kept, as for any breakdown.
            broken = EngineUnavailable(self.name, f"{type(exc).__name__}: {exc}")
            self._broken = broken
            broken.partial = self._assemble(texts, plans, done, count=False)
            raise broken from exc
        return self._assemble(texts, plans, done)

    def _translate_pieces(
        self, pieces: list[str], source: str, target: str, done: dict[str, str | None]
    ) -> None:
        raise NotImplementedError

    def _accept(self, piece: str, translation: str | None) -> str | None:
        """The translation if it passes validation, else None (and the reason is counted)."""
        text, reason = accept(piece, translation)
        if reason is not None:
            self.rejections[reason] += 1
        return text

    def _no_reply(self, pieces: list[str], why: str) -> None:
        """Pieces whose request failed for good: no translation, and the reason counted."""
        self.rejections[f"no reply ({why})"] += len(pieces)

    def _assemble(
        self,
        texts: Sequence[str],
        plans: list[list[tuple[str, str]]],
        done: dict[str, str | None],
        count: bool = True,
    ) -> list[str | None]:
        results: list[str | None] = []
        for text, plan in zip(texts, plans, strict=True):
            if not plan:  # nothing but whitespace: there is nothing to translate
                results.append("")
                continue
            parts = [done.get(piece) for _, piece in plan]
            if any(part is None for part in parts):
                results.append(None)
            elif len(plan) == 1:
                results.append(parts[0])  # already validated as a piece
            else:
                # A text made of several pieces is validated again as a whole: each piece may
                # pass while the whole is still mostly untranslated.
                pairs = zip(plan, parts, strict=True)
                joined = "".join(sep + str(part) for (sep, _), part in pairs)
                results.append(self._accept(text, joined))
        if count:  # texts a breakdown left untried are not the engine's failures
            self.stats.failures += sum(result is None for result in results)
        return results


def split_for_limit(text: str, limit: int) -> list[tuple[str, str]]:
    """A text as (separator, piece) pairs, each piece at most ``limit`` characters and without
    line breaks: lines first (newlines are the batch separator, see google.py), then sentences,
    then clauses, then words, and a hard cut only for a word longer than the limit. Joining
    ``sep + piece`` gives the text back up to whitespace. Blank text gives no pieces."""
    plan: list[tuple[str, str]] = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        for index, piece in enumerate(_pack(_units(line, limit), limit, " ")):
            plan.append(((" " if index else "\n") if plan else "", piece))
    return plan


def _units(line: str, limit: int) -> list[str]:
    """Pieces of one line no longer than the limit, cut at the gentlest boundary that works."""
    if len(line) <= limit:
        return [line]
    for boundary in (_SENTENCE_END, _CLAUSE_END, _SPACES):
        parts = boundary.split(line)
        if len(parts) > 1:
            return [unit for part in parts for unit in _units(part, limit)]
    return [line[i : i + limit] for i in range(0, len(line), limit)]


def _pack(units: list[str], limit: int, joiner: str) -> list[str]:
    """Neighbouring units joined back together while they fit: fewer, fuller pieces."""
    pieces: list[str] = []
    for unit in units:
        if pieces and len(pieces[-1]) + len(joiner) + len(unit) <= limit:
            pieces[-1] += joiner + unit
        else:
            pieces.append(unit)
    return pieces


def pack_batches(pieces: list[str], limit: int, separator_length: int = 1) -> list[list[str]]:
    """Pieces grouped in order into batches whose total size, with one separator between
    neighbours, stays within the limit (each piece is already within it)."""
    batches: list[list[str]] = []
    size = 0
    for piece in pieces:
        if batches and size + separator_length + len(piece) <= limit:
            batches[-1].append(piece)
            size += separator_length + len(piece)
        else:
            batches.append([piece])
            size = len(piece)
    return batches
