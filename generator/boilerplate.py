"""Page chrome in whole-page text: each line judged by its shape, then by its neighbours.

The method is jusText's (Pomikálek 2011) for text without markup. A line is first classed on its
own: ``good`` (a paragraph of prose: long, or a sentence, with enough function words), ``bad``
(a menu written on one line, a copyright line, a long line with too few function words, a short
line the page repeats elsewhere) or ``short`` (a heading, caption, menu entry or list entry:
undecided). Then its neighbourhood decides:

* a run of more undecided or bad lines than ``inline_run_max`` is a block of chrome (menus, a
  related-stories box, a widget); a shorter run between paragraphs is a subheading or caption;
* paragraphs form blocks between those runs; the story is the biggest block just under the
  line that repeats the page's title (else the big block that carries the title's words), and
  another block stays only when it is substantial and shares the story's words (a story cut
  by a widget); teasers of other stories and page notices go;
* the headline is the line above the story that repeats the page's title line, else the title
  line itself: it stays, for the headline stage to read.

A text with no chrome run (an article copied on its own) loses nothing here: its short lines
at the top and bottom are left to the phrase rules of ``clean.py``, which know datelines and
sign-offs. Thresholds are data (``data/boilerplate.yml``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, fields
from functools import cache
from typing import Literal

from . import langdata
from .phrases import fold

Shape = Literal["good", "short", "bad"]
_WORD = re.compile(r"\w+")
_CLOSERS = "\"'”’»)]"
# "1- ...", "2) ...", "3. ...", "• ...": an entry of a numbered or bulleted list.
_ENUMERATED = re.compile(r"\s*(?:\d{1,2}\s*[-.)–ـ]|[•▪◦*-]\s)")


@dataclass(frozen=True, slots=True)
class Settings:
    prose_chars: int
    short_chars: int
    stop_density_low: float
    stop_density_high: float
    inline_run_max: int
    far_block_min_share: float
    part_min_paragraphs: int
    cohesion_min: float
    sentence_min_words: int
    headline_window: int
    headline_min_cover: float
    page_min_lines: int
    title_cover_floor: float
    separators: frozenset[str]
    menu_min_separators: int
    menu_entry_max_words: int
    sentence_ends: tuple[str, ...]


@cache
def settings() -> Settings:
    data = langdata.mapping("boilerplate")
    values = {f.name: data[f.name] for f in fields(Settings)}
    values["separators"] = frozenset(values["separators"])
    values["sentence_ends"] = tuple(values["sentence_ends"])
    return Settings(**values)


@cache
def stop_words() -> frozenset[str]:
    """jusText's Arabic stop list (the 2,770 most frequent words of Arabic Wikipedia), folded."""
    import justext  # imports lxml: loaded only when a text is classified

    return frozenset(fold(word) for word in justext.get_stoplist("Arabic"))


def stop_density(text: str) -> float:
    tokens = _WORD.findall(fold(text))
    stops = stop_words()
    return sum(token in stops for token in tokens) / len(tokens) if tokens else 0.0


def ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS + " ").endswith(settings().sentence_ends)


def is_menu(text: str) -> bool:
    """Entries of a menu or breadcrumb written on one line: "الرئيسية / عاجل / سياسة"."""
    s = settings()
    tokens = text.split()
    if any(char.isdigit() for char in text):
        return False  # "10 - غال غادوت - 10 مليون دولار": a list entry of a story, not a menu
    marks = sum(token in s.separators for token in tokens)
    if marks < s.menu_min_separators:
        return False
    entries = len(tokens) - marks
    return entries / (marks + 1) <= s.menu_entry_max_words


def shape(text: str, repeated: bool = False) -> Shape:
    s = settings()
    if is_never_story(text):
        return "bad"
    if len(text) < s.short_chars:
        return "bad" if repeated else "short"
    density = stop_density(text)
    if ends_sentence(text):
        return "good" if density >= s.stop_density_high else "short"
    if len(text) >= s.prose_chars:
        # A long line that is not a sentence: prose cut at a link, or a ticker or teaser
        # whose function words give it away.
        return "good" if density >= s.stop_density_low else "bad"
    return "bad" if repeated else "short"


