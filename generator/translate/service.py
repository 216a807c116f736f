"""One run's translator: the memory first, then the engines that work, else honestly pending.

Texts are looked up in the translation memory; only the misses go to an engine, in one batch
per engine, and every engine result is validated again before it is stored, so Arabic (or an
empty string) can never land in an English field. When no engine works the run still succeeds:
the texts stay pending and the reason is reported once, not per sentence. The run's engines
share one time budget; when it is spent, the texts left stay pending and the summary says so.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..config import TranslationSettings
from ..model import English
from .engine import BudgetExhausted, Engine, EngineContext, EngineUnavailable, TimeBudget
from .memory import TranslationMemory
from .registry import create_engine
from .validate import accept

# With ``auto``, engines that keep the text on the desk's machines come before the web service.
AUTO_ORDER = ("argos", "libretranslate", "google")


@dataclass(slots=True)
class TranslationReport:
    """What a run's translation did, for the one-line summary and the benchmark."""

    from_memory: int = 0
    translated: int = 0
    pending: int = 0
    rejected: int = 0
    requests: int = 0
    characters: int = 0
    unavailable: list[str] = field(default_factory=list)
    engines: list[str] = field(default_factory=list)  # the engines set up for the run
    # Per engine that kept working: texts it left without a translation, and why.
    shortfall: Counter[str] = field(default_factory=Counter)
    reasons: dict[str, Counter[str]] = field(default_factory=dict)
    budget_used_up: float | None = None  # the budget, in seconds, when it ran out
    seconds: float = 0.0  # spent looking up and translating
    # Fields left pending, by kind ("headline", "gist", "quotes", "events").
    pending_fields: Counter[str] = field(default_factory=Counter)

    def line(self) -> str:
        text = (
            f"Translation: {self.from_memory} text(s) from memory, {self.translated} by engines "
            f"({self.requests} request(s), {self.characters} characters)"
        )
        fields = sum(self.pending_fields.values())
        if not fields:
            return text + ", nothing pending"
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(self.pending_fields.items()))
        return f"{text}, {fields} field(s) pending ({kinds}) — {'; '.join(self.why_pending())}"

    def why_pending(self) -> list[str]:
        """Every reason texts stayed pending, from what the run did (never from the setting)."""
        why = []
        if self.budget_used_up is not None:
            why.append(f"time budget of {self.budget_used_up:g} s for translation used up")
        why.extend(self.unavailable)
        for engine, texts in self.shortfall.items():
            counted = self.reasons.get(engine, Counter()).most_common()
            detail = ", ".join(f"{n} {reason}" for reason, n in counted)
            why.append(
                f"{engine}: no valid translation for {texts} text(s)"
                + (f" ({detail})" if detail else "")
            )
        if not why and not self.engines:
            why.append("translator 'none': memory only")
        return why or ["no engine was asked"]


