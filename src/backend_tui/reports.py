"""What ``stats`` and ``check`` print for a person, in their language, errors included.

The language is chosen as the app chooses it: ``--lang``, else the learner's saved
choice (``stats``), else the locale. Words come from the app's catalogue
(``ui/strings.py`` and ``ui/formats.py`` hold no Textual); JSON stays in English
keys for scripts. (``class list`` prints its table in ``classroom.py``.) Text from
outside (profile names, card ids, paths) is shown literally, control characters
made visible.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from backend_tui.content import Content, ContentError, Problem
from backend_tui.paths import ProfileNameError
from backend_tui.safetext import visible, visible_line
from backend_tui.study.notices import Notice
from backend_tui.study.preferences import saved_lang
from backend_tui.ui.formats import count, number, percent
from backend_tui.ui.notices import notice_text, reason_text
from backend_tui.ui.strings import CATALOGUE, text


def command_lang(chosen: str | None, folder: Path | None = None) -> str:
    """``chosen`` (``--lang``), else the learner's saved choice in ``folder``, else the locale."""
    from backend_tui.cli import detect_lang

    if chosen:
        return chosen
    if folder is not None:
        saved = saved_lang(folder)
        if saved is not None:
            return saved
    return detect_lang(os.environ)


def said(lang: str, notice: Notice) -> str:
    """A message of ours that carries its key (a :class:`Notice`), in ``lang``.

    Its values are shown as they are, a reason among them said in ``lang`` too.
    """
    values = {
        name: _value_text(lang, value) if isinstance(value, Notice) else value
        for name, value in notice.values.items()
    }
    return visible(text(lang, notice.key, **values))


def _value_text(lang: str, value: Notice) -> str:
    # A message of ours inside another, or why something failed (the OS's reason).
    return said(lang, value) if value.key in CATALOGUE["en"] else reason_text(lang, value)


def error(prog: str, message: str) -> None:
    """One line on stderr, after the command's name, as a command line tool says it."""
    print(f"{prog}: {message}", file=sys.stderr)


def profile_name_error(exc: ProfileNameError, lang: str) -> str:
    """Why a profile name is refused, in ``lang`` (the name shown with its escapes)."""
    return visible(text(lang, "error_profile_name", name=repr(exc.name)))


def print_problems(
    problems: Sequence[Problem], where: Path, lang: str, *, warnings: bool = False
) -> None:
    """Every problem (or ``--strict`` warning) with its place, then how many, on stderr."""
    from backend_tui.ui.problems import problem_text

    for problem in problems:
        # Paths and content can hold control characters: shown, never sent raw.
        print(problem_text(lang, problem), file=sys.stderr)
    print(problems_line(len(problems), visible(str(where)), warnings, lang), file=sys.stderr)


def run_stats_command(args: argparse.Namespace) -> int:
    """``backend-tui stats``: the table or JSON, or why not in the person's language."""
    from backend_tui import paths
    from backend_tui.study.stats import StatsError, run_stats

    # Before the profile is known to exist, the flag or the locale says the language.
    lang = getattr(args, "lang", None)
    try:
        return run_stats(args, print_stats)
    except ProfileNameError as exc:
        error("backend-tui", profile_name_error(exc, command_lang(lang)))
        return 2
    except ContentError as exc:
        root = Path(args.content) if args.content else paths.bundled_content_dir()
        print_problems(exc.problems, root, command_lang(lang))
        return 1
    except StatsError as exc:
        error("backend-tui", said(command_lang(lang), exc.reason))
        return 1


def deck_titles(content: Content, lang: str) -> dict[str, str]:
    """Each deck's title as the app shows it: its section's tab name, or All."""
    language = content.languages.get(lang) or next(iter(content.languages.values()))
    titles = {deck: section.tab for deck, section in language.sections.items()}
    titles["all"] = text(language.code, "all_decks")
    return titles


def print_stats(data: dict[str, Any], content: Content, chosen: str | None, folder: Path) -> None:
    """``stats`` as a table in the learner's language (``chosen`` is ``--lang``)."""
    stats_table(data, content, command_lang(chosen, folder))


