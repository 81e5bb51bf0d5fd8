"""``backend-tui stats``: a learner's progress as a table or JSON."""

from __future__ import annotations

import argparse
import sys
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


ALL_DECKS = {"en": "All", "id": "Semua"}


def deck_titles(content: Content, lang: str) -> dict[str, str]:
    """Each deck's title as the app shows it: its section's tab name, or All."""
    language = content.languages.get(lang) or next(iter(content.languages.values()))
    titles = {deck: section.tab for deck, section in language.sections.items()}
    titles["all"] = ALL_DECKS.get(language.code, ALL_DECKS["en"])
    return titles


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}%"


def _print_table(data: dict[str, Any], titles: dict[str, str]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # Every string from outside (paths in warnings, ids from the progress file) goes
    # in as Text with its control characters made visible: never read as markup,
    # never sent to the terminal raw.
    console = Console(highlight=False, emoji=False)
    for warning in data["warnings"]:
        console.print(Text.assemble(("warning:", "yellow"), " ", visible_line(warning)))
    console.print(
        Text(
            f"Profile {visible_line(data['profile'])}: {data['reviews_total']} reviews, "
            f"{data['cards_seen']} cards seen, {data['due_today']} due today, "
            f"streak {data['streak_days']} day{'s' if data['streak_days'] != 1 else ''}"
        )
    )
    table = Table("Deck")
    # Numbers right-aligned, so their digits line up down each column.
    for name in ("Cards", "Due", "New", "Learned", "Mastery", "Best quiz", "Last quiz", "Leeches"):
        table.add_column(name, justify="right")
    for deck, row in data["decks"].items():
        table.add_row(
            Text(visible_line(titles.get(deck, deck))),
            str(row["total"]),
            str(row["due"]),
            str(row["new"]),
            str(row["learned"]),
            f"{row['mastery']:.0f}%",
            _percent(row["best_quiz_score"]),
            _percent(row["last_quiz_score"]),
            str(row["leeches"]),
        )
    console.print(table)
    suspended = data["suspended_cards"]
    if suspended:
        console.print(
            f"Suspended ({len(suspended)}; a review skips them): " + ", ".join(suspended),
            highlight=False,
            markup=False,
        )
    early = [q for q in data["quizzes"] if not q["complete"]]
    if early:
        console.print(
            f"Ended early (never a Best or Last): {len(early)} quiz(zes); latest"
            f" {early[-1]['answered']} of {early[-1]['total']} answered,"
            f" {early[-1]['correct']} right",
            highlight=False,
        )
    orphans = data["orphaned_cards"]
    if orphans:
        console.print(
            Text(
                f"Progress kept for {len(orphans)} card(s) no longer in the content: "
                + ", ".join(map(visible_line, orphans))
            )
        )


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


def _language(folder: Path) -> str:
    """The learner's chosen language, else the one the locale suggests."""
    import os
    import tomllib

    from backend_tui.cli import detect_lang
    from backend_tui.study.preferences import LANGUAGES, MAX_BYTES, PREFERENCES

    # Read here rather than with load_preferences, which moves a damaged file
    # aside: looking at progress changes nothing in the profile.
    try:
        with open(folder / PREFERENCES, "rb") as stream:
            chosen = tomllib.loads(stream.read(MAX_BYTES).decode()).get("lang")
    except (OSError, ValueError):
        chosen = None
    return chosen if chosen in LANGUAGES else detect_lang(os.environ)


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
        _print_table(data, deck_titles(content, _language(folder)))
    return 0
