"""The key bar at the bottom of every screen: one line of text, drawn from the active bindings."""

from __future__ import annotations

from itertools import groupby
from typing import NamedTuple

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

from backend_tui.ui.strings import label


class ShownKey(NamedTuple):
    """One entry of the bar: ``keys`` highlighted, then what they do."""

    keys: str
    description: str
    enabled: bool


class KeyFooter(Widget, can_focus=False):
    """The keys usable now, as one widget that draws one line of text.

    Textual's Footer builds a widget per key (about twenty here) whenever the keys
    might have changed, which cost more than a whole tab switch. This bar redraws
    itself, and only when the keys it shows differ. Keys are bold as well as
    coloured, so they stand out under NO_COLOR. Keyboard-only: keys are not clickable.
    """

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: clip;
        color: $footer-foreground;
        background: $footer-background;
    }
    """
    # The Footer's theme variables. Not component classes: each of those is styled
    # as a node of its own at every restyle of the screen.
    KEY_STYLE = "bold $footer-key-foreground on $footer-key-background"
    DESCRIPTION_STYLE = "$footer-description-foreground on $footer-description-background"

    def __init__(
        self,
        *,
        compact: bool = True,
        show_command_palette: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """``compact`` puts one space between entries when two do not fit;
        ``show_command_palette`` adds the palette's key when no shown key opens it."""
        super().__init__(id=id, classes=classes)
        self._compact = compact
        self._show_command_palette = show_command_palette
        self._shown: tuple[ShownKey, ...] | None = None
        self._lang = "en"

    @property
    def shown(self) -> tuple[ShownKey, ...]:
        """The entries on the bar now."""
        if self._shown is None:
            self._shown = self._visible_keys()
        return self._shown

    @property
    def plain(self) -> str:
        """The bar's text as a learner reads it (at full width)."""
        return self._line(self.shown, "  ").plain

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        # Called at once with the app's language, then at every change.
        self.watch(self.app, "lang", self._relabel)

    def _relabel(self, lang: str | None) -> None:
        # None: an app without a language (a test's bare app) keeps English.
        if lang is None or lang == self._lang:
            return
        self._lang = lang
        if self._shown is not None:
            self._shown = self._visible_keys()
            self.refresh()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if not screen.app.app_focus or screen is not self.screen:
            return
        shown = self._visible_keys()
        if shown != self._shown:
            self._shown = shown
            self.refresh()

    def _visible_keys(self) -> tuple[ShownKey, ...]:
        # As Textual's Footer: keys of one action count once, and consecutive
        # actions of one group share the group's description ("12345 Tabs").
        active = self.screen.active_bindings
        actions: dict[str, tuple[Binding, bool]] = {}
        for _, binding, enabled, _ in active.values():
            if binding.show:
                actions.setdefault(binding.action, (binding, enabled))
        if self._show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = active.get(self.app.COMMAND_PALETTE_BINDING)
            if palette is not None and palette.binding.action not in actions:
                actions[palette.binding.action] = (palette.binding, palette.enabled)
        display = self.app.get_key_display
        lang = self._lang
        shown: list[ShownKey] = []
        for group, members in groupby(actions.values(), lambda pair: pair[0].group):
            entries = list(members)
            if group is not None and len(entries) > 1:
                joiner = "" if group.compact else " "
                keys = joiner.join(display(binding) for binding, _ in entries)
                enabled = any(on for _, on in entries)
                shown.append(ShownKey(keys, label(lang, group.description), enabled))
            else:
                shown.extend(
                    ShownKey(display(binding), label(lang, binding.description), on)
                    for binding, on in entries
                )
        return tuple(shown)

    def _line(self, shown: tuple[ShownKey, ...], gap: str) -> Content:
        parts: list[Content] = []
        for n, entry in enumerate(shown):
            if n:
                parts.append(Content(gap))
            part = Content.assemble((entry.keys, self.KEY_STYLE))
            if entry.description:
                part += Content.assemble((f" {entry.description}", self.DESCRIPTION_STYLE))
            parts.append(part if entry.enabled else part.stylize("dim"))
        return Content("").join(parts)

    def render(self) -> Content:
        # Built at each paint (a dozen appends), so a theme change shows at once;
        # paints happen only when the keys change or the screen is redrawn.
        line = self._line(self.shown, "  ")
        if self._compact and line.cell_length > self.content_size.width:
            line = self._line(self.shown, " ")
        return line
