"""The search index of one language site: small, bilingual, and blind to Arabic spelling variants.

Material's search plugin indexes every page's HTML (about 28 KB per briefing and language on the
samples, most of it the article text twice over). After it has written
``search/search_index.json``, :func:`finish_index` rewrites the file:

* each briefing becomes one entry built from its front matter, what readers search for first
  (headline in the other language, entity names in both scripts, outlet, gist, quotes ...), cut
  to ``budget_bytes`` (``generator/data/search.yml``);
* other pages keep their title, their headings and the opening words of their text;
* the index names the language ``fold``: Material's worker then loads
  ``assets/javascripts/lunr/min/lunr.fold.min.js``, which folds Arabic spelling variants
  (harakat, hamza and alef forms, tatweel, ى/ي, ة/ه) in indexed words and in queries alike.

What lunr-languages' ``lunr.ar`` does is no help here: its folding lives in its stemmer, which
Material removes for Arabic (its Arabic ``pipeline`` is empty), and lunr skips the search
pipeline for wildcard terms, which is every query term Material sends (it appends ``*``).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..collection.briefings import BRIEFINGS_FOLDER, Collection, Entry
from ..collection.timeline import TIMELINE_URL
from ..errors import BriefingError, ConfigError
from ..fsutil import write_text_atomic
from ..langdata import mapping
from ..model import Briefing, English
from ..text import SEARCH
from .i18n import LANGUAGES
from .render import paragraphs

INDEX_PATH = Path("search", "search_index.json")
# The worker loads ../lunr/min/lunr.<language>.min.js for the language the index names.
WORKER_LANGUAGE = "fold"
WORKER_SCRIPT = Path("assets", "javascripts", "lunr", "min", f"lunr.{WORKER_LANGUAGE}.min.js")
RULES_MARKER = "/*fold-rules*/ null"
_ELLIPSIS = "…"
_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True, slots=True)
class Settings:
    budget_bytes: int
    fields: dict[str, tuple[str, ...]]
    min_cut_bytes: int
    page_text_bytes: int


@cache
def settings() -> Settings:
    """``generator/data/search.yml``, checked once (a bad rule would break every query)."""
    data = mapping("search")
    fields = {lang: tuple(str(name) for name in names) for lang, names in data["fields"].items()}
    unknown = sorted({n for names in fields.values() for n in names if not _known_field(n)})
    if set(fields) != set(LANGUAGES):
        raise ConfigError(
            f"generator/data/search.yml: fields: one list per language {sorted(LANGUAGES)}"
        )
    if unknown:
        raise ConfigError(
            f"generator/data/search.yml: fields: unknown {unknown!r}; known: body, "
            + ", ".join(f"{name}[.ar|.en]" for name in FIELDS)
        )
    return Settings(
        budget_bytes=int(data["budget_bytes"]),
        fields=fields,
        min_cut_bytes=int(data["min_cut_bytes"]),
        page_text_bytes=int(data["page_text_bytes"]),
    )


def _known_field(name: str) -> bool:
    field, _, lang = name.partition(".")
    return name == "body" or (field in FIELDS and lang in ("", *LANGUAGES))


def fold(text: str) -> str:
    """A word as the search index matches it (what lunr.fold.min.js does, then lower case)."""
    return SEARCH.fold(text)


# --- what a briefing's entry holds ----------------------------------------------------------


def _in(lang: str, ar: str, en: English) -> str | None:
    """The Arabic text, or the English translation (None while it is pending)."""
    return ar if lang == "ar" else en.text


def _headline(b: Briefing, lang: str) -> Iterator[str | None]:
    yield _in(lang, b.headline.ar, b.headline.en)


def _names(b: Briefing, lang: str) -> Iterator[str | None]:
    if b.entities:
        # Most mentioned first, so a cut at the budget drops the names that matter least.
        people = sorted(b.entities, key=lambda e: -e.mentions)
        yield " · ".join(f"{e.ar} {e.en}" for e in people)


def _outlet(b: Briefing, lang: str) -> Iterator[str | None]:
    if b.outlet:
        yield f"{b.outlet.ar} {b.outlet.en}"


def _gist(b: Briefing, lang: str) -> Iterator[str | None]:
    for sentence in sorted(b.gist, key=lambda s: s.position):
        yield _in(lang, sentence.ar, sentence.en)


def _quotes(b: Briefing, lang: str) -> Iterator[str | None]:
    for quote in sorted(b.quotes, key=lambda q: q.rank):
        text = _in(lang, quote.ar, quote.en)
        speaker = quote.speaker.ar if lang == "ar" else quote.speaker.en
        yield f"{speaker}: {text}" if text and speaker else text


def _figures(b: Briefing, lang: str) -> Iterator[str | None]:
    for figure in b.figures:
        yield figure.ar if lang == "ar" else figure.en


def _events(b: Briefing, lang: str) -> Iterator[str | None]:
    for event in b.events:
        yield _in(lang, event.ar, event.en)


# The fields ``search.yml`` may list: name -> texts of a briefing (for a language suffix).
FIELDS: dict[str, Callable[[Briefing, str], Iterator[str | None]]] = {
    "headline": _headline,
    "names": _names,
    "outlet": _outlet,
    "gist": _gist,
    "quotes": _quotes,
    "figures": _figures,
    "events": _events,
}


def _field_texts(entry: Entry, name: str) -> Iterator[str]:
    """The texts of one field of ``search.yml``'s ``fields`` (``body`` or ``<field>[.<lang>]``)."""
    if name == "body":
        yield from paragraphs(entry.body)
        return
    field, _, lang = name.partition(".")
    for text in FIELDS[field](entry.briefing, lang):
        if text:
            yield text


