"""Stage 4: the publishing outlet, from the registry in ``data/outlets.yml``. Unknown stays unknown.

Evidence, strongest first: the editor's sidecar (``outlet``, then the host of ``url``); the saved
page's own metadata (site name, URL); signatures in the text (see ``signatures``). Within one
level, two different outlets cancel out: a wrong outlet is worse than none, so the article is
left without one and a warning names both pieces of evidence.
"""

from __future__ import annotations

from . import phrases, signatures
from .clean import edge_ranges, headline_like
from .context import Context
from .errors import InputError
from .ingest import SIDECAR_SUFFIX
from .model import Article, Outlet, Provenance
from .phrases import OutletEntry
from .signatures import Signature
from .textnorm import normalise_line

EDGE_LINES = 8  # lines before the story / after it where headers and sign-offs stand
_EVIDENCE_CHARS = 120


def _outlet(entry: OutletEntry, evidence: str, provenance: Provenance) -> Outlet:
    return Outlet(
        id=entry.id,
        ar=entry.ar,
        en=entry.en,
        evidence=evidence[:_EVIDENCE_CHARS],
        provenance=provenance,
    )


def text_signatures(article: Article) -> list[Signature]:
    """Every signature in the text as read (before cleaning removed the chrome it sits in)."""
    lines = [t for raw in article.text.splitlines() if (t := normalise_line(raw))]
    head, tail = edge_ranges(lines, EDGE_LINES)
    found: list[Signature] = []
    for number, line in enumerate(lines):
        if (number in head or number in tail) and (entry := signatures.site_name(line)):
            found.append(Signature(entry, "site name", line))
        elif number in tail and (entry := signatures.sign_off(line)):
            found.append(Signature(entry, "sign-off", line))
        elif number in head and (dated := signatures.dateline(line)):
            # Evidence is the dateline itself, not the story sentence it opens.
            rest = dated[1]
            alone = phrases.words(rest) <= 3
            dateline = line if alone or not line.endswith(rest) else line[: -len(rest)].strip()
            found.append(Signature(dated[0], "dateline", dateline))
        elif (
            number in head
            # A whole page's first line is its HTML title, however long the headline in it.
            and (number == 0 or headline_like(line))
            and (suffix := signatures.title_suffix(line))
        ):
            found.append(Signature(suffix[1], "title suffix", line))
        elif linked := signatures.url_line(line):
            found.append(Signature(linked[0], "link", line))
    return found


def _from_sidecar(article: Article) -> Outlet | None:
    stated = article.sidecar.outlet
    if stated:
        entry = phrases.outlet_for_name(stated)
        if entry is None:
            known = ", ".join(o.id for o in phrases.outlets())
            raise InputError(
                article.source,
                f"sidecar {article.source.stem}{SIDECAR_SUFFIX}: outlet {stated!r} is not in "
                f"generator/data/outlets.yml; use one of: {known} (or add it there)",
            )
        return _outlet(entry, f"sidecar outlet: {stated}", "editor")
    url = article.sidecar.url
    if url and (entry := signatures.outlet_for_url(url)):
        return _outlet(entry, f"sidecar url: {url}", "detected")
    return None


def _from_html(article: Article) -> list[Signature]:
    meta = article.html_metadata
    found = []
    if meta.site_name and (entry := phrases.outlet_for_name(meta.site_name)):
        found.append(Signature(entry, "site name", f"page site name: {meta.site_name}"))
    for key, value in (("url", meta.url), ("hostname", meta.hostname)):
        if value and (entry := signatures.outlet_for_url(value)):
            found.append(Signature(entry, "url", f"page {key}: {value}"))
    return found


def _single(found: list[Signature]) -> Signature | None:
    return found[0] if found and len({s.outlet.id for s in found}) == 1 else None


def _describe(found: list[Signature]) -> str:
    return "; ".join(f"{s.outlet.id} ({s.kind}: {s.evidence[:60]!r})" for s in found)


def find_outlet(article: Article, ctx: Context) -> Article:
    editor = _from_sidecar(article)
    if editor is not None:
        article.outlet = editor
        return article
    page, text = _from_html(article), text_signatures(article)
    levels: tuple[tuple[list[Signature], Provenance], ...] = (
        (page, "html-metadata"),
        (text, "detected"),
    )
    for found, provenance in levels:
        if not found:
            continue
        chosen = _single(found)
        if chosen is None:
            article.warnings.append(
                f"outlet left unknown: conflicting evidence: {_describe(found)}"
            )
            return article
        disagree = [s for s in text if s.outlet.id != chosen.outlet.id]
        if provenance == "html-metadata" and disagree:
            article.warnings.append(
                f"text names another outlet than the page ({_describe(disagree)}); "
                f"kept the page's {chosen.outlet.id}"
            )
        article.outlet = _outlet(chosen.outlet, chosen.evidence, provenance)
        return article
    return article
