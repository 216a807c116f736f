"""The coverage chart: articles and events per month, as inline SVG made at build time.

No script and no external file: the chart is part of the page, readable without JavaScript
and printable. It is an image to assistive technology (``role="img"``) with a title and a
description that state the totals, and every month's bar carries its own ``<title>``.
Dates known only to the year have no month: they are drawn in their own strip under the axis,
across their year, not spread over invented months. On right-to-left pages time runs from right
to left, as the page reads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from math import ceil

from markupsafe import Markup, escape

from ..collection.timeline import Item
from .i18n import Language, Strings, display_date

WIDTH = 720
PAD = 28  # room for the scale's number beside the plot
LEGEND_Y = 14
TOP = 26  # top of the bars
PLOT_HEIGHT = 110
STRIP = 14  # height of the "year only" strip
MIN_LABEL_GAP = 44  # least distance between two year labels
HEIGHT = TOP + PLOT_HEIGHT + 24 + STRIP + 6


@dataclass(frozen=True, slots=True)
class Counts:
    """Articles and events per month ("YYYY-MM"), and those known only to the year."""

    months: dict[str, tuple[int, int]]
    years: dict[str, tuple[int, int]]

    @property
    def articles(self) -> int:
        return sum(a for a, _ in self.months.values()) + sum(a for a, _ in self.years.values())

    @property
    def events(self) -> int:
        return sum(e for _, e in self.months.values()) + sum(e for _, e in self.years.values())

    def span(self) -> tuple[int, int] | None:
        years = [int(k[:4]) for k in (*self.months, *self.years)]
        return (min(years), max(years)) if years else None


def count(items: Iterable[Item]) -> Counts:
    """Count dated items by month (day and month precision) or by year (year precision)."""
    months: Counter[tuple[str, int]] = Counter()
    years: Counter[tuple[str, int]] = Counter()
    for item in items:
        if not item.date:
            continue  # undated, or a page-chrome date: not placed in time
        column = 0 if item.event is None else 1
        if item.precision == "year" or len(item.date) == 4:
            years[(item.date[:4], column)] += 1
        else:
            months[(item.date[:7], column)] += 1
    return Counts(
        {k: (months[(k, 0)], months[(k, 1)]) for k in sorted({k for k, _ in months})},
        {k: (years[(k, 0)], years[(k, 1)]) for k in sorted({k for k, _ in years})},
    )


def _summary(articles: int, events: int, t: Strings) -> str:
    return f"{t.chart_articles}: {articles} · {t.chart_events}: {events}"


class _Canvas:
    """Places shapes in a left-to-right frame, mirrored on right-to-left pages."""

    def __init__(self, rtl: bool) -> None:
        self.rtl = rtl
        self.parts: list[str] = []

    def x(self, x: float, width: float = 0.0) -> float:
        return round(WIDTH - x - width if self.rtl else x, 2)

    def rect(self, x: float, y: float, w: float, h: float, cls: str, opacity: float = 1) -> None:
        fade = f' opacity="{opacity:.2f}"' if opacity < 1 else ""
        self.parts.append(
            f'<rect class="{cls}" x="{self.x(x, w)}" y="{round(y, 2)}" width="{round(w, 2)}" '
            f'height="{round(h, 2)}"{fade}/>'
        )

    def group(self, title: str) -> None:
        """Open a group whose shapes share one tooltip (``<title>``)."""
        self.parts.append(f"<g><title>{escape(title)}</title>")

    def end(self) -> None:
        self.parts.append("</g>")

    def text(self, x: float, y: float, label: str, anchor: str = "middle", cls: str = "") -> None:
        if anchor != "middle" and self.rtl:
            anchor = "end" if anchor == "start" else "start"
        classes = f"chart-label {cls}".strip()
        self.parts.append(
            f'<text class="{classes}" x="{self.x(x)}" y="{y}" text-anchor="{anchor}">'
            f"{escape(label)}</text>"
        )


def coverage_svg(items: Iterable[Item], lang: Language, t: Strings, key: str) -> Markup | None:
    """The chart as an SVG element, or None when no item is dated.

    ``key`` makes the element ids unique on the page ("timeline", "entity").
    """
    counts = count(items)
    span = counts.span()
    if span is None:
        return None
    first, last = span
    months = (last - first + 1) * 12
    slot = (WIDTH - 2 * PAD) / months
    tallest = max((a + e for a, e in counts.months.values()), default=0)
    canvas = _Canvas(lang.direction == "rtl")
    base = TOP + PLOT_HEIGHT

    def left(year: int, month: int) -> float:
        return PAD + ((year - first) * 12 + month - 1) * slot

    for key_month, (articles, events) in counts.months.items():
        year, month = int(key_month[:4]), int(key_month[5:7])
        tip = f"{display_date(key_month, 'month', lang)}: {_summary(articles, events, t)}"
        width = max(slot * 0.8, 3.0)  # a month stays visible on a 20-year span
        scale = PLOT_HEIGHT / tallest
        canvas.group(tip)
        if articles:
            height = articles * scale
            canvas.rect(left(year, month), base - height, width, height, "chart-articles")
        if events:
            top = base - (articles + events) * scale
            canvas.rect(left(year, month), top, width, events * scale, "chart-events")
        canvas.end()
    canvas.parts.append(
        f'<line class="chart-axis" x1="{PAD}" x2="{WIDTH - PAD}" y1="{base}" y2="{base}"/>'
    )
    if tallest:
        canvas.text(PAD - 4, TOP + 8, str(tallest), "end", "chart-scale")
    step = max(1, ceil(MIN_LABEL_GAP / (12 * slot)))
    for year in range(first, last + 1):
        if (year - first) % step == 0:
            canvas.text(left(year, 1) + 6 * slot, base + 16, str(year))
    strip_top = base + 24
    year_tallest = max((a + e for a, e in counts.years.values()), default=0)
    for year_key, (articles, events) in counts.years.items():
        # The busier the year, the darker its band: how much is known only to the year.
        share = 0.3 + 0.7 * (articles + events) / year_tallest
        tip = f"{year_key} ({t.chart_year_only}): {_summary(articles, events, t)}"
        canvas.group(tip)
        canvas.rect(left(int(year_key), 1), strip_top, 12 * slot, STRIP, "chart-year-only", share)
        canvas.end()
    legend = [
        ("chart-articles", t.chart_articles, counts.articles),
        ("chart-events", t.chart_events, counts.events),
        ("chart-year-only", t.chart_year_only, len(counts.years)),
    ]
    x = PAD
    for cls, label, shown in legend:
        if not shown:
            continue  # no key for what the chart does not draw
        canvas.rect(x, LEGEND_Y - 9, 10, 10, cls)
        canvas.text(x + 14, LEGEND_Y, label, "start")
        x += 14 + 9 * len(label) + 18
    title_id, desc_id = f"chart-{key}-title", f"chart-{key}-desc"
    description = (
        f"{_summary(counts.articles, counts.events, t)} · {first}–{last}. {t.chart_explained}"
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="coverage-chart" role="img" '
        f'width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'aria-labelledby="{title_id} {desc_id}" direction="ltr" '
        f'preserveAspectRatio="xMidYMid meet">'
        f'<title id="{title_id}">{escape(t.chart_title)}</title>'
        f'<desc id="{desc_id}">{escape(description)}</desc>' + "".join(canvas.parts) + "</svg>"
    )
    return Markup(svg)
