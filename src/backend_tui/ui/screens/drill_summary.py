"""What a drill came to: cards, accuracy, time, grades, mastery before and after."""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label, Static

from backend_tui.content.model import Content
from backend_tui.study import DrillSummary
from backend_tui.ui.formats import duration, number
from backend_tui.ui.strings import text
from backend_tui.ui.widgets.drill_marks import GRADE_KEYS, deck_label, percent
from backend_tui.ui.widgets.key_footer import KeyFooter

SummaryChoice = Literal["close", "undo"]


def _row(name: str, value: str, width: int) -> Table:
    """One line of the summary: a value too long for the box wraps under its own column."""
    row = Table.grid()
    row.add_column(width=width, no_wrap=True)
    row.add_column(ratio=1)
    row.add_row(Text(name), Text(value))
    return row


class DrillSummaryScreen(Screen[SummaryChoice]):
    """Dismisses with ``"close"`` (back to the Drill tab) or ``"undo"`` (back to the last card)."""

    CSS_PATH = "drill_summary.tcss"
    AUTO_FOCUS = None

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "close",
            "key_back_to_drill",
            key_display="⏎",
            tooltip="help_back_to_drill",
            id="drill_summary.close",
        ),
        Binding(
            "escape",
            "close",
            "key_back_to_drill",
            key_display="esc",
            show=False,
            tooltip="help_back_to_drill",
            id="drill_summary.close_escape",
        ),
        Binding("u", "undo", "key_undo_last", tooltip="help_undo", id="drill_summary.undo"),
    ]

    def __init__(
        self, summary: DrillSummary, content: Content, deck: str, total: int, lang: str
    ) -> None:
        super().__init__()
        self.summary = summary
        self.content = content
        self.deck = deck
        self.total = total
        self.lang = lang

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel, init=False)

    async def _relabel(self, lang: str) -> None:
        if lang != self.lang and lang in self.content.languages:
            self.lang = lang
            await self.recompose()

    def compose(self) -> ComposeResult:
        s = self.summary
        lang = self.lang
        quiz = s.mode == "quiz"
        mode = text(lang, "mode_quiz" if quiz else "mode_review")
        done = s.complete if quiz else s.left == 0
        title = "summary_finished" if done else "summary_ended_early"
        grades = " · ".join(
            f"{text(lang, key)} {number(lang, s.grades.get(rating, 0))}"
            for rating, key in GRADE_KEYS.items()
        )
        change = round(s.mastery_after * 100) - round(s.mastery_before * 100)
        rows = [
            (
                text(lang, "summary_cards"),
                text(
                    lang,
                    "summary_cards_value" if quiz else "summary_review_cards_value",
                    answered=number(lang, s.answered),
                    total=number(lang, self.total),
                    right=number(lang, s.correct),
                    left=number(lang, s.left),
                ),
            ),
            (text(lang, "summary_score" if quiz else "summary_accuracy"), self._score()),
            (text(lang, "summary_time"), duration(lang, s.seconds)),
            (text(lang, "summary_grades"), grades),
            (
                text(lang, "summary_mastery"),
                f"{percent(s.mastery_before * 100)} → {percent(s.mastery_after * 100)}"
                f" ({text(lang, 'summary_points', change=f'{change:+d}')})",
            ),
        ]
        width = max(12, *(cell_len(name) + 2 for name, _ in rows))
        deck = deck_label(self.content, lang, self.deck)
        with Vertical(id="summary-box"):
            yield Label(text(lang, title, mode=mode, deck=deck), id="summary-title", markup=False)
            for name, value in rows:
                yield Static(_row(name, value, width), classes="summary-row")
            if quiz:
                yield Static(text(lang, "summary_quiz_note"), classes="summary-note", markup=False)
            if s.unsaved:
                yield Static(
                    text(lang, "summary_unsaved", n=number(lang, s.unsaved)),
                    classes="summary-note summary-warning",
                    markup=False,
                )
            yield Static(text(lang, "summary_keys"), classes="summary-note", markup=False)
        yield KeyFooter(compact=True, show_command_palette=False)

    def _score(self) -> str:
        s = self.summary
        if not s.answered:
            return "-"
        if s.mode == "quiz" and not s.complete:
            # Scored on what was answered; a quiz ended early is never a Best.
            return text(self.lang, "summary_score_partial", score=percent(s.accuracy))
        return percent(s.accuracy)

    def action_close(self) -> None:
        self.dismiss("close")

    def action_undo(self) -> None:
        self.dismiss("undo")
