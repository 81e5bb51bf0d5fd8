"""The command palette in the learner's language (imported when it first opens)."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from backend_tui.ui.strings import text


class StudyPalette(CommandPalette):
    """Textual's palette with its placeholder and its "No matches found" translated.

    Textual writes that line in English inside a private method; this overrides the
    method (listed under "Deviations from Textual" in the README).
    """

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(placeholder=text(lang, "palette_placeholder"), id=id)
        self._lang = lang

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
