"""`backend-tui class`: a teacher's view of every learner under one ``--data-dir``.

Everything here only reads: progress is opened read-only (no lock taken, no file
created, nothing repaired or moved), so it is safe while `backend-tui serve` and
its learners' apps write. The one change it makes, ``class release NAME``, goes
through the server's own name store, under the same lock and atomic writes.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import io
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from backend_tui import paths
from backend_tui.content import Content, ContentError, load_content_cached
from backend_tui.safetext import json_text, visible, visible_line
from backend_tui.settings import Settings

PROFILES = "profiles"

Row = dict[str, Any]
"""One learner: the keys of ``stats --json`` plus ``profile``, ``last_seen``, ``fingerprint``."""


def bound_names(data_dir: Path) -> dict[str, str]:
    """Profile name -> fingerprint of the key that owns it (default serving mode)."""
    from backend_tui.ssh.keys import server_dir
    from backend_tui.ssh.names import NameStore

    return {name: b.fingerprint for name, b in NameStore(server_dir(data_dir)).names()}


def profile_names(data_dir: Path) -> list[str]:
    """Every profile folder with a safe name, sorted."""
    try:
        entries = list((data_dir / PROFILES).iterdir())
    except OSError:
        return []
    found = []
    for entry in entries:
        try:
            name = paths.validate_profile(entry.name)
        except paths.ProfileNameError:
            continue
        if entry.is_dir() and not entry.is_symlink():
            found.append(name)
    return sorted(found)


def last_change(folder: Path) -> float | None:
    """When progress in ``folder`` last changed (an answer, a preference), as a timestamp."""
    latest: float | None = None
    try:
        entries = list(folder.iterdir())
    except OSError:
        return None
    for entry in entries:
        try:
            info = entry.lstat()
        except OSError:
            continue
        if entry.name != "lock" and (latest is None or info.st_mtime > latest):
            latest = info.st_mtime
    return latest


def watched_stamp(data_dir: Path) -> tuple[tuple[str, float], ...]:
    """Cheap marks that change whenever an answer lands or a name is claimed or freed."""
    marks: list[tuple[str, float]] = []
    for folder in (data_dir / PROFILES, data_dir / "ssh" / "names"):
        with contextlib.suppress(OSError):
            marks.append((str(folder), folder.stat().st_mtime))
    for name in profile_names(data_dir):
        changed = last_change(data_dir / PROFILES / name)
        if changed is not None:
            marks.append((name, changed))
    return tuple(marks)


def _iso(stamp: float | None) -> str | None:
    if stamp is None:
        return None
    return dt.datetime.fromtimestamp(stamp, dt.UTC).replace(microsecond=0).isoformat()


def learner_row(
    data_dir: Path,
    content: Content,
    profile: str,
    key: str | None,
    *,
    now: Callable[[], dt.datetime] | None = None,
) -> Row:
    """One learner's row, their progress read without a lock or a write."""
    from backend_tui.study.service import open_study
    from backend_tui.study.stats import stats_data

    settings = Settings(content_dir=Path(), data_dir=data_dir, profile=profile)
    service = open_study(settings, content, now=now, read_only=True)
    row = stats_data(service, profile)
    row["last_seen"] = _iso(last_change(paths.profile_dir(data_dir, profile)))
    row["fingerprint"] = key
    return row


def learners(data_dir: Path) -> dict[str, str | None]:
    """Every learner: each profile folder and each name bound to a key -> its key."""
    keys = bound_names(data_dir)
    names = sorted(set(profile_names(data_dir)) | set(keys))
    return {name: keys.get(name) for name in names}


def class_rows(
    data_dir: Path, content: Content, *, now: Callable[[], dt.datetime] | None = None
) -> list[Row]:
    """One row per learner, sorted by name."""
    return [
        learner_row(data_dir, content, profile, key, now=now)
        for profile, key in learners(data_dir).items()
    ]


# ------------------------------------------------------------------ exporting


def deck_names(rows: Sequence[Row]) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row["decks"]))
    return list(seen)


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    # A spreadsheet runs a cell starting with one of these as a formula.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_lines(rows: Sequence[Row]) -> Iterator[list[str]]:
    """A header, then one flat line per learner (per deck: mastery, best and last quiz)."""
    decks = deck_names(rows)
    header = ["profile", "fingerprint", "last_seen", "reviews_total", "cards_seen"]
    header += ["streak_days", "due_today"]
    for deck in decks:
        header += [f"{deck} mastery", f"{deck} best_quiz_score", f"{deck} last_quiz_score"]
    yield [_cell(h) for h in header]
    for row in rows:
        line: list[object] = [row[key] for key in header[:7]]
        for deck in decks:
            stats = row["decks"].get(deck, {})
            line += [stats.get("mastery"), stats.get("best_quiz_score")]
            line.append(stats.get("last_quiz_score"))
        yield [_cell(v) for v in line]


def to_csv(rows: Sequence[Row]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(csv_lines(rows))
    return out.getvalue()


def mastery(row: Row) -> float:
    """Mean mastery over the decks (0-1): one number to sort a class by."""
    # stats_data gives every share as a percentage (0-100).
    values = [d["mastery"] / 100 for d in row["decks"].values()]
    return sum(values) / len(values) if values else 0.0


def short_key(fingerprint: str | None) -> str:
    """The first characters of a fingerprint: enough to tell a class's keys apart."""
    if not fingerprint:
        return "-"
    return fingerprint.removeprefix("SHA256:")[:8]


def seen_text(iso: str | None) -> str:
    if iso is None:
        return "-"
    return dt.datetime.fromisoformat(iso).astimezone().strftime("%m-%d %H:%M")


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}%"


