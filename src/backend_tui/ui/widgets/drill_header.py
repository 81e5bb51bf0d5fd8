"""The drill's top line: what is drilled, a leech mark, "Card n of m" and a progress bar."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

# The glyphs of Textual's progress bar, so the drill's bar reads like every other one.
BAR = "━"
HALF_BAR_LEFT = "╺"
HALF_BAR_RIGHT = "╸"


def bar_text(width: int, fraction: float, done: Style, rest: Style) -> Text:
    """A bar ``width`` cells wide filled to ``fraction``, drawn in half cells.

    Draws what Textual's ``ProgressBar`` draws for the same width and fraction.
    """
    if width <= 0:
        return Text("", end="")
    fraction = min(1.0, max(0.0, fraction))
    # As ProgressBar, the fill moves in half cells, rounded down.
    end = int(fraction * width * 2) / 2
    line = Text("", end="", no_wrap=True, overflow="crop")
    if end == 0:
        line.append(BAR * width, rest)
        return line
    whole = int(end)
    half = end > whole
    line.append(BAR * whole, done)
    if half:
        line.append(HALF_BAR_RIGHT, done)
    elif end != width:
        line.append(HALF_BAR_LEFT, rest)
    line.append(BAR * (width - whole - 1), rest)
    return line


class DrillHeader(Widget, can_focus=False):
    """One widget drawing one line, so moving to the next card repaints one line.

    Built from four Labels and a ProgressBar (two more widgets), the line cost a
    re-layout of the top bar and six widget repaints at every card; here it is
    one repaint, and no layout since the line's height never changes.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "drill-header--title",
        "drill-header--leech",
        "drill-header--bar",
        "drill-header--complete",
    }

    def __init__(self, title: str, total: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._title = title
        self._total = max(1, total)
        self._index = 0
        self._counter = ""
        self._leech = False

    @property
    def title_text(self) -> str:
        return self._title

    @property
    def counter(self) -> str:
        """``"Card n of m"`` as shown."""
        return self._counter

    @property
    def leech(self) -> bool:
        return self._leech

    @property
    def progress(self) -> float:
        """Share of the bar filled (answered cards over all cards)."""
        return min(1.0, self._index / self._total)

    def show(self, *, index: int, total: int, leech: bool) -> None:
        """The card ``index`` (0-based) of ``total``; repaints only when something changed."""
        total = max(1, total)
        counter = f"Card {min(index + 1, total)} of {total}"
        if (index, total, counter, leech) == (self._index, self._total, self._counter, self._leech):
            return
        self._index, self._total, self._counter, self._leech = index, total, counter, leech
        self.refresh()

    def set_title(self, title: str) -> None:
        if title != self._title:
            self._title = title
            self.refresh()

    def render(self) -> Text:
        # Same spacing as the row of labels it replaces: title, 2, leech, 2, counter, 1, bar.
        line = Text(no_wrap=True, overflow="crop", end="")
        line.append(self._title, self.get_component_rich_style("drill-header--title", partial=True))
        line.append("  ")
        if self._leech:
            leech_style = self.get_component_rich_style("drill-header--leech", partial=True)
            line.append("⚑ leech", leech_style)
        line.append("  ")
        line.append(self._counter)
        line.append(" ")
        complete = self.progress >= 1
        bar = self.get_component_rich_style(
            "drill-header--complete" if complete else "drill-header--bar"
        )
        width = self.content_size.width - line.cell_len
        line.append_text(
            bar_text(
                width, self.progress, Style.from_color(bar.color), Style.from_color(bar.bgcolor)
            )
        )
        return line
