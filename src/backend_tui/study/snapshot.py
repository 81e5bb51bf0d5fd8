"""``progress.toml``: the snapshot of a learner's progress, its versions and migrations.

:class:`Progress` is everything saved for a profile: every card's state, reviews
per day, quizzes and marks, folded from the snapshot and the journal entries
after it (:meth:`Progress.apply`). This module reads, validates and writes the
snapshot's text; it knows nothing of files, locks or journals (see
:mod:`.store`), so it can be tested on strings alone.

The snapshot carries a ``schema_version``. An older one is brought up to date on
read, one step at a time, by :data:`MIGRATIONS`; a newer one (written by a later
release) is read as far as it is understood, and :meth:`Progress.from_newer_release`
tells the store to keep a copy before it writes its own.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import tomli_w

from backend_tui.nesting import nesting_depth
from backend_tui.study.notices import Notice
from backend_tui.study.records import (
    CardState,
    Entry,
    Mark,
    Quiz,
    RecordError,
    Review,
    Undo,
    check_card_id,
)

SCHEMA_VERSION = 1

SNAPSHOT_HEADER = (
    "# backend-tui saved progress. Written by the app; safe to read, copy and back up.\n"
)

MAX_DEPTH = 16
"""Deepest nesting of tables and arrays in a snapshot; ours nests 3 deep. Checked
before parsing, as the parsers recurse once per level."""

_MONTH_RE = re.compile(r"\d{4}-(0[1-9]|1[0-2])")

Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}
"""schema_version -> function turning such a snapshot into the next version's shape."""


class SaveFileError(ValueError):
    """A saved file cannot be used: bad TOML, wrong types, cut short.

    The message is English (``stats``, logs); ``reason`` carries a key and values
    so the app says the same in the learner's language.
    """

    def __init__(self, key: str, english: str, **values: Any) -> None:
        self.reason = Notice(key, english, **values)
        super().__init__(str(self.reason))


def _too_deep() -> SaveFileError:
    return SaveFileError("too_deep", "nested more than {levels} levels deep", levels=MAX_DEPTH)


def _toml_error(exc: tomllib.TOMLDecodeError) -> SaveFileError:
    # Python 3.11's TOMLDecodeError has no line attributes: its message ends with them.
    where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    if where is None:
        return SaveFileError("not_toml", "not valid TOML ({detail})", detail=exc)
    return SaveFileError(
        "not_toml_at",
        "not valid TOML ({detail})",
        detail=exc,
        line=where[1],
        column=where[2],
    )


