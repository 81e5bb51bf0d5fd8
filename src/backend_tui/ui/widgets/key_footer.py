"""The key bar at the bottom of every screen: one line of text, drawn from the active bindings."""

from __future__ import annotations

from itertools import groupby
from typing import ClassVar, NamedTuple

from rich.text import Text
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget


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
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-footer--key", "key-footer--description"}
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
        & > .key-footer--key {
            text-style: bold;
            color: $footer-key-foreground;
            background: $footer-key-background;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

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
        shown: list[ShownKey] = []
        for group, members in groupby(actions.values(), lambda pair: pair[0].group):
            entries = list(members)
            if group is not None and len(entries) > 1:
                joiner = "" if group.compact else " "
                keys = joiner.join(display(binding) for binding, _ in entries)
                enabled = any(on for _, on in entries)
                shown.append(ShownKey(keys, group.description, enabled))
            else:
                shown.extend(
                    ShownKey(display(binding), binding.description, on) for binding, on in entries
                )
        return tuple(shown)

    def _line(self, shown: tuple[ShownKey, ...], gap: str) -> Text:
        key_style = self.get_component_rich_style("key-footer--key", partial=True)
        description_style = self.get_component_rich_style("key-footer--description", partial=True)
        line = Text(no_wrap=True, overflow="crop", end="")
        for n, entry in enumerate(shown):
            if n:
                line.append(gap)
            start = len(line)
            line.append(entry.keys, key_style)
            if entry.description:
                line.append(f" {entry.description}", description_style)
            if not entry.enabled:
                line.stylize("dim", start)
        return line

    def render(self) -> Text:
        # Built at each paint (a dozen appends), so a theme change shows at once;
        # paints happen only when the keys change or the screen is redrawn.
        line = self._line(self.shown, "  ")
        if self._compact and line.cell_len > self.content_size.width:
            line = self._line(self.shown, " ")
        return line
