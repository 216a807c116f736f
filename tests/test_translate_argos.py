"""The argos engine (optional, not installed here: it pulls in PyTorch) and the engine registry.

Real code paths tested: argostranslate missing, and the settings checks. The adapter itself is
exercised against a STAND-IN for argostranslate injected into sys.modules (``standin`` below): a
few lines imitating the package's API, NOT the real package, so it shows the adapter calls the
API as documented (install_from_path, get_installed_packages, get_installed_languages) and never
the package index, not that Argos translates well.
"""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.config import ArgosSettings, TranslationSettings
from generator.translate import ENGINE_NAMES, EngineContext, EngineUnavailable, create_engine
from generator.translate.argos import INSTALL_HINT
from generator.translate.engine import BudgetExhausted, TimeBudget
from tests.fake_translation_services import FakeClock, gloss

pytestmark = pytest.mark.usefixtures("no_internet")

QUOTE = "لا يوجد قرار على الإطلاق بالانسحاب من العراق"
TITLE = "الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق"


def test_engine_names() -> None:
    assert ENGINE_NAMES == ("google", "libretranslate", "argos")


def test_unknown_engine() -> None:
    with pytest.raises(ValueError) as error:
        create_engine("deepl", TranslationSettings())
    assert str(error.value) == (
        "unknown translation engine 'deepl'; choose one of google, libretranslate, argos"
    )


def test_building_the_google_engine_sends_nothing() -> None:
    engine = create_engine("google", TranslationSettings())
    assert engine.name == "google" and engine.stats.requests == 0


def test_argos_not_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "argostranslate", None)  # import fails, as on CI
    with pytest.raises(EngineUnavailable) as error:
        create_engine("argos", TranslationSettings())
    assert str(error.value) == f"argos: argostranslate is not installed; {INSTALL_HINT}"
    assert INSTALL_HINT == (
        "install it with: pip install argostranslate, then set argos_model to an .argosmodel file"
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param("ar_en.zip", " is not an .argosmodel file", id="suffix"),
        pytest.param("missing.argosmodel", ": no such file", id="missing"),
    ],
)
def test_argos_model_setting_is_checked_first(tmp_path: Path, name: str, message: str) -> None:
    path = tmp_path / name
    with pytest.raises(EngineUnavailable) as error:
        create_engine("argos", TranslationSettings(argos=ArgosSettings(model=str(path))))
    assert str(error.value) == f"argos: argos_model '{path}'{message}"


# --- A STAND-IN for argostranslate (not the real package) ----------------------------------


@dataclass
class StandIn:
    installed: list[tuple[str, str]] = field(default_factory=list)
    model_pairs: list[tuple[str, str]] = field(default_factory=lambda: [("ar", "en")])
    reply: str = "gloss"  # "gloss", "echo" or "error" for one text
    model_seconds: float = 0.0  # time each translation takes on ``clock``
    clock: FakeClock = field(default_factory=FakeClock)
    calls: list[str] = field(default_factory=list)


@pytest.fixture
def standin(monkeypatch: pytest.MonkeyPatch) -> StandIn:
    state = StandIn()
    package = types.ModuleType("argostranslate.package")
    translate = types.ModuleType("argostranslate.translate")

    def get_installed_packages() -> list[types.SimpleNamespace]:
        return [types.SimpleNamespace(from_code=a, to_code=b) for a, b in state.installed]

    def install_from_path(path: Path) -> None:
        state.calls.append(f"install {Path(path).name}")
        state.installed.extend(state.model_pairs)

    def never(*args: object) -> None:
        raise AssertionError("the package index must never be used (it hangs offline)")

    class Translation:
        def translate(self, text: str) -> str:
            state.calls.append("translate")
            state.clock.sleep(state.model_seconds)
            if state.reply == "error" and text == TITLE:
                raise RuntimeError("model failure")
            return text if state.reply == "echo" else gloss(text)

    class Language:
        def __init__(self, code: str) -> None:
            self.code = code

        def get_translation(self, other: Language) -> Translation | None:
            return Translation() if (self.code, other.code) in state.installed else None

    def get_installed_languages() -> list[Language]:
        return [Language(code) for code in sorted({c for pair in state.installed for c in pair})]

    package.get_installed_packages = get_installed_packages  # type: ignore[attr-defined]
    package.install_from_path = install_from_path  # type: ignore[attr-defined]
    package.update_package_index = never  # type: ignore[attr-defined]
    package.get_available_packages = never  # type: ignore[attr-defined]
    translate.get_installed_languages = get_installed_languages  # type: ignore[attr-defined]
    root = types.ModuleType("argostranslate")
    root.package, root.translate = package, translate  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "argostranslate", root)
    monkeypatch.setitem(sys.modules, "argostranslate.package", package)
    monkeypatch.setitem(sys.modules, "argostranslate.translate", translate)
    return state


