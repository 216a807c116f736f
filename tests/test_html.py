"""Saved HTML pages: the date is the one the metadata states, and character references to
characters no text may hold are dropped, not turned into U+FFFD or control characters."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from generator import pipeline
from generator.context import Context
from generator.html import extract_html
from generator.model import Article

CORPUS_PAGES = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pages-dev"
TITLE = "الحكومة تعلن خطة جديدة لإصلاح شبكة الكهرباء في البلاد"
LEAD = (
    "أعلنت الحكومة اليوم خطة جديدة لإصلاح شبكة الكهرباء، وقال الوزير إن العمل على المشروع "
    "جار منذ عام 2014 وإن النتائج ستظهر خلال الأشهر المقبلة."
)
NEXT = (
    "وأضاف الوزير أن الخطة تشمل بناء محطات جديدة وصيانة الخطوط القديمة في المحافظات كلها، "
    "وأن تمويلها مؤمن بالكامل من الموازنة العامة."
)


def page(head: str = "", body_extra: str = "", lead: str = LEAD) -> str:
    return (
        f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        f"<title>{TITLE}</title>{head}</head><body><article><h1>{TITLE}</h1>"
        f"<p>{lead}</p>{body_extra}<p>{NEXT}</p></article>"
        "<footer>جميع الحقوق محفوظة © 2020</footer></body></html>"
    )


def analysed(tmp_path: Path, html: str) -> Article:
    path = tmp_path / "article.html"
    path.write_text(html, encoding="utf-8")
    ctx = Context(root=tmp_path, articles_dir=tmp_path, docs_dir=tmp_path / "docs")
    ctx.today = dt.date(2026, 11, 22)
    article = pipeline.analyse(path, ctx)
    assert isinstance(article, Article), article
    return article


# --- the date: stated by the metadata, or none ------------------------------------------------


def test_a_year_in_the_text_is_not_a_metadata_date(tmp_path: Path) -> None:
    # The page states no date. htmldate (through trafilatura) read "منذ عام 2014" or the
    # copyright footer and gave 2014-01-01, day-precise, as if the page had declared it.
    article = analysed(tmp_path, page())
    assert article.html_metadata.date is None
    published = article.published
    assert published is None or published.source != "html-metadata"
    # Whatever the text rules make of it is theirs, honestly rated: never a confident day.
    assert published is None or published.precision != "day" or published.confidence != "high"


@pytest.mark.parametrize(
    ("head", "value", "precision"),
    [
        (
            '<meta property="article:published_time" content="2024-05-13T06:00:00Z">',
            "2024-05-13",
            "day",
        ),
        ('<meta name="DC.date.issued" content="2019-07">', "2019-07", "month"),
        ('<meta itemprop="datePublished" content="2017">', "2017", "year"),
        (
            '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
            '{"@type": "WebSite", "datePublished": "2001-01-01"}, {"@type": "NewsArticle", '
            '"datePublished": "2021-03"}]}</script>',
            "2021-03",
            "month",
        ),
    ],
    ids=["open-graph-day", "dublin-core-month", "microdata-year", "json-ld-article"],
)
def test_the_metadata_date_keeps_its_precision(
    tmp_path: Path, head: str, value: str, precision: str
) -> None:
    published = analysed(tmp_path, page(head)).published
    assert published is not None
    assert (published.value, published.precision, published.source) == (
        value,
        precision,
        "html-metadata",
    )


@pytest.mark.parametrize(
    ("body_extra", "stated"),
    [
        (
            '<p><time class="entry-date published" datetime="2022-02-02">2 فبراير</time></p>',
            "2022-02-02",
        ),
        ('<p><time pubdate datetime="2023-04">أبريل</time></p>', "2023-04"),
        # A <time> of a related article or a comment is no declaration of this page's date.
        ('<ul><li><time datetime="2011-11-11">خبر آخر</time></li></ul>', None),
        ('<p><time class="updated" datetime="2012-12-12">تحديث</time></p>', None),
    ],
)
def test_time_elements_count_only_when_marked_as_the_publication(
    body_extra: str, stated: str | None
) -> None:
    _, metadata = extract_html(Path("a.html"), page(body_extra=body_extra))
    assert metadata.date == stated


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="article:modified_time" content="2024-05-13T06:00:00Z">',
        '<script type="application/ld+json">{"@type": "Article", "dateModified": "2020"}</script>',
        '<script type="application/ld+json">{not json</script>',
        '<meta name="date" content="">',
    ],
    ids=["modified-meta", "modified-json-ld", "broken-json-ld", "empty-meta"],
)
def test_no_publication_declaration_no_metadata_date(head: str) -> None:
    _, metadata = extract_html(Path("a.html"), page(head))
    assert metadata.date is None


@pytest.mark.skipif(not CORPUS_PAGES.is_dir(), reason="needs ../shared/corpus/pages-dev")
def test_real_pages_keep_their_metadata_dates() -> None:
    # LBCI, Youm7 (two) and BBC News Arabic state their date in <meta> and JSON-LD.
    rows = [json.loads(line) for line in (CORPUS_PAGES / "meta.jsonl").read_text().splitlines()]
    assert rows
    for row in rows:
        path = CORPUS_PAGES / row["html_file"]
        _, metadata = extract_html(path, path.read_text(encoding="utf-8"))
        assert (metadata.date or "")[:10] == row["date"], row["html_file"]


# --- character references -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("reference", "shown"),
    [
        ("&#0;&#0;&#0;", ""),
        ("&#x0;", ""),
        ("&#0", ""),
        ("&#2;", ""),
        ("&#x7F;", ""),
        ("&#xD800;", ""),
        ("&#xDFFF;", ""),
        ("&#xFFFE;", ""),
        ("&#xFDD0;", ""),
        ("&#x110000;", ""),
        ("&#99999999999;", ""),
        ("&#x81;", ""),  # a C1 code point Windows-1252 leaves undefined
        ("&#150;", "–"),  # the HTML standard reads C1 references as Windows-1252: a dash
        ("&#1604;", "ل"),  # an ordinary reference is text
    ],
)
def test_references_to_characters_no_text_holds_are_dropped(reference: str, shown: str) -> None:
    text, _ = extract_html(Path("a.html"), page(lead=f"{LEAD} ق{reference}ب"))
    assert f"ق{shown}ب" in text
    assert "\ufffd" not in text
    assert not any(ord(c) < 0x20 and c not in "\n\t" for c in text)
    assert NEXT in text  # the story around it is whole