def is_never_story(text: str) -> bool:
    """A copyright line or a menu written on one line: chrome wherever it stands."""
    return "©" in text or is_menu(text)


@dataclass(frozen=True, slots=True)
class Verdict:
    chrome: frozenset[int]  # indexes of the lines that are page chrome
    headline: int | None  # index of the line kept as the headline, if the text is a page


def _runs(shapes: list[Shape]) -> list[range]:
    """Maximal runs of lines that are not paragraphs."""
    runs, start = [], None
    for i, kind in enumerate([*shapes, "good"]):
        if kind != "good" and start is None:
            start = i
        elif kind == "good" and start is not None:
            runs.append(range(start, i))
            start = None
    return runs


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _attach_sentences(texts: list[str], shapes: list[Shape], title: set[str]) -> None:
    """Short prose next to a paragraph is part of it: a short sentence after or before one
    ("وأضافت: ...".), a lead without its full stop just before one, or the rest of a paragraph
    that stopped without its full stop. A line that repeats the title is the headline, and a
    headline-shaped line after a finished paragraph is the first of a related list: neither
    joins."""
    s = settings()
    changed = True
    while changed:
        changed = False
        for i, kind in enumerate(shapes):
            if kind != "short" or len(_words(texts[i])) < s.sentence_min_words:
                continue
            before = i + 1 < len(shapes) and shapes[i + 1] == "good"
            after = i > 0 and shapes[i - 1] == "good"
            end = texts[i].rstrip(_CLOSERS + " ")
            # A line that announces a list ("... كالتالي:") closes the paragraph above it.
            sentence = end.endswith((".", "!", "؟", "?")) or (after and end.endswith(":"))
            # A paragraph that stops without its full stop goes on in the next line.
            goes_on = after and not ends_sentence(texts[i - 1])
            lead = (
                (before or goes_on)
                and len(texts[i]) >= s.short_chars
                and stop_density(texts[i]) >= s.stop_density_high
                and not _repeats_title(texts[i], title)
            )
            if (sentence and (before or after)) or lead:
                shapes[i] = "good"
                changed = True


def _repeats_title(text: str, title: set[str]) -> bool:
    """Holds most of the title's words and few more: the headline, not a lead that retells it."""
    words = _words(text)
    covered = len(title & set(words)) >= settings().headline_min_cover * len(title)
    return covered and len(words) <= 1.5 * len(title)


def _attach_lists(texts: list[str], shapes: list[Shape]) -> None:
    """Numbered or bulleted entries ("1- ...", "2- ...") right under a paragraph are a list of
    the story. A page's "most read" list puts its numbers on lines of their own and stands
    under a header, not under a paragraph."""
    listed = set()
    for i in range(1, len(texts)):
        if shapes[i] != "short" or not (shapes[i - 1] == "good" or i - 1 in listed):
            continue
        # One entry whose number lost its dash ("7 جوليا روبرتس") does not end the list.
        gap = i - 1 in listed and i + 1 < len(texts) and _ENUMERATED.match(texts[i + 1])
        if _ENUMERATED.match(texts[i]) or gap:
            shapes[i] = "good"
            listed.add(i)


def _announced_list(run: range, texts: list[str]) -> bool:
    """Short lines between two paragraphs, the first of which announces them ("... the ten
    best paid:"): a list of the story."""
    return (
        run.start > 0
        and run.stop < len(texts)
        and texts[run.start - 1].rstrip().endswith((":", "："))
    )


def _cohesion(block: range, texts: list[str], shapes: list[Shape], story: set[str]) -> float:
    """Share of the block's content words (not stop words, occurrences counted) that the story
    uses too: parts of one story share its names; a teaser of another story shares few."""
    stops = stop_words()
    words = [w for i in block if shapes[i] == "good" for w in _words(texts[i]) if w not in stops]
    return sum(w in story for w in words) / len(words) if words else 0.0


def _story_words(indexes: list[int], texts: list[str]) -> set[str]:
    stops = stop_words()
    return {w for i in indexes for w in _words(texts[i]) if w not in stops}


