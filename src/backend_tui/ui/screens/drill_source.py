"""A card's source entry, over the drill: a look, not an exit.

The drill screen stays underneath exactly as it was (the card, its phase, what was
typed or picked); Escape or ``o`` closes this and the drill goes on from there.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from backend_tui.content.model import Content as StudyContent
from backend_tui.ui.strings import text
from backend_tui.ui.widgets.key_footer import KeyFooter
from backend_tui.ui.widgets.render import item_detail, item_heading


class SourceScreen(Screen[None]):
    """Shows ``<section>.<item>`` in ``lang``; dismisses with nothing."""

    CSS_PATH = "drill_source.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "close",
            "key_back_to_card",
            key_display="esc",
            tooltip="help_back_to_card",
            id="drill_source.close",
        ),
        Binding(
            "o",
            "close",
            "key_back_to_card",
            show=False,
            tooltip="help_back_to_card",
            id="drill_source.close_again",
        ),
    ]

    def __init__(self, content: StudyContent, lang: str, source: str) -> None:
        super().__init__()
        self._content = content
        self._lang = lang
        self._source = source

    def compose(self) -> ComposeResult:
        yield Static("", id="source-title", markup=False)
        with VerticalScroll(id="source-body"):
            yield Static("", id="source-text", markup=False)
        yield Static("", id="source-hint", markup=False)
        yield KeyFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._fill()
        self.watch(self.app, "lang", self._relabel, init=False)
        self.query_one("#source-body").focus()

    def _relabel(self, lang: str) -> None:
        if lang != self._lang and lang in self._content.languages:
            self._lang = lang
            self._fill()

    def _fill(self) -> None:
        lang = self._lang
        section_id, _, item_id = self._source.partition(".")
        section = self._content[lang].sections.get(section_id)
        item = section.item(item_id) if section is not None else None
        title = self.query_one("#source-title", Static)
        body = self.query_one("#source-text", Static)
        if section is None or item is None:
            title.update(text(lang, "source_title", place=self._source))
            body.update(text(lang, "not_found"))
        else:
            place = f"{section.tab} › {item_heading(item)}"  # noqa: RUF001
            title.update(text(lang, "source_title", place=place))
            body.update(item_detail(item, lang))
        self.query_one("#source-hint", Static).update(text(lang, "source_hint"))

    def action_close(self) -> None:
        self.dismiss(None)
