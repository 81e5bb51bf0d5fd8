"""Sections read top to bottom: the Role text, and Career with its salary chart."""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.styled import Styled
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from backend_tui.content.model import Content, Section
from backend_tui.ui.widgets.follow import SectionView
from backend_tui.ui.widgets.key_scroll import KeyScroll
from backend_tui.ui.widgets.keys import MOVE
from backend_tui.ui.widgets.render import item_detail, references_text, section_heading

Part = tuple[str | None, RenderableType]
"""An entry's id (None for a heading or the references) and its text."""


class RenderedOnce:
    """A renderable that keeps its rendered lines for each width it was drawn at.

    Textual renders a section's text in full to measure its height, again to paint it,
    and both again when the new height relayouts the view: four full wraps of every
    entry and note box for one press of `l`. Kept per language, switching back and
    forth only replays the lines (the text never changes in place: a new one is made
    for another language or another entry in bold).
    """

    def __init__(self, renderable: Group | Text) -> None:
        self._renderable = renderable
        self._lines: dict[tuple[object, ...], list[Segment]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # The height is not part of the key: Textual measures the text without one and
        # paints it with its full height, yet a Group renders its parts with the height
        # reset and a Text ignores it, so both give the same lines. Keyed on it, the
        # first frame wrapped the whole section twice: painting it took 7.7 ms of CPU,
        # now 5.4 ms (medians of 101 starts).
        key = (
            options.max_width,
            options.min_width,
            options.justify,
            options.overflow,
            options.no_wrap,
            options.highlight,
        )
        lines = self._lines.get(key)
        if lines is None:
            if len(self._lines) >= 4:  # a resize: keep a few widths, not every one seen
                del self._lines[next(iter(self._lines))]
            lines = self._lines[key] = list(console.render(self._renderable, options))
        return lines

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self._renderable)


class Block(NamedTuple):
    """The text of one Static: ``(item id or None, renderable)`` in reading order."""

    id: str
    parts: list[Part]


