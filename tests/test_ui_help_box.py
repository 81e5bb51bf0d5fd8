"""The `?` help when its list is longer than the screen: the list scrolls inside the box,
the closing hint stays on screen, and every row can be reached."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app import build_app
from helpers.ui import screen_text, until
from textual.containers import VerticalScroll
from textual.pilot import Pilot

from backend_tui.content.model import Content
from backend_tui.ui.screens.help import HelpScreen
from backend_tui.ui.strings import text


async def _help_on_the_drill_tab(pilot: Pilot[None]) -> HelpScreen:
    app = pilot.app
    await pilot.press("5")
    await until(pilot, lambda: bool(app.screen.query("DeckTable")), "the Drill tab")
    await pilot.press("question_mark")
    await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, HelpScreen)
    return screen


@pytest.mark.parametrize("lang", ["en", "id"])
async def test_a_long_help_scrolls_and_keeps_its_hint_on_screen(
    tmp_path: Path, content: Content, lang: str
) -> None:
    app = build_app(tmp_path, content, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _help_on_the_drill_tab(pilot)
        box = screen.query_one("#help-box").region
        keys = screen.query_one("#help-keys", VerticalScroll)
        hint = screen.query_one("#help-hint").region
        # The Drill tab has more keys than 24 rows hold: the list scrolls...
        assert keys.max_scroll_y > 0
        # ...inside the box, above the hint, which is on screen.
        assert keys.region.bottom <= hint.y
        assert box.contains_region(hint)
        assert text(lang, "help_close") in screen_text(app)
        # The last row (quit; its words may wrap) is reached with j, as the list says,
        # and with End.
        quit_words = "q, ^q"
        assert quit_words not in screen_text(app)
        for _ in range(keys.max_scroll_y):
            await pilot.press("j")
        await until(pilot, lambda: quit_words in screen_text(app), "the last row")
        await pilot.press("k", "home")
        await until(pilot, lambda: keys.scroll_y == 0, "the top of the list")
        await pilot.press("end")
        await until(pilot, lambda: quit_words in screen_text(app), "the last row, with End")