@pytest.fixture
def model(tmp_path: Path) -> str:
    path = tmp_path / "translate-ar_en-1_0.argosmodel"
    path.write_bytes(b"PK stand-in")
    return str(path)


def test_argos_installs_the_model_file_once(standin: StandIn, model: str) -> None:
    engine = create_engine("argos", TranslationSettings(argos=ArgosSettings(model=model)))
    assert engine.translate([QUOTE, TITLE]) == [gloss(QUOTE), gloss(TITLE)]
    assert standin.calls == ["install translate-ar_en-1_0.argosmodel", "translate", "translate"]
    assert (engine.stats.requests, engine.stats.characters) == (2, len(QUOTE) + len(TITLE))


def test_argos_uses_an_installed_package_without_a_model(standin: StandIn) -> None:
    standin.installed.append(("ar", "en"))
    engine = create_engine("argos", TranslationSettings())
    assert engine.translate([QUOTE]) == [gloss(QUOTE)]
    assert standin.calls == ["translate"]


def test_argos_without_package_or_model(standin: StandIn) -> None:
    with pytest.raises(EngineUnavailable) as error:
        create_engine("argos", TranslationSettings())
    assert str(error.value) == (
        "argos: no ar -> en package is installed; set argos_model to an .argosmodel file"
    )


def test_argos_model_of_the_wrong_languages(standin: StandIn, model: str) -> None:
    standin.model_pairs = [("en", "ar")]
    with pytest.raises(EngineUnavailable) as error:
        create_engine("argos", TranslationSettings(argos=ArgosSettings(model=model)))
    assert str(error.value) == f"argos: {model} does not translate ar -> en"


@pytest.mark.parametrize(
    ("reply", "results", "reasons"),
    [
        pytest.param("echo", [None, None], {"identical to the source": 2}, id="echo"),
        pytest.param("error", [gloss(QUOTE), None], {"model error: RuntimeError": 1}, id="error"),
    ],
)
def test_argos_bad_replies_end_as_none(
    standin: StandIn, model: str, reply: str, results: list[str | None], reasons: dict[str, int]
) -> None:
    standin.reply = reply
    engine = create_engine("argos", TranslationSettings(argos=ArgosSettings(model=model)))
    assert engine.translate([QUOTE, TITLE]) == results
    assert engine.rejections == reasons  # type: ignore[attr-defined]
    assert engine.stats.failures == results.count(None)


def test_argos_stops_between_pieces_when_the_time_budget_is_spent(
    standin: StandIn, model: str
) -> None:
    standin.model_seconds = 3.0  # a CPU model takes seconds a sentence
    budget = TimeBudget(5.0, clock=standin.clock.clock)
    budget.start()
    engine = create_engine(
        "argos", TranslationSettings(argos=ArgosSettings(model=model)), EngineContext(budget=budget)
    )
    with pytest.raises(BudgetExhausted) as error:
        engine.translate([QUOTE, TITLE, QUOTE + " " + TITLE])
    assert error.value.partial == [gloss(QUOTE), gloss(TITLE), None]
