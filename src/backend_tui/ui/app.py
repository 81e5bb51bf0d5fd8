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
from textual.driver import Driver
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer

from backend_tui.content.model import Content
from backend_tui.settings import Settings
from backend_tui.ui.screens.dashboard import DashboardScreen
from backend_tui.ui.strings import text
from backend_tui.ui.tabs import ALL_TABS, TabSpec

if TYPE_CHECKING:
    from backend_tui.study import StudyService

SAVE_LANGUAGE_AFTER = 0.4
"""Seconds after the last `l` before the choice is written."""

# Actions that write to disk or hand the terminal back to a shell: never for a remote learner.
SERVED_BLOCKED_ACTIONS = frozenset({"screenshot", "suspend_process"})


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
        # Descriptions and tooltips are catalogue keys: the key bar and help show them
        # in the app's language (ui/strings.py).
        Binding(
            "slash",
            "command_palette",
            "key_search",
            key_display="/",
            tooltip="help_search",
            id="app.search",
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "key_search",
            show=False,
            tooltip="help_search",
            id="app.palette",
        ),
        Binding("l", "toggle_language", "key_language", tooltip="help_language", id="app.language"),
        Binding(
            "question_mark", "help", "key_help", key_display="?", tooltip="help_help", id="app.help"
        ),
        Binding("q", "quit", "key_quit", tooltip="help_quit", id="app.quit"),
    ]

    _shared_css_rules: ClassVar[object | None] = None
    """Parsed style rules every later app in this process starts with (the launcher's)."""

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
        fuzz: bool = True,
    ) -> None:
        super().__init__()
        if StudyApp._shared_css_rules is not None:
            # Textual keeps parsed rules per stylesheet, so each app would parse every
            # .tcss and DEFAULT_CSS again (~1/6 of a forked session's start). The key
            # holds the CSS text and its source; the values are only read.
            self.stylesheet._parse_cache = StudyApp._shared_css_rules  # type: ignore[assignment]
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
        self._fuzz = fuzz
        self._on_started = on_started
        self._study: StudyService | None = None
        self._save_language: Timer | None = None
        self.dashboard = DashboardScreen(
            settings, content, content[self.lang], tabs, lambda: self.study
        )

    @property
    def study(self) -> StudyService:
        """The learner's saved progress, opened on first use (after the first frame)."""
        if self._study is None:
            from backend_tui.study import open_study

            self._study = open_study(self.settings, self.content, now=self._now, fuzz=self._fuzz)
            from backend_tui.ui.notices import notice_text

            for warning in self._study.warnings:
                self.notify(
                    notice_text(self.lang, warning),
                    title=text(self.lang, "progress_warning"),
                    severity="warning",
                    timeout=30,
                    markup=False,
                )
        return self._study

    @classmethod
    def share_parsed_css(cls, app: StudyApp) -> None:
        """Later apps in this process reuse ``app``'s parsed style rules.

        Only for the launcher, whose apps all use the same styles and theme: a
        theme change clears the rules of the app that changed it (in its own fork).
        """
        cls._shared_css_rules = app.stylesheet._parse_cache

    def get_default_screen(self) -> Screen[None]:
        return self.dashboard

    def get_driver_class(self) -> type[Driver]:
        from backend_tui.ui.driver import with_hang_up

        # Leaves when the terminal goes away without a SIGHUP (ui/driver.py).
        return with_hang_up(super().get_driver_class())

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
        if self._save_language is not None:
            self._save_language.stop()
            self._remember_language()
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().remove_signal_handler(signal.SIGTERM)

    def action_toggle_language(self) -> None:
        codes = list(self.content.languages)
        # Every view watches the reactive and relabels itself.
        self.lang = codes[(codes.index(self.lang) + 1) % len(codes)]
        # Saved once the learner stops switching (one write for l l l), off the repaint;
        # the learner starts in it next time. Quitting first saves at once (on_unmount).
        if self._save_language is not None:
            self._save_language.stop()
        self._save_language = self.set_timer(SAVE_LANGUAGE_AFTER, self._remember_language)

    def _remember_language(self) -> None:
        self._save_language = None
        from backend_tui import paths
        from backend_tui.study.preferences import update_preferences

        folder = paths.profile_dir(self.settings.data_dir, self.settings.profile)
        try:
            update_preferences(folder, lang=self.lang)
        except OSError as error:
            from backend_tui.ui.notices import reason_text

            self.notify(
                text(self.lang, "preferences_not_saved", reason=reason_text(self.lang, error)),
                severity="warning",
                markup=False,
            )

    def action_help(self) -> None:
        from backend_tui.ui.screens.help import HelpScreen, help_rows

        screen = self.screen
        if isinstance(screen, HelpScreen):
            screen.dismiss(None)
            return
        # The keys of the screen on top, from its own bindings (and the focused widget's).
        self.push_screen(HelpScreen(help_rows(screen, self.lang), self.lang))

    def action_command_palette(self) -> None:
        from backend_tui.ui.palette import StudyPalette

        if self.use_command_palette and not isinstance(self.screen, StudyPalette):
            self.push_screen(StudyPalette(self.lang, id="--command-palette"))

    def action_help_quit(self) -> None:
        """Ctrl+C: say how to quit, in the learner's language (Textual's says it in English)."""
        quit_keys = [
            self.get_key_display(active.binding)
            for active in self.active_bindings.values()
            if active.binding.action in ("quit", "app.quit")
        ]
        if quit_keys:
            self.notify(
                text(self.lang, "quit_hint", keys=min(quit_keys, key=len)),
                title=text(self.lang, "quit_title"),
                markup=False,
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (self.settings.served and action in SERVED_BLOCKED_ACTIONS)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # Only what serves a learner, in their language. Textual's others go: "Keys"
        # opens a panel that Escape does not close, "Screenshot" writes a file,
        # "Theme" and "Maximize" change nothing a learner needs.
        lang = self.lang
        yield SystemCommand(
            text(lang, "command_language"),
            text(lang, "command_language_help"),
            self.action_toggle_language,
        )
        yield SystemCommand(
            text(lang, "command_help"), text(lang, "command_help_help"), self.action_help
        )
        yield SystemCommand(
            text(lang, "command_quit"), text(lang, "command_quit_help"), self.action_quit
        )

    def action_suspend_process(self) -> None:
        if self.settings.served:
            self.notify(text(self.lang, "cannot_suspend"), severity="warning", markup=False)
            return
        super().action_suspend_process()

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        if self.settings.served:
            self.notify(text(self.lang, "cannot_screenshot"), severity="warning", markup=False)
            return
        super().action_screenshot(filename, path)


def make_app(
    settings: Settings,
    content: Content,
    tabs: Sequence[TabSpec] = ALL_TABS,
    *,
    now: Callable[[], dt.datetime] | None = None,
    on_started: Callable[[], None] | None = None,
    fuzz: bool = True,
) -> StudyApp:
    """A fresh, fully configured app: the CLI, the tests and every SSH session call this.

    ``now`` replaces the clock of the saved progress (tests and snapshots).
    ``on_started`` is called once the first frame is on screen and progress is open.
    """
    return StudyApp(settings, content, tabs, now, on_started, fuzz)


__all__ = ["StudyApp", "make_app"]