@dataclass
class Progress:
    """Everything saved for a profile, folded from the snapshot and the journals."""

    cards: dict[str, CardState] = field(default_factory=dict)
    days: dict[str, list[int]] = field(default_factory=dict)
    """Reviews per local day: ``"2026-11"`` -> one count per day of that month.
    A row per month keeps years of history quick to load."""
    quizzes: dict[str, Quiz] = field(default_factory=dict)
    marks: dict[str, Mark] = field(default_factory=dict)
    """Cards suspended or buried (the latest mark of each card)."""
    reviews_total: int = 0
    journal_seq: int = 0
    """Journals up to this number are included in the snapshot."""
    source_version: int = field(default=SCHEMA_VERSION, compare=False)
    """schema_version of the file this was read from."""

    @property
    def from_newer_release(self) -> bool:
        """Read from a snapshot a later release wrote: what it added would be lost
        when this release writes its own."""
        return self.source_version > SCHEMA_VERSION

    def apply(self, entry: Entry) -> None:
        """Merge one journal entry.

        A card takes the state after its latest review by review time, so entries
        from two instances merge to the same result in either order.
        """
        if isinstance(entry, Review):
            self.reviews_total += 1
            self.add_day(entry.day, 1)
            current = self.cards.get(entry.card)
            if current is None or entry.at >= current.last_review:
                self.cards[entry.card] = entry.after
        elif isinstance(entry, Undo):
            self.reviews_total = max(0, self.reviews_total - 1)
            self.add_day(entry.day, -1)
            current = self.cards.get(entry.card)
            # Only the card's latest review can be taken back without rewriting
            # the ones after it (possibly made by another instance).
            if current is not None and current.last_id == entry.id:
                if entry.restore is None:
                    del self.cards[entry.card]
                else:
                    self.cards[entry.card] = entry.restore
        elif isinstance(entry, Mark):
            mark = self.marks.get(entry.card)
            if mark is None or entry.at >= mark.at:
                self.marks[entry.card] = entry
        else:
            known = self.quizzes.get(entry.id)
            if known is None or entry.rev >= known.rev:
                self.quizzes[entry.id] = entry

    def day_count(self, day: dt.date) -> int:
        """Reviews on ``day`` (a local day)."""
        row = self.days.get(f"{day.year:04d}-{day.month:02d}")
        return row[day.day - 1] if row is not None else 0

    def add_day(self, day: dt.date, delta: int) -> None:
        month = f"{day.year:04d}-{day.month:02d}"
        row = self.days.setdefault(month, [0] * 31)
        row[day.day - 1] = max(0, row[day.day - 1] + delta)
        if not any(row):
            del self.days[month]

    # ------------------------------------------------------------------ snapshot

    def to_toml(self, now: dt.datetime) -> str:
        return snapshot_text(self.to_raw(now))

    def to_raw(self, now: dt.datetime) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "saved_at": now,
            "journal_seq": self.journal_seq,
            "reviews_total": self.reviews_total,
            "days": dict(sorted(self.days.items())),
            "cards": {cid: self.cards[cid].to_toml() for cid in sorted(self.cards)},
            "quizzes": [q.to_toml() for q in sorted(self.quizzes.values(), key=_quiz_key)],
            # Only marks that still set a card aside: one taken back needs no keeping.
            "marks": [self.marks[c].to_toml() for c in sorted(self.marks) if self.marks[c].active],
        }

    @classmethod
    def from_toml(cls, text: str) -> Progress:
        if nesting_depth(text, MAX_DEPTH) > MAX_DEPTH:
            raise _too_deep()
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise _toml_error(exc) from None
        except RecursionError:  # the scan above should have caught it
            raise _too_deep() from None
        return cls.from_raw(raw)

    @classmethod
    def from_raw(cls, raw: dict[str, Any]) -> Progress:
        version = raw.get("schema_version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise SaveFileError("bad_version", "missing or bad schema_version")
        while version < SCHEMA_VERSION:
            raw = MIGRATIONS[version](raw)
            version += 1
            raw["schema_version"] = max(version, raw.get("schema_version", 0))
        try:
            progress = cls._from_raw(raw)
        except RecordError as exc:
            raise SaveFileError(exc.reason.key, str(exc), **exc.reason.values) from None
        progress.source_version = raw["schema_version"]
        return progress

    @classmethod
    def _from_raw(cls, raw: Mapping[str, Any]) -> Progress:
        progress = cls()
        seq = raw.get("journal_seq", 0)
        total = raw.get("reviews_total", 0)
        if (
            not isinstance(seq, int)
            or not isinstance(total, int)
            or isinstance(seq, bool)
            or isinstance(total, bool)
            or seq < 0
            or total < 0
        ):
            raise RecordError("journal_seq and reviews_total must be whole numbers, 0 or more")
        progress.journal_seq, progress.reviews_total = seq, total
        days = raw.get("days", {})
        cards = raw.get("cards", {})
        quizzes = raw.get("quizzes", [])
        if not isinstance(days, dict) or not isinstance(cards, dict):
            raise RecordError("days and cards must be tables")
        if not isinstance(quizzes, list):
            raise RecordError("quizzes must be a list of tables")
        for month, row in days.items():
            if not _MONTH_RE.fullmatch(month):
                raise RecordError(f"days: {month!r} is not a month like 2026-11")
            # Checked with builtins only: years of history stay quick to load.
            if (
                not isinstance(row, list)
                or len(row) > 31
                or not set(map(type, row)) <= {int}
                or min(row, default=0) < 0
            ):
                raise RecordError(f"days.{month}: not a list of up to 31 whole numbers")
            progress.days[month] = row + [0] * (31 - len(row))
        for cid, state in cards.items():
            check_card_id(cid, "cards")
            progress.cards[cid] = CardState.from_toml(state, f"cards.{cid}")
        for index, item in enumerate(quizzes):
            quiz = Quiz.from_toml(item, f"quizzes[{index}]")
            progress.quizzes[quiz.id] = quiz
        marks = raw.get("marks", [])
        if not isinstance(marks, list):
            raise RecordError("marks must be a list of tables")
        for index, item in enumerate(marks):
            mark = Mark.from_toml(item, f"marks[{index}]")
            progress.marks[mark.card] = mark
        return progress


def snapshot_text(raw: dict[str, Any]) -> str:
    """``progress.toml``: tomli-w output, except that each month of ``days`` is
    kept on one line (tomli-w would give every day a line of its own)."""
    rest = {k: v for k, v in raw.items() if k != "days"}
    days = "".join(
        f"{month} = [{', '.join(map(str, row))}]\n" for month, row in raw["days"].items()
    )
    # Last, so that no key of tomli-w's output can land inside [days].
    return (
        SNAPSHOT_HEADER
        + tomli_w.dumps(rest)
        + "\n# Reviews on each day of the month (local days).\n[days]\n"
        + days
    )


def _quiz_key(quiz: Quiz) -> dt.datetime:
    # Sorting is stable: quizzes saved at the same moment keep their saving order.
    return quiz.at


__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Migration",
    "Progress",
    "SaveFileError",
    "snapshot_text",
]
