"""Stage 2: the story paragraphs of the text, without page chrome; every removal is recorded.

The phrases and patterns are language data (``data/noise.yml``, ``data/outlets.yml``); this
module holds the rules that apply them. Safety rules, in order of importance:

* A line is removed by a phrase or pattern only when the WHOLE line matches it.
* Rules that reach beyond the matched line (the headline after "اقرأ المزيد:", a page tail after
  "مقالات متعلقة", an appeal before "ادعم ...") only take lines that read as headlines: no
  sentence full stop at the end and few words. A story sentence ends with a full stop.
* The rules run until nothing changes, so cleaning is idempotent by construction.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial

from . import boilerplate, langdata, page_marks, phrases, signatures, site_repeats
from .context import Context
from .errors import InputError
from .model import Article, Removed
from .phrases import fold, words
from .textnorm import normalise_line

# A full stop ends the line (not "..", which joins a kicker to its headline), maybe inside
# closing quotes or brackets: the mark of a story sentence.
_SENTENCE_END = re.compile(r"(?<!\.)\.[\s\"'”’»)\]]*$")


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based, in the text as read
    text: str


@dataclass(frozen=True, slots=True)
class Cleaned:
    lines: list[Line]
    removed: list[Removed]
    # On a whole page, the line its structure names as the headline (it repeats the page's
    # title above the story); it is the first of ``lines``.
    headline: str | None = None


@dataclass(frozen=True, slots=True)
class _Rules:
    chrome: frozenset[str]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    captions: tuple[str, ...]
    breaking: frozenset[str]
    read_more: re.Pattern[str]
    tail_headers: frozenset[str]
    donation_calls: frozenset[str]
    donation_patterns: tuple[re.Pattern[str], ...]
    limits: dict[str, int]


@cache
def rules() -> _Rules:
    noise = langdata.mapping("noise")
    markers = phrases.alternation(noise["read_more_markers"])
    return _Rules(
        chrome=frozenset(fold(p) for p in noise["chrome_lines"]),
        patterns=tuple(
            (name, phrases.compile_pattern(p))
            for name, patterns in noise["chrome_patterns"].items()
            for p in patterns
        ),
        captions=tuple(fold(p) for p in noise["caption_prefixes"]),
        breaking=frozenset(fold(p) for p in noise["breaking_tags"]),
        read_more=re.compile(
            rf"(?:\.{{2,}}|…)?\s*(?:{markers})\s*(?P<sep>[:|/\-–—…]|\.{{2,}})?\s*(?P<rest>.*)"
        ),
        tail_headers=frozenset(fold(p).rstrip(" :") for p in noise["tail_headers"]),
        donation_calls=frozenset(fold(p) for p in noise["donation_calls"]),
        donation_patterns=tuple(phrases.compile_pattern(p) for p in noise["donation_patterns"]),
        limits=dict(noise["limits"]),
    )


def is_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def headline_like(text: str, max_words: int | None = None) -> bool:
    """Reads as a headline: no sentence full stop, at most ``max_words`` words."""
    limit = max_words or rules().limits["headline_max_words"]
    return not is_sentence(text) and words(text) <= limit


Drops = dict[int, str]  # index in the current line list -> rule name


def _chrome(lines: list[Line]) -> Drops:
    r = rules()
    drops: Drops = {}
    content = False  # has a line of the article itself come yet?
    for i, line in enumerate(lines):
        key = fold(line.text)
        if key in r.chrome:
            drops[i] = "chrome"
        elif key.rstrip(" :.|") in r.breaking:
            drops[i] = "breaking-tag"
        elif (url := signatures.url_line(line.text)) or re.fullmatch(r"https?://\S+", key):
            drops[i] = "link" if url is None else "source-link"
        else:
            name = next((n for n, p in r.patterns if p.fullmatch(key)), None)
            # A weekday date above the headline is the page header's "today"; under the
            # headline the same line is the article's own date (evidence for the date stage).
            if name == "site-header-date" and content:
                name = "date-line"
            if name:
                drops[i] = name
        content = content or i not in drops
    return drops


def _captions(lines: list[Line]) -> Drops:
    drops: Drops = {}
    for i, line in enumerate(lines):
        folded, index = phrases.fold_map(line.text)
        prefix = next((p for p in rules().captions if folded.startswith(p)), None)
        if prefix is None:
            continue
        drops[i] = "caption"
        rest = line.text[index[len(prefix)] :] if len(prefix) < len(index) else ""
        if not rest.strip(" :،,") and i + 1 < len(lines) and not is_sentence(lines[i + 1].text):
            # A label alone on its line ("التعليق على الصورة،") stands above the caption.
            drops[i + 1] = "caption"
        # The caption text often stands alone just before its "camera icon" copy.
        if i > 0 and rest and fold(lines[i - 1].text) == fold(rest):
            drops[i - 1] = "caption"
    return drops


def _repeats(lines: list[Line]) -> Drops:
    drops: Drops = {}
    for i in range(len(lines) - 1):
        if fold(lines[i].text) != fold(lines[i + 1].text) or i in drops:
            continue
        if i == 0:
            drops[1] = "repeated-title"
        elif headline_like(lines[i].text, rules().limits["caption_max_words"]):
            # A short line twice in a row inside the story: image alt text and its caption.
            drops[i] = drops[i + 1] = "caption"
        else:
            drops[i + 1] = "repeated-line"
    return drops


def _read_more(lines: list[Line]) -> Drops:
    drops: Drops = {}
    for i, line in enumerate(lines):
        found = rules().read_more.fullmatch(fold(line.text))
        if not found:
            continue
        rest = found.group("rest")
        if not rest:
            drops[i] = "read-more"
            # The related headline is the one line after the marker, if it reads as one.
            if i + 1 < len(lines) and headline_like(lines[i + 1].text):
                drops[i + 1] = "read-more"
        elif found.group("sep") and headline_like(rest):
            drops[i] = "read-more"
    return drops


def edge_ranges(texts: list[str], edge: int) -> tuple[range, range]:
    """Where page headers and sign-offs can be: before the story's first sentence (and that
    line, which may open with a dateline) and after its last sentence, ``edge`` lines at most."""
    sentences = [i for i, text in enumerate(texts) if is_sentence(text)]
    if not sentences:
        head = range(min(edge, len(texts)))
        return head, range(max(head.stop, len(texts) - edge), len(texts))
    first, last = sentences[0], sentences[-1]
    return range(min(edge, first + 1)), range(max(last + 1, len(texts) - edge), len(texts))


def _edges(lines: list[Line]) -> Drops:
    head, tail = edge_ranges([line.text for line in lines], rules().limits["edge_lines"])
    drops: Drops = {}
    for i in head:
        text = lines[i].text
        if signatures.site_name(text):
            drops[i] = "site-name"
        elif (
            (found := signatures.dateline(text))
            and words(found[1]) <= 3
            # "لسة فاكر – العربية.نت" on top is a short headline with its outlet suffix, not
            # the dateline "دبي - العربية.نت": the headline stage strips the suffix.
            and not (i == 0 and signatures.title_suffix(text))
        ):
            drops[i] = "dateline"
    for i in tail:
        if signatures.sign_off(lines[i].text):
            drops[i] = "sign-off"
    return drops


def _is_donation(key: str) -> bool:
    r = rules()
    return key in r.donation_calls or any(p.fullmatch(key) for p in r.donation_patterns)


def _tail(lines: list[Line]) -> Drops:
    r = rules()
    short = r.limits["tail_line_max_words"]
    for i, line in enumerate(lines):
        key = fold(line.text)
        header = key.rstrip(" :") in r.tail_headers
        if not (header or _is_donation(key)):
            continue
        if all(headline_like(after.text, short) for after in lines[i + 1 :]):
            start = i
            if not header:
                # An appeal ("... ونحن بحاجتك لنبقى مستقلين") leads up to its call to action.
                reach = max(0, i - r.limits["appeal_max_lines"])
                while start > reach and headline_like(
                    lines[start - 1].text, r.limits["appeal_line_max_words"]
                ):
                    start -= 1
            return {j: "page-tail" for j in range(start, len(lines))}
        if header:
            drops = {i: "related-list"}
            for j in range(i + 1, min(len(lines), i + 1 + r.limits["list_max_lines"])):
                if not headline_like(lines[j].text, short):
                    break
                drops[j] = "related-list"
            return drops
        if key in r.donation_calls:
            return {i: "page-tail"}
    return {}


def _site_repeat(lines: list[Line], recurring: frozenset[str]) -> Drops:
    # Last of the rules, so that a line the others know ("اقرأ أيضا") keeps their reach.
    return site_repeats.drops([line.text for line in lines], recurring)


_RULES: tuple[Callable[[list[Line]], Drops], ...] = (
    _chrome,
    _captions,
    _repeats,
    _read_more,
    _tail,
    _edges,
    page_marks.wire_marks,
    page_marks.reader_calls,
    page_marks.share_lines,
    page_marks.bylines,
)


def clean_text(text: str, recurring: frozenset[str] = frozenset()) -> Cleaned:
    """Normalised, non-empty story lines of ``text`` and the removed ones with their rule.

    ``recurring``: digests of the lines that recur on other pages of the site (page chrome
    found by ``generator.site_repeats``)."""
    lines = [Line(n, t) for n, raw in enumerate(text.splitlines(), 1) if (t := normalise_line(raw))]
    removed: list[Removed] = []
    # Share-button text glued to the start of a line goes; the rest of the line is the story.
    for i, line in enumerate(lines):
        if (prefix := page_marks.share_prefix(line.text)) and prefix != line.text:
            removed.append(Removed("share-buttons", prefix.strip(), line.number))
            lines[i] = Line(line.number, line.text[len(prefix) :].strip())

    def drop(drops: Drops) -> None:
        nonlocal lines
        removed.extend(Removed(name, lines[i].text, lines[i].number) for i, name in drops.items())
        lines = [line for i, line in enumerate(lines) if i not in drops]

    # The lines recurring on other pages of the site go last, so that a read-more marker
    # that also recurs still takes its headline with it.
    every_rule: tuple[Callable[[list[Line]], Drops], ...] = (
        *_RULES,
        partial(_site_repeat, recurring=recurring),
    )

    def settle() -> None:
        changed = True
        while changed:
            changed = False
            for rule in every_rule:
                if drops := rule(lines):
                    changed = True
                    drop(drops)

    # Known chrome first (its rule names are evidence for later stages), then whatever the
    # shape of the page says is chrome, then the phrase rules again on the story that is left.
    settle()
    verdict = boilerplate.classify([line.text for line in lines])
    headline = lines[verdict.headline] if verdict.headline is not None else None
    if verdict.chrome:
        drop(dict.fromkeys(sorted(verdict.chrome), "boilerplate"))
        settle()
    kept = headline is not None and bool(lines) and lines[0] is headline
    return Cleaned(
        lines, sorted(removed, key=lambda r: r.line), headline.text if headline and kept else None
    )


def clean(article: Article, ctx: Context) -> Article:
    result = clean_text(article.text, article.recurring_lines)
    if not result.lines:
        raise InputError(
            article.source,
            f"no article text left after removing page chrome ({len(result.removed)} line(s) "
            "removed); skipped",
        )
    article.paragraphs = [line.text for line in result.lines]
    article.removed = result.removed
    article.page_headline = result.headline
    return article
