"""The summary's rows at 80x24: a value too long for the box wraps under its own column."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import screens as ui_screens
from helpers.ui import screen_text, until

from backend_tui.content.model import Content
from backend_tui.ui.strings import text


@pytest.fixture(scope="module")
def content() -> Content:
    return ui_screens.drill_content()


@pytest.mark.parametrize("lang", ["en", "id"])
async def test_a_wrapped_value_stays_under_its_column(
    tmp_path: Path, content: Content, lang: str
) -> None:
    app = ui_screens.build_app(tmp_path / "data", content, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        # A quiz ended after one answer: its score row is the longest of the summary.
        await ui_screens.open_deck(pilot, 2, key="t")
        await pilot.press("enter")  # reveal, pick or check (an empty answer)
        await ui_screens.answered(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: ui_screens.drill(pilot).phase == "question", "the next card")
        if pilot.app.focused is not None:
            await pilot.press("escape")  # out of a typed card's answer field first
            await until(pilot, lambda: pilot.app.focused is None, "the field left")
        await pilot.press("escape")
        await ui_screens.summary(pilot)
        lines = screen_text(app).splitlines()
        label = text(lang, "summary_score")
        at = next(n for n, line in enumerate(lines) if f"{label}  " in line)
        after_label = lines[at].index(label) + len(label)
        value_column = (
            after_label + len(lines[at][after_label:]) - len(lines[at][after_label:].lstrip())
        )
        inside = lines[at + 1].index("│") + 1
        words = lines[at + 1][inside:].rstrip(" │")
        assert words.strip(), "the score fits one line: this test would show nothing"
        # The continuation starts where the value starts, not under the row's name.
        assert inside + len(words) - len(words.lstrip()) == value_column, lines[at : at + 2]
