"""Every screen a learner can reach, each as a function that drives a fresh app there.

Shared by the pseudo-locale test (no word on screen bypasses the catalogue) and the
snapshot tests (every screen in both languages). The app studies the drill fixture.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import Input

from backend_tui.content import load_content
from backend_tui.content.model import Content
from backend_tui.study import open_study
from backend_tui.ui.app import StudyApp, make_app
from backend_tui.ui.screens.drill import DrillScreen
from backend_tui.ui.screens.drill_summary import DrillSummaryScreen
from backend_tui.ui.screens.help import HelpScreen
from backend_tui.ui.widgets.drill_choices import LETTERS, ChoiceList
from helpers.app import DRILL_CONTENT, app_settings
from helpers.ui import until

NOW = dt.datetime(2026, 3, 4, 9, 0, tzinfo=dt.UTC)
"""A Wednesday morning: the heatmap's days and the intervals follow from it."""
PROFILE = "tester"

Drive = Callable[[Pilot[Any]], Awaitable[None]]


def drill_content() -> Content:
    return load_content(DRILL_CONTENT)


def build_app(data: Path, content: Content, lang: str) -> StudyApp:
    """An app whose learner reviewed a few cards over the past days and took one quiz."""
    settings = app_settings(data, content_dir=DRILL_CONTENT, profile=PROFILE, lang=lang)
    moment = [NOW - dt.timedelta(days=9)]
    # Fuzzing off, explicitly: the screens show due times.
    service = open_study(settings, content, now=lambda: moment[0], fuzz=False)
    for _ in range(3):
        session = service.start_review("career")
        session.answer(3)
        moment[0] += dt.timedelta(days=3)
    quiz = service.start_quiz("career", seed=1)
    quiz.answer(3, correct=True)
    quiz.answer(1, correct=False)
    quiz.end()
    return make_app(settings, content, now=lambda: NOW, fuzz=False)


# ---------------------------------------------------------------------- steps


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.pause()


def drill(pilot: Pilot[Any]) -> DrillScreen:
    screen = pilot.app.screen
    assert isinstance(screen, DrillScreen), screen
    return screen


async def press(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def drill_tab(pilot: Pilot[Any]) -> None:
    await pilot.press("5")
    await until(pilot, lambda: bool(pilot.app.screen.query("DeckTable")), "the Drill tab")
    await settle(pilot)


async def open_deck(pilot: Pilot[Any], row: int, key: str = "enter") -> None:
    """Start a drill of the deck in ``row`` (0 Role, 1 Duties, 2 Skills, 3 Career, 4 All)."""
    await drill_tab(pilot)
    await pilot.press(*["down"] * row, key)
    await until(pilot, lambda: isinstance(pilot.app.screen, DrillScreen), "the drill")
    await settle(pilot)


async def answered(pilot: Pilot[Any]) -> None:
    await until(pilot, lambda: drill(pilot).phase == "answered", "the answer")
    await settle(pilot)


async def until_kind(pilot: Pilot[Any], kind: str) -> None:
    """Go on (reveal, Good) until the current card is of ``kind``."""
    for _ in range(10):
        screen = drill(pilot)
        assert screen.card is not None
        if screen.card.kind == kind:
            return
        if screen.card.kind == "typed":
            await pilot.press("enter")  # an empty answer, checked wrong
        else:
            await pilot.press("enter")
        await answered(pilot)
        current = screen.card.id
        await pilot.press("enter")
        await until(pilot, lambda c=current: drill(pilot).card is None or drill(pilot).card.id != c)
    raise AssertionError(f"no {kind} card in this deck")


async def pick(pilot: Pilot[Any], correct: bool) -> None:
    options = drill(pilot).query_one(ChoiceList).options
    index = next(i for i, option in enumerate(options) if option.correct == correct)
    await pilot.press(LETTERS[index], "enter")
    await answered(pilot)


async def type_answer(pilot: Pilot[Any], typed: str) -> None:
    field = drill(pilot).query_one("#drill-input", Input)
    await until(pilot, lambda: pilot.app.focused is field, "the answer field")
    await pilot.press(*typed, "enter")
    await answered(pilot)


async def summary(pilot: Pilot[Any]) -> None:
    await until(pilot, lambda: isinstance(pilot.app.screen, DrillSummaryScreen), "the summary")
    await settle(pilot)


async def help_(pilot: Pilot[Any]) -> None:
    await pilot.press("question_mark")
    await until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen), "the help")
    await settle(pilot)


async def notice(pilot: Pilot[Any]) -> None:
    await until(pilot, lambda: bool(pilot.app._notifications), "a notice")
    await settle(pilot)


# ------------------------------------------------------------------ screens


def _tab(key: str) -> Drive:
    async def go(pilot: Pilot[Any]) -> None:
        await press(pilot, key)

    return go


async def help_on_a_list(pilot: Pilot[Any]) -> None:
    await press(pilot, "2")
    await help_(pilot)


