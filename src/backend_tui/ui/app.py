"""The Textual app: a thin shell that shows the dashboard; see ``make_app``."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import signal
from collections.abc import Callable, Iterable, Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen

from backend_tui.content.model import Content
from backend_tui.settings import Settings
from backend_tui.ui.screens.dashboard import DashboardScreen
from backend_tui.ui.strings import text
from backend_tui.ui.tabs import ALL_TABS, TabSpec

if TYPE_CHECKING:
    from backend_tui.study import StudyService
    from backend_tui.ui.screens.help import KeyRow

# Commands that write to disk or hand the terminal back to a shell: never for a remote learner.
SERVED_BLOCKED_ACTIONS = frozenset({"screenshot", "suspend_process"})
SERVED_BLOCKED_COMMANDS = frozenset({"Screenshot"})


class StudyApp(App[None]):
    TITLE = "backend-tui"
    # The dashboard is the default screen, and Textual reads a screen's own CSS_PATH
    # only for screens it pushes, so its styles are listed here.
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        "app.tcss",
        "screens/dashboard.tcss",
        # Listed here too so that opening the first drill does not restyle the whole app.
        "screens/drill.tcss",
        "screens/drill_summary.tcss",
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "command_palette", "Search", key_display="/", id="app.search"),
        Binding("ctrl+p", "command_palette", "Search", show=False, id="app.palette"),
        Binding("l", "toggle_language", "Language", id="app.language"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    lang: reactive[str] = reactive("en", init=False)
    """The language of the app's words and of the material shown. Views follow it with
    ``self.watch(self.app, "lang", ...)``; ``l`` cycles it."""

    def __init__(
        self,
        settings: Settings,
        content: Content,
        tabs: Sequence[TabSpec],
        now: Callable[[], dt.datetime] | None = None,
        on_started: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        # Animations (the sliding tab underline above all) cost more CPU and, over
        # SSH, more bytes than the rest of a tab switch; the tabs switch at once.
        self.animation_level = "none"
        self.settings = settings
        self.content = content
        # Set quietly: nothing is on screen yet to relabel.
        self.set_reactive(
            StudyApp.lang, settings.lang if settings.lang in content.languages else "en"
        )
        self._now = now
        self._on_started = on_started
        self._study: StudyService | None = None
        self.dashboard = DashboardScreen(
            settings, content, content[self.lang], tabs, lambda: self.study
        )

    @property
    def study(self) -> StudyService:
        """The learner's saved progress, opened on first use (after the first frame)."""
        if self._study is None:
            from backend_tui.study import open_study

            self._study = open_study(self.settings, self.content, now=self._now)
            for warning in self._study.warnings:
                self.notify(warning, severity="warning", timeout=30)
        return self._study

    def get_default_screen(self) -> Screen[None]:
        return self.dashboard

    def on_mount(self) -> None:
        # Progress is opened once the first tab is on screen, so its warnings still
        # show at start without delaying the first frame.
        self.call_after_refresh(self._finish_start)
        # SIGTERM comes from `kill`, a shutdown, or the SSH server (idle timeout, stop).
        # Every answer is already saved, so leave cleanly and give the terminal back
        # instead of dying in the alternate screen with the cursor hidden.
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().add_signal_handler(
                signal.SIGTERM, self.exit, None, 128 + signal.SIGTERM
            )

    def _finish_start(self) -> None:
        self.study  # noqa: B018 (opens the saved progress)
        if self._on_started is not None:
            self._on_started()

    def on_unmount(self) -> None:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().remove_signal_handler(signal.SIGTERM)

    def action_toggle_language(self) -> None:
        codes = list(self.content.languages)
        # Every view watches the reactive and relabels itself.
        self.lang = codes[(codes.index(self.lang) + 1) % len(codes)]

    def key_rows(self) -> list[KeyRow]:
        """Every key of the dashboard, taken from the declared bindings."""
        # Imported on first use: help and the lists are not needed for the first frame.
        from backend_tui.ui.screens.help import binding_rows
        from backend_tui.ui.widgets.items import ItemList

        screen = self.dashboard
        tab_rows = screen.tab_keys()
        tab_keys = {key for key, _ in tab_rows}
        screen_bindings = [
            b for b in Binding.make_bindings(type(screen).BINDINGS) if b.key not in tab_keys
        ]
        return [
            *tab_rows,
            *binding_rows(self, [b for b in screen_bindings if not b.key.isdigit()]),
            ("↑, ↓, j, k", "Move in a list, or scroll the text"),
            ("tab, shift+tab", "Move the focus between the list and the text"),
            *binding_rows(self, ItemList.BINDINGS[2:]),
            *binding_rows(self, self.BINDINGS),
            ("escape", "Close help or search"),
        ]

    def action_help(self) -> None:
        from backend_tui.ui.screens.drill import DrillScreen
        from backend_tui.ui.screens.drill_summary import DrillSummaryScreen
        from backend_tui.ui.screens.help import HelpScreen, binding_rows

        screen = self.screen
        if isinstance(screen, HelpScreen):
            screen.dismiss(None)
            return
        # Each screen's own keys: a drill, its summary, or the dashboard.
        if isinstance(screen, DrillScreen):
            rows = DrillScreen.key_rows()
        elif isinstance(screen, DrillSummaryScreen):
            rows = [
                *binding_rows(self, DrillSummaryScreen.BINDINGS),
                *binding_rows(self, self.BINDINGS),
            ]
        else:
            rows = self.key_rows()
        self.push_screen(HelpScreen(rows, self.lang))

    # ---------------------------------------------------------------- served mode

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (self.settings.served and action in SERVED_BLOCKED_ACTIONS)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if self.settings.served and command.title in SERVED_BLOCKED_COMMANDS:
                continue
            yield command

    def action_suspend_process(self) -> None:
        if self.settings.served:
            self.notify(text(self.lang, "cannot_suspend"), severity="warning")
            return
        super().action_suspend_process()

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        if self.settings.served:
            self.notify(text(self.lang, "cannot_screenshot"), severity="warning")
            return
        super().action_screenshot(filename, path)


def make_app(
    settings: Settings,
    content: Content,
    tabs: Sequence[TabSpec] = ALL_TABS,
    *,
    now: Callable[[], dt.datetime] | None = None,
    on_started: Callable[[], None] | None = None,
) -> StudyApp:
    """A fresh, fully configured app: the CLI, the tests and every SSH session call this.

    ``now`` replaces the clock of the saved progress (tests and snapshots).
    ``on_started`` is called once the first frame is on screen and progress is open.
    """
    return StudyApp(settings, content, tabs, now, on_started)


__all__ = ["StudyApp", "make_app"]