class Translator:
    def __init__(
        self,
        memory: TranslationMemory,
        engines: Sequence[Engine],
        today: str,
        budget: TimeBudget | None = None,
    ) -> None:
        self.memory = memory
        self.engines = list(engines)
        self.today = today
        self.budget = budget
        self.report = TranslationReport(engines=[engine.name for engine in self.engines])
        self._failed: set[str] = set()
        self._rejected: dict[str, Counter[str]] = {}  # reasons found here, per engine

    def english(self, texts: Sequence[str]) -> list[English]:
        """An English record per text (same order): memory, engine, or pending."""
        started = time.perf_counter()
        misses = {text for text in texts if self.memory.get(text) is None}
        if misses:
            self._translate(sorted(misses))
        results = []
        for text in texts:
            entry = self.memory.get(text)
            if entry is None:
                self.report.pending += 1
                results.append(English())
                continue
            if text in misses:
                self.report.translated += 1
            else:
                self.report.from_memory += 1
            results.append(
                English(
                    text=entry.en,
                    status="reviewed" if entry.reviewed else "machine",
                    engine=entry.engine,
                )
            )
        self.report.seconds += time.perf_counter() - started
        return results

    def _translate(self, texts: list[str]) -> None:
        remaining = texts
        if self.budget is not None:
            self.budget.start()
        for engine in self.engines:
            if not remaining or engine.name in self._failed:
                continue
            if self.budget is not None and self.budget.remaining() <= 0:
                self.report.budget_used_up = self.budget.seconds
                break
            before = (engine.stats.requests, engine.stats.characters)
            try:
                results = engine.translate(remaining)
            except BudgetExhausted as exc:
                # Not the engine's fault: what it did is kept, and no other engine is asked.
                self.report.budget_used_up = exc.seconds
                self._keep(engine.name, remaining, exc.partial or [None] * len(remaining))
                break  # (the finally clause below still counts its requests)
            except EngineUnavailable as exc:
                self._failed.add(engine.name)
                self.report.unavailable.append(str(exc))
                # What it translated before breaking down was paid for: keep it.
                results = exc.partial or [None] * len(remaining)
            except Exception as exc:  # a library's own error or a bug: this engine is done
                self._failed.add(engine.name)
                self.report.unavailable.append(f"{engine.name}: {type(exc).__name__}: {exc}")
                results = [None] * len(remaining)
            finally:
                self._account(engine, before)
            still = self._keep(engine.name, remaining, results)
            if still and engine.name not in self._failed:
                self.report.shortfall[engine.name] += len(still)
                # Chunked engines count their own refusals; this translator counts the rest.
                theirs: Counter[str] = Counter(getattr(engine, "rejections", {}))
                ours = self._rejected.get(engine.name, Counter())
                self.report.reasons[engine.name] = ours + theirs
            remaining = still

    def _account(self, engine: Engine, before: tuple[int, int]) -> None:
        self.report.requests += engine.stats.requests - before[0]
        self.report.characters += engine.stats.characters - before[1]

    def _keep(self, engine: str, texts: list[str], results: object) -> list[str]:
        """Store the valid results in the memory; return the texts still without one."""
        if not isinstance(results, list) or len(results) != len(texts):
            # Replies out of step with the texts cannot be matched to them: none is kept.
            count = len(results) if isinstance(results, list) else type(results).__name__
            self.report.unavailable.append(
                f"{engine}: returned {count} result(s) for {len(texts)} text(s); none kept"
            )
            self._failed.add(engine)
            return texts
        still = []
        for source, target in zip(texts, results, strict=True):
            # Checked again here: whatever an engine does, no Arabic (and no control character
            # or lone surrogate) reaches an English field or the memory file.
            if not isinstance(target, str) or not target:
                still.append(source)
                continue
            text, reason = accept(source, target)
            if text is None:
                self.report.rejected += 1
                self._rejected.setdefault(engine, Counter())[str(reason)] += 1
                still.append(source)
                continue
            self.memory.record(source, text, engine=engine, date=self.today, reviewed=False)
        return still

    def close(self) -> None:
        """Release the engines' connections (end of run)."""
        for engine in self.engines:
            close = getattr(engine, "close", None)
            if close is not None:
                close()

    def remember_reviewed(self, source: str, target: str, engine: str | None) -> None:
        """An editor's translation: it wins over every engine from now on."""
        self.memory.record(
            source, target, engine=engine or "editor", date=self.today, reviewed=True
        )


def engine_names(choice: str) -> list[str]:
    if choice == "none":
        return []
    if choice == "auto":
        return list(AUTO_ORDER)
    return [choice]


def open_translator(
    root: Path, settings: TranslationSettings, today: str, *, choice: str | None = None
) -> Translator:
    """The run's translator: memory from the project, engines for the chosen translator.

    With ``auto`` an engine that cannot even be set up (argos not installed, no LibreTranslate
    URL) is skipped quietly; an engine asked for by name that cannot be set up is reported.
    """
    choice = choice or settings.translator
    memory = TranslationMemory.load(root / settings.memory)
    budget = TimeBudget(settings.budget)
    run = EngineContext(root=root, budget=budget)
    engines: list[Engine] = []
    translator_notes: list[str] = []
    for name in engine_names(choice):
        try:
            engines.append(create_engine(name, settings, run))
        except EngineUnavailable as exc:
            if choice != "auto":
                translator_notes.append(str(exc))
    translator = Translator(memory, engines, today, budget)
    translator.report.unavailable.extend(translator_notes)
    return translator
