"""Local stand-ins for Google Translate and LibreTranslate: real HTTP(S) servers on 127.0.0.1.

The engines under test run their real client code (googletrans-py, httpx) against these
servers, which speak the services' wire formats: Google's ``batchexecute`` form post and its
``)]}'``-prefixed reply, LibreTranslate's JSON ``/translate``. Each server answers from a script
of behaviours (``service.then("429", "ok")``), falling back to ``service.default``:

    ok       a deterministic fake translation (``gloss``: each Arabic word spelled in Latin
             letters), so a good reply is valid Latin text of a plausible length
    echo     the source unchanged (what googletrans returns on failure by default)
    arabic   mostly the Arabic source, one word glossed
    short    only the first word glossed (a truncated translation)
    join     Google only: the lines of a batch joined into one line (newlines lost)
    count    LibreTranslate only: one translation fewer than texts asked for
    429      HTTP 429; "429:7" adds "Retry-After: 7"
    400/401/403/500/503   that HTTP status
    slow     sleep ``slow_seconds`` (past the client's timeout), then ok
    trickle  an ok reply sent one byte every ``trickle_seconds``, headers included: each read
             gets a byte well within the read timeout, so only a total deadline ends it
    surrogate / control / bidi / marks   an ok reply holding a lone surrogate (JSON
             ``"\\ud800"``), a C0 control (U+0002), a bidi override (U+202E), or the
             harmless direction marks LRM and RLM
    cut      200 whose connection closes half-way through the promised body
    half     200 with a complete HTTP message whose body is a cut-off reply

Every request is recorded (``service.requests``) before it is answered.
"""

from __future__ import annotations

import contextlib
import json
import ssl
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import trustme

GOOGLE_PATH = "/_/TranslateWebserverUi/data/batchexecute"
RPC_ID = "MkEWBc"  # googletrans' RPC id for translation

# Arabic letters spelled in Latin (a loose Buckwalter-like scheme, letters only) for ``gloss``.
_LATIN = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "aa", "ء": "", "ؤ": "u", "ئ": "i", "ب": "b", "ت": "t",
    "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s",
    "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "a", "غ": "gh", "ف": "f", "ق": "q",
    "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ي": "y", "ى": "a", "ة": "a",
    "،": ",", "؛": ";", "؟": "?", "ـ": "",
}  # fmt: skip
_LATIN.update({chr(0x0660 + digit): str(digit) for digit in range(10)})  # Arabic-Indic digits
_LATIN.update({chr(code): "" for code in range(0x064B, 0x0653)})  # short vowels, shadda, sukun


def gloss(text: str) -> str:
    """The fake service's "translation": Arabic letters spelled in Latin, the rest kept."""
    return "".join(_LATIN.get(char, char) for char in text)


def reply_text(behaviour: str, text: str) -> str:
    """The translation a behaviour gives for one text (a line of a Google batch)."""
    if behaviour == "echo":
        return text
    words = text.split()
    if behaviour == "arabic":
        return " ".join([gloss(words[0]), *words[1:]]) if words else text
    if behaviour == "short":
        return gloss(words[0]) if words else ""
    if behaviour in _INSERTED:
        head, _, tail = gloss(text).partition(" ")
        return head + _INSERTED[behaviour] + " " + tail
    return gloss(text)


# What the hostile behaviours put into an otherwise good reply.
_INSERTED = {
    "surrogate": "\ud800",
    "control": "\x02",
    "bidi": "\u202e",
    "marks": "\u200e\u200f",
}


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a handler still sleeping ("slow") must not hold up shutdown
    block_on_close = False

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients close kept-alive connections (and time out) whenever they like: not an error.
        if isinstance(sys.exc_info()[1], (ConnectionError, ssl.SSLError, TimeoutError)):
            return
        super().handle_error(request, client_address)


@dataclass
class Recorded:
    path: str
    texts: list[str]  # Google: the one text posted (a batch has several lines)
    behaviour: str
    body: dict[str, Any] = field(default_factory=dict)  # the decoded request


