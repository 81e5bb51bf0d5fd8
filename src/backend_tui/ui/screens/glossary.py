"""The glossary: the English words the material uses, explained; Enter opens where one is used."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from backend_tui.content.model import Content as StudyContent
from backend_tui.content.model import Language, Term
from backend_tui.ui.strings import text
from backend_tui.ui.widgets.key_footer import KeyFooter
from backend_tui.ui.widgets.keys import MOVE
from backend_tui.ui.widgets.render import item_heading

if TYPE_CHECKING:
    from backend_tui.ui.commands import Entry

GLOSSARY = "glossary"
"""Palette entries with this tab id open the glossary (at the term named by the item id)."""


def _study_commands() -> type[Provider]:
    from backend_tui.ui.commands import StudyCommands

    return StudyCommands


def used_in(language: Language, see: str) -> str:
    """Where a term is used, named as the palette names an entry (tab, then heading)."""
    section_id, _, item_id = see.partition(".")
    section = language.sections.get(section_id)
    item = section.item(item_id) if section is not None else None
    if section is None or item is None:
        return see
    return f"{section.tab} › {item_heading(item)}"  # noqa: RUF001


def term_content(language: Language, term: Term) -> Content:
    """One entry: the term in bold, its meaning, and where it is used."""
    parts: list[Content | str | tuple[str, str]] = [
        (term.term, "bold"),
        "\n",
        Content(term.meaning),
    ]
    if term.see:
        place = text(language.code, "glossary_see", place=used_in(language, term.see))
        parts += ["\n", (place, "dim italic")]
    return Content.assemble(*parts)


class TermList(OptionList):
    """The terms; Enter is declared here so the key bar and help say what it does."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # j and k as in every other list; help adds the arrows to their row.
        Binding(
            "j", "cursor_down", "key_down", group=MOVE, tooltip="help_move", id="glossary.down"
        ),
        Binding("k", "cursor_up", "key_up", group=MOVE, tooltip="help_move", id="glossary.up"),
        Binding(
            "enter",
            "select",
            "key_open",
            key_display="⏎",
            tooltip="help_glossary_open",
            id="glossary.open_term",
        ),
    ]


class GlossaryScreen(Screen[str | None]):
    """Every term, in the material's order. Dismisses with the ``see`` of the chosen term."""

    CSS_PATH = "glossary.tcss"
    # The palette searches the same material here as on the dashboard.
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {_study_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "key_close", tooltip="help_glossary_close", id="glossary.close"),
        Binding(
            "g",
            "close",
            "key_close",
            show=False,
            tooltip="help_glossary_close",
            id="glossary.close_again",
        ),
    ]

    def __init__(
        self,
        content: StudyContent,
        lang: str,
        term_id: str | None = None,
        entries: Callable[[], Sequence[Entry]] | None = None,
    ) -> None:
        super().__init__(id="glossary")
        self._entries = entries
        self._content = content
        self._lang = lang
        self._start = term_id

    @property
    def language(self) -> Language:
        return self._content[self._lang]

    def compose(self) -> ComposeResult:
        yield Static("", id="glossary-title", markup=False)
        yield TermList(id="glossary-terms")
        yield Static("", id="glossary-hint", markup=False)
        yield KeyFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._fill(self._start)
        self.watch(self.app, "lang", self._relabel, init=False)
        self.query_one(OptionList).focus()

    def _fill(self, term_id: str | None) -> None:
        language = self.language
        terms = language.terms
        title = text(self._lang, "glossary_title")
        count = text(self._lang, "glossary_count", count=len(terms))
        self.query_one("#glossary-title", Static).update(f"{title} · {count}")
        hint = "glossary_hint" if terms else "glossary_none"
        self.query_one("#glossary-hint", Static).update(text(self._lang, hint))
        listing = self.query_one(OptionList)
        listing.clear_options()
        # A separator between terms: each entry is several lines long.
        options: list[Option | None] = []
        for n, term in enumerate(terms):
            if n:
                options.append(None)
            options.append(Option(term_content(language, term), id=term.id))
        listing.add_options(options)
        ids = [t.id for t in terms]
        if term_id in ids:
            listing.highlighted = listing.get_option_index(term_id)
        elif terms:
            listing.highlighted = 0

    def _relabel(self, lang: str) -> None:
        if lang == self._lang or lang not in self._content.languages:
            return
        listing = self.query_one(OptionList)
        current = listing.highlighted_option
        self._lang = lang
        self._fill(current.id if current is not None else None)

    @on(OptionList.OptionSelected, "#glossary-terms")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        term = next((t for t in self.language.terms if t.id == event.option_id), None)
        if term is None or not term.see:
            self.notify(text(self._lang, "not_found"), severity="warning")
            return
        self.dismiss(term.see)

    def action_close(self) -> None:
        self.dismiss(None)

    # ------------------------------------------------------------------ palette

    def palette_entries(self) -> Sequence[Entry]:
        return self._entries() if self._entries is not None else ()

    async def jump_to(self, tab_id: str, item_id: str | None) -> None:
        """A term stays here; anything else closes the glossary and opens there."""
        if tab_id == GLOSSARY:
            listing = self.query_one(OptionList)
            if item_id is not None:
                listing.highlighted = listing.get_option_index(item_id)
            return
        self.dismiss(f"{tab_id}.{item_id}" if item_id else tab_id)
