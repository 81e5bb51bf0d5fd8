"""The line above the key bar on a choice card names the letters the card has."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import screens as ui_screens
from helpers.ui import screen_text

from backend_tui.content.model import Content
from backend_tui.ui.widgets.drill_choices import ChoiceList


@pytest.fixture(scope="module")
def content() -> Content:
    return ui_screens.drill_content()


@pytest.mark.parametrize(
    ("lang", "hint"),
    [("en", "Pick with a-{} or ↑/↓"), ("id", "Pilih dengan a-{} atau ↑/↓")],
)
async def test_the_hint_names_the_cards_letters(
    tmp_path: Path, content: Content, lang: str, hint: str
) -> None:
    app = ui_screens.build_app(tmp_path / "data", content, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui_screens.choice_card(pilot)
        options = ui_screens.drill(pilot).query_one(ChoiceList).options
        assert len(options) == 3  # the fixture's first choice card: a), b), c)
        shown = screen_text(app)
        assert hint.format("c") in shown
        assert hint.format("d") not in shown
