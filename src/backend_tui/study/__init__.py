"""Flashcards: fsrs scheduling, drill sessions, saved progress. Never imports Textual."""

from backend_tui.study.answers import check_typed, shuffled_options
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
    "check_typed",
    "open_study",
    "shuffled_options",
]
