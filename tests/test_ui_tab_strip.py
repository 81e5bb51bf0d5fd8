"""The tab row's right side: the learner's name, shown as it is, and the language."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from backend_tui.ui.widgets.tab_strip import TabLabel, TabStrip

TABS = [TabLabel("role", "Role"), TabLabel("duties", "Duties")]


class StripApp(App[None]):
    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name

    def compose(self) -> ComposeResult:
        yield TabStrip(TABS, "role", ("EN", "EN · English"), name=self._name)


async def _first_line(name: str, width: int) -> str:
    app = StripApp(name)
    async with app.run_test(size=(width, 5)) as pilot:
        await pilot.pause()
        strip = app.query_one(TabStrip)
        return strip.render_line(0).text


async def test_the_name_sits_before_the_language_at_the_right() -> None:
    line = await _first_line("alice", 60)
    assert line.startswith(" Role  Duties")
    assert line.endswith("alice  EN · English ")
    assert len(line) == 60


async def test_the_name_is_shown_literally_never_as_markup() -> None:
    line = await _first_line("[b]eve[/b] $x", 60)
    assert "[b]eve[/b] $x" in line


@pytest.mark.parametrize(
    ("width", "shown"),
    [
        (60, "a_very_long_profile_name_for_testing EN"),
        (30, "a_very_lo… EN"),
        (22, "Duties EN"),
    ],
)
async def test_a_long_name_takes_the_languages_room_then_is_cut_then_left_out(
    width: int, shown: str
) -> None:
    line = await _first_line("a_very_long_profile_name_for_testing", width)
    assert shown in " ".join(line.split())
    assert len(line) == width
    if width == 22:
        assert "a_very" not in line
