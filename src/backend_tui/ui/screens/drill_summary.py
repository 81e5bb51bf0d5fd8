"""What a drill came to: cards, accuracy, time, grades, mastery before and after."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label, Static

from backend_tui.study import DrillSummary
from backend_tui.ui.widgets.drill_marks import GRADE_NAMES, duration, percent
from backend_tui.ui.widgets.key_footer import KeyFooter

SummaryChoice = Literal["close", "undo"]


class DrillSummaryScreen(Screen[SummaryChoice]):
    """Dismisses with ``"close"`` (back to the Drill tab) or ``"undo"`` (back to the last card)."""

    CSS_PATH = "drill_summary.tcss"
    AUTO_FOCUS = None

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "close", "Back to Drill", key_display="⏎", id="drill_summary.close"),
        Binding(
            "escape",
            "close",
            "Back to Drill",
            key_display="esc",
            show=False,
            id="drill_summary.close_escape",
        ),
        Binding("u", "undo", "Undo last answer", id="drill_summary.undo"),
    ]

    def __init__(self, summary: DrillSummary, deck: str, total: int) -> None:
        super().__init__()
        self.summary = summary
        self.deck = deck
        self.total = total

    def compose(self) -> ComposeResult:
        s = self.summary
        quiz = s.mode == "quiz"
        done = "finished" if s.answered >= self.total else "ended"
        mode = "Quiz" if quiz else "Review"
        grades = " · ".join(
            f"{name} {s.grades.get(rating, 0)}" for rating, name in GRADE_NAMES.items()
        )
        change = round(s.mastery_after * 100) - round(s.mastery_before * 100)
        rows = [
            ("Cards", f"{s.answered} of {self.total} answered, {s.correct} right"),
            ("Quiz score" if quiz else "Accuracy", percent(s.accuracy) if s.answered else "-"),
            ("Time", duration(s.seconds)),
            ("Grades", grades),
            (
                "Mastery",
                f"{percent(s.mastery_before * 100)} → {percent(s.mastery_after * 100)}"
                f" ({change:+d} points)",
            ),
        ]
        with Vertical(id="summary-box"):
            yield Label(f"{mode} {done} · {self.deck}", id="summary-title")
            for name, value in rows:
                yield Static(f"{name:<12}{value}", classes="summary-row", markup=False)
            if quiz:
                yield Static(
                    "The quiz left your review schedule as it was.", classes="summary-note"
                )
            yield Static(
                "Enter or Esc: back to the Drill tab · u: undo the last answer",
                classes="summary-note",
            )
        yield KeyFooter(compact=True, show_command_palette=False)

    def action_close(self) -> None:
        self.dismiss("close")

    def action_undo(self) -> None:
        self.dismiss("undo")
