"""A 7-day by 12-week grid of review activity, readable without colour."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from backend_tui.ui.widgets.drill_marks import HEAT_GLYPHS, heat_level

_DAY_INITIALS = "MTWTFSS"
# Colour only reinforces the glyph: under NO_COLOR the shapes still rise from · to █.
_HEAT_STYLES = ("dim", "green", "green", "bold green", "bold green")


def heatmap_lines(days: Sequence[tuple[dt.date, int]]) -> list[Content]:
    """Rows of the grid, one per weekday, columns oldest week first.

    ``days`` is consecutive and oldest first, so each row (every 7th day) keeps one
    weekday; the row label is that weekday's initial.
    """
    if not days:
        return []
    peak = max(count for _, count in days)
    first = days[0][0]
    lines: list[Content] = []
    for row in range(min(7, len(days))):
        weekday = _DAY_INITIALS[(first.weekday() + row) % 7]
        cells: list[tuple[str, str] | str] = [f"{weekday} "]
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

    def show_days(self, days: Sequence[tuple[dt.date, int]]) -> None:
        lines = heatmap_lines(days)
        legend = Content.assemble(
            "  less ",
            *[(glyph, _HEAT_STYLES[i]) for i, glyph in enumerate(HEAT_GLYPHS)],
            " more",
        )
        self.update(Content("\n").join([*lines, legend]))
