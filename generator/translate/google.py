"""Google Translate through googletrans-py, the product's declared engine, made safe to rely on.

googletrans-py (4.0.0) posts each text to ``https://{host}/_/TranslateWebserverUi/data/
batchexecute`` and parses the ``)]}'``-prefixed batchexecute reply. Its defaults are unsafe for
this product: with ``raise_exception`` off a failed request comes back as the Arabic input
dressed up as a translation, it sets no timeout, never retries, and has no idea of Google's
rate limit (HTTP 429 after a few dozen requests a minute, then bans for hours). So:

* ``raise_exception=True``, and an httpx client of our own (timeouts, CA bundle, and a response
  hook that raises ``ServiceStatus`` with the exact status and Retry-After);
* every request goes through ``RequestPolicy`` (rate limit, bounded retries, circuit breaker);
* texts are batched: several pieces joined with newlines in one request, the reply split by
  lines. Google usually keeps line breaks, but not always; when the line count differs, the
  batch is sent again one piece per request rather than guessing which line is which;
* every reply is validated (``validate.rejection``) before it is kept.
"""

from __future__ import annotations

import json
from functools import partial
from typing import TYPE_CHECKING

import httpx
from googletrans import Translator

from generator.translate.engine import ChunkedEngine, EngineContext, pack_batches
from generator.translate.policy import MalformedReply, RequestPolicy, ServiceStatus, http_client

if TYPE_CHECKING:
    from generator.config import TranslationSettings

# googletrans' own defaults: what the web page sends, so the reply has the web page's format.
_HEADERS = {
    "User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
    "Referer": "https://translate.google.com",
}


class GoogleEngine(ChunkedEngine):
    """Arabic to English with googletrans-py against ``settings.google.host``."""

    name = "google"

    def __init__(self, settings: TranslationSettings, run: EngineContext) -> None:
        super().__init__(run.max_chars_per_request)
        self.client = http_client(settings, run, headers=_HEADERS)
        translator = Translator(
            service_urls=(settings.google.host,), raise_exception=True, http2=False
        )
        # googletrans builds a bare client (no timeout, default CAs, no hook): use ours instead.
        translator.client.close()
        translator.client = self.client
        translator.token_acquirer.client = self.client
        self.translator = translator
        self.policy = RequestPolicy(self.name, settings, run, self.stats)

    def close(self) -> None:
        self.client.close()

    def _request(self, text: str, source: str, target: str) -> str:
        try:
            return str(self.translator.translate(text, dest=target, src=source).text)
        except (ServiceStatus, httpx.HTTPError):
            raise
        except (ValueError, TypeError, IndexError, KeyError, AttributeError) as error:
            # googletrans parses the reply with json.loads and fixed indexes: a cut-off or
            # changed reply surfaces as one of these (JSONDecodeError is a ValueError).
            detail = "not JSON" if isinstance(error, json.JSONDecodeError) else type(error).__name__
            raise MalformedReply(f"unreadable batchexecute reply ({detail})") from error

    def _one(self, piece: str, source: str, target: str) -> str | None:
        reply = self.policy.send(partial(self._request, piece, source, target), len(piece))
        if reply is None:
            self._no_reply([piece], self.policy.last_failure)
            return None
        return self._accept(piece, reply)

    def _translate_pieces(
        self, pieces: list[str], source: str, target: str, done: dict[str, str | None]
    ) -> None:
        for batch in pack_batches(pieces, self.max_chars):
            if len(batch) == 1:
                done[batch[0]] = self._one(batch[0], source, target)
                continue
            text = "\n".join(batch)
            reply = self.policy.send(partial(self._request, text, source, target), len(text))
            if reply is None:
                self._no_reply(batch, self.policy.last_failure)
                for piece in batch:
                    done[piece] = None
                continue
            lines = [line.strip() for line in reply.splitlines() if line.strip()]
            if len(lines) == len(batch):
                for piece, line in zip(batch, lines, strict=True):
                    done[piece] = self._accept(piece, line)
            else:
                for piece in batch:
                    done[piece] = self._one(piece, source, target)
