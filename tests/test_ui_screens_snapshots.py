"""Every screen a learner can reach, in both languages, at 80x24, on the drill fixture.

The screens are driven by ``ui_screens``; the clock, the shuffles and the drill's
timer are fixed so that every run draws the same picture.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from helpers import screens as ui_screens
from helpers.ui import screen_text
from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import Input

from backend_tui.content.model import Content
from backend_tui.study import service, session
from backend_tui.ui import strings
from backend_tui.ui.screens import drill


@pytest.fixture(scope="module")
def content() -> Content:
    return ui_screens.drill_content()


@pytest.fixture(autouse=True)
def fixed_world(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """One time zone, one shuffle, one drill length: the same screen at every run."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    seeded = SimpleNamespace(Random=lambda seed=None: random.Random(7))
    monkeypatch.setattr(drill, "random", seeded)
    monkeypatch.setattr(service, "random", seeded)
    # The summary's "Time" row: a drill of the fixture always took 42 seconds.
    ticks = iter(range(0, 10**6, 42))
    monkeypatch.setattr(session, "time", SimpleNamespace(monotonic=lambda: next(ticks)))
    ui_screens.steady_palette(monkeypatch)
    yield
    monkeypatch.undo()
    time.tzset()


def steady(drive: ui_screens.Drive) -> ui_screens.Drive:
    """Drive there, then stop the text cursors blinking: a blink is a different picture."""

    async def go(pilot: Pilot[Any]) -> None:
        await drive(pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await ui_screens.settle(pilot)

    return go


# Every screen, the palette included: steady_palette takes its timers out, and the
# palette lists its providers' hits in one order (see the test below).
PICTURED = list(ui_screens.SCREENS)


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("name", PICTURED)
def test_screen(snap_compare: Any, tmp_path: Path, content: Content, name: str, lang: str) -> None:
    app = ui_screens.build_app(tmp_path / "data", content, lang)
    drive = steady(ui_screens.SCREENS[name])
    assert snap_compare(app, terminal_size=(80, 24), run_before=drive)


COMMANDS = {
    lang: [strings.text(lang, key) for key in ("command_language", "command_help", "command_quit")]
    for lang in ("en", "id")
}


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Search the material…", "No matches found", *COMMANDS["en"]]),
        ("id", ["Cari di materi…", "Tidak ada yang cocok", *COMMANDS["id"]]),
    ],
)
async def test_palette_placeholder_commands_and_empty_result(
    tmp_path: Path, content: Content, lang: str, words: list[str]
) -> None:
    app = ui_screens.build_app(tmp_path / "data", content, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await ui_screens.palette(pilot)
        listed = screen_text(app)
        assert words[0] in listed
        # Textual's own commands as the learner sees them: only ours, in their language.
        for command in words[2:]:
            assert command in listed, command
        for english in ("Keys", "Maximize", "Screenshot", "Theme"):
            assert english not in listed
        await ui_screens.palette_without_matches(pilot)
        assert words[1] in screen_text(app)


@pytest.mark.parametrize("lang", ["en", "id"])
async def test_the_palette_lists_in_one_order_whatever_order_textual_gives(
    tmp_path: Path, content: Content, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual keeps the providers in a set, whose order changes from one process to
    the next; with nothing typed every hit scores the same, so that order was the list's."""
    from textual.command import CommandPalette

    real = CommandPalette._provider_classes
    listed: list[list[str]] = []
    for backwards in (False, True):

        def ordered(palette: CommandPalette, backwards: bool = backwards) -> list[object]:
            # Both orders a set could iterate in, by name so each run tries both.
            found = sorted(real.fget(palette), key=lambda kind: kind.__name__)  # type: ignore[attr-defined]
            return found[::-1] if backwards else found

        monkeypatch.setattr(CommandPalette, "_provider_classes", property(ordered))
        app = ui_screens.build_app(tmp_path / f"data{backwards}", content, lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await ui_screens.palette(pilot)
            commands = pilot.app.screen.query_one(CommandList)
            listed.append(
                [str(commands.get_option_at_index(n).prompt) for n in range(commands.option_count)]
            )
    assert listed[0] == listed[1]
    # The app's commands first: they are what a learner sees without typing.
    first = [row.split("\n")[0] for row in listed[0][:3]]
    assert sorted(first) == sorted(COMMANDS[lang])
