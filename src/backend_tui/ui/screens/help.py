"""The `?` help: every key, listed from the bindings the app really declares."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from backend_tui.ui.strings import text

KeyRow = tuple[str, str]


def binding_rows(app: App[Any], bindings: Iterable[BindingType]) -> list[KeyRow]:
    """``(keys, description)`` rows, keys of the same action joined: ``j / down``."""
    rows: dict[str, tuple[list[str], str]] = {}
    for binding in Binding.make_bindings(bindings):
        if not binding.description or binding.system:
            continue
        keys, _ = rows.setdefault(binding.action, ([], binding.description))
        shown = app.get_key_display(binding)
        if shown not in keys:
            keys.append(shown)
    return [(", ".join(keys), description) for keys, description in rows.values()]


def help_text(rows: Sequence[KeyRow]) -> Text:
    width = max((len(keys) for keys, _ in rows), default=0) + 2
    out = Text()
    for keys, description in rows:
        out.append(keys.ljust(width), style="bold")
        out.append(f"{description}\n")
    out.rstrip()
    return out


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="help.close"),
        Binding("question_mark", "close", "Close", show=False, id="help.close_again"),
    ]

    def __init__(self, rows: Sequence[KeyRow], lang: str) -> None:
        super().__init__(id="help")
        self._rows = list(rows)
        self._lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(text(self._lang, "help_title"), id="help-title")
            with VerticalScroll(id="help-keys"):
                yield Static(help_text(self._rows), id="help-text")
            yield Static(text(self._lang, "help_close"), id="help-hint")

    def on_mount(self) -> None:
        self.query_one("#help-keys").focus()

    def action_close(self) -> None:
        self.dismiss(None)
