"""A salary chart drawn with text: every range on one annual US dollar scale."""

from __future__ import annotations

import math

from rich.cells import cell_len
from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.widget import Widget

from backend_tui.content.model import ExchangeRate, SalaryRange, Section
from backend_tui.safetext import visible
from backend_tui.ui.formats import date, number
from backend_tui.ui.strings import text

_FILL = "█"
_TRACK = "─"
MAX_WIDTH = 100
"""Wider bars add no information and are harder to read across."""


def annual_usd(salary: SalaryRange, rate: ExchangeRate | None) -> tuple[float, float] | None:
    """Low and high per year in USD, or None when the currency has no exchange rate."""
    low, high = salary.annual()
    if salary.currency == "USD":
        return float(low), float(high)
    if rate is None or rate.currency != salary.currency or rate.per_usd <= 0:
        return None
    return low / rate.per_usd, high / rate.per_usd


def _nice_ceiling(value: float) -> float:
    """Round the scale's end up to a round figure (160,000 stays; 163,000 becomes 170,000)."""
    if value <= 0:
        return 1.0
    step = 10 ** max(0, math.floor(math.log10(value)) - 1)
    return float(math.ceil(value / step) * step)


def _bar(low: float, high: float, scale: float, width: int) -> Text:
    start = min(width - 1, int(low / scale * width))
    end = max(start + 1, min(width, math.ceil(high / scale * width)))
    bar = Text(_TRACK * start, style="dim")
    bar.append(_FILL * (end - start), style="bold")
    bar.append(_TRACK * (width - end), style="dim")
    return bar


def _figures(
    salary: SalaryRange, usd: tuple[float, float], rate: ExchangeRate | None, lang: str
) -> str:
    if salary.currency == "USD" or rate is None:
        return text(lang, "chart_usd", low=number(lang, usd[0]), high=number(lang, usd[1]))
    return text(
        lang,
        "chart_converted",
        low=number(lang, usd[0]),
        high=number(lang, usd[1]),
        rate=number(lang, rate.per_usd),
        currency=rate.currency,
        date=date(lang, rate.as_of),
        approx=text(lang, "approximate") if rate.approximate else "",
    )


def chart_text(section: Section, lang: str, width: int) -> Text:
    """The chart for a given width: bars on one axis, then every figure written out."""
    out = Text(text(lang, "chart_title"), style="bold")
    out.append("\n")
    if not section.salaries:
        out.append(text(lang, "chart_none"))
        return out
    rate = section.exchange_rate
    ranges = [(s, annual_usd(s, rate)) for s in section.salaries]
    highs = [usd[1] for _, usd in ranges if usd is not None]
    scale = _nice_ceiling(max(highs)) if highs else 1.0
    regions = [visible(s.region) for s in section.salaries]
    label_width = max(map(cell_len, regions)) + 2
    # Labels beside the bars when there is room, else each label above its bar.
    width = min(width, MAX_WIDTH)
    beside = width - label_width >= 30
    bar_width = max(10, width - label_width if beside else width)
    indent = " " * label_width if beside else ""
    for (salary, usd), region in zip(ranges, regions, strict=True):
        # Padded by cells, not characters: a wide (CJK) region name takes two each.
        pad = " " * (label_width - cell_len(region)) if beside else ""
        out.append(region + pad, style="bold")
        if not beside:
            out.append("\n")
        if usd is None:
            out.append(text(lang, "chart_rate_missing", currency=salary.currency))
        else:
            out.append_text(_bar(usd[0], usd[1], scale, bar_width))
        out.append("\n")
    if highs:
        left, right = "USD 0", f"USD {number(lang, scale)}"
        gap = max(1, bar_width - len(left) - len(right))
        out.append(f"{indent}{left}{' ' * gap}{right}\n", style="dim")
    for salary, usd in ranges:
        out.append("\n")
        out.append(f"{visible(salary.region)}: ", style="bold")
        if usd is not None:
            out.append(_figures(salary, usd, rate, lang))
        out.append("\n")
        out.append(text(lang, "chart_article", original=visible(salary.original.strip())))
        out.append("\n")
        if not salary.period_stated:
            out.append(text(lang, "chart_no_period"), style="italic")
            out.append("\n")
        if salary.note:
            out.append(f"▌ {text(lang, 'study_note')}: ", style="bold italic")
            out.append(visible(salary.note.strip()), style="italic")
            out.append("\n")
    if rate is not None and rate.note:
        out.append("\n")
        out.append(visible(rate.note.strip()), style="dim italic")
    out.rstrip()
    return out


class SalaryChart(Widget):
    """Redraws for its own width, so the bars use whatever room the terminal gives."""

    DEFAULT_CSS = """
    SalaryChart {
        height: auto;
        margin: 1 0;
    }
    """

    def __init__(self, section: Section, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._section = section
        self._lang = lang
        self._width = 0

    def show(self, section: Section, lang: str) -> None:
        self._section = section
        self._lang = lang
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Layout asks for the height at a width before the widget has that size:
        # draw for that width so the bars never wrap onto an uncounted line.
        self._width = width
        return super().get_content_height(container, viewport, width)

    def render(self) -> RenderResult:
        return chart_text(self._section, self._lang, self._width or self.content_size.width or 60)
