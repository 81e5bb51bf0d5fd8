"""``backend-tui stats``: a learner's progress as a table or JSON."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from backend_tui import paths
from backend_tui.content import Content, ContentError, load_content
from backend_tui.safetext import json_text, visible, visible_line
from backend_tui.settings import Settings
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


def run_stats(args: argparse.Namespace, print_table: Printer) -> int:
    try:
        profile = paths.validate_profile(args.profile or paths.default_profile())
    except paths.ProfileNameError as exc:
        print(f"backend-tui: {exc}", file=sys.stderr)
        return 2
    root = Path(args.content) if args.content else paths.bundled_content_dir()
    try:
        content = load_content(root)
    except ContentError as exc:
        for problem in exc.problems:
            print(visible(str(problem)), file=sys.stderr)
        count = len(exc.problems)
        print(
            f"{count} problem{'s' if count != 1 else ''} in {visible(str(root))}", file=sys.stderr
        )
        return 1
    data_dir = paths.data_dir(args.data_dir)
    folder = paths.profile_dir(data_dir, profile)
    if not folder.is_dir():
        # A typo must not look like a learner who never studied.
        known = existing_profiles(data_dir)
        listed = ", ".join(map(visible_line, known)) if known else "none yet"
        print(
            f"backend-tui: no profile named {profile!r} in {visible(str(data_dir))}"
            f" (profiles there: {listed})",
            file=sys.stderr,
        )
        return 1
    settings = Settings(content_dir=root, data_dir=data_dir, profile=profile)
    try:
        service = open_study(settings, content)
    except OSError as exc:
        print(f"backend-tui: cannot open saved progress: {visible(str(exc))}", file=sys.stderr)
        return 1
    data = stats_data(service, profile)
    if args.json:
        print(json_text(data))
    else:
        print_table(data, content, getattr(args, "lang", None), folder)
    return 0
