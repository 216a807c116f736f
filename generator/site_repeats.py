"""The cross-page signal of page chrome: a line that recurs on several pages of one site.

Menus, footers, "most read" headers, cookie notices and a site's slogan are printed on every
page of an outlet; a story's lines are printed on one. Before the analysis, a pre-pass over
``articles/`` reads every page, groups the pages by site and gives each page the set of its
lines that also stand on at least ``OTHER_PAGES`` other pages of its site. The clean stage
drops those lines (rule ``site-repeat``). The rules, each with its reason:

* Pages are grouped by the site evidence the page gives before cleaning: the sidecar's outlet
  or URL, the HTML metadata's site name or URL, a source-link line, a known outlet's title
  suffix. A page with none joins the pages it shares at least ``LINK_LINES`` short lines with
  (a site's menu and footer). Pages of two different named sites are never grouped, so a wire
  story carried by several outlets never counts as chrome.
* Copies of one story (pages sharing nearly all the prose of the shorter one, ``COPY_SHARE``)
  count once: three copies of an article saved from one site must not lose their headline.
  Pages of one site share their chrome's prose too (teasers, notices), so only the story's
  own prose tells them apart: on a Youm7 page, half the prose lines are shared teasers.
* A prose line (at least ``PROSE_MIN_WORDS`` words ending with a sentence mark) recurs inside
  stories too: CNN Arabic repeats 35-word background paragraphs on 3 of its 30 pages in the
  ANT sample. Such a line is chrome only when it stands inside chrome: the nearest line on
  each side that is not recurring prose is recurring chrome or the edge of the page (a cookie
  notice above the menu; CNN's teasers of other stories after the story; BBC's app promo as
  the last line). A background paragraph next to the story's own lines is kept.

Lines are compared as the clean stage sees them (``textnorm.normalise_line``, then
``phrases.fold``), by a short digest: a page's line digests are what the analysis cache keeps
for the pre-pass (``generator.cache.SiteLinesCache``), a few bytes a line.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from . import phrases, signatures
from .model import Article
from .phrases import fold, words
from .text import chars
from .textnorm import normalise_line

RULE = "site-repeat"
# A line is chrome when it stands on this many other pages of its site (three pages in all).
# Two is the classic choice, and the evidence agrees: within one outlet of the SaudiNewsNet and
# ANT samples, the short lines on exactly two pages are still story lines (two SPA datelines of
# the same day, two bylines), while those on three or more are mostly sign-offs, phone
# numbers and "اقرأ أيضا" (Al-Madina's "للتواصل مع الكاتب ارسل رسالة sms" on 3 pages).
OTHER_PAGES = 2
# Short lines two pages without site evidence must share to be one site. A site's menu and
# footer run to dozens of lines (LBCI's page has over 200, Youm7's over 100); two outlets
# carrying one wire story share its prose, not five short lines.
LINK_LINES = 5
# Words from which a line ending with a sentence mark reads as prose (corpus titles and
# related headlines run to 16 words without a final full stop; see ``_is_prose``).
PROSE_MIN_WORDS = 8
# A prose line on more pages than this is no evidence that two pages are copies of one story.
COPY_POSTINGS_MAX = 16
# The share of the shorter page's prose lines two copies of one story have in common.
COPY_SHARE = 0.8


@dataclass(frozen=True, slots=True)
class PageLines:
    """What the pre-pass knows of one page: its site (None when the page names none), the
    digests of its lines in reading order, and which of them are prose."""

    site: str | None
    lines: tuple[str, ...]
    prose: frozenset[str]


def digest(folded: str) -> str:
    """The short key of a folded line (64 bits: no two lines of a project collide)."""
    return hashlib.blake2b(folded.encode(), digest_size=8).hexdigest()


def line_digest(line: str) -> str:
    """The key of a normalised line, as the clean stage holds it."""
    return digest(fold(line))


def digests(lines: Sequence[str]) -> frozenset[str]:
    """The keys of raw lines (normalised and folded first)."""
    return frozenset(line_digest(normalise_line(line)) for line in lines)


@cache
def _prose_end() -> re.Pattern[str]:
    marks = re.escape(chars.characters("sentence_end"))
    return re.compile(rf"[{marks}][\"'”’»)\]]*$")


def _is_prose(line: str) -> bool:
    return words(line) >= PROSE_MIN_WORDS and _prose_end().search(line) is not None


def page_lines(article: Article) -> PageLines:
    """The pre-pass's view of a page that the read stage has read."""
    keys: list[str] = []
    prose: set[str] = set()
    lines = [t for raw in article.text.splitlines() if (t := normalise_line(raw))]
    for line in lines:
        key = line_digest(line)
        keys.append(key)
        if _is_prose(line):
            prose.add(key)
    return PageLines(site_of(article, lines), tuple(keys), frozenset(prose))


def _host(url: str) -> str | None:
    outlet = signatures.outlet_for_url(url)
    if outlet is not None:
        return outlet.id
    if "://" not in url:
        url = "http://" + url
    try:
        host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    except ValueError:
        return None
    return f"host:{host}" if host else None


def _named(name: str) -> str:
    outlet = phrases.outlet_for_name(name)
    return outlet.id if outlet is not None else f"name:{fold(name)}"


