"""Saved-progress records and their TOML shape.

Records are TOML tables in ``progress.toml`` and JSON objects in the journal;
date-times are native in TOML and ISO 8601 text in JSON. Every ``from_toml``
accepts both and reads only the keys it knows (unknown keys are ignored so a
newer version's file still opens) and raises :class:`RecordError` for a missing
key or a wrong type, never ``TypeError`` from ``Model(**raw)``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import fsrs


class RecordError(ValueError):
    """A saved record is missing a key or holds a value of the wrong type.

    Every message starts with the record's place (``cards.q1``) and ``": "``; that
    place is the notice's literal part, the rest is said in the learner's language
    as "a saved value is missing or wrong".
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        from backend_tui.study.notices import Notice

        where = message.split(": ", 1)[0] if ": " in message else ""
        self.reason = Notice(
            "bad_entry", "a saved value is missing or wrong ({where})", where=where or "?"
        )


CARD_ID_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,127}")
"""A card id as the content allows it. Matched whole (``fullmatch``): ``$`` would let
a trailing newline through."""

STABILITY_RANGE = (0.0, 1e9)
"""fsrs stability in days: above 0 (fsrs keeps it at 0.001 or more); a billion days
is already absurd."""
DIFFICULTY_RANGE = (1.0, 10.0)
"""fsrs keeps difficulty between 1 and 10."""
COUNT_MAX = 10**9
"""Largest count (reps, lapses, a step, quiz totals) a record may hold."""


def check_card_id(value: object, what: str) -> str:
    if not isinstance(value, str) or not CARD_ID_RE.fullmatch(value):
        raise RecordError(f"{what}: {value!r} is not a card id")
    return value


def _get(raw: Mapping[str, Any], key: str, kind: type | tuple[type, ...], what: str) -> Any:
    if key not in raw:
        raise RecordError(f"{what}: missing {key!r}")
    value = raw[key]
    # bool is an int subclass: never accept it where a number is wanted.
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool) and bool not in kinds:
        raise RecordError(f"{what}: {key!r} has the wrong type")
    if not isinstance(value, kinds):
        raise RecordError(f"{what}: {key!r} has the wrong type")
    return value


def _opt(raw: Mapping[str, Any], key: str, kind: type | tuple[type, ...], what: str) -> Any:
    return _get(raw, key, kind, what) if key in raw else None


YEARS = (1970, 9000)
"""Years a saved date may fall in. Far from both ends of ``datetime``'s range, so
converting a time zone or adding an interval can never overflow."""


def _in_years(value: dt.date, key: str, what: str) -> None:
    if not YEARS[0] <= value.year <= YEARS[1]:
        raise RecordError(f"{what}: {key!r} is out of range ({value.isoformat()})")


def _utc(value: dt.datetime, what: str) -> dt.datetime:
    if value.tzinfo is None:
        raise RecordError(f"{what}: a date-time without a time zone")
    return value.astimezone(dt.UTC)


def _number(
    raw: Mapping[str, Any], key: str, what: str, bounds: tuple[float, float]
) -> float | None:
    """A finite number within ``bounds`` (lower bound excluded when it is 0): ``nan``
    and ``inf`` parse as floats in TOML and JSON alike and would reach fsrs."""
    value = _opt(raw, key, (int, float), what)
    if value is None:
        return None
    number = float(value)
    low, high = bounds
    if (
        not math.isfinite(number)
        or not (low < number if low == 0 else low <= number)
        or (number > high)
    ):
        raise RecordError(f"{what}: {key!r} is out of range ({value!r})")
    return number


def _count(raw: Mapping[str, Any], key: str, what: str, *, optional: bool = False) -> Any:
    """A whole number from 0 to :data:`COUNT_MAX` (``None`` when optional and absent)."""
    value = _opt(raw, key, int, what) if optional else _get(raw, key, int, what)
    if value is not None and not 0 <= value <= COUNT_MAX:
        raise RecordError(f"{what}: {key!r} is out of range ({value!r})")
    return value


