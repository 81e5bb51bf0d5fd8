"""No word of the app's own bypasses the catalogue: with every catalogue string wrapped
in markers (the pseudo-locale), whatever is on screen outside the markers must be study
material from the fixture (or a key's name)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import visible_text
from helpers import screens as ui_screens
from helpers.ui import screen_text
from textual.widgets import Static

from backend_tui.content.model import Content
from backend_tui.ui import strings
from backend_tui.ui.strings import PSEUDO_CLOSE, PSEUDO_OPEN

KEY_NAMES = {"jk", "abcd", "esc", "tab", "shift", "ctrl", "pgup", "pgdn", "home", "end", "USD"}
"""Keys as the key bar and help name them, and the currency code of the salary axis."""

# Innermost first: a string may hold another (a count inside a sentence).
_WRAPPED = re.compile(f"{PSEUDO_OPEN}[^{PSEUDO_OPEN}{PSEUDO_CLOSE}]*{PSEUDO_CLOSE}")
# A string cut at the right edge of its widget (the key bar clips) loses its closing mark.
_CUT = re.compile(f"{PSEUDO_OPEN}[^{PSEUDO_CLOSE}\n]*$", re.MULTILINE)
_WORD = re.compile(r"[^\W\d_]{2,}")


def _words(value: object) -> set[str]:
    """Every word of the material: strings anywhere in the content model."""
    if isinstance(value, str):
        return {word.lower() for word in _WORD.findall(value)}
    if isinstance(value, dict):
        return set().union(*(_words(v) for v in value.values()), *(_words(k) for k in value))
    if isinstance(value, (tuple, list)):
        return set().union(*(_words(v) for v in value))
    if isinstance(value, Content):
        return _words(value.languages)
    return set()


def bypassed(screen: str, material: set[str]) -> set[str]:
    """Words on screen outside the markers that the material does not explain."""
    outside = screen
    while True:
        inner = _WRAPPED.sub(" ", outside)
        if inner == outside:
            break
        outside = inner
    outside = _CUT.sub(" ", outside)
    return {
        word
        for word in _WORD.findall(outside)
        if word.lower() not in material and word not in KEY_NAMES
    }


def on_top(app: object) -> str:
    """What this screen adds: a modal's own widgets and the notices, else the whole screen.

    What shows beneath a modal or a notice is cut at their edges, mid-word; it is
    checked whole on the screens below.
    """
    from backend_tui.ui.app import StudyApp

    assert isinstance(app, StudyApp)
    from backend_tui.ui.screens.help import HelpScreen

    toasts = list(app.screen.query("Toast"))
    if isinstance(app.screen, HelpScreen) or toasts:
        parts = [*toasts]
        if isinstance(app.screen, HelpScreen):
            parts += list(app.screen.query(Static).results())
        return "\n".join(visible_text(widget) for widget in parts)
    # The palette spans the whole width: the lines beneath it are whole.
    return screen_text(app)


def typed_words(app: object) -> set[str]:
    """What the learner typed (an answer, a search), and the comparison drawn from it."""
    from textual.command import CommandPalette
    from textual.widgets import Input

    from backend_tui.ui.screens.drill import DrillScreen

    screen = getattr(app, "screen", None)
    if isinstance(screen, CommandPalette):
        return _words(screen.query_one(Input).value)
    if not isinstance(screen, DrillScreen) or screen.turn is None or screen.turn.verdict is None:
        return set()
    verdict = screen.turn.verdict
    drawn = "".join(piece for piece, _ in verdict.diff)
    return _words(f"{verdict.typed} {verdict.expected} {drawn}")


@pytest.fixture(scope="module")
def content() -> Content:
    return ui_screens.drill_content()


@pytest.fixture
def pseudo_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(strings.CATALOGUE, "en", strings.pseudo(strings.CATALOGUE["en"]))
    ui_screens.steady_palette(monkeypatch)


def test_the_check_finds_a_word_that_bypassed() -> None:
    screen = f"{PSEUDO_OPEN}Review{PSEUDO_CLOSE} · Role  Card 1 of 2\n{PSEUDO_OPEN}Quit"
    assert bypassed(screen, {"role"}) == {"Card", "of"}


@pytest.mark.usefixtures("pseudo_locale")
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("name", list(ui_screens.SCREENS))
async def test_every_word_on_screen_comes_from_the_catalogue(
    name: str, size: tuple[int, int], tmp_path: Path, content: Content
) -> None:
    material = _words(content) | {ui_screens.PROFILE}
    app = ui_screens.build_app(tmp_path / "data", content, "en")
    async with app.run_test(size=size) as pilot:
        await ui_screens.SCREENS[name](pilot)
        screen = on_top(app)
        material |= typed_words(app)
    assert screen.strip(), "nothing on screen to check"
    assert not bypassed(screen, material), (bypassed(screen, material), screen)
