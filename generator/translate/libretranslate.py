"""A self-hosted LibreTranslate server, for desks whose sources must never leave their network.

API (LibreTranslate ``POST /translate``): JSON ``{"q": [texts], "source": "ar", "target": "en",
"format": "text", "api_key": ...}`` answers ``{"translatedText": [...]}`` in the same order. The
server takes a list, so batching needs no separator trick; ``format: text`` keeps it from
treating the text as HTML. Errors: 400 (bad request), 403 (wrong or missing API key), 429 (its
own rate limit), 500 (the model failed). Same rate, retry and validation rules as Google.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from generator.translate.engine import (
    ChunkedEngine,
    EngineContext,
    EngineUnavailable,
    pack_batches,
)
from generator.translate.policy import MalformedReply, RequestPolicy, http_client

if TYPE_CHECKING:
    from generator.config import TranslationSettings

_HINT = "set libretranslate_url to the server's address, e.g. http://localhost:5000"


class LibreTranslateEngine(ChunkedEngine):
    """Arabic to English with a LibreTranslate server at ``settings.libretranslate.url``."""

    name = "libretranslate"

    def __init__(self, settings: TranslationSettings, run: EngineContext) -> None:
        super().__init__(run.max_chars_per_request)
        url = (settings.libretranslate.url or "").strip()
        if not url:
            raise EngineUnavailable(self.name, f"no server configured: {_HINT}")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise EngineUnavailable(self.name, f"{url!r} is not an http(s) address: {_HINT}")
        self.endpoint = url.rstrip("/") + "/translate"
        self.api_key = run.environ.get(settings.libretranslate.api_key_env) or None
        self.client = http_client(settings, run)
        self.policy = RequestPolicy(self.name, settings, run, self.stats)

    def close(self) -> None:
        self.client.close()

    def _request(self, batch: list[str], source: str, target: str) -> list[str]:
        payload: dict[str, Any] = {"q": batch, "source": source, "target": target, "format": "text"}
        if self.api_key:
            payload["api_key"] = self.api_key
        response = self.client.post(self.endpoint, json=payload)
        try:
            translated = response.json()["translatedText"]
        except (ValueError, KeyError, TypeError) as error:
            raise MalformedReply(f"unreadable reply ({type(error).__name__})") from error
        if not isinstance(translated, list) or len(translated) != len(batch):
            raise MalformedReply(f"expected {len(batch)} translations in the reply")
        return [item if isinstance(item, str) else "" for item in translated]

    def _translate_pieces(
        self, pieces: list[str], source: str, target: str, done: dict[str, str | None]
    ) -> None:
        for batch in pack_batches(pieces, self.max_chars, separator_length=0):
            request = partial(self._request, batch, source, target)
            replies = self.policy.send(request, sum(map(len, batch)))
            if replies is None:
                self._no_reply(batch, self.policy.last_failure)
            for index, piece in enumerate(batch):
                done[piece] = self._accept(piece, replies[index]) if replies is not None else None
