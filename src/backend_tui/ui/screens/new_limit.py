"""Asks how many new cards a day a review brings (the learner's own setting)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from backend_tui.study.preferences import NEW_PER_DAY_RANGE
from backend_tui.ui.strings import text
from backend_tui.ui.widgets.field import InOrderInput


class NewLimitScreen(ModalScreen[int | None]):
    """Dismisses with the number typed (0-999), or ``None`` when cancelled."""

    DEFAULT_CSS = """
    NewLimitScreen {
        align: center middle;
        #new-limit-box {
            width: 60; height: auto; padding: 1 2;
            border: round $accent; background: $surface;
        }
        #new-limit-input { width: 12; }
        #new-limit-error { color: $error; height: auto; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key_close", tooltip="help_cancel", id="new_limit.cancel"),
    ]

    def __init__(self, current: int, lang: str) -> None:
        super().__init__()
        self._current = current
        self._lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="new-limit-box"):
            yield Label(text(self._lang, "new_limit_title"), markup=False)
            yield InOrderInput(
                str(self._current), type="integer", max_length=3, id="new-limit-input"
            )
            yield Label("", id="new-limit-error", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#new-limit-input")
    def _submitted(self, event: Input.Submitted) -> None:
        low, high = NEW_PER_DAY_RANGE
        try:
            value = int(event.value)
        except ValueError:
            value = -1
        if not low <= value <= high:
            self.query_one("#new-limit-error", Label).update(text(self._lang, "new_limit_bad"))
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
