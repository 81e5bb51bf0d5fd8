"""``backend-tui stats``: a learner's progress as a table or JSON."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from backend_tui import paths
from backend_tui.content import ContentError, load_content
from backend_tui.settings import Settings
from backend_tui.study.service import StudyService, open_study


def stats_data(service: StudyService, profile: str) -> dict[str, Any]:
    """Everything ``stats --json`` prints."""
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
                "mastery": round(d.mastery, 4),
                "leeches": d.leeches,
                "best_quiz_score": d.best_quiz,
                "last_quiz_score": d.last_quiz,
            }
            for d in service.decks()
        },
        "orphaned_cards": service.orphaned_ids(),
        "warnings": list(service.warnings),
    }


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}%"


def _print_table(data: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for warning in data["warnings"]:
        console.print(f"[yellow]warning:[/] {warning}", highlight=False)
    console.print(
        f"Profile {data['profile']}: {data['reviews_total']} reviews, "
        f"{data['cards_seen']} cards seen, {data['due_today']} due today, "
        f"streak {data['streak_days']} day{'s' if data['streak_days'] != 1 else ''}",
        highlight=False,
    )
    table = Table("Deck")
    # Numbers right-aligned, so their digits line up down each column.
    for name in ("Cards", "Due", "New", "Learned", "Mastery", "Best quiz", "Last quiz", "Leeches"):
        table.add_column(name, justify="right")
    for deck, row in data["decks"].items():
        table.add_row(
            deck,
            str(row["total"]),
            str(row["due"]),
            str(row["new"]),
            str(row["learned"]),
            f"{row['mastery'] * 100:.0f}%",
            _percent(row["best_quiz_score"]),
            _percent(row["last_quiz_score"]),
            str(row["leeches"]),
        )
    console.print(table)
    orphans = data["orphaned_cards"]
    if orphans:
        console.print(
            f"Progress kept for {len(orphans)} card(s) no longer in the content: "
            + ", ".join(orphans),
            highlight=False,
        )


def run_stats(args: argparse.Namespace) -> int:
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
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        print(f"{count} problem{'s' if count != 1 else ''} in {root}", file=sys.stderr)
        return 1
    data_dir = paths.data_dir(args.data_dir)
    with tempfile.TemporaryDirectory() as empty:
        # Looking must not create a profile: an unknown one reads as an empty one.
        exists = paths.profile_dir(data_dir, profile).is_dir()
        settings = Settings(
            content_dir=root, data_dir=data_dir if exists else Path(empty), profile=profile
        )
        try:
            service = open_study(settings, content)
        except OSError as exc:
            print(f"backend-tui: cannot open saved progress: {exc}", file=sys.stderr)
            return 1
        data = stats_data(service, profile)
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        _print_table(data)
    return 0
