"""Key figures: numbers with their unit ("2500 جندي" -> "2,500 troops", "60%" -> "60%").

English readers come for troop numbers, percentages and sums even while the gist is pending
translation, so a figure carries its own English rendering. Only a number followed by a known
unit (``generator/data/figures.yml``) is a figure: a year, a date, a duration or an ordinal
("الـ25") is not, and the dates stage owns dates. Digits may be Western or Arabic-Indic, with
thousands separators (, ٬) and decimal marks (. ٫, or a comma before one or two digits, the
French outlets' "5,3 ملايين"); number words ("خمسة آلاف") and multipliers (ألف، مليون،
مليار) are read too. Matching runs on folded text and reports the Arabic as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from .context import Context
from .langdata import mapping
from .model import Article, Figure
from .phrases import alternation, fold, fold_map
from .text.chars import table, translation

_INDIC = translation("arabic_indic")
_DIGIT_CHARS = "0-9" + "".join(table("arabic_indic"))
_D = f"[{_DIGIT_CHARS}]"
# A number that is not part of a word, a code (S300, CH-47), a date (07/01/2020) or a time
# (13:15); one proclitic letter may stick to it ("بـ15" folds to "ب15"), left out of the match.
_DIGITS = (
    r"(?:(?<![\w.,/:\-%٪])|(?<=[\s(][وبلك])|(?<=^[وبلك]))"
    rf"(?P<digits>{_D}+(?:[,٬]{_D}{{3}})*(?:[.٫,]{_D}+)?)(?![/:]{_D}|{_D})"
)


# The first words of 11 and 12, which are not number words of their own.
_TEENS = frozenset({"احد", "احدى", "اثنا", "اثني", "اثنتا", "اثنتي"})


@dataclass(frozen=True, slots=True)
class _Unit:
    id: str
    en: str
    one: str  # the rendering of exactly one ("1 troop")


@dataclass(frozen=True, slots=True)
class _Rules:
    pattern: re.Pattern[str]
    before_percent: re.Pattern[str]
    words: dict[str, Decimal]  # folded number word -> value
    multipliers: dict[str, Decimal]  # folded multiplier -> factor
    scales: tuple[tuple[Decimal, str], ...]  # factor -> English word, largest first
    units: dict[str, _Unit]  # folded unit word -> unit
    qualifiers: dict[str, str]  # folded qualifier -> English template
    percent_en: str
    cap: int


def _folded_table(entries: dict[object, list[str]]) -> dict[str, object]:
    return {fold(str(word)): key for key, words in entries.items() for word in words}


@cache
def rules() -> _Rules:
    data = mapping("figures")
    words = {w: Decimal(str(v)) for w, v in _folded_table(data["number_words"]).items()}
    multipliers = {
        fold(w): Decimal(str(factor))
        for factor, entry in data["multipliers"].items()
        for w in entry["ar"]
    }
    scales = tuple(
        sorted(
            ((Decimal(str(f)), e["en"]) for f, e in data["multipliers"].items() if e["en"]),
            reverse=True,
        )
    )
    units = {
        fold(w): _Unit(str(uid), entry["en"], entry.get("one", entry["en"]))
        for uid, entry in data["units"].items()
        for w in entry["ar"]
    }
    qualifiers = {fold(w): q["en"] for q in data["qualifiers"].values() for w in q["ar"]}
    percent = alternation(data["percent"]["ar"])
    number = rf"(?:{_DIGITS}|(?<!\w)(?P<word>{alternation(list(words))}))"
    pattern = re.compile(
        rf"(?:(?<!\w)(?P<qual>{alternation(list(qualifiers))})\s+)?{number}"
        rf"(?:\s*(?P<mult>{alternation(list(multipliers))})(?!\w))?"
        rf"\s*(?:(?P<pct>{percent})|(?:من\s+)?(?:ال)?(?P<unit>{alternation(list(units))}))"
        r"(?!\w)"
    )
    before_percent = re.compile(
        rf"(?<![\w{_DIGIT_CHARS}])[%٪](?P<digits>{_D}+(?:[.٫]{_D}+)?)(?!\w)"
    )
    return _Rules(
        pattern=pattern,
        before_percent=before_percent,
        words=words,
        multipliers=multipliers,
        scales=scales,
        units=units,
        qualifiers=qualifiers,
        percent_en=data["percent"]["en"],
        cap=int(data["max_figures"]),
    )


def number_value(digits: str) -> Decimal:
    """The value of a written number: "2,500" 2500, "٢٥٠٠" 2500, "5,3" 5.3, "15.1" 15.1."""
    text = digits.translate(_INDIC).replace("٬", ",").replace("٫", ".")
    if "," in text:
        head, _, tail = text.rpartition(",")
        if len(tail) == 3 and "." not in tail:
            text = text.replace(",", "")  # thousands separators
        else:
            text = head.replace(",", "") + "." + tail  # a decimal comma
    return Decimal(text)


def _plain(value: Decimal) -> str:
    """English digits with thousands separators, without trailing zeros: 2500 -> "2,500"."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    whole, _, fraction = format(value, "f").partition(".")  # "80.50" keeps its cents
    return f"{int(whole):,}.{fraction}"


