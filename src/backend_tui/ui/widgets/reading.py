"""Sections read top to bottom: the Role text, and Career with its salary chart."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from backend_tui.content.model import Section
from backend_tui.ui.widgets.items import MOVE
from backend_tui.ui.widgets.render import item_detail, references_text, section_heading
from backend_tui.ui.widgets.salary_chart import SalaryChart


class ReadingView(VerticalScroll):
    """Scrollable text of a whole section; arrows, j/k, PgUp/PgDn, Home/End scroll it.

    Each entry is its own Static so a jump can scroll straight to it.
    """

    DEFAULT_CSS = """
    ReadingView {
        height: 1fr;
        padding: 0 1;
        /* The text is longer than the screen; with the scrollbar's room kept from the
           start it is laid out and painted once, not again when the scrollbar shows. */
        scrollbar-gutter: stable;
        /* Lines much longer than this are hard to follow on a wide terminal. */
        & > * { max-width: 110; }
        & > Static { width: 1fr; margin-bottom: 1; }
        & > .-jumped { text-style: bold; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # Shown like the lists' j/k so the footer stays the same from tab to tab.
        Binding("j", "scroll_down", "Down", group=MOVE, id="text.down"),
        Binding("k", "scroll_up", "Up", group=MOVE, id="text.up"),
    ]

    def __init__(self, section: Section, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._section = section
        self._lang = lang
        self._scroll_target: Widget | None = None

    def compose(self) -> ComposeResult:
        yield Static(section_heading(self._section), id="reading-heading")
        for item in self._section.items:
            yield Static(item_detail(item, self._lang), id=f"item-{item.id}", classes="entry")

    @property
    def section(self) -> Section:
        return self._section

    def focus_default(self) -> None:
        self.focus()

    def select_item(self, item_id: str) -> bool:
        """Scroll the entry to the top and mark it, so the eye finds where it landed."""
        found = self.query(f"#item-{item_id}")
        if not found:
            return False
        for entry in self.query(".-jumped"):
            entry.remove_class("-jumped")
        entry = found.first()
        entry.add_class("-jumped")
        self._scroll_target = entry
        # A view built or shown a moment ago has no size yet: scroll once it has one.
        if self.size.height:
            self.call_after_refresh(self._scroll_to_target)
        self.focus()
        return True

    def on_resize(self) -> None:
        if self._scroll_target is not None:
            self.call_after_refresh(self._scroll_to_target)

    def _scroll_to_target(self) -> None:
        if self._scroll_target is not None:
            self.scroll_to_widget(self._scroll_target, top=True, animate=False)
            self._scroll_target = None

    def show_section(self, section: Section, lang: str) -> None:
        self._section, self._lang = section, lang
        self.query_one("#reading-heading", Static).update(section_heading(section))
        for item in section.items:
            for entry in self.query(f"#item-{item.id}").results(Static):
                entry.update(item_detail(item, lang))


class CareerView(ReadingView):
    """Career paths with the salary chart right after the salary entry, then references."""

    def compose(self) -> ComposeResult:
        yield Static(section_heading(self._section), id="reading-heading")
        items = self._section.items
        cut = next((n + 1 for n, i in enumerate(items) if i.id == "salary"), len(items))
        for item in items[:cut]:
            yield Static(item_detail(item, self._lang), id=f"item-{item.id}", classes="entry")
        yield SalaryChart(self._section, self._lang, id="salary-chart")
        for item in items[cut:]:
            yield Static(item_detail(item, self._lang), id=f"item-{item.id}", classes="entry")
        yield Static(references_text(self._section, self._lang), id="references")

    def show_section(self, section: Section, lang: str) -> None:
        super().show_section(section, lang)
        self.query_one(SalaryChart).show(section, lang)
        self.query_one("#references", Static).update(references_text(section, lang))
