"""The glossary: opened with g or from the palette, read in both languages, Enter jumps."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import OptionList

from backend_tui.ui.app import StudyApp
from backend_tui.ui.screens.glossary import GlossaryScreen
from backend_tui.ui.widgets.items import ItemList

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((140, 50), id="140x50")]

Shown = Callable[[object], str]


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.pause()


def active(app: StudyApp) -> str:
    return app.dashboard.active_tab


def item_list(app: StudyApp, tab: str) -> ItemList:
    return app.dashboard.query_one(f"#view-{tab} #item-list", ItemList)


async def search_and_run(pilot: Pilot[None], query: str) -> None:
    """Type ``query`` in the palette and run its first hit."""
    await pilot.press("slash")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*query)
    commands = pilot.app.screen.query_one(CommandList)
    for _ in range(200):  # the palette gathers hits in the background
        await pilot.pause(0.02)
        if commands.option_count:
            break
    assert commands.option_count, f"no hit for {query!r}"
    await pilot.press("enter")
    for _ in range(50):
        await pilot.pause(0.02)
        if not isinstance(pilot.app.screen, CommandPalette):
            break
    await settle(pilot)


async def open_glossary(pilot: Pilot[None]) -> GlossaryScreen:
    await pilot.press("g")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, GlossaryScreen)
    return screen


@pytest.mark.parametrize("size", SIZES)
async def test_g_lists_every_term_with_its_meaning_and_place(make_test_app, shown: Shown, size):
    app = make_test_app("en")
    async with app.run_test(size=size) as pilot:
        screen = await open_glossary(pilot)
        text = shown(screen.query_one(OptionList))
        assert "version control" in text
        assert "Keeping every version of the code" in text
        assert "Used in: Skills › 4. Version control" in text  # noqa: RUF001
        assert "Glossary · 3 terms the material uses, explained" in shown(
            screen.query_one("#glossary-title")
        )
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.dashboard


@pytest.mark.parametrize("size", SIZES)
async def test_enter_on_a_term_opens_the_entry_that_uses_it(make_test_app, shown: Shown, size):
    app = make_test_app("en")
    async with app.run_test(size=size) as pilot:
        await open_glossary(pilot)
        await pilot.press("down", "enter")  # the second term: database
        await settle(pilot)
        assert app.screen is app.dashboard
        assert active(app) == "duties"
        assert item_list(app, "duties").highlighted_option.id == "databases"


async def test_j_and_k_move_through_the_terms_as_the_key_bar_says(make_test_app) -> None:
    from backend_tui.ui.widgets.key_footer import KeyFooter

    app = make_test_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_glossary(pilot)
        terms = app.screen.query_one(OptionList)
        first = terms.highlighted
        await pilot.press("j")
        await settle(pilot)
        assert terms.highlighted is not None and first is not None
        assert terms.highlighted > first
        await pilot.press("k")
        await settle(pilot)
        assert terms.highlighted == first
        assert "jk Move" in app.screen.query_one(KeyFooter).plain


async def test_a_term_used_nowhere_stays_in_the_glossary(make_test_app) -> None:
    app = make_test_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_glossary(pilot)
        await pilot.press("end", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one(OptionList).highlighted_option.id == "orchestration"


async def test_the_glossary_follows_the_language(make_test_app, shown: Shown) -> None:
    app = make_test_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_glossary(pilot)
        await pilot.press("down")
        await pilot.press("l")
        await settle(pilot)
        text = shown(screen.query_one(OptionList))
        assert "database (basis data)" in text
        assert "Dipakai di: Tugas › 2." in text  # noqa: RUF001
        assert "Glosarium · 3 istilah" in shown(screen.query_one("#glossary-title"))
        # the place in the list is kept across the switch
        assert screen.query_one(OptionList).highlighted_option.id == "database"


async def test_the_palette_finds_a_term_and_jumps_to_where_it_is_used(make_test_app) -> None:
    app = make_test_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await search_and_run(pilot, "Glossary version")
        assert app.screen is app.dashboard
        assert active(app) == "skills"
        assert item_list(app, "skills").highlighted_option.id == "git"


async def test_the_palette_finds_a_word_of_a_meaning_and_opens_the_glossary(
    make_test_app,
) -> None:
    app = make_test_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await search_and_run(pilot, "kumquat")
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        assert screen.query_one(OptionList).highlighted_option.id == "orchestration"


@pytest.mark.parametrize("lang", ["en", "id"])
def test_glossary_snapshot(snap_compare: Any, make_test_app, lang: str) -> None:
    assert snap_compare(make_test_app(lang), press=["g"], terminal_size=(80, 24))


async def test_searching_from_the_glossary_closes_it_and_jumps(make_test_app) -> None:
    app = make_test_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_glossary(pilot)
        await search_and_run(pilot, "zanzibar")  # a word only an entry's body holds
        assert app.screen is app.dashboard
        assert active(app) == "duties"
        assert item_list(app, "duties").highlighted_option.id == "databases"