def english_number(value: Decimal) -> str:
    """How English news writes it: "2,500", "150,000", "15.1 billion", "1.5"."""
    r = rules()
    for factor, word in r.scales:
        if value >= factor:
            return f"{_plain(value / factor)} {word}"
    return _plain(value)


def _figure(match: re.Match[str], text: str, index: Sequence[int], paragraph: int) -> Figure:
    r = rules()
    if match.group("digits") is not None:
        value = number_value(match.group("digits"))
    else:
        value = r.words[match.group("word")]
    if match.group("mult"):
        value *= r.multipliers[match.group("mult")]
    if match.group("pct") is not None:
        unit, template = "percent", r.percent_en
    else:
        found = r.units[" ".join(match.group("unit").split())]
        unit, template = found.id, found.one if value == 1 else found.en
    rendered = template.format(n=english_number(value))
    if match.group("qual"):
        rendered = r.qualifiers[" ".join(match.group("qual").split())].format(x=rendered)
    start, end = index[match.start()], index[match.end() - 1] + 1
    return Figure(
        value=_plain(value), unit=unit, en=rendered, ar=text[start:end], paragraph=paragraph
    )


def _compound(before: str, r: _Rules) -> bool:
    """True when the word before a number word is a number too ("أحد عشر", "ثلاثة عشر")."""
    words = before.split()
    return bool(words) and (words[-1] in r.words or words[-1] in _TEENS)


def figures_in(text: str, paragraph: int) -> list[tuple[int, Figure]]:
    """(offset, figure) for every figure of one paragraph."""
    r = rules()
    folded, index = fold_map(text)
    found = []
    for match in r.pattern.finditer(folded):
        if match.group("word") and _compound(folded[: match.start("word")], r):
            continue  # "ثلاثة عشر جنديا" is 13, not 10: compound number words are not read
        found.append((match.start(), _figure(match, text, index, paragraph)))
    for match in r.before_percent.finditer(folded):
        value = number_value(match.group("digits"))
        start, end = index[match.start()], index[match.end() - 1] + 1
        figure = Figure(
            value=_plain(value),
            unit="percent",
            en=r.percent_en.format(n=english_number(value)),
            ar=text[start:end],
            paragraph=paragraph,
        )
        found.append((match.start(), figure))
    return sorted(found, key=lambda item: item[0])


def find_figures(paragraphs: list[str]) -> list[Figure]:
    """The figures of a body in reading order, each (value, unit) once, at most the cap."""
    seen: set[tuple[str, str]] = set()
    out: list[Figure] = []
    for number, paragraph in enumerate(paragraphs, start=1):
        for _, figure in figures_in(paragraph, number):
            key = (figure.value, figure.unit)
            if key in seen:
                continue
            seen.add(key)
            out.append(figure)
    return out[: rules().cap]


def find_article_figures(article: Article, ctx: Context) -> Article:
    """Pipeline stage: the key figures of the article."""
    article.figures = find_figures(article.paragraphs)
    return article
