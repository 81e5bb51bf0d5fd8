"""A tab's view of one section that follows the app's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from backend_tui.content.model import Content, Section

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    # A mixin at run time: a Widget subclass here would pin can_focus and the other
    # per-class settings Textual copies at subclassing, hiding the container's own.
    _Base = object


class SectionView(_Base):
    """Shows one section of ``content`` and relabels itself when the app's ``lang`` changes.

    Mixed into a container (``class ReadingView(SectionView, VerticalScroll)``). A
    hidden tab takes the new language when it is next shown (``focus_default`` calls
    :meth:`catch_up`), so `l` repaints only what is on screen.
    """

    def __init__(self, content: Content, section_id: str, lang: str, *, id: str | None) -> None:
        super().__init__(id=id)
        self._content = content
        self._section: Section = content[lang].sections[section_id]
        self._lang = lang
        self._pending_lang: str | None = None
        """A language chosen while this tab was hidden: applied when it is shown."""

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel, init=False)

    def _relabel(self, lang: str) -> None:
        if not self.display:
            self._pending_lang = lang
            return
        self._pending_lang = None
        self.show_section(self._content[lang].sections[self._section.id], lang)

    def catch_up(self) -> None:
        """Take a language chosen while hidden (the tab is being shown)."""
        if self._pending_lang is not None:
            self._relabel(self._pending_lang)

    @property
    def section(self) -> Section:
        return self._section

    def show_section(self, section: Section, lang: str) -> None:
        """Re-render ``section`` (the same one, in ``lang``)."""
        raise NotImplementedError
