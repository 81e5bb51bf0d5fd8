"""The `?` help: every key of the screen below it, listed from the bindings it declares."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from backend_tui.ui.strings import CATALOGUE, label, text
from backend_tui.ui.widgets.key_scroll import KeyScroll

KeyRow = tuple[str, str]


class HelpKeys(KeyScroll, VerticalScroll):
    """The list of keys, scrolled by key as the reading text is (every press counts)."""


def _help_key(binding: Binding) -> str | None:
    """The catalogue key of a binding's help text: its tooltip, else its description."""
    for key in (binding.tooltip, binding.description):
        if key and key in CATALOGUE["en"]:
            return key
    return None


def _namespace_order(screen: Screen[object], nodes: list[DOMNode]) -> list[DOMNode]:
    """The screen's own keys first, then the focused widgets', the app's last."""
    app = screen.app
    middle = [node for node in nodes if node is not screen and node is not app]
    return [*(n for n in nodes if n is screen), *middle, *(n for n in nodes if n is app)]


def help_rows(screen: Screen[object], lang: str) -> list[KeyRow]:
    """``(keys, what they do)`` for every key usable on ``screen`` now.

    Built from the active bindings (the screen's, the focused widget's and the app's),
    so help cannot drift from the keys. A binding whose description or tooltip is a
    catalogue key makes a row; bindings with the same help text share it (``1, 2, 3``).
    A binding of Textual's own (the arrows of a list) joins the row of our binding for
    the same action on the same widget (``j, ↓``); one with no such row is not listed.
    """
    app = screen.app
    by_node: dict[DOMNode, list[ActiveBinding]] = {}
    for active in screen.active_bindings.values():
        if not active.binding.system:
            by_node.setdefault(active.node, []).append(active)
    rows: dict[str, list[str]] = {}
    row_of_action: dict[tuple[int, str], str] = {}
    ordered = [(node, by_node[node]) for node in _namespace_order(screen, list(by_node))]
    for node, actives in ordered:
        for active in actives:
            key = _help_key(active.binding)
            if key is None:
                continue
            words = label(lang, key)
            row_of_action.setdefault((id(node), active.binding.action), words)
            _add_key(rows.setdefault(words, []), app.get_key_display(active.binding))
    for node, actives in ordered:
        for active in actives:
            words_or_none = row_of_action.get((id(node), active.binding.action))
            if _help_key(active.binding) is None and words_or_none is not None:
                _add_key(rows[words_or_none], app.get_key_display(active.binding))
    return [(", ".join(keys), words) for words, keys in rows.items()]


def _add_key(keys: list[str], shown: str) -> None:
    if shown not in keys:
        keys.append(shown)


def help_table(rows: Sequence[KeyRow]) -> Table:
    """Keys in one column, what they do in the next; a long line wraps under its column."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for keys, description in rows:
        table.add_row(Text(keys, style="bold"), Text(description))
    return table


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "key_close", tooltip="help_close_help", id="help.close"),
        Binding(
            "question_mark",
            "close",
            "key_close",
            show=False,
            tooltip="help_close_help",
            id="help.close_again",
        ),
        # The list says j and k scroll the text: they scroll this one too.
        Binding("j", "scroll_keys(1)", "key_down", show=False, id="help.down"),
        Binding("k", "scroll_keys(-1)", "key_up", show=False, id="help.up"),
    ]

    def __init__(self, rows: Sequence[KeyRow], lang: str) -> None:
        super().__init__(id="help")
        self._rows = list(rows)
        self._lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(text(self._lang, "help_title"), id="help-title", markup=False)
            with HelpKeys(id="help-keys"):
                yield Static(help_table(self._rows), id="help-text")
            yield Static(text(self._lang, "help_close"), id="help-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#help-keys").focus()

    def action_scroll_keys(self, lines: int) -> None:
        self.query_one(HelpKeys).scroll_lines(lines)

    def action_close(self) -> None:
        self.dismiss(None)
