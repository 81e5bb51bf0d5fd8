"""The drill's one-line header draws the same bar as Textual's ProgressBar."""

from __future__ import annotations

from rich.console import Console
from rich.style import Style
from textual.renderables.bar import Bar as BarRenderable

from backend_tui.ui.widgets.drill_header import bar_runs

DONE = Style(color="blue")
REST = Style(color="grey37")


def textual_bar(width: int, fraction: float) -> list[tuple[str, Style | None]]:
    """What ProgressBar's Bar draws: the fill rounded down to half cells, as Bar does."""
    steps = width * 2
    fraction = int(fraction * steps) / steps if steps else fraction
    renderable = BarRenderable(
        highlight_range=(0, width * fraction), highlight_style=DONE, background_style=REST
    )
    console = Console(width=width, color_system="truecolor", legacy_windows=False)
    return [
        (segment.text, segment.style)
        for line in console.render_lines(renderable, pad=False)
        for segment in line
        if segment.text
    ]


def drawn(width: int, fraction: float) -> list[tuple[str, Style | None]]:
    return [(text, DONE if filled else REST) for text, filled in bar_runs(width, fraction)]


def cells(segments: list[tuple[str, Style | None]]) -> list[tuple[str, Style | None]]:
    """One entry per cell, so runs split differently still compare equal."""
    return [(char, style) for text, style in segments for char in text]


def test_the_bar_matches_textuals_progress_bar() -> None:
    for width in (1, 2, 7, 48, 49):
        for step in range(0, 41):
            fraction = step / 40
            assert cells(drawn(width, fraction)) == cells(textual_bar(width, fraction)), (
                width,
                fraction,
            )


def test_a_bar_of_no_width_draws_nothing() -> None:
    assert bar_runs(0, 0.5) == []
    assert bar_runs(-3, 0.5) == []
