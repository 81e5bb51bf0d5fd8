"""The drill's top line: what is drilled, a leech mark, "Card n of m" and a progress bar."""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from backend_tui.ui.formats import number
from backend_tui.ui.strings import text

# The glyphs of Textual's progress bar, so the drill's bar reads like every other one.
BAR = "━"
HALF_BAR_LEFT = "╺"
HALF_BAR_RIGHT = "╸"


def bar_runs(width: int, fraction: float) -> list[tuple[str, bool]]:
    """The glyphs of a bar ``width`` cells wide filled to ``fraction``, in half cells.

    Runs of text, each True when it is the filled part. They are what Textual's
    ``ProgressBar`` draws for the same width and fraction.
    """
    if width <= 0:
        return []
    fraction = min(1.0, max(0.0, fraction))
    # As ProgressBar, the fill moves in half cells, rounded down.
    end = int(fraction * width * 2) / 2
    if end == 0:
        return [(BAR * width, False)]
    whole = int(end)
    if end > whole:
        done, rest = BAR * whole + HALF_BAR_RIGHT, BAR * (width - whole - 1)
    elif whole < width:
        done, rest = BAR * whole, HALF_BAR_LEFT + BAR * (width - whole - 1)
    else:
        done, rest = BAR * whole, ""
    return [(text, filled) for text, filled in ((done, True), (rest, False)) if text]


def bar_content(width: int, fraction: float, done: Style, rest: Style) -> Content:
    return Content.assemble(
        *((text, done if filled else rest) for text, filled in bar_runs(width, fraction))
    )


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

    def __init__(self, title: str, total: int, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._title = title
        self._lang = lang
        self._total = max(1, total)
        self._index = 0
        self._counter = ""
        self._leech = False
        self._left: tuple[int, int, int] | None = None

    @property
    def progress(self) -> float:
        """Share of the bar filled (answered cards over all cards)."""
        return min(1.0, self._index / self._total)

    def show(
        self,
        *,
        index: int,
        total: int,
        leech: bool,
        left: tuple[int, int, int] | None = None,
    ) -> None:
        """The card ``index`` (0-based) of ``total``, and what is ``left`` (new, learning,
        review; a review only); repaints only when something changed."""
        total = max(1, total)
        lang = self._lang
        counter = text(
            lang,
            "card_counter",
            n=number(lang, min(index + 1, total)),
            total=number(lang, total),
        )
        if left is not None:
            new, learning, review = (number(lang, n) for n in left)
            counter += "  " + text(lang, "cards_left", new=new, learning=learning, review=review)
        self._left = left
        if (index, total, counter, leech) == (self._index, self._total, self._counter, self._leech):
            return
        self._index, self._total, self._counter, self._leech = index, total, counter, leech
        self.refresh()

    def set_title(self, title: str, lang: str) -> None:
        """A new title, and the counter in ``lang``."""
        if (title, lang) != (self._title, self._lang):
            self._title, self._lang = title, lang
            self._counter = ""
            self.show(index=self._index, total=self._total, leech=self._leech, left=self._left)
            self.refresh()

    def render(self) -> Content:
        # Same spacing as the row of labels it replaced: title, 2, leech, 2, counter, 1, bar.
        # Textual Content, not Rich Text: it reaches the screen without a Rich render pass.
        head = Content.assemble(
            (self._title, ".drill-header--title"),
            "  ",
            (text(self._lang, "leech"), ".drill-header--leech") if self._leech else "",
            f"  {self._counter} ",
        )
        complete = self.progress >= 1
        bar = self.get_visual_style("drill-header--complete" if complete else "drill-header--bar")
        width = self.content_size.width - head.cell_length
        return head + bar_content(
            width, self.progress, Style(foreground=bar.foreground), Style(foreground=bar.background)
        )
