"""What only the google engine does: batching texts into one request by lines, falling back to
one text per request when the reply loses the line breaks, and keeping googletrans' unsafe
defaults off. Runs googletrans-py's real code against the local HTTPS fake (no internet)."""

from __future__ import annotations

from typing import Any

import pytest

from generator.config import GoogleSettings, TranslationSettings
from generator.translate import EngineContext, create_engine
from generator.translate.engine import pack_batches
from generator.translate.google import GoogleEngine
from tests.fake_translation_services import FakeClock, FakeGoogle, gloss

pytestmark = pytest.mark.usefixtures("no_internet")

# Short lines of the sample articles' gist and quotes (seed 000, ANT Corpus v2.1 excerpts).
TEXTS = [
    "الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق",
    "لا يوجد قرار على الإطلاق بالانسحاب من العراق",
    "الرسالة مسودة سيئة الصياغة",
    "نحاول معرفة من أين أتت وما صفتها",
    "وجاءت هذه الرسالة بعد يوم من إصدار البرلمان العراقي قراراً",
]


def engine_for(service: FakeGoogle, ca: str, **options: Any) -> tuple[GoogleEngine, FakeClock]:
    clock = FakeClock()
    google = GoogleSettings(host=service.host, ca_bundle=ca)
    settings = TranslationSettings(google=google, timeout=options.pop("timeout", 10.0))
    run = EngineContext(sleep=clock.sleep, clock=clock.clock, **options)
    engine = create_engine("google", settings, run)
    assert isinstance(engine, GoogleEngine)
    return engine, clock


def test_texts_share_one_request(google: FakeGoogle, tls: tuple[Any, str]) -> None:
    engine, _ = engine_for(google, tls[1])
    assert engine.translate(TEXTS) == [gloss(text) for text in TEXTS]
    assert [request.texts for request in google.requests] == [["\n".join(TEXTS)]]
    assert engine.stats.requests == 1
    assert engine.stats.characters == len("\n".join(TEXTS))


@pytest.mark.parametrize("limit", [100, 150, 250])
def test_batches_stay_under_the_size_limit(
    google: FakeGoogle, tls: tuple[Any, str], limit: int
) -> None:
    engine, _ = engine_for(google, tls[1], max_chars_per_request=limit)
    assert engine.translate(TEXTS) == [gloss(text) for text in TEXTS]
    sent = google.texts_sent
    assert sent == ["\n".join(batch) for batch in pack_batches(TEXTS, limit)]
    assert all(len(text) <= limit for text in sent)
    assert len(sent) < len(TEXTS)  # batching saved requests


def test_lost_line_breaks_fall_back_to_one_text_per_request(
    google: FakeGoogle, tls: tuple[Any, str]
) -> None:
    google.then("join")  # the batch comes back as one line: which line is which is unknown
    engine, _ = engine_for(google, tls[1])
    assert engine.translate(TEXTS) == [gloss(text) for text in TEXTS]
    assert google.texts_sent == ["\n".join(TEXTS), *TEXTS]
    assert engine.stats.requests == 1 + len(TEXTS)


def test_one_bad_line_in_a_batch_fails_only_its_text(
    google: FakeGoogle, tls: tuple[Any, str]
) -> None:
    # The fake echoes every line of the batch; line-level validation rejects each one.
    google.then("echo")
    engine, _ = engine_for(google, tls[1])
    assert engine.translate(TEXTS[:2]) == [None, None]
    assert engine.rejections == {"identical to the source": 2}
    google.then("ok")
    assert engine.translate(TEXTS[:2]) == [gloss(TEXTS[0]), gloss(TEXTS[1])]


def test_paragraphs_keep_their_line_break(google: FakeGoogle, tls: tuple[Any, str]) -> None:
    text = f"{TEXTS[0]}\n\n{TEXTS[1]}"
    engine, _ = engine_for(google, tls[1])
    assert engine.translate([text]) == [f"{gloss(TEXTS[0])}\n{gloss(TEXTS[1])}"]


def test_googletrans_is_configured_safely(google: FakeGoogle, tls: tuple[Any, str]) -> None:
    """raise_exception on (else a failure returns the Arabic input), and our client in place of
    googletrans' bare one (which has no timeout and no status hook)."""
    engine, _ = engine_for(google, tls[1], timeout=3.5)
    assert engine.translator.raise_exception is True
    assert engine.translator.client is engine.client
    assert engine.translator.service_urls == (google.host,)
    assert engine.client.timeout.read == 3.5
