"""The row of tab labels above the dashboard: one widget that draws two lines of text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from backend_tui.safetext import visible


class TabLabel(NamedTuple):
    id: str
    label: str


def _shown(tabs: Sequence[TabLabel]) -> tuple[TabLabel, ...]:
    # A label comes from the content: control characters are shown, never sent.
    return tuple(TabLabel(tab.id, visible(tab.label)) for tab in tabs)


class TabSpan(NamedTuple):
    """Where a label sits: its first and end column (cells from the left), and its tab."""

    start: int
    end: int
    id: str


class TabStrip(Widget, can_focus=False):
    """Tab labels with the shown one marked, a rule below them, and at the right the
    learner's name and a badge (the language).

    Textual's Tabs (inside TabbedContent) is a dozen widgets: containers, one per tab,
    an underline. Styling, laying them out and painting them was a fifth of the time
    to the first frame and much of every tab switch; this draws the same in one
    widget. The shown tab is bold and underlined as well as coloured, so it stands
    out under NO_COLOR. Not focusable: tabs change by key (1-5, [ and ]) or a click.
    """

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    TabStrip {
        height: 2;
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """
    # Styles of the parts, in theme variables (the colours of Textual's own Tabs).
    # Not component classes: each of those is styled as a node of its own at every
    # restyle, which for five parts cost more than drawing the strip.
    TAB_STYLE = "$foreground 50%"
    ACTIVE_STYLE = "bold underline $foreground"
    RULE_STYLE = "$foreground 10%"
    ACTIVE_RULE_STYLE = "$block-cursor-background"
    BADGE_STYLE = "bold reverse"
    NAME_STYLE = "$foreground 70%"

    class Clicked(Message):
        """A tab's label was clicked."""

        def __init__(self, tab_id: str) -> None:
            super().__init__()
            self.tab_id = tab_id

    GAP = 2
    """Spaces between two labels."""

    def __init__(
        self,
        tabs: Sequence[TabLabel],
        active: str,
        badge: tuple[str, str] = ("", ""),
        *,
        name: str = "",
        id: str | None = None,
    ) -> None:
        """``badge`` is (short, long): the long form when it fits, else the short one.

        ``name`` (the learner's profile) is shown as it is, never read as markup,
        cut short with an ellipsis when the row is too narrow for all of it.
        """
        super().__init__(id=id)
        self._tabs = _shown(tabs)
        self._active = active
        self._badge = badge
        self._learner = name

    # ------------------------------------------------------------------ state

    @property
    def active(self) -> str:
        """Id of the tab marked as shown."""
        return self._active

    @active.setter
    def active(self, tab_id: str) -> None:
        if tab_id != self._active:
            self._active = tab_id
            self.refresh()

    def set_labels(self, tabs: Sequence[TabLabel], badge: tuple[str, str]) -> None:
        """New labels and badge (another language); the height never changes."""
        self._tabs, self._badge = _shown(tabs), badge
        self.refresh()

    def spans(self) -> list[TabSpan]:
        """Where every label sits, in order."""
        spans: list[TabSpan] = []
        column = 1
        for tab in self._tabs:
            width = cell_len(tab.label)
            spans.append(TabSpan(column, column + width, tab.id))
            column += width + self.GAP
        return spans

    # ------------------------------------------------------------------ drawing

    def render(self) -> Content:
        width = self.content_size.width
        spans = self.spans()
        parts: list[str | tuple[str, str]] = [" "]
        for n, (tab, span) in enumerate(zip(self._tabs, spans, strict=True)):
            if n:
                parts.append(" " * self.GAP)
            active = span.id == self._active
            parts.append((tab.label, self.ACTIVE_STYLE if active else self.TAB_STYLE))
        used = spans[-1].end if spans else 1
        parts += self._right_side(width - used)
        labels = Content.assemble(*parts)

        rule, mark = self.RULE_STYLE, self.ACTIVE_RULE_STYLE
        shown = next((s for s in spans if s.id == self._active), None)
        if shown is None:
            line = Content.assemble(("━" * width, rule))
        else:
            line = Content.assemble(
                ("━" * shown.start, rule),
                ("━" * (shown.end - shown.start), mark),
                ("━" * max(0, width - shown.end), rule),
            )
        return Content("\n").join([labels, line])

    def _right_side(self, room: int) -> list[str | tuple[str, str]]:
        """Padding, the name and the badge, in at most ``room`` cells.

        The whole name comes first, then the language's full name; when the row
        is narrow the language shrinks to its code and the name is cut short
        (never to fewer than a few letters: then it is left out).
        """
        short, long = self._badge
        name = self._learner
        # Two spaces after the last tab, one between the name and the badge or the edge.
        fits = [b for b in (long, short) if b and cell_len(b) + 4 <= room]
        badge = next(
            (b for b in fits if cell_len(name) <= room - cell_len(b) - 5),
            fits[-1] if fits else "",
        )
        badge_width = cell_len(badge) + 2 if badge else 0
        name_room = room - badge_width - 3
        if name and name_room < min(cell_len(name), 4):
            name = ""
        elif cell_len(name) > name_room:
            name = Content(name).truncate(name_room, ellipsis=True).plain
        parts: list[str | tuple[str, str]] = []
        if not (name or badge):
            return parts
        taken = badge_width + (cell_len(name) + 1 if name else 0)
        parts.append(" " * (room - taken))
        if name:
            parts.append((name, self.NAME_STYLE))
            parts.append(" ")
        if badge:
            parts.append((f" {badge} ", self.BADGE_STYLE))
        return parts

    def on_click(self, event: events.Click) -> None:
        for span in self.spans():
            if span.start <= event.x < span.end:
                event.stop()
                self.post_message(self.Clicked(span.id))
                return
