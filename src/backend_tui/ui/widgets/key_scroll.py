"""Scrolling by key that keeps every key press, however fast they come."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.actions import SkipAction

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    # A mixin at run time, as SectionView (see follow.py): a Widget subclass here
    # would pin the per-class settings Textual copies at subclassing.
    _Base = object


class KeyScroll(_Base):
    """j/k, the arrows and PgUp/PgDn move the text at once, from where the last key left it.

    Textual's own scroll actions wait for the next frame and step from the position of
    the frame before, so keys that arrive together (a held key over SSH, a fast
    typist) all land on the same line and the view moves one line for ten presses.
    Mixed into a scrolling container (``class DetailPane(KeyScroll, VerticalScroll)``).
    """

    def scroll_lines(self, lines: float) -> None:
        """Move the text ``lines`` down (up when negative), now."""
        self.scroll_to(y=self.scroll_target_y + lines, animate=False, immediate=True)

    def scroll_pages(self, pages: int) -> None:
        """Move the text ``pages`` screens down (up when negative), now."""
        self.scroll_lines(pages * self.scrollable_content_region.height)

    def action_scroll_down(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_lines(1)

    def action_scroll_up(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_lines(-1)

    def action_page_down(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_pages(1)

    def action_page_up(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_pages(-1)
