"""`backend-tui class`: a small app of its own for the teacher's overview."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import ClassVar

from textual.app import App
from textual.driver import Driver
from textual.reactive import reactive
from textual.screen import Screen

from backend_tui.content.model import Content
from backend_tui.ui.screens.class_overview import ClassOverviewScreen
from backend_tui.ui.strings import LANGUAGES


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class ClassApp(App[None]):
    TITLE = "backend-tui class"
    CSS_PATH: ClassVar[list[str | PurePath]] = ["screens/class_overview.tcss"]
    ENABLE_COMMAND_PALETTE = False

    lang: reactive[str] = reactive("en", init=False)
    """The language of the overview's words; ``l`` switches it."""

    def __init__(
        self,
        data_dir: Path,
        content: Content,
        lang: str = "en",
        now: Callable[[], dt.datetime] = _utc_now,
    ) -> None:
        super().__init__()
        self.animation_level = "none"
        self.set_reactive(ClassApp.lang, lang if lang in LANGUAGES else "en")
        self._overview = ClassOverviewScreen(data_dir, content, now)

    def get_default_screen(self) -> Screen[None]:
        return self._overview

    def get_driver_class(self) -> type[Driver]:
        from backend_tui.ui.driver import with_hang_up

        # Leaves when the terminal goes away without a SIGHUP (ui/driver.py).
        return with_hang_up(super().get_driver_class())

    def action_toggle_language(self) -> None:
        self.lang = LANGUAGES[(LANGUAGES.index(self.lang) + 1) % len(LANGUAGES)]
