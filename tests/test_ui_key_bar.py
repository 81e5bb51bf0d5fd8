"""The key bar at the bottom: the keys usable now, readable without colour."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.app import FULL_CONTENT, build_app
from helpers.ui import until
from textual.geometry import Region

from backend_tui.content.model import Content
from backend_tui.ui.app import StudyApp
from backend_tui.ui.screens.drill import DrillScreen
from backend_tui.ui.widgets.drill_panel import DrillPanel
from backend_tui.ui.widgets.key_footer import KeyFooter

Shown = Callable[[object], str]

DASHBOARD_KEYS = "jk Move  12345 Tabs  [] Prev/next  / Search  l Language  ? Help  q Quit"


def make(tmp_path: Path, content: Content) -> StudyApp:
    return build_app(tmp_path, content, content_dir=FULL_CONTENT)


def bar(app: StudyApp, shown: Shown) -> str:
    return shown(app.screen.query_one(KeyFooter)).strip()


async def test_the_bar_follows_the_tab_and_the_drill(
    tmp_path: Path, content: Content, shown: Shown
) -> None:
    app = make(tmp_path, content)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: bar(app, shown) == DASHBOARD_KEYS, "the dashboard's keys")
        await pilot.press("5")
        await until(pilot, lambda: "⏎ Review" in bar(app, shown), "the Drill tab's keys")
        # Two spaces between entries do not fit in 80 columns here: one does.
        assert bar(app, shown).startswith("⏎ Review t Quiz 12345 Tabs [] Prev/next")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, DrillScreen), "the drill")
        await until(pilot, lambda: "esc End" in bar(app, shown), "the drill's keys")
        await pilot.press("escape")  # the summary
        await until(pilot, lambda: "u Undo last answer" in bar(app, shown), "the summary's keys")
        await pilot.press("enter")
        await pilot.press("1")
        await until(pilot, lambda: bar(app, shown) == DASHBOARD_KEYS, "the first tab's keys")


async def test_keys_are_bold_under_no_color(
    tmp_path: Path, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make(tmp_path, content)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        [strip] = footer.render_lines(Region(0, 0, footer.size.width, 1))
        bold = "".join(s.text if s.style and s.style.bold else " " for s in strip)
        plain = "".join(s.text if not (s.style and s.style.bold) else " " for s in strip)
        assert bold.split() == ["jk", "12345", "[]", "/", "l", "?", "q"]
        assert plain.split() == ["Move", "Tabs", "Prev/next", "Search", "Language", "Help", "Quit"]


async def test_the_drill_tab_counts_its_decks_once_per_show(
    tmp_path: Path, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    counts: list[int] = []
    original = DrillPanel.refresh_stats

    def counted(panel: DrillPanel) -> None:
        counts.append(1)
        original(panel)

    monkeypatch.setattr(DrillPanel, "refresh_stats", counted)
    app = make(tmp_path, content)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in "5151":
            before = len(counts)
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
            if key == "5":
                await until(pilot, lambda: len(counts) > before, "the deck counts")  # noqa: B023
                await pilot.pause()
                await pilot.pause()
                assert len(counts) == before + 1
            else:
                assert len(counts) == before


async def test_while_typing_an_answer_the_bar_says_how_to_check_it(
    tmp_path: Path, content: Content, shown: Shown
) -> None:
    app = make(tmp_path, content)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await until(pilot, lambda: "⏎ Review" in bar(app, shown), "the Drill tab's keys")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, DrillScreen), "the drill")
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        for _ in range(20):  # Enter, Enter moves on until a typed card comes up
            assert screen.card is not None
            if screen.card.kind == "typed":
                break
            before = screen.card.id
            await pilot.press("enter", "enter")
            await until(pilot, lambda b=before: getattr(screen.card, "id", None) != b, "a card")
        assert screen.card is not None and screen.card.kind == "typed"
        # Escape leaves the field (the drill's other keys are letters the field takes).
        await until(pilot, lambda: bar(app, shown) == "⏎ Check  esc Leave field", "the typing keys")
        await pilot.press("x", "enter")
        await until(pilot, lambda: bar(app, shown).startswith("⏎ Next"), "the grading keys")


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize(
    "screen", ["role", "duties", "drill-tab", "basic", "typed", "summary-review"]
)
async def test_every_bar_fits_80_columns_in_both_languages(
    tmp_path: Path, lang: str, screen: str
) -> None:
    """Nothing is cut off the right edge: a key whose word is cut cannot be read."""
    from helpers import screens as ui_screens
    from rich.cells import cell_len

    app = ui_screens.build_app(tmp_path / "data", ui_screens.drill_content(), lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui_screens.SCREENS[screen](pilot)
        footer = app.screen.query_one(KeyFooter)
        # The bar's padding leaves 78 columns; entries are one space apart when tight.
        line = " ".join(f"{entry.keys} {entry.description}" for entry in footer.shown)
        assert cell_len(line) <= 78, line


async def test_the_bar_keeps_jk_when_the_focus_is_on_an_entrys_text(
    tmp_path: Path, content: Content, shown: Shown
) -> None:
    app = make(tmp_path, content)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await until(pilot, lambda: type(app.focused).__name__ == "ItemList", "the list")
        await pilot.press("tab")  # to the entry's text, which j and k scroll
        await until(pilot, lambda: type(app.focused).__name__ == "DetailPane", "the text")
        await until(pilot, lambda: bar(app, shown) == DASHBOARD_KEYS, "the same keys as the list")
