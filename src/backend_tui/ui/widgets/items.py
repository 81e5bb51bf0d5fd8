"""A section's numbered entries: a list to move through and the chosen entry in full."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from backend_tui.content.model import Content, Item, Section
from backend_tui.safetext import visible
from backend_tui.ui.strings import text
from backend_tui.ui.widgets.follow import SectionView
from backend_tui.ui.widgets.key_scroll import KeyScroll
from backend_tui.ui.widgets.keys import MOVE
from backend_tui.ui.widgets.render import item_detail, item_heading, section_heading

Mastery = Callable[[str], float | None]
"""Given an item id, how well the learner knows it (0..1), or None when not yet studied."""

INTRO_ID = "_intro"
"""List row id of the section's introduction (content ids cannot start with ``_``)."""
MARKER = "▶ "
NO_MARKER = "  "


def mastery_mark(value: float | None) -> str:
    """A one-character gauge, readable without colour."""
    if value is None:
        return ""
    marks = "○◔◑◕●"
    return marks[min(len(marks) - 1, max(0, round(value * (len(marks) - 1))))]


class ItemList(OptionList):
    """The entries of one section. Paging keys scroll the detail text, not the list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Descriptions and tooltips are catalogue keys (ui/strings.py).
        Binding("j", "cursor_down", "key_down", group=MOVE, tooltip="help_move", id="list.down"),
        Binding("k", "cursor_up", "key_up", group=MOVE, tooltip="help_move", id="list.up"),
        Binding(
            "pagedown",
            "scroll_detail('page_down')",
            "key_scroll",
            show=False,
            tooltip="help_scroll_page",
            id="list.pgdn",
        ),
        Binding(
            "pageup",
            "scroll_detail('page_up')",
            "key_scroll",
            show=False,
            tooltip="help_scroll_page",
            id="list.pgup",
        ),
        Binding(
            "home",
            "scroll_detail('home')",
            "key_scroll",
            show=False,
            tooltip="help_scroll_ends",
            id="list.home",
        ),
        Binding(
            "end",
            "scroll_detail('end')",
            "key_scroll",
            show=False,
            tooltip="help_scroll_ends",
            id="list.end",
        ),
    ]

    class ScrollDetail(Message):
        """The learner asked to scroll the detail text (``page_down``, ``home``, ...)."""

        def __init__(self, how: str) -> None:
            super().__init__()
            self.how = how

    def action_scroll_detail(self, how: str) -> None:
        self.post_message(self.ScrollDetail(how))


class DetailPane(KeyScroll, VerticalScroll):
    """The chosen entry in full; scrolls when it is longer than the room it has."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Shown like the list's j/k: the bar keeps "jk Move" when the focus is here.
        Binding("j", "scroll_down", "key_down", group=MOVE, tooltip="help_move", id="detail.down"),
        Binding("k", "scroll_up", "key_up", group=MOVE, tooltip="help_move", id="detail.up"),
    ]


class ItemsView(SectionView, Vertical):
    """Heading, entry list and detail pane for one section.

    ``mastery`` (optional) adds a mark to each row; call :meth:`refresh_marks`
    after it changes.
    """

    DEFAULT_CSS = """
    ItemsView {
        height: 1fr;
        #items-heading { height: auto; padding: 0 1; }
        #items-body { height: 1fr; }
        #item-list { height: auto; }
        #detail { height: 1fr; padding: 0 1; }
    }
    """

    def __init__(
        self,
        content: Content,
        section_id: str,
        lang: str,
        *,
        mastery: Mastery | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(content, section_id, lang, id=id)
        self._mastery = mastery
        self._marked: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="items-heading")
        with Container(id="items-body"):
            yield ItemList(*self._options(), id="item-list")
            with DetailPane(id="detail"):
                yield Static(id="detail-text")

    def on_mount(self) -> None:
        # SectionView's on_mount (Textual calls each class's own) follows the language.
        if self._section.items:
            self.select_item(self._section.items[0].id)
        else:
            self._show(0)

    @property
    def item_list(self) -> ItemList:
        return self.query_one("#item-list", ItemList)

    @property
    def selected_id(self) -> str | None:
        option = self.item_list.highlighted_option
        return option.id if option is not None else None

    @property
    def _rows(self) -> list[Item | None]:
        """What each list row shows: the section's introduction (None), then its entries.

        The introduction is a row of its own rather than a block above the list, so
        at 80x24 the list and the entry keep their room and the intro is one key away.
        """
        intro: list[Item | None] = [None] if self._section.intro else []
        return [*intro, *self._section.items]

    def _title(self) -> Text:
        return Text(visible(self._section.title), style="bold underline")

    def _prompt(self, row: Item | None, marked: bool) -> Table:
        """The marker in a column of its own, so a long title wraps under its own start."""
        if row is None:
            words = Text(text(self._lang, "introduction"), style="italic")
        else:
            words = Text(item_heading(row))
            if self._mastery is not None and (mark := mastery_mark(self._mastery(row.id))):
                words.append(f" {mark}")
        prompt = Table.grid()
        prompt.add_column(width=len(MARKER), no_wrap=True)
        prompt.add_column(ratio=1)
        prompt.add_row(Text(MARKER if marked else NO_MARKER, style="bold"), words)
        return prompt

    def _options(self) -> list[Option]:
        return [
            Option(self._prompt(row, False), id=row.id if row else INTRO_ID) for row in self._rows
        ]

    def focus_default(self) -> None:
        self.catch_up()
        self.item_list.focus()

    def select_item(self, item_id: str) -> bool:
        """Highlight ``item_id`` and show it; False when the section has no such item."""
        items = self.item_list
        try:
            index = items.get_option_index(item_id)
        except OptionDoesNotExist:
            return False
        items.highlighted = index
        self._show(index)
        return True

    def show_section(self, section: Section, lang: str) -> None:
        """Re-render in another language, keeping the highlighted entry by id."""
        keep = self.selected_id
        self._section, self._lang = section, lang
        self._marked = None
        self.query_one("#items-heading", Static).update(self._title())
        self.item_list.set_options(self._options())
        if not (keep and self.select_item(keep)) and section.items:
            self.select_item(section.items[0].id)

    def refresh_marks(self) -> None:
        """Redraw every row's mastery mark (after progress changed)."""
        items = self.item_list
        for index, row in enumerate(self._rows):
            items.replace_option_prompt_at_index(index, self._prompt(row, index == self._marked))

    @on(OptionList.OptionHighlighted, "#item-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show(event.option_index)

    @on(ItemList.ScrollDetail)
    def _scroll_detail(self, event: ItemList.ScrollDetail) -> None:
        event.stop()
        detail = self.query_one(DetailPane)
        if event.how in ("page_down", "page_up"):
            detail.scroll_pages(1 if event.how == "page_down" else -1)
        elif event.how == "home":
            detail.scroll_home(animate=False)
        else:
            detail.scroll_end(animate=False)

    def _show(self, index: int) -> None:
        rows = self._rows
        detail = self.query_one("#detail-text", Static)
        if not rows:
            detail.update(Text(text(self._lang, "no_items")))
            return
        if index == self._marked or not 0 <= index < len(rows):
            return
        items = self.item_list
        if self._marked is not None and self._marked < len(rows):
            items.replace_option_prompt_at_index(
                self._marked, self._prompt(rows[self._marked], False)
            )
        row = rows[index]
        items.replace_option_prompt_at_index(index, self._prompt(row, True))
        self._marked = index
        detail.update(
            section_heading(self._section) if row is None else item_detail(row, self._lang)
        )
        self.query_one(DetailPane).scroll_home(animate=False)