def site_of(article: Article, lines: list[str] | None = None) -> str | None:
    """The site a page comes from, by the first evidence it gives before cleaning: what the
    editor states, then what the page's metadata states, then what its text shows.
    ``lines``: the article's normalised lines, when the caller has them already."""
    sidecar, meta = article.sidecar, article.html_metadata
    if sidecar.outlet:
        return _named(sidecar.outlet)
    for url in (sidecar.url, meta.url):
        if url and (site := _host(url)):
            return site
    if meta.hostname:
        return _host(meta.hostname)
    if meta.site_name:
        return _named(meta.site_name)
    if lines is None:
        lines = [t for raw in article.text.splitlines() if (t := normalise_line(raw))]
    for line in lines:
        # A link line holds "://" or starts its host with "www." (signatures' url_line).
        if ("://" in line or "www." in line.lower()) and (found := signatures.url_line(line)):
            return found[0].id
    if lines and (suffix := signatures.title_suffix(lines[0])):
        return suffix[1].id
    return None


class _Groups:
    """Union-find over page indices, each group with the site named by one of its pages."""

    def __init__(self, sites: Sequence[str | None]) -> None:
        self.parent = list(range(len(sites)))
        self.site = list(sites)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        a, b = self.find(a), self.find(b)
        if a == b or (self.site[a] and self.site[b] and self.site[a] != self.site[b]):
            return  # two named sites stay apart
        self.parent[b] = a
        self.site[a] = self.site[a] or self.site[b]


def _postings(pages: Sequence[PageLines], which: str) -> dict[str, list[int]]:
    postings: dict[str, list[int]] = defaultdict(list)
    for i, page in enumerate(pages):
        keys = page.prose if which == "prose" else set(page.lines) - page.prose
        for key in keys:
            postings[key].append(i)
    return postings


def _group_by_site(pages: Sequence[PageLines]) -> _Groups:
    groups = _Groups([page.site for page in pages])
    first: dict[str, int] = {}
    for i, page in enumerate(pages):
        if page.site is not None:
            groups.join(first.setdefault(page.site, i), i)
    # A page without evidence joins the page it shares most short lines with. The first two
    # pages holding each line stand for all of them: a site's pages share its menu with its
    # first page, so linking there is enough for the union, and the cost stays linear.
    short = _postings(pages, "short")
    for i, page in enumerate(pages):
        if page.site is not None:
            continue
        shared: Counter[int] = Counter()
        for key in set(page.lines) - page.prose:
            holders = short[key]
            other = holders[0] if holders[0] != i else (holders[1] if len(holders) > 1 else i)
            if other != i:
                shared[other] += 1
        if shared and (best := shared.most_common(1)[0])[1] >= LINK_LINES:
            groups.join(best[0], i)
    return groups


def _copies(pages: Sequence[PageLines], groups: _Groups) -> _Groups:
    """Pages of one site that share nearly all of the shorter one's prose: one story."""
    copies = _Groups([None] * len(pages))
    for postings in _postings(pages, "prose").values():
        if not 1 < len(postings) <= COPY_POSTINGS_MAX:
            continue
        for j in postings[1:]:
            i = postings[0]
            if groups.find(i) != groups.find(j) or copies.find(i) == copies.find(j):
                continue
            shared = len(pages[i].prose & pages[j].prose)
            if shared >= COPY_SHARE * min(len(pages[i].prose), len(pages[j].prose)):
                copies.join(i, j)
    return copies


def recurring_sets(pages: Sequence[PageLines | None]) -> list[frozenset[str]]:
    """For each page, the digests of its lines that are chrome by recurrence (empty for a
    page the pre-pass could not read)."""
    known = [(i, page) for i, page in enumerate(pages) if page is not None]
    read = [page for _, page in known]
    groups = _group_by_site(read)
    copies = _copies(read, groups)
    stories: dict[tuple[int, str], set[int]] = defaultdict(set)
    for i, page in enumerate(read):
        group, story = groups.find(i), copies.find(i)
        for key in set(page.lines):
            stories[(group, key)].add(story)
    result = [frozenset[str]() for _ in pages]
    for (index, page), i in zip(known, range(len(read)), strict=True):
        group = groups.find(i)
        recurring = {k for k in page.lines if len(stories[(group, k)]) > OTHER_PAGES}
        result[index] = frozenset(_inside_chrome(page, recurring))
    return result


def _inside_chrome(page: PageLines, recurring: set[str]) -> Iterator[str]:
    """The recurring lines that are chrome where they stand on this page (see the module's
    rule for prose). A line printed twice on the page counts where it is most story-like."""
    lines = page.lines
    story_like: set[str] = set()

    def chrome_at(i: int, step: int) -> bool:
        while 0 <= i < len(lines) and lines[i] in recurring and lines[i] in page.prose:
            i += step
        return not 0 <= i < len(lines) or lines[i] in recurring

    for i, key in enumerate(lines):
        prose = key in recurring and key in page.prose
        if prose and not (chrome_at(i - 1, -1) and chrome_at(i + 1, 1)):
            story_like.add(key)
    return (key for key in recurring if key not in story_like)


def drops(texts: Sequence[str], recurring: frozenset[str]) -> dict[int, str]:
    """The clean stage's rule: the lines (normalised) whose key is among ``recurring``."""
    if not recurring:
        return {}
    return {i: RULE for i, text in enumerate(texts) if line_digest(text) in recurring}