def classify(texts: list[str]) -> Verdict:
    """Which of the (normalised, non-empty) lines of a text are page chrome."""
    s = settings()
    counts = Counter(fold(t) for t in texts)
    shapes: list[Shape] = [shape(t, counts[fold(t)] > 1) for t in texts]
    # The title line (a page's first) and the headline above the story that repeats it are
    # headings, however long, not prose.
    title = set(_words(texts[0])) if texts else set()
    for i in range(len(texts)):
        if shapes[i] == "good" and (i == 0 or _repeats_title(texts[i], title)):
            shapes[i] = "short"
    _attach_sentences(texts, shapes, title)
    _attach_lists(texts, shapes)
    undecided = len(texts) - shapes.count("good")
    if undecided < s.page_min_lines or undecided < shapes.count("good"):
        # Not a whole page: an article copied on its own, maybe with a list in it. Only what
        # is never story goes; its edges belong to the phrase rules of clean.py.
        return Verdict(frozenset(i for i, t in enumerate(texts) if is_never_story(t)), None)
    chrome = {i for i, kind in enumerate(shapes) if kind == "bad"}
    runs = _runs(shapes)
    long_runs = [r for r in runs if len(r) > s.inline_run_max and not _announced_list(r, texts)]
    for run in long_runs:
        chrome.update(run)
    blocks = _blocks(len(texts), long_runs)
    sizes = [sum(len(texts[i]) for i in block if shapes[i] == "good") for block in blocks]
    paragraphs = [sum(shapes[i] == "good" for i in block) for block in blocks]
    main = _main_block(blocks, sizes, texts, title)
    story = {main}
    words = _story_words([*blocks[main], 0], texts)
    # Blocks join the story until none more does, each bringing its words, so that a story
    # cut in three by widgets gathers its parts through the words they share.
    grew = True
    while grew:
        grew = False
        for number, block in enumerate(blocks):
            if number in story:
                continue
            share = sizes[number] / max(1, sizes[main])
            substantial = (
                paragraphs[number] >= s.part_min_paragraphs or share >= s.far_block_min_share
            )
            if substantial and _cohesion(block, texts, shapes, words) >= s.cohesion_min:
                story.add(number)
                words |= _story_words(list(block), texts)
                grew = True
    for number, block in enumerate(blocks):
        if number not in story:
            chrome.update(block)
    kept = [i for i in range(len(texts)) if i not in chrome]
    headline = _headline(texts, kept[0] if kept else len(texts), title)
    if headline is not None:
        chrome.discard(headline)
    return Verdict(frozenset(chrome), headline)


def _main_block(blocks: list[range], sizes: list[int], texts: list[str], title: set[str]) -> int:
    """The story's block: the biggest that starts just under a line repeating the title (the
    headline above the story), else the big block that carries the title's words (a longer
    list of teasers of other stories carries few of them)."""
    s = settings()
    heads = [i for i in range(1, len(texts)) if _repeats_title(texts[i], title)]
    under = [
        n
        for n, block in enumerate(blocks)
        # The headline stands above the block, or opens it when no chrome comes between.
        if sizes[n] and any(-1 <= block.start - h <= s.headline_window for h in heads)
    ]
    if under:
        return max(under, key=sizes.__getitem__)
    words = _story_words([0], texts)
    cover = [len(words & _story_words(list(b), texts)) / max(1, len(words)) for b in blocks]
    return max(range(len(blocks)), key=lambda n: sizes[n] * max(cover[n], s.title_cover_floor))


def _headline(texts: list[str], story_start: int, title: set[str]) -> int | None:
    """The line above the story that repeats most of the page's title (its first line: the
    HTML title), else the title line itself when it reads as a headline."""
    s = settings()
    best, best_cover = None, s.headline_min_cover
    for i in range(max(1, story_start - s.headline_window), story_start):
        cover = len(title & set(_words(texts[i]))) / max(1, len(title))
        if cover >= best_cover and not is_menu(texts[i]):
            best, best_cover = i, cover
    if best is not None:
        return best
    return 0 if story_start > 0 and not is_menu(texts[0]) else None


def _blocks(count: int, chrome_runs: list[range]) -> list[range]:
    """The stretches of lines between runs of chrome."""
    blocks, start = [], 0
    for run in chrome_runs:
        if run.start > start:
            blocks.append(range(start, run.start))
        start = run.stop
    if start < count:
        blocks.append(range(start, count))
    return blocks or [range(0)]