def quiz_cell(stats: dict[str, Any]) -> str:
    """``best/last`` quiz score of one deck, in percent (``-`` for none yet)."""
    best, last = stats.get("best_quiz_score"), stats.get("last_quiz_score")
    if best is None and last is None:
        return "-"
    return f"{_percent(best)}/{_percent(last)}"


def deck_cell(stats: dict[str, Any] | None) -> str:
    """``mastery%`` over ``best/last`` for one deck (the table's two lines)."""
    if not stats:
        return "-"
    return f"{stats['mastery']:.0f}%\n{quiz_cell(stats)}"


def _print_table(rows: Sequence[Row], lang: str) -> None:
    from rich import box
    from rich.console import Console
    from rich.measure import Measurement
    from rich.table import Table
    from rich.text import Text

    # The app's words and numbers (no Textual in either module).
    from backend_tui.ui.formats import count, number
    from backend_tui.ui.notices import notice_text
    from backend_tui.ui.strings import text

    console = Console()
    decks = deck_names(rows)
    table = Table(
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        title=count(lang, len(rows), "class_learner", "class_learners"),
        caption=text(lang, "class_list_caption"),
    )
    table.add_column(text(lang, "class_col_profile"), no_wrap=True)
    table.add_column(text(lang, "class_col_key"), no_wrap=True)
    table.add_column(text(lang, "class_col_seen"), min_width=5)
    for key in ("class_col_reviews", "class_col_streak", "class_col_due"):
        name = text(lang, key)
        table.add_column(name, justify="right", min_width=len(name))
    for deck in decks:
        table.add_column(deck, justify="right", min_width=min(len(deck), 7))
    for row in rows:
        # Names and decks are shown as they are, never read as markup.
        cells = [row["profile"], short_key(row["fingerprint"]), seen_text(row["last_seen"])]
        cells += [number(lang, row[key]) for key in ("reviews_total", "streak_days", "due_today")]
        cells += [deck_cell(row["decks"].get(deck)) for deck in decks]
        table.add_row(*(Text(cell) for cell in cells))
    # Wider than the terminal rather than squeezed: a row per learner must stay readable.
    needed = Measurement.get(console, console.options.update_width(10_000), table).maximum
    if needed > console.width:
        console = Console(width=needed)
    console.print(table)
    for row in rows:
        for warning in row["warnings"]:
            said = visible_line(notice_text(lang, warning))
            line = f"{text(lang, 'stats_warning')} {row['profile']}: {said}"
            console.print(Text(line, style="yellow"))


# ------------------------------------------------------------------ the command


def _content(args: argparse.Namespace, lang: str) -> Content | None:
    root = Path(args.content) if args.content else paths.bundled_content_dir()
    try:
        return load_content_cached(root, paths.cache_dir())
    except ContentError as exc:
        from backend_tui.reports import print_problems

        print_problems(exc.problems, root, lang)
        return None


def _data_dir(args: argparse.Namespace, lang: str) -> Path | None:
    data_dir = paths.data_dir(args.data_dir)
    if not data_dir.is_dir():
        from backend_tui.reports import error
        from backend_tui.ui.strings import text

        error("backend-tui class", text(lang, "class_no_data", folder=visible(str(data_dir))))
        return None
    return data_dir


def run_class(args: argparse.Namespace, lang: str) -> int:
    """Entry point for `backend-tui class [list|release]`."""
    if args.class_command == "release":
        return _release(args, lang)
    data_dir = _data_dir(args, lang)
    content = _content(args, lang)
    if data_dir is None or content is None:
        return 1
    if args.class_command == "list":
        rows = class_rows(data_dir, content)
        if args.json:
            print(json_text(rows))
        elif args.csv:
            sys.stdout.write(to_csv(rows))
        else:
            _print_table(rows, lang)
        return 0
    from backend_tui.ui.class_app import ClassApp

    app = ClassApp(data_dir, content, lang)
    app.run()
    return app.return_code or 0


def _release(args: argparse.Namespace, lang: str) -> int:
    from backend_tui.reports import error, profile_name_error, said
    from backend_tui.ssh.config import ServeError
    from backend_tui.ssh.names import release_name
    from backend_tui.ui.notices import reason_text
    from backend_tui.ui.strings import text

    prog = "backend-tui class release"
    data_dir = paths.data_dir(args.data_dir)
    try:
        freed = release_name(data_dir, args.name)
    except paths.ProfileNameError as exc:
        error(prog, profile_name_error(exc, lang))
        return 2
    except OSError as exc:
        error(prog, text(lang, "class_cannot_release", why=reason_text(lang, exc)))
        return 1
    except ServeError as exc:
        # The old bindings file is unreadable: freeing a name now could hand it out twice.
        for reason in exc.reasons:
            error(prog, text(lang, "class_cannot_release", why=said(lang, reason)))
        return 1
    # The name is a valid profile name from here on: nothing in it to escape.
    if not freed:
        error(prog, text(lang, "class_not_bound", name=args.name))
        return 1
    folder = visible(str(paths.profile_dir(data_dir, args.name)))
    print(text(lang, "class_released", name=args.name, folder=folder))
    return 0
