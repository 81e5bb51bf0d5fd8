"""Flashcards: fsrs scheduling, drill sessions, saved progress. Never imports Textual."""

from backend_tui.study.answers import check_typed, judge_typed, shuffled_options
from backend_tui.study.judge import Verdict
from backend_tui.study.service import (
    DECKS,
    DeckStats,
    DrillSession,
    DrillSummary,
    StudyService,
    open_study,
)

__all__ = [
    "DECKS",
    "DeckStats",
    "DrillSession",
    "DrillSummary",
    "StudyService",
    "Verdict",
    "check_typed",
    "judge_typed",
    "open_study",
    "shuffled_options",
]