def _cost(text: str) -> int:
    """Bytes ``text`` takes inside the index file (HTML-escaped, JSON-escaped, UTF-8)."""
    return len(json.dumps(html.escape(text, quote=False), ensure_ascii=False).encode()) - 2


def _cut(text: str, limit: int) -> str:
    """The longest run of whole words (plus an ellipsis) that costs at most ``limit`` bytes."""
    words: list[str] = []
    spent = _cost(_ELLIPSIS)
    for word in text.split():
        spent += _cost(word) + (1 if words else 0)
        if spent > limit:
            break
        words.append(word)
    return " ".join(words) + _ELLIPSIS if words else ""


def _block(text: str) -> str:
    return f"<p>{html.escape(text, quote=False)}</p>"


def briefing_text(entry: Entry, language: str, title: str, budget: int) -> str:
    """The entry's text: ``<p>`` blocks in field order until ``budget`` bytes are spent."""
    config = settings()
    seen = {fold(html.unescape(title))}  # the title is HTML: see render.page_title
    blocks: list[str] = []
    remaining = budget
    block_cost = _cost(_block(""))
    for name in config.fields[language]:
        for text in _field_texts(entry, name):
            text = " ".join(text.split())
            if not text or fold(text) in seen:
                continue
            seen.add(fold(text))
            cost = _cost(text) + block_cost
            if cost > remaining:
                cut = _cut(text, remaining - block_cost)
                if cut and _cost(cut) >= config.min_cut_bytes:
                    blocks.append(_block(cut))
                return "".join(blocks)
            blocks.append(_block(text))
            remaining -= cost
    return "".join(blocks)


def briefing_doc(entry: Entry, language: str, title: str) -> dict[str, str]:
    """One briefing's index entry, at most ``budget_bytes`` (unless the title alone is longer)."""
    doc = {"location": entry.url, "title": title, "text": ""}
    budget = settings().budget_bytes - _doc_bytes(doc)
    doc["text"] = briefing_text(entry, language, title, budget)
    return doc


def _doc_bytes(doc: dict[str, str]) -> int:
    """Bytes of one entry in the file, with the comma that separates it from the next."""
    return len(json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()) + 1


def page_doc(doc: dict[str, str]) -> dict[str, str]:
    """A non-briefing page or section: its title, and for the page itself its opening words."""
    small = {"location": doc["location"], "title": doc["title"], "text": ""}
    if "#" not in doc["location"]:
        text = html.unescape(_TAGS.sub(" ", doc.get("text", "")))
        text = " ".join(text.split())
        limit = settings().page_text_bytes
        small["text"] = html.escape(text if _cost(text) <= limit else _cut(text, limit), False)
    return small


# --- the index file -----------------------------------------------------------------------


def _heading_owners(docs: list[dict[str, str]]) -> dict[str, str | None]:
    """Each section heading -> the one page whose section keeps it, or None (left out).

    A heading that several pages share ("Briefings that name them" on every entity page) finds
    them all and tells none apart. When a top page has it too (a month of the timeline,
    repeated on entity pages), the shallowest page keeps it: that is where readers look for it.
    The timeline's year pages count as top pages: entity pages only filter the timeline.
    """
    pages: dict[str, set[str]] = {}
    for doc in docs:
        page, _, anchor = doc["location"].partition("#")
        if anchor:
            pages.setdefault(doc["title"], set()).add(page)
    owners: dict[str, str | None] = {}

    def depth(page: str) -> int:
        return 1 if page.startswith(TIMELINE_URL) else page.count("/")

    for title, having in pages.items():
        least = min(depth(page) for page in having)
        shallowest = [page for page in having if depth(page) == least]
        owners[title] = shallowest[0] if len(shallowest) == 1 else None
    return owners


