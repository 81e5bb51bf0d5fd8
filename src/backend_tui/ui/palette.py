"""The command palette in the learner's language (imported when it first opens)."""

from __future__ import annotations

from collections.abc import AsyncGenerator

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Provider
from textual.system_commands import SystemCommandsProvider
from textual.widgets.option_list import Option

from backend_tui.ui.strings import text


def _provider_rank(provider: Provider) -> tuple[bool, str]:
    kind = type(provider)
    return (not isinstance(provider, SystemCommandsProvider), kind.__module__ + kind.__qualname__)


class StudyPalette(CommandPalette):
    """Textual's palette with its placeholder and its "No matches found" translated,
    and its list in the same order at every opening.

    Textual writes that line in English inside a private method; this overrides the
    method (listed under "Deviations from Textual" in the README).
    """

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(placeholder=text(lang, "palette_placeholder"), id=id)
        self._lang = lang

    def _search_for(self, search_value: str) -> AsyncGenerator[DiscoveryHit | Hit, bool]:
        # Textual gathers its providers in a set, whose order changes from one run of
        # the app to the next; with nothing typed every hit scores the same, so that
        # order was the list's. One order: the app's commands (help, language, quit)
        # first, then the material. Each search starts its providers in this order.
        self._providers.sort(key=_provider_rank)
        return super()._search_for(search_value)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            # As Textual does: only for a real query (discovery with nothing is quiet).
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(
                            Text(text(self._lang, "palette_no_matches"), style="not bold")
                        ),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
