"""Helpers for the study tests: content built in memory, a settable clock, a service on disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from backend_tui.content import Card, Content, Language, load_content
from backend_tui.settings import Settings
from backend_tui.study import StudyService, open_study
from helpers.app import FIXTURES, app_settings

FIXTURE = FIXTURES / "study_content"
T0 = dt.datetime(2026, 11, 2, 12, 0, tzinfo=dt.UTC)
SECTIONS = ("role", "duties", "skills", "career")


class Clock:
    """A clock tests move by hand."""

    def __init__(self, start: dt.datetime = T0) -> None:
        self.t = start

    def __call__(self) -> dt.datetime:
        return self.t

    def advance(self, **delta: float) -> None:
        self.t += dt.timedelta(**delta)


def make_cards(per_deck: int, prefix: str = "c") -> tuple[Card, ...]:
    return tuple(
        Card(
            id=f"{prefix}-{deck}-{i}",
            source=f"{deck}.item{i % 3}",
            kind="basic",
            front=f"question {deck} {i}",
            back=f"answer {deck} {i}",
        )
        for deck in SECTIONS
        for i in range(per_deck)
    )


def make_content(per_deck: int = 5, cards: tuple[Card, ...] | None = None) -> Content:
    cards = make_cards(per_deck) if cards is None else cards
    return Content(
        root=Path("memory"),
        languages={code: Language(code, {}, cards) for code in ("id", "en")},
    )


def settings_for(data_dir: Path, profile: str = "learner") -> Settings:
    return app_settings(data_dir, content_dir=FIXTURE, profile=profile)


def fixture_content() -> Content:
    return load_content(FIXTURE)


def open_at(
    data_dir: Path,
    content: Content,
    clock: Clock,
    *,
    profile: str = "learner",
    new_per_day: int = 20,
) -> StudyService:
    # Fuzzing off, explicitly: these tests compare due dates with fsrs run by hand.
    return open_study(
        settings_for(data_dir, profile), content, now=clock, new_per_day=new_per_day, fuzz=False
    )
