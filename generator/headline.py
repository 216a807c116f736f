"""Stage 3: the headline, and the body without it.

Where it comes from, in order: the editor's sidecar; a headline line at the top of the text
(a short first line without a sentence full stop, with the story below it); the HTML page's
title; otherwise a short title derived from the lead, marked ``derived`` for an editor to check.
A breaking-news tag ("عاجل..") and an outlet suffix ("– RT World News") are never part of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import langdata, phrases, signatures
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


def tidy_title(title: str) -> str:
    """The headline without a leading breaking-news tag or a trailing outlet suffix."""
    folded, index = phrases.fold_map(title)
    tag = _tag_prefix().match(folded)
    if tag and tag.end() < len(index):
        title = title[index[tag.end()] :]
    suffix = signatures.title_suffix(title)
    if suffix and suffix[0]:
        title = suffix[0]
    return title.strip(" -–—|:")


def detect(paragraphs: list[str]) -> Found | None:
    """The headline line(s) at the top of the text, if the text has them."""
    if len(paragraphs) < 2 or not headline_like(paragraphs[0]):
        return None
    first = paragraphs[0]
    settings = _settings()
    kicker = first.rstrip().endswith(tuple(settings["kicker_endings"]))
    if (
        kicker
        and len(paragraphs) >= 3
        and words(first) <= settings["kicker_max_words"]
        and headline_like(paragraphs[1])
    ):
        return Found(tidy_title(f"{first} {tidy_title(paragraphs[1])}"), 2)
    title = tidy_title(first)
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


def _overlap(a: str, b: str) -> float:
    left, right = set(fold(a).split()), set(fold(b).split())
    return len(left & right) / max(1, min(len(left), len(right)))


def find_headline(article: Article, ctx: Context) -> Article:
    paragraphs = article.paragraphs
    page_title = tidy_title(article.page_headline) if article.page_headline else ""
    if page_title and paragraphs and paragraphs[0] == article.page_headline:
        found: Found | None = Found(page_title, 1)
    else:
        found = detect(paragraphs)
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
    elif paragraphs and (derived := derive(paragraphs[0])):
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