@dataclass(frozen=True, slots=True)
class CardState:
    """Where one card stands: the fsrs card plus counts fsrs does not keep."""

    state: int
    """fsrs State: 1 Learning, 2 Review, 3 Relearning."""
    step: int | None
    stability: float | None
    difficulty: float | None
    due: dt.datetime
    last_review: dt.datetime
    reps: int
    """Reviews of this card, undone ones excluded."""
    lapses: int
    """Times the card was forgotten (Again while in Review state)."""
    first_day: dt.date
    """Local day the card was first reviewed: counts against that day's new-card limit."""
    last_id: str
    """Id of the review that produced this state; an undo of that id restores the previous one."""

    def to_fsrs(self) -> fsrs.Card:
        return fsrs.Card(
            card_id=0,
            state=fsrs.State(self.state),
            step=self.step,
            stability=self.stability,
            difficulty=self.difficulty,
            due=self.due,
            last_review=self.last_review,
        )

    def to_toml(self) -> dict[str, Any]:
        out: dict[str, Any] = {"state": self.state}
        if self.step is not None:
            out["step"] = self.step
        if self.stability is not None:
            out["stability"] = self.stability
        if self.difficulty is not None:
            out["difficulty"] = self.difficulty
        out.update(
            due=self.due,
            last_review=self.last_review,
            reps=self.reps,
            lapses=self.lapses,
            first_day=self.first_day,
            last_id=self.last_id,
        )
        return out

    @classmethod
    def from_toml(cls, raw: Any, what: str) -> CardState:
        if not isinstance(raw, Mapping):
            raise RecordError(f"{what}: not a table")
        state = _get(raw, "state", int, what)
        if state not in (1, 2, 3):
            raise RecordError(f"{what}: unknown state {state}")
        return cls(
            state=state,
            step=_count(raw, "step", what, optional=True),
            stability=_number(raw, "stability", what, STABILITY_RANGE),
            difficulty=_number(raw, "difficulty", what, DIFFICULTY_RANGE),
            due=_get_time(raw, "due", what),
            last_review=_get_time(raw, "last_review", what),
            reps=_count(raw, "reps", what),
            lapses=_count(raw, "lapses", what),
            first_day=_get_date(raw, "first_day", what),
            last_id=_get(raw, "last_id", str, what),
        )


def _get_date(raw: Mapping[str, Any], key: str, what: str) -> dt.date:
    """A date: native in TOML, ISO text in the JSON journal."""
    value = _get(raw, key, (dt.date, str), what)
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise RecordError(f"{what}: {key!r} is not a date") from None
    if isinstance(value, dt.datetime):
        raise RecordError(f"{what}: {key!r} must be a date, not a date-time")
    _in_years(value, key, what)
    return value  # type: ignore[no-any-return]


def _get_time(raw: Mapping[str, Any], key: str, what: str) -> dt.datetime:
    """A time-zone-aware date-time, returned in UTC: native in TOML, ISO text in JSON."""
    value = _get(raw, key, (dt.datetime, str), what)
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            raise RecordError(f"{what}: {key!r} is not a date-time") from None
    _in_years(value, key, what)
    return _utc(value, what)


@dataclass(frozen=True, slots=True)
class Review:
    """One answer in review mode: what was rated and the card before and after."""

    id: str
    card: str
    rating: int
    at: dt.datetime
    day: dt.date
    """The learner's local day when answering (streak and heatmap count local days)."""
    after: CardState
    before: CardState | None
    """None when the card was new."""
    correct: bool | None = None
    duration_ms: int | None = None

    def to_toml(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "card": self.card,
            "rating": self.rating,
            "at": self.at,
            "day": self.day,
        }
        if self.correct is not None:
            out["correct"] = self.correct
        if self.duration_ms is not None:
            out["duration_ms"] = self.duration_ms
        out["after"] = self.after.to_toml()
        if self.before is not None:
            out["before"] = self.before.to_toml()
        return out

    @classmethod
    def from_toml(cls, raw: Mapping[str, Any], what: str) -> Review:
        rating = _get(raw, "rating", int, what)
        if rating not in (1, 2, 3, 4):
            raise RecordError(f"{what}: rating must be 1 to 4")
        before = raw.get("before")
        return cls(
            id=_get(raw, "id", str, what),
            card=check_card_id(_get(raw, "card", str, what), what),
            rating=rating,
            at=_get_time(raw, "at", what),
            day=_get_date(raw, "day", what),
            after=CardState.from_toml(raw.get("after"), f"{what} after"),
            before=None if before is None else CardState.from_toml(before, f"{what} before"),
            correct=_opt(raw, "correct", bool, what),
            duration_ms=_count(raw, "duration_ms", what, optional=True),
        )


