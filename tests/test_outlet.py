"""Outlets: named by signatures only, from the registry, never guessed from a mention."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import phrases, signatures
from generator.context import Context
from generator.errors import InputError
from generator.model import Article, HtmlMetadata, Sidecar
from generator.outlet import find_outlet

CTX = Context.for_project(Path("."))
TITLE = "الدفاع الأمريكية تنفي وجود خطط لانسحاب قواتها من العراق"
S1 = (
    "نفى وزير الدفاع الأمريكي مارك إسبر مساء أمس الاثنين وجود خطط لانسحاب القوات الأمريكية "
    "من العراق."
)
S2 = (
    "وجاءت هذه الرسالة بعد يوم من إصدار البرلمان العراقي قراراً يدعو كل القوات الأجنبية إلى "
    "مغادرة البلاد."
)


def outlet_of(text: str, **fields: Sidecar | HtmlMetadata) -> Article:
    article = Article(source=Path("a.txt"), text=text, **fields)  # type: ignore[arg-type]
    return find_outlet(article, CTX)


@pytest.mark.parametrize(
    ("text", "outlet", "kind"),
    [
        pytest.param(
            f"{TITLE}\n{S1}\n{S2}\n\n\nrudaw\nTop", "rudaw", "rudaw", id="trailing-site-name"
        ),
        pytest.param(
            f"الولايات المتحدة تحدد خطط “الانسحاب” من العراق – RT World News\n{S1}",
            "rt",
            "الولايات المتحدة تحدد خطط “الانسحاب” من العراق – RT World News",
            id="title-suffix",
        ),
        pytest.param(
            f"{TITLE}\n{S1}\nمقالات متعلقة\nادعم عنب بلدي\nاضغط هنا للمساهمة",
            "enab-baladi",
            "ادعم عنب بلدي",
            id="donation-appeal",
        ),
        pytest.param(f"(CNN)-- {S1}\n{S2}", "cnn-arabic", "(CNN)--", id="cnn-dateline"),
        pytest.param(
            f"دبي، الإمارات العربية المتحدة (CNN) -- {S1}",
            "cnn-arabic",
            "دبي، الإمارات العربية المتحدة (CNN) --",
            id="cnn-dateline-with-city",
        ),
        pytest.param(
            f"عين اليوم – جدة\n{S1}", "ein-alyoum", "عين اليوم – جدة", id="outlet-city-dateline"
        ),
        pytest.param(f"الرياض - واس\n{S1}", "spa", "الرياض - واس", id="agency-dateline"),
        pytest.param(f"جدة (واس) - {S1}", "spa", "جدة (واس) -", id="agency-in-brackets"),
        pytest.param(f"أنقرة/ الأناضول\n{S1}", "anadolu", "أنقرة/ الأناضول", id="slash-dateline"),
        pytest.param(f"{S1}\n{S2}\n\nفرانس24/ أ ف ب", "france24", "فرانس24/ أ ف ب", id="sign-off"),
        pytest.param(f"{S1}\n{S2}\n© 2020 رووداو", "rudaw", "© 2020 رووداو", id="copyright"),
        pytest.param(
            f"{S1}\nالمصدر: https://www.enabbaladi.net/archives/535000",
            "enab-baladi",
            "المصدر: https://www.enabbaladi.net/archives/535000",
            id="source-url",
        ),
    ],
)
def test_signature_names_the_outlet(text: str, outlet: str, kind: str) -> None:
    article = outlet_of(text)
    assert article.outlet is not None
    assert (article.outlet.id, article.outlet.evidence, article.outlet.provenance) == (
        outlet,
        kind,
        "detected",
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f"{S1}\nوفق ما ذكرت وكالة رويترز.", id="agency-mentioned"),
        pytest.param(f"{S1}\nوقال مسؤول تركي لـCNN إن التعاون إيجابي.", id="told-cnn"),
        pytest.param(
            f"{S1}\nوفقا لصحيفة المونيتور الأمريكية، اليوم الأربعاء.", id="newspaper-cited"
        ),
        pytest.param(f"{S1}\nوفي تصريحات لموقع قناة “الحرة“، الجمعة.", id="channel-cited"),
        pytest.param(f"{TITLE}\n{S1}\nتم نسخ الرابط", id="no-signature"),
        pytest.param(f"{S1}\nالشرق الأوسط", id="section-name-is-not-asharq"),
        pytest.param(f"{S1}\nرويترز", id="bare-agency-line-is-a-photo-credit"),
        pytest.param(f"{S1}\nالمصدر: https://www.example.com/news/1", id="unknown-domain"),
    ],
)
def test_mentions_and_unknown_sites_name_no_outlet(text: str) -> None:
    assert outlet_of(text).outlet is None


def test_two_different_signatures_leave_the_outlet_unknown_with_a_warning() -> None:
    article = outlet_of(f"(CNN)-- {S1}\n{S2}\nrudaw")
    assert article.outlet is None
    assert article.warnings == [
        "outlet left unknown: conflicting evidence: cnn-arabic (dateline: '(CNN)--'); "
        "rudaw (site name: 'rudaw')"
    ]


@pytest.mark.parametrize(
    ("sidecar", "outlet", "provenance", "evidence"),
    [
        ({"outlet": "rudaw"}, "rudaw", "editor", "sidecar outlet: rudaw"),
        ({"outlet": "عنب بلدي"}, "enab-baladi", "editor", "sidecar outlet: عنب بلدي"),
        ({"outlet": "CNN Arabic"}, "cnn-arabic", "editor", "sidecar outlet: CNN Arabic"),
        (
            {"url": "https://arabic.rt.com/middle_east/1"},
            "rt",
            "detected",
            "sidecar url: https://arabic.rt.com/middle_east/1",
        ),
        (
            {"url": "https://www.bbc.com/arabic/middleeast-1"},
            "bbc-arabic",
            "detected",
            "sidecar url: https://www.bbc.com/arabic/middleeast-1",
        ),
    ],
)
def test_sidecar_wins(sidecar: dict[str, str], outlet: str, provenance: str, evidence: str) -> None:
    article = outlet_of(f"(CNN)-- {S1}", sidecar=Sidecar(**sidecar))
    assert article.outlet is not None
    assert (article.outlet.id, article.outlet.provenance, article.outlet.evidence) == (
        outlet,
        provenance,
        evidence,
    )


def test_unknown_sidecar_outlet_is_an_input_error() -> None:
    with pytest.raises(InputError) as error:
        outlet_of(S1, sidecar=Sidecar(outlet="جريدة المستقبل"))
    known = ", ".join(o.id for o in phrases.outlets())
    assert error.value.message == (
        "sidecar a.meta.yml: outlet 'جريدة المستقبل' is not in generator/data/outlets.yml; "
        f"use one of: {known} (or add it there)"
    )


@pytest.mark.parametrize(
    ("metadata", "outlet", "evidence"),
    [
        ({"site_name": "Rudaw"}, "rudaw", "page site name: Rudaw"),
        (
            {"url": "https://www.skynewsarabia.com/middle-east/1"},
            "sky-news-arabia",
            "page url: https://www.skynewsarabia.com/middle-east/1",
        ),
        ({"hostname": "enabbaladi.net"}, "enab-baladi", "page hostname: enabbaladi.net"),
    ],
)
def test_page_metadata(metadata: dict[str, str], outlet: str, evidence: str) -> None:
    article = outlet_of(S1, html_metadata=HtmlMetadata(**metadata))
    assert article.outlet is not None
    assert (article.outlet.id, article.outlet.provenance, article.outlet.evidence) == (
        outlet,
        "html-metadata",
        evidence,
    )


def test_page_metadata_outranks_an_agency_dateline_and_says_so() -> None:
    article = outlet_of(
        f"بيروت (رويترز) - {S1}", html_metadata=HtmlMetadata(site_name="Sky News Arabia")
    )
    assert article.outlet is not None and article.outlet.id == "sky-news-arabia"
    assert article.warnings == [
        "text names another outlet than the page (reuters (dateline: 'بيروت (رويترز) -')); "
        "kept the page's sky-news-arabia"
    ]


OUTLETS = phrases.outlets()


@pytest.mark.parametrize("entry", OUTLETS, ids=[o.id for o in OUTLETS])
def test_registry_entry(entry: phrases.OutletEntry) -> None:
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", entry.id)
    assert entry.ar and entry.en
    for domain in entry.domains:
        assert signatures.outlet_for_url(f"https://www.{domain}/x") == entry
    for name in entry.names:
        assert signatures.site_name(name) == entry
        assert signatures.title_suffix(f"انفجار في بيروت – {name}") == ("انفجار في بيروت", entry)


def test_no_name_belongs_to_two_outlets() -> None:
    seen: dict[str, str] = {}
    for entry in OUTLETS:
        for name in (*entry.names, *entry.short):
            key = phrases.fold(name)
            assert seen.setdefault(key, entry.id) == entry.id, f"{name!r} is ambiguous"
