"""The objects that flow through the pipeline and the briefing front matter they become.

Two layers, on purpose:

* ``Article`` is the working object of the analysis stages: a mutable dataclass that each stage
  fills in (``(Article, Context) -> Article``).
* ``Briefing`` is the published record: the front matter of one page in ``docs/briefings/``.
  It is the single source of truth for everything the site shows about an article, so it is a
  validated pydantic model (editors change it by hand) and its JSON Schema is published.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from .slugs import RESERVED

SCHEMA_VERSION = 1

Precision = Literal["day", "month", "year"]
Confidence = Literal["high", "medium", "low"]
TranslationStatus = Literal["pending", "machine", "reviewed"]
Provenance = Literal["detected", "derived", "editor", "html-metadata"]
EntityType = Literal["person", "organisation", "place", "other"]
EventStatus = Literal["reported", "planned"]
# Keys an editor may lock against regeneration (``locked:``). ``schema``, ``id`` and ``sources``
# are the generator's bookkeeping (the slug and the article hash decide what to regenerate).
LOCKABLE = ("headline", "outlet", "published", "entities", "quotes", "events", "gist", "figures")
LockPath = Annotated[
    str,
    Field(
        pattern=rf"^({'|'.join(LOCKABLE)})(\.[A-Za-z0-9_-]+)*$",
        description="A key, dotted: published, headline.en, quotes.<id>.speaker, gist.<index>.",
    ),
]

# Dates are ASCII digits: "\d" would also take Arabic-Indic ones (٢٠١٤), which then name
# timeline folders and feed entries. Where an editor types a date outside front matter (a
# sidecar), its digits are made ASCII with ascii_digits; front matter says what to write.
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"


def ascii_digits(text: str) -> str:
    """The text with every decimal digit of any script (٢, ۲, २ ...) written 0-9."""
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)


def _in_calendar(value: str) -> str:
    year, month, day = [*value.split("-"), "01", "01"][:3]
    try:
        dt.date(int(year), int(month), int(day))
    except ValueError:
        raise PydanticCustomError(
            "date_not_in_calendar", "no such date (a month is 01-12, a day one of that month)"
        ) from None
    return value


DateText = Annotated[str, Field(pattern=DATE_PATTERN), AfterValidator(_in_calendar)]

# An entity id names a page (entities/<id>/) and an anchor: a short, safe path segment, and
# not a name MkDocs or Windows gives a meaning ("index" is the entity index page). The same
# rule for names.yml (generator.entities.gazetteer) and front matter.
PAGE_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,79}$"


def is_page_id(text: str) -> bool:
    return re.fullmatch(PAGE_ID_PATTERN, text) is not None and text not in RESERVED


def _page_name(value: str) -> str:
    if value in RESERVED:
        raise PydanticCustomError(
            "reserved_id",
            "names a page of the site (the entity index, or a Windows device name such as "
            "'con'); choose another id",
        )
    return value


EntityId = Annotated[str, Field(pattern=PAGE_ID_PATTERN), AfterValidator(_page_name)]


class Record(BaseModel):
    """Base for front-matter records: unknown keys are errors (a typo must not pass silently)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class English(Record):
    """An English rendering of Arabic text, with where it came from.

    ``text`` is absent while the translation is pending; Arabic is never stored here.
    """

    text: str | None = Field(default=None, description="The English text; absent while pending.")
    status: TranslationStatus = Field(
        default="pending",
        description="pending: not translated yet; machine: by an engine; reviewed: by a person.",
    )
    engine: str | None = Field(default=None, description="Engine or memory that produced it.")


class Headline(Record):
    ar: str = Field(min_length=1, description="The Arabic headline.")
    en: English = Field(default_factory=English)
    provenance: Provenance = Field(
        default="detected",
        description="detected: a headline line of the article; derived: made from the lead; "
        "editor: set by an editor or a sidecar file; html-metadata: the page's <title>.",
    )


class Outlet(Record):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    ar: str
    en: str
    evidence: str | None = Field(default=None, description="The text that names the outlet.")
    provenance: Provenance = "detected"


