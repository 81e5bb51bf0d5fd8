"""Flashcards: fsrs scheduling, drill sessions, saved progress. Never imports Textual."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from backend_tui.study.answers import check_typed, judge_typed, shuffled_options
    from backend_tui.study.judge import Verdict
    from backend_tui.study.saving import SaveFailed
    from backend_tui.study.service import (
        DECKS,
        DeckStats,
        StudyService,
        interval_label,
        open_study,
    )
    from backend_tui.study.session import Counts, DrillSession, DrillSummary

# Loaded on first use (PEP 562): the app reads backend_tui.study.preferences before
# its first frame, and importing the package must not load fsrs and the store then.
_HOMES = {
    "check_typed": "answers",
    "judge_typed": "answers",
    "shuffled_options": "answers",
    "Verdict": "judge",
    "DECKS": "service",
    "DeckStats": "service",
    "StudyService": "service",
    "interval_label": "service",
    "open_study": "service",
    "Counts": "session",
    "DrillSession": "session",
    "DrillSummary": "session",
    "SaveFailed": "saving",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


__all__ = [
    "DECKS",
    "Counts",
    "DeckStats",
    "DrillSession",
    "DrillSummary",
    "SaveFailed",
    "StudyService",
    "Verdict",
    "check_typed",
    "interval_label",
    "judge_typed",
    "open_study",
    "shuffled_options",
]
