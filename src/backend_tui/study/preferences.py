"""A learner's own choices (language, new cards a day), kept in their profile folder.

``preferences.toml`` is tiny and written whole, atomically. It is separate from the
progress snapshot because it changes rarely and must be readable before progress is
opened (the language decides the first frame). A damaged file is moved aside and the
defaults are used: preferences are never a reason not to start.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from pathlib import Path
from typing import Any, NamedTuple

from backend_tui.study.notices import Notice, reason

# Read before the first frame: anything only saving or reporting damage needs is
# imported where it is used.

PREFERENCES = "preferences.toml"
MAX_BYTES = 64 * 1024
"""A preferences file is a few lines; anything larger is not ours and is not parsed."""

LANGUAGES = ("en", "id")
NEW_PER_DAY_RANGE = (0, 999)
MORE_NEW_RANGE = (0, 99_999)


class Preferences(NamedTuple):
    """What the learner chose; ``None`` means "not chosen, use the default"."""

    lang: str | None = None
    """``"en"`` or ``"id"``: the language the app starts in."""
    new_per_day: int | None = None
    """How many new cards a review brings each day."""
    note_cards: bool | None = None
    """Whether decks hold the study-note cards (``origin = "note"``); they do by default."""
    more_new_day: dt.date | None = None
    """The learner's local day that ``more_new`` is for; on any other day it counts for nothing."""
    more_new: int | None = None
    """New cards asked for on top of the daily limit (``+`` on the Drill tab), for one day.
    Kept here so that ``stats`` and the next start of the app count them too."""


class PreferencesResult(NamedTuple):
    preferences: Preferences
    warning: Notice | str | None
    """Set when the file was damaged and moved aside (path and reason, for the learner)."""


def _parse(raw: dict[str, Any]) -> Preferences:
    lang = raw.get("lang")
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}")
    new = raw.get("new_per_day")
    if new is not None:
        low, high = NEW_PER_DAY_RANGE
        if isinstance(new, bool) or not isinstance(new, int) or not low <= new <= high:
            raise ValueError(f"new_per_day must be a whole number from {low} to {high}")
    notes = raw.get("note_cards")
    if notes is not None and not isinstance(notes, bool):
        raise ValueError("note_cards must be true or false")
    day = raw.get("more_new_day")
    # A TOML datetime is a date too (a subclass); only a plain day is meant here.
    if day is not None and (not isinstance(day, dt.date) or isinstance(day, dt.datetime)):
        raise ValueError("more_new_day must be a date (2026-11-02)")
    more = raw.get("more_new")
    if more is not None:
        low, high = MORE_NEW_RANGE
        if isinstance(more, bool) or not isinstance(more, int) or not low <= more <= high:
            raise ValueError(f"more_new must be a whole number from {low} to {high}")
    return Preferences(
        lang=lang, new_per_day=new, note_cards=notes, more_new_day=day, more_new=more
    )


def load_preferences(folder: Path) -> PreferencesResult:
    """Read ``folder/preferences.toml``; a missing file gives the defaults.

    Never raises for a bad file: it is renamed ``preferences.corrupt-<time>.toml``
    (when the folder is writable) and a warning is returned.
    """
    path = folder / PREFERENCES
    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return PreferencesResult(Preferences(), None)
    except OSError as error:
        return PreferencesResult(
            Preferences(),
            Notice("unreadable", "Could not read {path}: {why}.", path=path, why=reason(error)),
        )
    try:
        if len(data) > MAX_BYTES:
            raise ValueError(f"larger than {MAX_BYTES} bytes")
        return PreferencesResult(_parse(tomllib.loads(data.decode("utf-8"))), None)
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = folder / f"preferences.corrupt-{stamp}.toml"
        try:
            os.replace(path, aside)
        except OSError:
            aside = path
        return PreferencesResult(
            Preferences(),
            Notice("preferences_damaged", "{path}: {why}", path=aside, why=reason(error)),
        )


def saved_lang(folder: Path) -> str | None:
    """The language the learner chose with ``l``, read without changing anything.

    Not ``load_preferences``, which moves a damaged file aside: looking at progress
    (``stats``) or saying a server's message to a learner changes nothing in the
    profile. A missing, unreadable or damaged file is ``None``, never an error.
    """
    try:
        with open(folder / PREFERENCES, "rb") as stream:
            chosen = tomllib.loads(stream.read(MAX_BYTES).decode()).get("lang")
    except (OSError, ValueError, RecursionError):
        return None
    return chosen if chosen in LANGUAGES else None


def save_preferences(folder: Path, preferences: Preferences) -> None:
    """Write the choices atomically. Raises ``OSError`` when the folder is not writable."""
    import tomli_w  # only when a choice is saved, not at start

    from backend_tui.atomic import atomic_write

    data: dict[str, Any] = {"schema_version": 1}
    for key, value in preferences._asdict().items():
        if value is not None:
            data[key] = value
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write(folder / PREFERENCES, tomli_w.dumps(data).encode("utf-8"))


def update_preferences(folder: Path, **changes: Any) -> bool:
    """Change some choices and keep the others; False when nothing changed (nothing written).

    Raises ``OSError`` when the folder is not writable.
    """
    saved = load_preferences(folder).preferences
    updated = saved._replace(**changes)
    if updated == saved:
        return False
    save_preferences(folder, updated)
    return True


__all__ = [
    "PREFERENCES",
    "Preferences",
    "PreferencesResult",
    "load_preferences",
    "save_preferences",
    "update_preferences",
]
