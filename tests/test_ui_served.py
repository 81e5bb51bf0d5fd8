"""Served mode (one app per remote learner): nothing writes to disk, nothing suspends."""

from __future__ import annotations

import pytest
from textual.command import CommandList, CommandPalette

from backend_tui.ui.app import StudyApp


async def palette_titles(app: StudyApp, pilot, query: str) -> list[str]:
    await pilot.press("slash")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    commands = app.screen.query_one(CommandList)
    for _ in range(50):  # hits arrive in the background; "no matches" shows after a delay
        await pilot.pause(0.02)
        if commands.option_count:
            break
    titles = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
    await pilot.press("escape")
    await pilot.pause()
    assert app.screen is app.dashboard
    return titles


@pytest.mark.parametrize("served", [True, False])
async def test_palette_never_offers_a_screenshot(make_test_app, served: bool) -> None:
    """Screenshots write files: not offered to anyone (the key bar and help do not need it)."""
    app = make_test_app(served=served)
    async with app.run_test(size=(80, 24)) as pilot:
        titles = await palette_titles(app, pilot, "screensh")
        assert not [t for t in titles if "Screenshot" in t]
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert commands == ["Language", "Help", "Quit"]


async def test_served_app_cannot_be_suspended(make_test_app, monkeypatch, tmp_path) -> None:
    app = make_test_app(served=True)
    signals: list[int] = []
    monkeypatch.setattr("os.kill", lambda pid, sig: signals.append(sig))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bound = {(key, binding.action) for key, (_, binding, _, _) in app.active_bindings.items()}
        assert not any(action.endswith("suspend_process") for _, action in bound)
        assert "ctrl+z" not in {key for key, _ in bound}
        await pilot.press("ctrl+z")
        assert app.check_action("suspend_process", ()) is False
        await app.run_action("suspend_process")
        await app.run_action("screenshot")
        await pilot.pause()
        assert app.is_running
    assert signals == []
    assert not any(tmp_path.rglob("*.svg"))


async def test_not_served_keeps_textual_suspend_action(make_test_app) -> None:
    app = make_test_app(served=False)
    async with app.run_test(size=(80, 24)):
        assert app.check_action("suspend_process", ()) is True


@pytest.mark.parametrize(
    ("lang", "title", "hint"),
    [("en", "Do you want to quit?", "Press q to quit"), ("id", "Mau keluar?", "Tekan q untuk")],
)
async def test_ctrl_c_says_how_to_quit_in_the_learners_language(
    make_test_app, lang: str, title: str, hint: str
) -> None:
    app = make_test_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        (notice,) = app._notifications
        assert notice.title == title
        assert notice.message.startswith(hint)  # q, the key on the bar, not ctrl+q
        assert app.is_running
