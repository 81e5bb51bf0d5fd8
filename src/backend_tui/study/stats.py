"""``backend-tui stats``: a learner's progress as a table or JSON."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from backend_tui import paths
from backend_tui.content import Content, load_content
from backend_tui.safetext import json_text, visible, visible_line
from backend_tui.settings import Settings
from backend_tui.study.notices import Notice, os_reason
from backend_tui.study.service import StudyService, open_study


def _share(value: float | None) -> float | None:
    """Every share in ``stats --json`` is a percentage, 0 to 100, one decimal."""
    return None if value is None else round(value, 1)


def stats_data(service: StudyService, profile: str) -> dict[str, Any]:
    """Everything ``stats --json`` prints. Mastery and quiz scores are percentages (0-100)."""
    return {
        "profile": profile,
        "reviews_total": service.reviews_total(),
        "cards_seen": service.cards_seen(),
        "due_today": service.due_today(),
        "streak_days": service.streak_days(),
        "decks": {
            d.deck: {
                "total": d.total,
                "due": d.due,
                "new": d.new,
                "learned": d.learned,
                "mastery": _share(d.mastery * 100),
                "leeches": d.leeches,
                "suspended": d.suspended,
                "best_quiz_score": _share(d.best_quiz),
                "last_quiz_score": _share(d.last_quiz),
            }
            for d in service.decks()
        },
        "quizzes": [
            {
                "deck": q.deck,
                "at": q.at.isoformat(),
                "answered": q.answered,
                "correct": q.correct,
                "total": q.total,
                "complete": q.complete,
                "score": _share(q.score),
            }
            for q in service.quizzes()
        ],
        "suspended_cards": service.suspended_ids(),
        "orphaned_cards": service.orphaned_ids(),
        "warnings": list(service.warnings),
    }


Printer = Callable[[dict[str, Any], Content, str | None, Path], None]
"""Prints the table for a person: ``(data, content, --lang or None, profile folder)``.
Given by the command line, so this package never loads the app's words."""


def existing_profiles(data_dir: Path) -> list[str]:
    """Names of the profile folders under ``data_dir``, sorted."""
    try:
        names = [p.name for p in (data_dir / "profiles").iterdir() if p.is_dir()]
    except OSError:
        return []
    return sorted(n for n in names if _valid(n))


def _valid(name: str) -> bool:
    try:
        paths.validate_profile(name)
    except paths.ProfileNameError:
        return False
    return True


class StatsError(Exception):
    """``stats`` cannot show the progress asked for.

    The message is English; ``reason`` carries a key and values, so the command
    line says the same in the person's language (this package loads no words).
    """

    def __init__(self, key: str, english: str, **values: Any) -> None:
        self.reason = Notice(key, english, **values)
        super().__init__(str(self.reason))


def run_stats(args: argparse.Namespace, print_table: Printer) -> int:
    """Print the progress asked for by ``args``.

    Raises :class:`~backend_tui.paths.ProfileNameError`, :class:`ContentError` or
    :class:`StatsError`, for the command line to say in the person's language.
    """
    profile = paths.validate_profile(args.profile or paths.default_profile())
    root = Path(args.content) if args.content else paths.bundled_content_dir()
    content = load_content(root)
    data_dir = paths.data_dir(args.data_dir)
    folder = paths.profile_dir(data_dir, profile)
    if not folder.is_dir():
        # A typo must not look like a learner who never studied.
        known = existing_profiles(data_dir)
        where = visible(str(data_dir))
        if not known:
            raise StatsError(
                "stats_no_profile_yet",
                "no profile named {profile!r} in {folder} (profiles there: none yet)",
                profile=profile,
                folder=where,
            )
        raise StatsError(
            "stats_no_profile",
            "no profile named {profile!r} in {folder} (profiles there: {profiles})",
            profile=profile,
            folder=where,
            profiles=", ".join(map(visible_line, known)),
        )
    settings = Settings(content_dir=root, data_dir=data_dir, profile=profile)
    try:
        service = open_study(settings, content)
    except OSError as exc:
        raise StatsError(
            "stats_cannot_open",
            "cannot open saved progress in {folder}: {why}",
            folder=visible(str(folder)),
            why=os_reason(exc),
        ) from None
    data = stats_data(service, profile)
    if args.json:
        print(json_text(data))
    else:
        print_table(data, content, getattr(args, "lang", None), folder)
    return 0
