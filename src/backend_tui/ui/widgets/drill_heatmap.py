"""A 7-day by 12-week grid of review activity, readable without colour."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from backend_tui.ui.strings import text
from backend_tui.ui.widgets.drill_marks import HEAT_GLYPHS, heat_level

# Colour only reinforces the glyph: under NO_COLOR the shapes still rise from · to █.
_HEAT_STYLES = ("dim", "green", "green", "bold green", "bold green")


def heatmap_lines(days: Sequence[tuple[dt.date, int]], lang: str) -> list[Content]:
    """Rows of the grid, one per weekday, columns oldest week first.

    ``days`` is consecutive and oldest first, so each row (every 7th day) keeps one
    weekday; the row label is that weekday's short name (two letters: one letter
    would make two S and two T rows in English, and two S rows in Indonesian).
    """
    if not days:
        return []
    names = text(lang, "weekdays").split()
    width = max(len(name) for name in names)
    peak = max(count for _, count in days)
    first = days[0][0]
    lines: list[Content] = []
    for row in range(min(7, len(days))):
        weekday = names[(first.weekday() + row) % 7]
        cells: list[tuple[str, str] | str] = [f"{weekday:<{width}} "]
        for _, count in days[row::7]:
            level = heat_level(count, peak)
            cells.append((HEAT_GLYPHS[level] * 2, _HEAT_STYLES[level]))
        lines.append(Content.assemble(*cells))
    return lines


class ReviewHeatmap(Static):
    """Reviews per day for the last weeks: one column per week, one row per weekday."""

    DEFAULT_CSS = """
    ReviewHeatmap {
        width: auto;
        height: auto;
    }
    """

    def show_days(self, days: Sequence[tuple[dt.date, int]], lang: str) -> None:
        lines = heatmap_lines(days, lang)
        legend = Content.assemble(
            f"   {text(lang, 'heatmap_less')} ",
            *[(glyph, _HEAT_STYLES[i]) for i, glyph in enumerate(HEAT_GLYPHS)],
            f" {text(lang, 'heatmap_more')}",
        )
        self.update(Content("\n").join([*lines, legend]))