@dataclass(frozen=True, slots=True)
class Undo:
    """Takes back review ``id``: the card returns to ``restore`` (None: new again)."""

    id: str
    card: str
    at: dt.datetime
    day: dt.date
    """Local day of the review taken back, so that day's count drops by one."""
    restore: CardState | None

    def to_toml(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "card": self.card, "at": self.at, "day": self.day}
        if self.restore is not None:
            out["restore"] = self.restore.to_toml()
        return out

    @classmethod
    def from_toml(cls, raw: Mapping[str, Any], what: str) -> Undo:
        restore = raw.get("restore")
        return cls(
            id=_get(raw, "id", str, what),
            card=check_card_id(_get(raw, "card", str, what), what),
            at=_get_time(raw, "at", what),
            day=_get_date(raw, "day", what),
            restore=None if restore is None else CardState.from_toml(restore, f"{what} restore"),
        )


@dataclass(frozen=True, slots=True)
class Quiz:
    """One quiz: written after every answer (``rev`` grows), finished by ``end()``."""

    id: str
    deck: str
    total: int
    answered: int
    correct: int
    finished: bool
    at: dt.datetime
    rev: int
    """Higher wins when two records of one quiz meet."""

    @property
    def complete(self) -> bool:
        """Every card of the deck was answered. Only a complete quiz can be a Best."""
        return self.answered >= self.total

    @property
    def score(self) -> float:
        """Percent of the answered cards answered right (0 to 100).

        A quiz ended early is scored on what was answered: unanswered cards were
        never asked, so they count neither right nor wrong. :attr:`complete` says
        whether the score covers the whole deck.
        """
        return 100.0 * self.correct / self.answered if self.answered > 0 else 0.0

    def to_toml(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "deck": self.deck,
            "total": self.total,
            "answered": self.answered,
            "correct": self.correct,
            "score": round(self.score, 1),
            "finished": self.finished,
            "at": self.at,
            "rev": self.rev,
        }

    @classmethod
    def from_toml(cls, raw: Any, what: str) -> Quiz:
        if not isinstance(raw, Mapping):
            raise RecordError(f"{what}: not a table")
        total = _count(raw, "total", what)
        correct = _count(raw, "correct", what)
        if not 0 <= correct <= total:
            raise RecordError(f"{what}: correct must be between 0 and total")
        return cls(
            id=_get(raw, "id", str, what),
            deck=_get(raw, "deck", str, what),
            total=total,
            answered=_count(raw, "answered", what),
            correct=correct,
            finished=_get(raw, "finished", bool, what),
            at=_get_time(raw, "at", what),
            rev=_count(raw, "rev", what),
        )


@dataclass(frozen=True, slots=True)
class Mark:
    """A card set aside: suspended (until the learner takes it back) or buried until a day.

    The latest mark of a card (by ``at``) is the one that holds; taking a mark back
    (undo) writes a new one with the earlier values.
    """

    card: str
    at: dt.datetime
    suspended: bool = False
    buried_until: dt.date | None = None
    """The local day the card comes back; before it, the card is not shown."""
    leech: bool = False
    """Suspended by the app because it was forgotten too often."""

    @property
    def active(self) -> bool:
        return self.suspended or self.buried_until is not None

    def hides(self, today: dt.date) -> bool:
        """True when the card is kept out of drills on ``today``."""
        return self.suspended or (self.buried_until is not None and today < self.buried_until)

    def to_toml(self) -> dict[str, Any]:
        out: dict[str, Any] = {"card": self.card, "at": self.at, "suspended": self.suspended}
        if self.buried_until is not None:
            out["buried_until"] = self.buried_until
        if self.leech:
            out["leech"] = True
        return out

    @classmethod
    def from_toml(cls, raw: Any, what: str) -> Mark:
        if not isinstance(raw, Mapping):
            raise RecordError(f"{what}: not a table")
        until = raw.get("buried_until")
        return cls(
            card=check_card_id(_get(raw, "card", str, what), what),
            at=_get_time(raw, "at", what),
            suspended=_get(raw, "suspended", bool, what),
            buried_until=None if until is None else _get_date(raw, "buried_until", what),
            leech=bool(_opt(raw, "leech", bool, what)),
        )


Entry = Review | Undo | Quiz | Mark

ENTRY_KINDS: dict[str, type[Review] | type[Undo] | type[Quiz] | type[Mark]] = {
    "review": Review,
    "undo": Undo,
    "quiz": Quiz,
    "mark": Mark,
}


def entry_kind(entry: Entry) -> str:
    if isinstance(entry, Review):
        return "review"
    if isinstance(entry, Undo):
        return "undo"
    if isinstance(entry, Mark):
        return "mark"
    return "quiz"
