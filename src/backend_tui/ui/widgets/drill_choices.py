"""The options of a multiple-choice card, picked by letter or arrows."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from backend_tui.content.model import Option
from backend_tui.safetext import visible

LETTERS = "abcd"


class ChoiceList(Static):
    """Options labelled a) to d). Before answering a ``▶`` marks the pick; after, ``✓``/``✗``.

    Marks are glyphs so right and wrong read without colour.
    """

    DEFAULT_CSS = """
    ChoiceList {
        height: auto;
        margin: 1 0 0 0;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.options: list[Option] = []
        self.order: list[int] = []
        self.cursor = 0
        self.chosen: int | None = None

    def show_options(self, options: Sequence[Option], order: Sequence[int]) -> None:
        """Show ``options`` (as the card lists them) in ``order`` (indexes into them)."""
        self.order = list(order)
        self.options = [options[i] for i in self.order]
        self.cursor = 0
        self.chosen = None
        self._draw()

    def relabel(self, options: Sequence[Option]) -> None:
        """The same card's options in another language: same order, pick and result."""
        if len(options) == len(self.order):
            self.options = [options[i] for i in self.order]
            self._draw()

    def move(self, step: int) -> None:
        if self.options and self.chosen is None:
            self.cursor = (self.cursor + step) % len(self.options)
            self._draw()

    def pick(self, index: int) -> None:
        if index < len(self.options) and self.chosen is None:
            self.cursor = index
            self._draw()

    def submit(self) -> bool:
        """Lock in the highlighted option; True when it is the correct one."""
        self.chosen = self.cursor
        self._draw()
        return self.options[self.cursor].correct

    def _draw(self) -> None:
        lines: list[Content] = []
        for index, option in enumerate(self.options):
            label = f"{LETTERS[index]}) {visible(option.text)}"
            if self.chosen is None:
                here = index == self.cursor
                lines.append(
                    Content.assemble(
                        ("▶ " if here else "  "),
                        (label, "bold reverse" if here else ""),
                    )
                )
            elif option.correct:
                lines.append(Content.assemble(("✓ ", "bold green"), (label, "bold green")))
            elif index == self.chosen:
                lines.append(Content.assemble(("✗ ", "bold red"), (label, "red strike")))
            else:
                lines.append(Content.assemble("  ", (label, "dim")))
        self.update(Content("\n").join(lines))
