"""A drill that teaches, driven by keys on the drill fixture: how typed answers are judged
and shown, and what is saved for them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.app import DRILL_CONTENT, build_app
from helpers.ui import until
from textual.pilot import Pilot
from textual.widgets import DataTable

from backend_tui.content import load_content
from backend_tui.content.model import Content
from backend_tui.study import DECKS
from backend_tui.study.store import Store
from backend_tui.ui.app import StudyApp
from backend_tui.ui.screens.drill import DrillScreen

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)

Shown = Callable[[object], str]


class Clock:
    def __init__(self) -> None:
        self.t = T0

    def __call__(self) -> dt.datetime:
        return self.t

    def advance(self, **delta: float) -> None:
        self.t += dt.timedelta(**delta)


@pytest.fixture(scope="module")
def drill_content() -> Content:
    return load_content(DRILL_CONTENT)


def build(tmp_path: Path, content: Content, clock: Clock, lang: str = "en") -> StudyApp:
    return build_app(tmp_path, content, content_dir=DRILL_CONTENT, lang=lang, now=clock)


def drill(app: StudyApp) -> DrillScreen:
    assert isinstance(app.screen, DrillScreen), app.screen
    return app.screen


async def start(pilot: Pilot[None], deck: str, key: str = "enter") -> DrillScreen:
    app = pilot.app
    await pilot.press("5")
    await until(pilot, lambda: bool(app.screen.query(DataTable)), "the Drill tab")
    table = app.screen.query_one(DataTable)
    await until(pilot, lambda: app.focused is table, "the deck table focus")
    while table.cursor_row != DECKS.index(deck):
        await pilot.press("down" if table.cursor_row < DECKS.index(deck) else "up")
    await pilot.press(key)
    await until(pilot, lambda: isinstance(app.screen, DrillScreen), "the drill screen")
    await pilot.pause()
    return drill(app)


async def to_card(pilot: Pilot[None], card_id: str) -> None:
    """Answer cards (Good) until ``card_id`` is shown."""
    app = pilot.app
    for _ in range(20):
        screen = drill(app)
        assert screen.card is not None
        if screen.card.id == card_id:
            return
        if screen.card.kind == "typed":
            await pilot.press(*screen.card.answers[0], "enter")
        elif screen.card.kind == "choice":
            await pilot.press("a", "enter")
        else:
            await pilot.press("enter")
        await until(pilot, lambda: drill(app).phase == "answer", "the answer")
        await pilot.press("3")
        await pilot.pause()
    raise AssertionError(f"{card_id} never came")


def last_rating(tmp_path: Path, card_id: str) -> int:
    store = Store(tmp_path / "data" / "profiles" / "tester", lambda: T0)
    return [r for r in store.review_log() if r.card == card_id][-1].rating


async def test_money_typed_as_a_person_would_is_right(
    tmp_path: Path, drill_content: Content, shown: Shown
) -> None:
    app = build(tmp_path, drill_content, Clock())
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, "career")
        await to_card(pilot, "career-salary-us")
        await pilot.press(*"$160k a year", "enter")
        await until(pilot, lambda: drill(app).phase == "answer", "the answer")
        assert shown(app.screen.query_one("#drill-verdict")).startswith("✓ Right")
        await pilot.press("enter")  # the suggested grade: Good
        await pilot.pause()
    assert last_rating(tmp_path, "career-salary-us") == 3


async def test_a_typo_counts_as_right_suggests_hard_and_shows_the_difference(
    tmp_path: Path, drill_content: Content, shown: Shown
) -> None:
    app = build(tmp_path, drill_content, Clock())
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, "duties")
        await to_card(pilot, "duties-db-heart")
        await pilot.press(*"Databse.", "enter")
        await until(pilot, lambda: drill(app).phase == "answer", "the answer")
        verdict = shown(app.screen.query_one("#drill-verdict"))
        assert verdict.startswith("≈ Right, with a typo: database"), verdict
        assert "Hard" in verdict
        assert "[2 Hard" in shown(app.screen.query_one("#drill-grades"))
        await pilot.press("enter")
        await pilot.pause()
    assert last_rating(tmp_path, "duties-db-heart") == 2


async def test_a_wrong_answer_shows_what_was_typed_against_what_was_expected(
    tmp_path: Path, drill_content: Content, shown: Shown
) -> None:
    app = build(tmp_path, drill_content, Clock())
    async with app.run_test(size=(100, 24)) as pilot:
        await start(pilot, "career")
        await to_card(pilot, "career-salary-us")
        await pilot.press(*"USD 150,000", "enter")
        await until(pilot, lambda: drill(app).phase == "answer", "the answer")
        verdict = shown(app.screen.query_one("#drill-verdict"))
        assert "✗ Wrong" in verdict
        assert "you typed: USD 150,000" in verdict
        assert "expected: USD 160,000 per year" in verdict
        await pilot.press("enter")  # Again
        await pilot.pause()
    assert last_rating(tmp_path, "career-salary-us") == 1


async def test_typed_text_is_shown_literally(
    tmp_path: Path, drill_content: Content, shown: Shown
) -> None:
    app = build(tmp_path, drill_content, Clock())
    async with app.run_test(size=(100, 24)) as pilot:
        await start(pilot, "skills")
        await to_card(pilot, "skills-git")
        await pilot.press(*"[bold]x[/bold]", "enter")
        await until(pilot, lambda: drill(app).phase == "answer", "the answer")
        assert "you typed: [bold]x[/bold]" in shown(app.screen.query_one("#drill-verdict"))
