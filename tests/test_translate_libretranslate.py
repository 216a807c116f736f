"""What only the libretranslate engine does: its settings, its API key, its list replies."""

from __future__ import annotations

import pytest

from generator.config import LibreTranslateSettings, TranslationSettings
from generator.translate import Engine, EngineContext, EngineUnavailable, create_engine
from tests.fake_translation_services import FakeClock, FakeLibreTranslate, gloss

pytestmark = pytest.mark.usefixtures("no_internet")

TEXTS = [
    "نفى وزير الدفاع الأمريكي مارك إسبر وجود خطط لانسحاب القوات الأمريكية من العراق.",
    "لا يوجد قرار على الإطلاق بالانسحاب من العراق",
]
HINT = "set libretranslate_url to the server's address, e.g. http://localhost:5000"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        pytest.param(None, f"libretranslate: no server configured: {HINT}", id="missing"),
        pytest.param("  ", f"libretranslate: no server configured: {HINT}", id="blank"),
        pytest.param(
            "localhost:5000",
            f"libretranslate: 'localhost:5000' is not an http(s) address: {HINT}",
            id="no-scheme",
        ),
        pytest.param(
            "ftp://mt.desk/",
            f"libretranslate: 'ftp://mt.desk/' is not an http(s) address: {HINT}",
            id="wrong-scheme",
        ),
    ],
)
def test_a_usable_url_is_required(url: str | None, message: str) -> None:
    with pytest.raises(EngineUnavailable) as error:
        create_engine(
            "libretranslate", TranslationSettings(libretranslate=LibreTranslateSettings(url=url))
        )
    assert str(error.value) == message


def make(service: FakeLibreTranslate, key: str | None) -> Engine:
    clock = FakeClock()
    return create_engine(
        "libretranslate",
        # A trailing slash is fine; the key is read from the variable the settings name.
        TranslationSettings(libretranslate=LibreTranslateSettings(url=service.url + "/")),
        EngineContext(
            environ={"LIBRETRANSLATE_API_KEY": key} if key else {},
            sleep=clock.sleep,
            clock=clock.clock,
        ),
    )


def test_the_api_key_is_sent() -> None:
    with FakeLibreTranslate(api_key="desk-secret") as service:
        engine = make(service, "desk-secret")
        assert engine.translate(TEXTS) == [gloss(text) for text in TEXTS]
        assert service.requests[0].body["api_key"] == "desk-secret"
        assert service.requests[0].body["q"] == TEXTS  # one request, a list of texts


@pytest.mark.parametrize("key", [None, "wrong"])
def test_a_refused_key_makes_the_engine_unavailable(key: str | None) -> None:
    with FakeLibreTranslate(api_key="desk-secret") as service:
        engine = make(service, key)
        with pytest.raises(EngineUnavailable) as error:
            engine.translate(TEXTS)
        assert "refused access (HTTP 403)" in str(error.value)
        assert "api_key" not in service.requests[0].body or key == "wrong"


def test_a_reply_with_too_few_translations_is_retried() -> None:
    with FakeLibreTranslate() as service:
        service.then("count")
        engine = make(service, None)
        assert engine.translate(TEXTS) == [gloss(text) for text in TEXTS]
        assert [request.behaviour for request in service.requests] == ["count", "ok"]
