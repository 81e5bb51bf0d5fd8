"""A Footer that rebuilds only when the keys it shows change."""

from __future__ import annotations

from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's Footer rebuilds all its key widgets on every focus change, which made
    each tab switch cost a few hundred milliseconds; the keys shown rarely differ."""

    _shown: tuple[tuple[str, str, str, bool], ...] | None = None

    def _visible_keys(self) -> tuple[tuple[str, str, str, bool], ...]:
        return tuple(
            (
                binding.key,
                binding.description,
                binding.group.description if binding.group else "",
                enabled,
            )
            for _, binding, enabled, _ in self.screen.active_bindings.values()
            if binding.show
        )

    async def recompose(self) -> None:
        if self.screen.focused is None and self._shown is not None:
            # Between a tab hiding the focused widget and the next tab taking focus:
            # the focus change that follows brings the keys up to date.
            return
        shown = self._visible_keys()
        if shown == self._shown:
            return
        self._shown = shown
        await super().recompose()
