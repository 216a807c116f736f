"""Argos Translate: offline neural translation for users who install it and a model file.

Optional (``pip install argostranslate`` pulls in PyTorch, so it is not a dependency and is not
installed in CI). The model comes from a file the user already has (``argos_model``, an
``.argosmodel`` archive), installed with ``argostranslate.package.install_from_path``. This
module never calls ``update_package_index`` or ``get_available_packages``: they download the
package index, and offline they hang for minutes before failing.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.translate.engine import ChunkedEngine, EngineContext, EngineUnavailable

if TYPE_CHECKING:
    from generator.config import TranslationSettings

INSTALL_HINT = (
    "install it with: pip install argostranslate, then set argos_model to an .argosmodel file"
)


class ArgosEngine(ChunkedEngine):
    """Arabic to English with an installed Argos Translate package; no network, no rate limit."""

    name = "argos"

    def __init__(self, settings: TranslationSettings, run: EngineContext) -> None:
        super().__init__(run.max_chars_per_request)
        model = _model_path(run.project_path(settings.argos.model))
        try:
            self._package = importlib.import_module("argostranslate.package")
            self._translate = importlib.import_module("argostranslate.translate")
        except ImportError as error:
            reason = f"argostranslate is not installed; {INSTALL_HINT}"
            raise EngineUnavailable(self.name, reason) from error
        self._model = model
        self._budget = run.budget
        self._translations: dict[tuple[str, str], Any] = {}
        self._ensure("ar", "en")

    def _installed(self, source: str, target: str) -> bool:
        return any(
            package.from_code == source and package.to_code == target
            for package in self._package.get_installed_packages()
        )

    def _ensure(self, source: str, target: str) -> None:
        """Install the model file when no installed package translates source -> target."""
        if self._installed(source, target):
            return
        if self._model is None:
            raise EngineUnavailable(
                self.name,
                f"no {source} -> {target} package is installed; set argos_model to "
                "an .argosmodel file",
            )
        try:
            self._package.install_from_path(self._model)
        except Exception as error:  # argostranslate raises a bare Exception for a bad archive
            raise EngineUnavailable(self.name, f"cannot install {self._model}: {error}") from error
        if not self._installed(source, target):
            raise EngineUnavailable(
                self.name, f"{self._model} does not translate {source} -> {target}"
            )

    def _translation(self, source: str, target: str) -> Any:
        if (source, target) not in self._translations:
            self._ensure(source, target)
            languages = {lang.code: lang for lang in self._translate.get_installed_languages()}
            found = None
            if source in languages and target in languages:
                found = languages[source].get_translation(languages[target])
            if found is None:
                raise EngineUnavailable(self.name, f"no {source} -> {target} translation loaded")
            self._translations[(source, target)] = found
        return self._translations[(source, target)]

    def _translate_pieces(
        self, pieces: list[str], source: str, target: str, done: dict[str, str | None]
    ) -> None:
        translation = self._translation(source, target)
        for piece in pieces:
            if self._budget is not None:  # a piece takes seconds on a CPU: check between them
                self._budget.check(self.name)
            self.stats.requests += 1
            self.stats.characters += len(piece)
            try:
                reply = translation.translate(piece)
            except Exception as error:  # a model error on one text must not stop the others
                self.rejections[f"model error: {type(error).__name__}"] += 1
                done[piece] = None
                continue
            done[piece] = self._accept(piece, reply if isinstance(reply, str) else None)


def _model_path(value: str | None) -> Path | None:
    """The model file, checked before anything is imported: a wrong path is a setting to fix."""
    if not value:
        return None
    path = Path(value).expanduser()
    if path.suffix != ".argosmodel":
        raise EngineUnavailable("argos", f"argos_model {value!r} is not an .argosmodel file")
    if not path.is_file():
        raise EngineUnavailable("argos", f"argos_model {value!r}: no such file")
    return path
