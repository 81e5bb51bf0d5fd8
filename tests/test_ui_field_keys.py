"""Letters and editing keys read from the terminal in one go are done in the order typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import screens as ui_screens
from helpers.ui import until
from textual import events
from textual.widgets import Input

from backend_tui.content.model import Content


@pytest.fixture(scope="module")
def content() -> Content:
    return ui_screens.drill_content()


def burst(app: object, *keys: str) -> None:
    """Keys queued at once, as a fast correction arrives over SSH."""
    for key in keys:
        character = key if len(key) == 1 else None
        app.post_message(events.Key(key, character))  # type: ignore[attr-defined]


async def test_a_typed_answer_corrected_quickly_reads_as_typed(
    tmp_path: Path, content: Content
) -> None:
    app = ui_screens.build_app(tmp_path / "data", content, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui_screens.typed_card(pilot)
        field = ui_screens.drill(pilot).query_one("#drill-input", Input)
        await until(pilot, lambda: app.focused is field, "the answer field")
        burst(app, *"datx", "backspace", *"abse", "left", "left", "a", "end", "!")
        await until(pilot, lambda: field.value.endswith("!"), "the keys")
        assert field.value == "database!"


async def test_the_new_cards_setting_takes_a_quick_correction(
    tmp_path: Path, content: Content
) -> None:
    app = ui_screens.build_app(tmp_path / "data", content, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await ui_screens.drill_tab(pilot)
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.focused, Input), "the setting")
        field = app.focused
        assert isinstance(field, Input)
        burst(app, "backspace", "backspace", "7")  # "20" selected: gone, then 7
        await until(pilot, lambda: "7" in field.value, "the keys")
        await pilot.pause()
        assert field.value == "7"
