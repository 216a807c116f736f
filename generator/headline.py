"""Stage 3: the headline, and the body without it.

Where it comes from, in order: the editor's sidecar; a headline line at the top of the text
(a short first line without a sentence full stop, with the story below it); the HTML page's
title; otherwise a short title derived from the lead, marked ``derived`` for an editor to check.
A breaking-news tag ("عاجل..") and a site's name after it ("– RT World News", "- اليوم
السابع") are never part of it. A first line that is a byline, a dateline, a date, a wire mark, a
kicker of one or two words, a question to the reader or a bare site name is not a headline: the
stage falls back to the page's title or derives one from the lead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import langdata, page_marks, phrases, signatures
from .clean import headline_like
from .context import Context
from .model import Article, Headline
from .phrases import fold, words


@dataclass(frozen=True, slots=True)
class Found:
    title: str
    lines: int  # how many leading paragraphs the headline occupies


@cache
def _settings() -> dict:
    return langdata.mapping("headline")


@cache
def _tag_prefix() -> re.Pattern[str]:
    tags = phrases.alternation(langdata.mapping("noise")["breaking_tags"])
    seps = "|".join(re.escape(s) for s in _settings()["tag_separators"])
    return re.compile(rf"(?:{tags})\s*(?:{seps})+\s*(?=\S)", re.IGNORECASE)


@cache
def _function_words() -> frozenset[str]:
    return frozenset(fold(w) for w in _settings()["site_suffix"]["function_words"])


def _name_like(segment: str, site: str) -> bool:
    """The segment reads as a site's name: short, no sentence mark, no function word; or it is
    the page's own site name."""
    key = fold(segment)
    if site and key and (key == fold(site) or key in fold(site) or fold(site) in key):
        return True
    settings = _settings()["site_suffix"]
    tokens = key.split()
    return (
        0 < len(tokens) <= settings["site_words"]
        and not re.search(r"[.!؟?:\"“”«»]", segment)
        and not any(token in _function_words() for token in tokens)
    )


def _site_suffix(title: str, site: str) -> str:
    """The title without a trailing site name after a separator (see ``site_suffix``)."""
    settings = _settings()["site_suffix"]
    cut = max((title.rfind(sep), sep) for sep in settings["separators"])
    at, sep = cut
    if at <= 0:
        return title
    head, tail = title[:at], title[at + len(sep) :]
    if words(head) >= settings["title_words"] and _name_like(tail.strip(), site):
        return head
    return title


def tidy_title(title: str, site: str = "") -> str:
    """The headline without a leading breaking-news tag or a trailing site name (a registry
    outlet, the page's ``site`` name, or any short name after a separator)."""
    folded, index = phrases.fold_map(title)
    tag = _tag_prefix().match(folded)
    if tag and tag.end() < len(index):
        title = title[index[tag.end()] :]
    suffix = signatures.title_suffix(title)
    if suffix and suffix[0]:
        title = suffix[0]
    return _site_suffix(title.strip(), site).strip(" -–—|:")


@cache
def _reader_words() -> re.Pattern[str]:
    return re.compile(rf"(?<!\S)(?:{phrases.alternation(_settings()['reader_words'])})(?!\S)")


def not_a_headline(line: str, title: str, site: str = "") -> str | None:
    """Why a short first line is not the headline (its ``title`` tidied), or None if it is."""
    # "محمد السريعي – عين اليوم" is a writer and the outlet: judge the line without the outlet,
    # so that "ارتفاع الأسهم الخليجية – سكاي نيوز عربية" stays a headline (the same shape is
    # also a dateline, "place – outlet").
    shape = title if signatures.title_suffix(line) else line
    dated = signatures.dateline(shape)
    if page_marks.byline(shape):
        return "byline"
    if (dated and words(dated[1]) <= 3) or signatures.date_line(shape):
        return "dateline"
    if page_marks.wire_mark(line):
        return "wire mark"
    if signatures.site_name(line) or (site and fold(line) == fold(site)):
        return "site name"
    if words(title) <= _settings()["kicker_words"]:
        return "kicker"
    if line.rstrip().endswith(("؟", "?")) and _reader_words().search(fold(line)):
        return "question to the reader"
    return None


