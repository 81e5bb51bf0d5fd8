"""Keys that arrive together (a held key over SSH) each scroll the text: none is lost."""

from __future__ import annotations

from pathlib import Path

from helpers.app import FULL_CONTENT, build_app
from helpers.ui import until
from textual import events
from textual.containers import VerticalScroll
from textual.pilot import Pilot

from backend_tui.content.model import Content
from backend_tui.ui.app import StudyApp
from backend_tui.ui.widgets.items import DetailPane
from backend_tui.ui.widgets.reading import ReadingView


def burst(app: StudyApp, key: str, times: int) -> None:
    """``times`` presses queued at once, as keys read in one go from the terminal."""
    for _ in range(times):
        app.post_message(events.Key(key, None))


async def settled(pilot: Pilot[None], view: VerticalScroll) -> None:
    await pilot.pause()
    await until(pilot, lambda: view.scroll_y == view.scroll_target_y, "the scroll")


async def test_j_and_page_down_pressed_together_all_scroll_the_reading_text(
    tmp_path: Path, content: Content
) -> None:
    app = build_app(tmp_path, content, content_dir=FULL_CONTENT)
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.screen.query_one("#view-role", ReadingView)
        await until(pilot, lambda: app.focused is view, "the Role text")
        assert view.max_scroll_y > 30
        burst(app, "j", 10)
        await settled(pilot, view)
        assert view.scroll_y == 10
        burst(app, "k", 3)
        await settled(pilot, view)
        assert view.scroll_y == 7
        page = view.scrollable_content_region.height
        burst(app, "pagedown", 2)
        await settled(pilot, view)
        assert view.scroll_y == min(7 + 2 * page, view.max_scroll_y)


async def test_j_pressed_together_all_scroll_an_entrys_text(
    tmp_path: Path, content: Content
) -> None:
    app = build_app(tmp_path, content, content_dir=FULL_CONTENT)
    # Short enough that the entry's text scrolls.
    async with app.run_test(size=(80, 16)) as pilot:
        await pilot.press("2", "tab")
        pane = app.screen.query_one("#view-duties DetailPane", DetailPane)
        await until(pilot, lambda: app.focused is pane, "the entry's text")
        assert pane.max_scroll_y >= 4
        burst(app, "j", 4)
        await settled(pilot, pane)
        assert pane.scroll_y == 4