class PublishedDate(Record):
    """Publication date with its honesty attached: precision, confidence and the evidence."""

    value: DateText = Field(description="YYYY, YYYY-MM or YYYY-MM-DD, matching the precision.")
    precision: Precision
    confidence: Confidence
    source: str = Field(description="Where the date comes from (dateline, sidecar, inference ...).")
    evidence: str | None = None
    reason: str | None = Field(default=None, description="Why the confidence is not high.")

    @field_validator("value", mode="before")
    @classmethod
    def _date_to_text(cls, value: object) -> object:
        # YAML 1.1 loaders turn an unquoted 2020-01-07 into a date object; accept it as text.
        if isinstance(value, dt.date):
            return value.isoformat()
        return value


class Source(Record):
    path: str = Field(description="Input file, relative to the project root.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    format: Literal["txt", "md", "html"]
    encoding: str
    url: str | None = None

    @classmethod
    def of(cls, article: Article, path: str) -> Source:
        return cls(
            path=path,
            sha256=article.sha256,
            format=article.format,  # type: ignore[arg-type]
            encoding=article.encoding,
            url=article.sidecar.url or article.html_metadata.url,
        )


class Event(Record):
    """A dated event reported by the article: raw material of the master timeline."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Stable anchor id.")
    date: DateText = Field(description="YYYY, YYYY-MM or YYYY-MM-DD.")
    precision: Precision
    status: EventStatus = Field(
        default="reported",
        description="planned: dated after publication (a deadline, a schedule), not yet happened.",
    )
    ar: str = Field(min_length=1, description="The Arabic sentence that reports the event.")
    en: English = Field(default_factory=English)
    evidence: str = Field(description="The exact date expression in the sentence.")
    paragraph: int | None = Field(default=None, ge=1, description="Body paragraph, 1-based.")
    entities: list[EntityId] = Field(default_factory=list, description="Ids of entities named.")

    @field_validator("date", mode="before")
    @classmethod
    def _date_to_text(cls, value: object) -> object:
        return value.isoformat() if isinstance(value, dt.date) else value


class EntityMention(Record):
    """A person, organisation or place named in the article, with its English name."""

    id: EntityId = Field(description="Gazetteer id (stable).")
    type: EntityType
    ar: str = Field(min_length=1, description="Arabic name as the gazetteer spells it.")
    en: str = Field(min_length=1, description="Usual English name.")
    en_source: Literal["gazetteer", "romanised", "editor"] = Field(
        default="gazetteer", description="romanised: a readable transliteration to be checked."
    )
    role: str | None = None
    wikidata: str | None = Field(default=None, pattern=r"^Q[0-9]+$")
    mentions: int = Field(default=1, ge=1)


class Speaker(Record):
    """Who a quote is attributed to: an entity, a document (a letter, a statement) or unknown."""

    kind: Literal["person", "organisation", "document", "unknown"]
    entity: EntityId | None = Field(
        default=None, description="Entity id when the speaker is known."
    )
    ar: str | None = None
    en: str | None = None


class Quote(Record):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    speaker: Speaker
    ar: str = Field(min_length=1, description="The quoted words, in Arabic.")
    sentence: str = Field(description="The sentence the quote stands in.")
    en: English = Field(default_factory=English)
    rank: int = Field(ge=1, description="1 is the most important quote of the briefing.")
    paragraph: int | None = Field(default=None, ge=1)


class GistSentence(Record):
    """A key sentence of the article: the extractive gist, in reading order."""

    ar: str = Field(min_length=1, description="The Arabic sentence, as generator.sentences cut it.")
    paragraph: int = Field(ge=1, description="Body paragraph, 1-based.")
    position: int = Field(ge=1, description="Sentence index within the article (reading order).")
    en: English = Field(default_factory=English)


class Figure(Record):
    """A number with its unit, as the article states it ("2500 جندي" -> "2,500 troops")."""

    value: str = Field(description='ASCII digits as written in English: "2,500", "30", "1.5".')
    unit: str = Field(description='Unit id from generator/data/figures.yml: "troops", "percent".')
    en: str = Field(description='English rendering: "2,500 troops", "30%".')
    ar: str = Field(description="The Arabic phrase it came from, verbatim.")
    paragraph: int | None = Field(default=None, ge=1)


class Briefing(Record):
    """The front matter of one briefing page."""

    schema_version: int = Field(
        default=SCHEMA_VERSION, alias="schema", description="Version of this front-matter schema."
    )
    id: str = Field(pattern=PAGE_ID_PATTERN, description="Stable ASCII slug: the file name.")
    headline: Headline
    outlet: Outlet | None = Field(default=None, description="The outlet that published it.")
    published: PublishedDate | None = Field(default=None, description="Publication date.")
    sources: list[Source] = Field(
        min_length=1, description="The article files of this story (the generator's)."
    )
    entities: list[EntityMention] = Field(
        default_factory=list, description="People, organisations and places named."
    )
    quotes: list[Quote] = Field(default_factory=list, description="Quoted words, by rank.")
    events: list[Event] = Field(default_factory=list, description="Dated events: the timeline.")
    gist: list[GistSentence] = Field(
        default_factory=list, description="The 3-5 key sentences, in reading order."
    )
    figures: list[Figure] = Field(default_factory=list, description="Numbers with their units.")
    reviewed: bool = Field(default=False, description="true once an editor checked the page.")
    locked: list[LockPath] = Field(
        default_factory=list,
        description="Keys regeneration must never change, e.g. [published, headline.en]. "
        "List items are named by their id (quotes.<id>), gist sentences by their index.",
    )


@dataclass(frozen=True, slots=True)
class Removed:
    """A line the cleaner took out of the body, and the rule that removed it.

    Kept as evidence for later stages: a ``date-line`` under the headline may be the publication
    date, a ``site-header-date`` never is.
    """

    rule: str
    text: str
    line: int  # 1-based, in ``Article.text``


@dataclass(frozen=True, slots=True)
class Sidecar:
    """What an editor states about an article in ``<name>.meta.yml`` (generator.sidecar reads
    and checks it). A value not stated is None; a stated one is one line of text."""

    url: str | None = None
    outlet: str | None = None  # an id or a name from generator/data/outlets.yml
    title: str | None = None
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD

    @property
    def stated(self) -> bool:
        """True when the editor stated anything (a sidecar with at least one value)."""
        return any((self.url, self.outlet, self.title, self.date))


@dataclass(frozen=True, slots=True)
class HtmlMetadata:
    """What a saved HTML page says about itself (generator.html), kept as evidence for the
    headline, outlet and date stages. A value the page does not give is None."""

    title: str | None = None
    site_name: str | None = None
    url: str | None = None
    hostname: str | None = None
    author: str | None = None
    description: str | None = None
    date: str | None = None  # as the page's metadata states it (generator.dates.stated)


@dataclass(slots=True)
class Article:
    """One input article on its way through the analysis stages."""

    source: Path
    text: str = ""
    format: str = "txt"
    encoding: str = "utf-8"
    sha256: str = ""
    sidecar: Sidecar = field(default_factory=Sidecar)
    html_metadata: HtmlMetadata = field(default_factory=HtmlMetadata)
    slug: str = ""
    paragraphs: list[str] = field(default_factory=list)
    headline: Headline | None = None
    outlet: Outlet | None = None
    published: PublishedDate | None = None
    events: list[Event] = field(default_factory=list)
    entities: list[EntityMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    gist: list[GistSentence] = field(default_factory=list)
    duplicates: list[Source] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    # The first paragraph when a whole page's structure names it the headline (it repeats the
    # page's title above the story): the headline stage takes it whatever its length.
    page_headline: str | None = None
    # Digests of the lines that recur on other pages of the article's site: page chrome found
    # by the pre-pass over articles/ (generator.site_repeats), dropped by the clean stage.
    recurring_lines: frozenset[str] = field(default_factory=frozenset)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)