class ReadingView(SectionView, KeyScroll, VerticalScroll):
    """Scrollable text of a whole section; arrows, j/k, PgUp/PgDn, Home/End scroll it.

    The text is one Static, not one per entry: each widget is styled three times and
    laid out before the first frame, and the Role tab is that frame. A jump finds its
    entry's line by measuring the entries above it, and marks the entry in bold.
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
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # Shown like the lists' j/k so the footer stays the same from tab to tab.
        # Descriptions and tooltips are catalogue keys; help adds the arrows, PgUp/PgDn,
        # Home/End of the scrolling container to these rows.
        Binding("j", "scroll_down", "key_down", group=MOVE, tooltip="help_move", id="text.down"),
        Binding("k", "scroll_up", "key_up", group=MOVE, tooltip="help_move", id="text.up"),
        Binding(
            "pagedown",
            "page_down",
            "key_scroll",
            show=False,
            tooltip="help_scroll_page",
            id="text.pgdn",
        ),
        Binding(
            "pageup",
            "page_up",
            "key_scroll",
            show=False,
            tooltip="help_scroll_page",
            id="text.pgup",
        ),
        Binding(
            "home",
            "scroll_home",
            "key_scroll",
            show=False,
            tooltip="help_scroll_ends",
            id="text.home",
        ),
        Binding(
            "end", "scroll_end", "key_scroll", show=False, tooltip="help_scroll_ends", id="text.end"
        ),
    ]

    def __init__(
        self, content: Content, section_id: str, lang: str, *, id: str | None = None
    ) -> None:
        super().__init__(content, section_id, lang, id=id)
        self._jumped: str | None = None
        """The entry the last jump landed on, drawn in bold."""
        self._scroll_target: str | None = None
        self._rendered: dict[tuple[str, str, str | None], RenderedOnce] = {}
        """Each block's text by language and the entry in bold (see RenderedOnce)."""

    # ------------------------------------------------------------------ text

    def blocks(self) -> list[Block]:
        """The section's text in reading order, one Block per Static."""
        items: list[Part] = [(None, section_heading(self._section))]
        items += [(item.id, item_detail(item, self._lang)) for item in self._section.items]
        return [Block("reading-text", items)]

    def _renderable(self, block: Block) -> RenderableType:
        key = (block.id, self._lang, self._jumped)
        rendered = self._rendered.get(key)
        if rendered is None:
            rendered = self._rendered[key] = RenderedOnce(self._compose_text(block))
        return rendered

    def _compose_text(self, block: Block) -> Group:
        parts: list[RenderableType] = []
        for n, (item_id, part) in enumerate(block.parts):
            if n:
                parts.append(Text())  # a blank line between entries
            parts.append(Styled(part, "bold") if item_id and item_id == self._jumped else part)
        return Group(*parts)

    def compose(self) -> ComposeResult:
        for block in self.blocks():
            yield Static(self._renderable(block), id=block.id, classes="reading")

    def _redraw(self) -> None:
        for block in self.blocks():
            for static in self.query(f"#{block.id}").results(Static):
                static.update(self._renderable(block))

    def focus_default(self) -> None:
        self.catch_up()
        self.focus()

    def entry_line(self, item_id: str) -> tuple[Static, int] | None:
        """The Static holding an entry, and the entry's first line within it."""
        for block in self.blocks():
            ids = [i for i, _ in block.parts]
            if item_id not in ids:
                continue
            static = self.query_one(f"#{block.id}", Static)
            width = static.content_size.width or max(1, self.scrollable_content_region.width)
            console = self.app.console
            options = console.options.update_width(width)
            line = 0
            for other_id, part in block.parts:
                if other_id == item_id:
                    return static, line
                line += len(console.render_lines(part, options, pad=False)) + 1
        return None

    def select_item(self, item_id: str) -> bool:
        """Scroll the entry to the top and draw it in bold, so the eye finds where it landed."""
        if self._section.item(item_id) is None:
            return False
        self._jumped = item_id
        self._redraw()
        self._scroll_target = item_id
        # A view built or shown a moment ago has no size yet: scroll once it has one.
        if self.size.height:
            self.call_after_refresh(self._scroll_to_target)
        self.focus()
        return True

    def on_resize(self) -> None:
        if self._scroll_target is not None:
            self.call_after_refresh(self._scroll_to_target)

    def _scroll_to_target(self) -> None:
        if self._scroll_target is None:
            return
        found = self.entry_line(self._scroll_target)
        self._scroll_target = None
        if found is not None:
            static, line = found
            top = static.virtual_region.y + static.styles.gutter.top + line
            self.scroll_to(y=top, animate=False)

    def show_section(self, section: Section, lang: str) -> None:
        self._section, self._lang = section, lang
        self._redraw()


class CareerView(ReadingView):
    """Career paths with the salary chart right after the salary entry, then references."""

    def blocks(self) -> list[Block]:
        heading: list[Part] = [(None, section_heading(self._section))]
        entries: list[Part] = [(i.id, item_detail(i, self._lang)) for i in self._section.items]
        cut = next((n + 1 for n, i in enumerate(self._section.items) if i.id == "salary"), None)
        if cut is None:
            cut = len(entries)
        after = entries[cut:]
        if self._section.references:
            after.append((None, references_text(self._section, self._lang)))
        return [Block("reading-text", heading + entries[:cut]), Block("reading-more", after)]

    def compose(self) -> ComposeResult:
        # Imported here: the first tab (Role) is on screen before the chart is needed.
        from backend_tui.ui.widgets.salary_chart import SalaryChart

        first, more = self.blocks()
        yield Static(self._renderable(first), id=first.id, classes="reading")
        yield SalaryChart(self._section, self._lang, id="salary-chart")
        yield Static(self._renderable(more), id=more.id, classes="reading")

    def show_section(self, section: Section, lang: str) -> None:
        from backend_tui.ui.widgets.salary_chart import SalaryChart

        super().show_section(section, lang)
        self.query_one("#salary-chart", SalaryChart).show(section, lang)