def rewrite_docs(
    docs: Iterable[dict[str, str]],
    collection: Collection,
    language: str,
    known: Mapping[str, dict[str, str]] | None = None,
) -> list[dict[str, str]]:
    """Material's entries in, ours out, in the same order (a page before its sections).

    ``known``: briefing entries already made, by URL (an incremental build's unchanged pages).
    """
    known = known or {}
    docs = list(docs)
    briefings = {entry.url: entry for entry in collection.entries}
    owners = _heading_owners([d for d in docs if d["location"].split("#")[0] not in briefings])
    out: list[dict[str, str]] = []
    for doc in docs:
        page, _, anchor = doc["location"].partition("#")
        entry = briefings.get(page)
        if entry is not None:
            # A briefing's sections are left out: its one entry holds what they index.
            if not anchor:
                out.append(known.get(page) or briefing_doc(entry, language, doc["title"]))
        elif not anchor or owners[doc["title"]] == page:
            out.append(page_doc(doc))
    return out


def finish_index(
    site_dir: Path,
    collection: Collection,
    language: str,
    complete: Callable[[list[dict[str, str]]], list[dict[str, str]]] | None = None,
    known: Mapping[str, dict[str, str]] | None = None,
) -> list[dict[str, str]]:
    """After Material's search plugin: rewrite the index and write the fold rules for the worker.

    ``complete`` turns Material's entries into the entries of every page, when Material did
    not index them all (briefings left out, pages kept from an incremental build's previous
    run); ``known`` as for ``rewrite_docs``. Returns the entries written: none when the site
    has no search index (search disabled in mkdocs.yml).
    """
    index_path = site_dir / INDEX_PATH
    if not index_path.is_file():
        return []
    try:
        index = json.loads(index_path.read_text(encoding="utf-8"))
        index["config"]["lang"] = [WORKER_LANGUAGE]
        docs = index["docs"] if complete is None else complete(index["docs"])
        index["docs"] = rewrite_docs(docs, collection, language, known)
        # UTF-8 rather than Material's \uXXXX escapes: Arabic takes 2 bytes a letter, not 6.
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        write_text_atomic(index_path, text)
        write_worker_rules(site_dir)
    except BriefingError as exc:
        raise PluginError(f"search: {exc}") from None
    return list(index["docs"])


def write_worker_rules(site_dir: Path) -> None:
    """Write the search profile's fold rules into the site's copy of lunr.fold.min.js."""
    script = site_dir / WORKER_SCRIPT
    if not script.is_file():
        raise ConfigError(
            f"{script} is missing: copy docs/{WORKER_SCRIPT.as_posix()} from the briefings "
            "repository into the project (search needs it to fold Arabic spelling variants)"
        )
    source = script.read_text(encoding="utf-8")
    if RULES_MARKER not in source:
        return  # already written (MkDocs copies static files only when they change)
    literal = json.dumps({"remove": list(SEARCH.ranges), "replace": SEARCH.table})
    write_text_atomic(script, source.replace(RULES_MARKER, literal))


# --- the report the benchmark reads ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndexSize:
    language_path: str  # "" for the default language, "en/" ...
    total_bytes: int
    briefings: int
    briefing_bytes: int

    @property
    def bytes_per_briefing(self) -> float:
        return self.briefing_bytes / self.briefings if self.briefings else 0.0


def index_sizes(site_dir: Path, language_paths: Iterable[str] = ("", "en/")) -> list[IndexSize]:
    """Bytes of each language's search index, in all and for its briefing entries."""
    sizes = []
    for path in language_paths:
        index_path = site_dir / path / INDEX_PATH
        index = json.loads(index_path.read_text(encoding="utf-8"))
        mine = [
            d
            for d in index["docs"]
            if d["location"].startswith(f"{BRIEFINGS_FOLDER}/") and "#" not in d["location"]
        ]
        sizes.append(
            IndexSize(
                language_path=path,
                total_bytes=index_path.stat().st_size,
                briefings=len(mine),
                briefing_bytes=sum(_doc_bytes(d) for d in mine),
            )
        )
    return sizes


def index_bytes_per_briefing(site_dir: Path) -> dict[str, float]:
    """``{"ar": ..., "en": ...}``: index bytes per briefing entry in each language's index."""
    return {
        code: size.bytes_per_briefing
        for code, size in zip(
            LANGUAGES,
            index_sizes(site_dir, [lang.path for lang in LANGUAGES.values()]),
            strict=True,
        )
    }