def stats_table(data: dict[str, Any], content: Content, lang: str) -> None:
    """``stats`` as a table: the totals, one row per deck, then what is set aside."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    titles = deck_titles(content, lang)
    # Every string from outside (paths in warnings, ids from the progress file) goes
    # in as Text with its control characters made visible: never read as markup,
    # never sent to the terminal raw.
    console = Console(highlight=False, emoji=False)
    for warning in data["warnings"]:
        said = visible_line(notice_text(lang, warning))
        console.print(Text.assemble((text(lang, "stats_warning"), "yellow"), " ", said))
    console.print(
        Text(
            text(
                lang,
                "stats_profile",
                profile=visible_line(data["profile"]),
                reviews=count(lang, data["reviews_total"], "stats_review", "stats_reviews"),
                seen=count(lang, data["cards_seen"], "stats_card_seen", "stats_cards_seen"),
                due=text(lang, "stats_due", n=number(lang, data["due_today"])),
                streak=count(lang, data["streak_days"], "day", "days"),
            )
        )
    )
    # Lines under the heading only, as `class list` does.
    table = Table(
        text(lang, "column_deck"),
        box=box.SIMPLE_HEAD,
        show_edge=False,
        padding=(0, 1, 0, 0),
        pad_edge=False,
    )
    # Numbers right-aligned, so their digits line up down each column.
    for key in (
        "stats_column_cards",
        "column_due",
        "column_new",
        "column_learned",
        "column_mastery",
        "stats_column_best",
        "stats_column_last",
        "stats_column_leeches",
    ):
        # One word a line: as narrow as its longest word, so Rich never cuts a
        # heading short to fit the terminal.
        table.add_column(text(lang, key).replace(" ", "\n"), justify="right")
    for deck, row in data["decks"].items():
        table.add_row(
            Text(visible_line(titles.get(deck, deck))),
            number(lang, row["total"]),
            number(lang, row["due"]),
            number(lang, row["new"]),
            number(lang, row["learned"]),
            percent(row["mastery"]),
            percent(row["best_quiz_score"]),
            percent(row["last_quiz_score"]),
            number(lang, row["leeches"]),
        )
    # Measured as if the terminal were unbounded: its width would cap the answer.
    unbounded = console.options.update_width(10_000)
    if console.measure(table, options=unbounded).maximum > console.width:
        # The Indonesian headings with a long deck title ("Karir & Gaji") need 83
        # columns with two spaces between columns; one space fits them in 80, where
        # Rich would otherwise cut a heading short ("Penguasa…") or wrap a title.
        table.padding = (0, 0, 0, 0)
    console.print(table)
    suspended = data["suspended_cards"]
    if suspended:
        cards = ", ".join(map(visible_line, suspended))
        line = text(lang, "stats_suspended", n=number(lang, len(suspended)), cards=cards)
        console.print(Text(line))
    early = [q for q in data["quizzes"] if not q["complete"]]
    if early:
        latest = early[-1]
        line = text(
            lang,
            "stats_ended_early",
            quizzes=count(lang, len(early), "quiz", "quizzes"),
            answered=number(lang, latest["answered"]),
            total=number(lang, latest["total"]),
            right=number(lang, latest["correct"]),
        )
        console.print(Text(line))
    orphans = data["orphaned_cards"]
    if orphans:
        cards = ", ".join(map(visible_line, orphans))
        console.print(Text(text(lang, "stats_orphans", n=number(lang, len(orphans)), cards=cards)))


def check_line(root: str, content: Content, strict: bool, lang: str) -> str:
    """``check``'s line for content without problems."""
    language = content.languages["id"]
    values = {
        "root": root,
        "languages": ", ".join(content.languages),
        "cards": number(lang, len(language.cards)),
        "terms": number(lang, len(language.terms)),
    }
    values["strict"] = text(lang, "check_strict") if strict else ""
    return text(lang, "check_ok_terms" if language.terms else "check_ok", **values)


def problems_line(n: int, where: str, warnings: bool, lang: str) -> str:
    """The last line under a list of problems (or of ``--strict`` warnings)."""
    one, many = (
        ("check_warning", "check_warnings") if warnings else ("check_problem", "check_problems")
    )
    return text(lang, one if n == 1 else many, n=number(lang, n), where=where)


__all__ = [
    "check_line",
    "command_lang",
    "deck_titles",
    "error",
    "print_problems",
    "print_stats",
    "problems_line",
    "profile_name_error",
    "run_stats_command",
    "said",
    "saved_lang",
    "stats_table",
]