async def help_on_the_text(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await help_(pilot)


async def help_on_the_drill_tab(pilot: Pilot[Any]) -> None:
    await drill_tab(pilot)
    await help_(pilot)


def steady_palette(monkeypatch: Any) -> None:
    """The palette's countdowns made deterministic: its list is filled once, when the
    search ends; "no matches" shows as soon as a search found none; and the busy
    indicator never appears (it shows only when a search takes half a second)."""
    from backend_tui.ui.palette import StudyPalette

    monkeypatch.setattr(StudyPalette, "_NO_MATCHES_COUNTDOWN", 0.001)
    monkeypatch.setattr(StudyPalette, "_BUSY_COUNTDOWN", 3600.0)
    monkeypatch.setattr(StudyPalette, "_RESULT_BATCH_TIME", 3600.0)


async def _listed(pilot: Pilot[Any], found: bool = True) -> None:
    """Until the search has ended and its result (or "no matches") is listed."""
    palette = pilot.app.screen
    commands = palette.query_one(CommandList)
    group = "--textual-command-palette-gather-commands"

    def done() -> bool:
        searching = any(
            w.group == group and w.state.name in ("PENDING", "RUNNING") for w in pilot.app.workers
        )
        if searching or not palette.has_class("-ready") or not commands.option_count:
            return False
        no_matches = commands.get_option_at_index(0).id == "--no-matches"
        return commands.has_class("--visible") and no_matches != found

    await until(pilot, done, "the palette's list")
    await settle(pilot)


async def palette(pilot: Pilot[Any]) -> None:
    await press(pilot, "slash")
    await _listed(pilot)


async def palette_with_matches(pilot: Pilot[Any]) -> None:
    await press(pilot, "slash", *"api")
    await _listed(pilot)


async def palette_without_matches(pilot: Pilot[Any]) -> None:
    await press(pilot, "slash", *"zqxw")
    await _listed(pilot, found=False)


async def quit_prompt(pilot: Pilot[Any]) -> None:
    await press(pilot, "ctrl+c")
    await notice(pilot)


async def basic_card(pilot: Pilot[Any]) -> None:
    await open_deck(pilot, 0)


async def basic_card_answered(pilot: Pilot[Any]) -> None:
    await basic_card(pilot)
    await pilot.press("enter")
    await answered(pilot)


async def help_in_a_drill(pilot: Pilot[Any]) -> None:
    await basic_card(pilot)
    await help_(pilot)


async def choice_card(pilot: Pilot[Any]) -> None:
    await open_deck(pilot, 1)
    await until_kind(pilot, "choice")


async def choice_card_right(pilot: Pilot[Any]) -> None:
    await choice_card(pilot)
    await pick(pilot, correct=True)


async def choice_card_wrong(pilot: Pilot[Any]) -> None:
    await choice_card(pilot)
    await pick(pilot, correct=False)


async def typed_card(pilot: Pilot[Any]) -> None:
    await open_deck(pilot, 1)
    await until_kind(pilot, "typed")


async def typed_card_right(pilot: Pilot[Any]) -> None:
    await typed_card(pilot)
    await type_answer(pilot, "database")


async def typed_card_typo(pilot: Pilot[Any]) -> None:
    await typed_card(pilot)
    await type_answer(pilot, "databse")


async def typed_card_wrong(pilot: Pilot[Any]) -> None:
    await typed_card(pilot)
    await type_answer(pilot, "a spreadsheet")


async def review_summary(pilot: Pilot[Any]) -> None:
    await basic_card_answered(pilot)
    await pilot.press("4")  # Easy: a new card graded Good comes back in the same drill
    await summary(pilot)


async def help_on_the_summary(pilot: Pilot[Any]) -> None:
    await review_summary(pilot)
    await help_(pilot)


async def quiz_summary(pilot: Pilot[Any]) -> None:
    await open_deck(pilot, 2, key="t")
    if isinstance(pilot.app.focused, Input):
        await pilot.press("escape")  # out of a typed card's answer field first
        await until(pilot, lambda: pilot.app.focused is None, "the field left")
    await pilot.press("escape")
    await summary(pilot)


async def nothing_due(pilot: Pilot[Any]) -> None:
    await review_summary(pilot)
    await pilot.press("enter")
    await until(pilot, lambda: pilot.app.screen is pilot.app.dashboard, "the Drill tab")
    await pilot.press("enter")  # the Role deck again: its one card is done for today
    await notice(pilot)


async def nothing_to_undo(pilot: Pilot[Any]) -> None:
    await basic_card(pilot)
    await pilot.press("u")
    await notice(pilot)


async def glossary(pilot: Pilot[Any]) -> None:
    await press(pilot, "g")


async def help_on_the_glossary(pilot: Pilot[Any]) -> None:
    await glossary(pilot)
    await help_(pilot)


SCREENS: dict[str, Drive] = {
    "role": _tab("1"),
    "duties": _tab("2"),
    "skills": _tab("3"),
    "career": _tab("4"),
    "drill-tab": _tab("5"),
    "help-list": help_on_a_list,
    "help-text": help_on_the_text,
    "help-drill-tab": help_on_the_drill_tab,
    "palette": palette,
    "palette-matches": palette_with_matches,
    "palette-no-matches": palette_without_matches,
    "quit-prompt": quit_prompt,
    "basic": basic_card,
    "basic-answered": basic_card_answered,
    "help-drill": help_in_a_drill,
    "choice": choice_card,
    "choice-right": choice_card_right,
    "choice-wrong": choice_card_wrong,
    "typed": typed_card,
    "typed-right": typed_card_right,
    "typed-typo": typed_card_typo,
    "typed-wrong": typed_card_wrong,
    "summary-review": review_summary,
    "help-summary": help_on_the_summary,
    "summary-quiz": quiz_summary,
    "nothing-due": nothing_due,
    "nothing-to-undo": nothing_to_undo,
    "glossary": glossary,
    "help-glossary": help_on_the_glossary,
}
