"""What the Drill tab and a drill card look like at 80x24, on a fixed clock and fixed content."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers.app import DRILL_CONTENT, app_settings, build_app
from helpers.ui import until
from textual.pilot import Pilot

from backend_tui.content import load_content
from backend_tui.content.model import Content
from backend_tui.study import open_study
from backend_tui.ui.app import StudyApp
from backend_tui.ui.screens.drill import DrillScreen

# A Wednesday morning; every date the heatmap shows follows from it.
NOW = dt.datetime(2026, 3, 4, 9, 0, tzinfo=dt.UTC)


def clock() -> dt.datetime:
    return NOW


@pytest.fixture(autouse=True)
def utc_local_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """ "Today" is the learner's local day: pin the zone so the heatmap's days are fixed."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(scope="module")
def drill_content() -> Content:
    return load_content(DRILL_CONTENT)


def app_with_history(tmp_path: Path, content: Content) -> StudyApp:
    """An app whose learner reviewed a few cards over the past days and took one quiz."""
    settings = app_settings(tmp_path / "data", content_dir=DRILL_CONTENT)
    moment = [NOW - dt.timedelta(days=9)]
    service = open_study(settings, content, now=lambda: moment[0])
    for _ in range(3):
        session = service.start_review("duties")
        session.answer(3)
        moment[0] += dt.timedelta(days=3)
    quiz = service.start_quiz("skills", seed=1)
    quiz.answer(3, correct=True)
    quiz.answer(1, correct=False)
    quiz.end()
    return build_app(tmp_path, content, content_dir=DRILL_CONTENT, now=clock)


async def show_drill_tab(pilot: Pilot[Any]) -> None:
    await pilot.press("5")
    await until(pilot, lambda: bool(pilot.app.screen.query("DeckTable")))
    await pilot.pause()


def test_drill_tab(snap_compare: Any, tmp_path: Path, drill_content: Content) -> None:
    app = app_with_history(tmp_path, drill_content)
    assert snap_compare(app, terminal_size=(80, 24), run_before=show_drill_tab)


def test_a_revealed_card_with_its_grades(
    snap_compare: Any, tmp_path: Path, drill_content: Content
) -> None:
    app = build_app(tmp_path, drill_content, content_dir=DRILL_CONTENT, now=clock)

    async def reveal(pilot: Pilot[Any]) -> None:
        await show_drill_tab(pilot)
        await pilot.press("enter")  # review the Role deck: one basic card
        await until(pilot, lambda: isinstance(pilot.app.screen, DrillScreen))
        await pilot.press("enter")
        await until(pilot, lambda: pilot.app.screen.phase == "answered")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=reveal)