def detect(paragraphs: list[str], site: str = "") -> Found | None:
    """The headline line(s) at the top of the text, if the text has them."""
    if len(paragraphs) < 2 or not headline_like(paragraphs[0]):
        return None
    first = paragraphs[0]
    if not_a_headline(first, tidy_title(first, site), site):
        return None
    settings = _settings()
    kicker = first.rstrip().endswith(tuple(settings["kicker_endings"]))
    if (
        kicker
        and len(paragraphs) >= 3
        and words(first) <= settings["kicker_max_words"]
        and headline_like(paragraphs[1])
    ):
        return Found(tidy_title(f"{first} {tidy_title(paragraphs[1], site)}", site), 2)
    title = tidy_title(first, site)
    return Found(title, 1) if title else None


def _first_sentence(text: str) -> str:
    abbreviations = {fold(a) for a in _settings()["abbreviations"]}
    for match in re.finditer(r"[.!؟?](?=\s|$)", text):
        before = text[: match.start()].split()
        if before and fold(before[-1]) in abbreviations:
            continue
        return text[: match.end()]
    return text


def derive(paragraph: str) -> str:
    """A short title from the lead: its first sentence, cut at a clause if it is long."""
    dated = signatures.dateline(paragraph)
    if dated and words(dated[1]) > 3:
        paragraph = dated[1]
    sentence = _first_sentence(paragraph).strip()
    settings = _settings()["derive"]
    tokens = sentence.split()
    if len(tokens) <= settings["max_words"]:
        return sentence.rstrip(".!؟?،,؛; ")
    marks = tuple(settings["clause_marks"])
    for end in range(settings["max_words"], settings["min_words"] - 1, -1):
        if tokens[end - 1].endswith(marks):
            return " ".join(tokens[:end]).rstrip("".join(marks) + " ")
    return " ".join(tokens[: settings["cut_words"]]).rstrip("،,؛;:") + settings["ellipsis"]


def _lead(paragraphs: list[str]) -> str:
    """The first paragraph that is not a byline, a dateline or a label above the story."""
    for paragraph in paragraphs:
        if not (headline_like(paragraph) and not_a_headline(paragraph, tidy_title(paragraph))):
            return paragraph
    return paragraphs[0]


def _overlap(a: str, b: str) -> float:
    left, right = set(fold(a).split()), set(fold(b).split())
    return len(left & right) / max(1, min(len(left), len(right)))


def find_headline(article: Article, ctx: Context) -> Article:
    paragraphs = article.paragraphs
    site = article.html_metadata.site_name or ""
    page_title = tidy_title(article.page_headline, site) if article.page_headline else ""
    if page_title and paragraphs and paragraphs[0] == article.page_headline:
        # The page's structure names this line (it repeats the title above the story).
        found: Found | None = Found(page_title, 1)
    else:
        found = detect(paragraphs, site)
    editor = article.sidecar.title
    if editor:
        article.headline = Headline(ar=editor, provenance="editor")
        if found and _overlap(found.title, editor) < 0.5:
            article.warnings.append(
                f"first line reads like a headline ({found.title!r}) but the sidecar title "
                "differs; the line is kept in the body"
            )
            found = None
    elif found:
        article.headline = Headline(ar=found.title, provenance="detected")
    elif article.html_metadata.title and tidy_title(article.html_metadata.title):
        title = tidy_title(article.html_metadata.title)
        article.headline = Headline(ar=title, provenance="html-metadata")
    elif paragraphs and (derived := derive(_lead(paragraphs))):
        # A lead of punctuation only ("، ، ،") derives nothing: no headline, so the article
        # is skipped with that reason rather than with a validation error.
        article.headline = Headline(ar=derived, provenance="derived")
    body = paragraphs[found.lines :] if found else list(paragraphs)
    # The title repeated under itself (often without its "عاجل.." tag) is not story text.
    candidates = (found.title if found else "", article.headline.ar if article.headline else "")
    titles = {fold(t) for t in candidates if t}
    while len(body) > 1 and (fold(body[0]) in titles or fold(tidy_title(body[0])) in titles):
        body = body[1:]
    article.paragraphs = body
    return article