class FakeService:
    """A threaded HTTP(S) server on 127.0.0.1 that answers from a script of behaviours."""

    scheme = "http"
    content_type: dict[str, str] = {}

    def __init__(
        self,
        tls: ssl.SSLContext | None = None,
        slow_seconds: float = 1.5,
        trickle_seconds: float = 1.0,
    ) -> None:
        self.default = "ok"
        self.script: deque[str] = deque()
        self.requests: list[Recorded] = []
        self.slow_seconds = slow_seconds
        self.trickle_seconds = trickle_seconds
        self._lock = threading.Lock()
        service = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length)
                # The client may have given up (its timeout): then there is nobody to answer.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError, ssl.SSLError):
                    service._answer(self, raw)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # keep test output clean

        self.server = _Server(("127.0.0.1", 0), Handler)
        if tls is not None:
            self.scheme = "https"
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        # A short poll interval: shutdown() waits for the loop to notice, 0.5 s by default.
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.server.server_address[1]}"

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.host}"

    def then(self, *behaviours: str) -> FakeService:
        """Answer the next requests with these behaviours, in order."""
        self.script.extend(behaviours)
        return self

    def __enter__(self) -> FakeService:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _next(self) -> str:
        with self._lock:
            return self.script.popleft() if self.script else self.default

    def _answer(self, handler: BaseHTTPRequestHandler, raw: bytes) -> None:
        path = urlsplit(handler.path).path
        texts, body = self.decode(path, raw)
        behaviour = self._next()
        with self._lock:
            self.requests.append(Recorded(path, texts, behaviour, body))
        if behaviour == "slow":
            time.sleep(self.slow_seconds)
            behaviour = "ok"
        status, headers, payload = self.respond(
            "ok" if behaviour == "trickle" else behaviour, texts, body
        )
        if behaviour == "trickle":
            self._trickle(handler, status, headers, payload)
            return
        handler.send_response(status)
        for name, value in {**headers, "Content-Length": str(len(payload))}.items():
            handler.send_header(name, value)
        handler.end_headers()
        if behaviour == "cut":
            handler.wfile.write(payload[: len(payload) // 2])
            handler.close_connection = True
        else:
            handler.wfile.write(payload)

    def _trickle(
        self, handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str], payload: bytes
    ) -> None:
        lines = [f"HTTP/1.1 {status} OK"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        lines += [f"Content-Length: {len(payload)}", "", ""]
        message = "\r\n".join(lines).encode() + payload
        handler.close_connection = True
        for index in range(len(message)):
            handler.wfile.write(message[index : index + 1])
            handler.wfile.flush()
            time.sleep(self.trickle_seconds)

    def respond(
        self, behaviour: str, texts: list[str], body: dict[str, Any]
    ) -> tuple[int, dict[str, str], bytes]:
        status_text, _, retry_after = behaviour.partition(":")
        if status_text.isdigit():
            headers = {"Content-Type": "text/plain"}
            if retry_after:
                headers["Retry-After"] = retry_after
            return int(status_text), headers, f"error {status_text}".encode()
        payload = self.reply(behaviour, texts, body)
        if behaviour == "half":
            return 200, self.content_type, payload[: len(payload) // 2]
        return 200, self.content_type, payload

    def decode(self, path: str, raw: bytes) -> tuple[list[str], dict[str, Any]]:
        raise NotImplementedError

    def reply(self, behaviour: str, texts: list[str], body: dict[str, Any]) -> bytes:
        raise NotImplementedError

    @property
    def texts_sent(self) -> list[str]:
        return [text for request in self.requests for text in request.texts]


class FakeGoogle(FakeService):
    """Google's batchexecute endpoint as googletrans-py 4.0.0 calls it (HTTPS only)."""

    content_type = {"Content-Type": "application/json; charset=utf-8"}

    def decode(self, path: str, raw: bytes) -> tuple[list[str], dict[str, Any]]:
        assert path == GOOGLE_PATH, path
        form = parse_qs(raw.decode("utf-8"))
        envelope = json.loads(form["f.req"][0])
        assert envelope[0][0][0] == RPC_ID
        (text, source, target, _), _ = json.loads(envelope[0][0][1])
        return [text], {"source": source, "target": target}

    def reply(self, behaviour: str, texts: list[str], body: dict[str, Any]) -> bytes:
        text, source, target = texts[0], body["source"], body["target"]
        lines = text.split("\n")
        translated = [reply_text(behaviour, line) for line in lines]
        if behaviour == "join":
            parts = [" ".join(translated)]
        else:  # like the web page: each line a part, the line break kept at its end
            parts = [line + "\n" for line in translated[:-1]] + translated[-1:]
        # The shape googletrans reads: [1][0][0][3] spacing flag, [1][0][0][5] the parts.
        parsed = [
            [None, None, source, [[[0, [[[None, len(text)]], [True]]]], len(text)]],
            [[[None, None, None, True, None, [[part, None] for part in parts]]], target, 1,
             source, [text, source, target, True]],
            source,
        ]  # fmt: skip
        frame = json.dumps(
            [
                ["wrb.fr", RPC_ID, json.dumps(parsed), None, None, None, "generic"],
                ["di", 41],
                ["af.httprm", 40, "-2451853394713512640", 12],
            ],
            separators=(",", ":"),
        )
        tail = f'[["e",4,null,null,{len(frame) + 60}]]'
        return f")]}}'\n\n{len(frame)}\n{frame}\n{len(tail)}\n{tail}\n".encode()


class FakeLibreTranslate(FakeService):
    """LibreTranslate's ``POST /translate``; with ``api_key`` set, other keys get HTTP 403."""

    content_type = {"Content-Type": "application/json"}

    def __init__(self, api_key: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.api_key = api_key

    def decode(self, path: str, raw: bytes) -> tuple[list[str], dict[str, Any]]:
        assert path == "/translate", path
        body = json.loads(raw)
        q = body["q"]
        return (q if isinstance(q, list) else [q]), body

    def respond(
        self, behaviour: str, texts: list[str], body: dict[str, Any]
    ) -> tuple[int, dict[str, str], bytes]:
        if self.api_key is not None and body.get("api_key") != self.api_key:
            return 403, self.content_type, b'{"error": "Invalid API key"}'
        return super().respond(behaviour, texts, body)

    def reply(self, behaviour: str, texts: list[str], body: dict[str, Any]) -> bytes:
        translated: list[str] | str = [reply_text(behaviour, text) for text in texts]
        if behaviour == "count":
            translated = translated[:-1]
        elif not isinstance(body["q"], list):
            translated = translated[0]
        return json.dumps({"translatedText": translated}).encode()


def make_tls(directory: Path) -> tuple[ssl.SSLContext, str]:
    """A throwaway CA (trustme) and a server context for 127.0.0.1; returns the context and the
    CA file the client must trust (``GoogleSettings.ca_bundle``)."""
    ca = trustme.CA()
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(server)
    ca_file = directory / "fake-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    return server, str(ca_file)


class FakeClock:
    """Injected clock and sleep: sleeping moves the clock, and every wait is recorded."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds
