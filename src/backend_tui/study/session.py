"""One drill: the queue of cards, answers, undo, learning steps, and what it came to.

The session knows nothing of files: it reads the learner's progress through a
:class:`SessionHost` (the study service) and writes through a
:class:`~backend_tui.study.saving.Saver` it is given, whose ``save`` writes an
entry durably or raises :class:`SaveFailed` with the entry kept in memory. A
failed save never loses the answer and never stops the drill: the session
records it, says so (:attr:`DrillSession.save_problem`), and the next save
writes what was kept.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from dataclasses import dataclass, field
from typing import Literal, Protocol

from backend_tui.study.records import CardState, Entry, Mark, Quiz, Review, Undo
from backend_tui.study.saving import Make, SaveFailed, Saver
from backend_tui.study.scheduling import LEARNING, REVIEW, Scheduling
from backend_tui.study.snapshot import Progress

Mode = Literal["review", "quiz"]

LEECH_LAPSES = 8
"""A card forgotten this many times is a leech: suspended, as Anki does, with a notice."""


def local_day(moment: dt.datetime) -> dt.date:
    """The learner's calendar day at ``moment`` (local time zone of the process)."""
    return moment.astimezone().date()


def end_of_day(moment: dt.datetime) -> dt.datetime:
    """The first instant of the learner's next local day: "due today" means due before it."""
    tomorrow = local_day(moment) + dt.timedelta(days=1)
    # A naive time is read as local time by astimezone(): midnight where the learner is.
    return dt.datetime.combine(tomorrow, dt.time()).astimezone().astimezone(dt.UTC)


class SessionHost(Protocol):
    """What a drill reads of the learner's progress (the study service provides it)."""

    scheduling: Scheduling

    def now(self) -> dt.datetime: ...

    def state_of(self, card_id: str) -> CardState | None: ...

    def mark_of(self, card_id: str) -> Mark | None: ...

    def deck_mastery(self, deck: str) -> float: ...


@dataclass
class Queue:
    """The cards a review session starts with."""

    reviews: list[str] = field(default_factory=list)
    """Review-state cards due today, most overdue first."""
    new: list[str] = field(default_factory=list)
    """Never-seen cards, up to today's limit."""
    learning: dict[str, dt.datetime] = field(default_factory=dict)
    """Cards in a learning or relearning step due today -> when the step is due."""


@dataclass(frozen=True)
class Counts:
    """What is left in the drill (the current card included)."""

    new: int
    learning: int
    review: int


@dataclass(frozen=True)
class DrillSummary:
    mode: str
    deck: str
    answered: int
    correct: int
    accuracy: float
    """Percent 0..100 of the answered cards answered right (a quiz too)."""
    seconds: float
    grades: dict[int, int]
    mastery_before: float
    mastery_after: float
    total: int
    """Cards in the drill (a quiz: the deck's cards)."""
    unsaved: int = 0
    """Answers not yet written because saving failed (kept in memory)."""
    left: int = 0
    """Cards still to come in this drill (a review: learning steps included)."""

    @property
    def complete(self) -> bool:
        return self.answered >= self.total


@dataclass(frozen=True, slots=True)
class _Step:
    """One answer (or one card set aside), with the queue as it was before it."""

    card: str
    rating: int | None
    """None for a bury or suspend."""
    correct: bool
    entry: Entry | None
    pos: int
    learning: dict[str, dt.datetime]
    previous_mark: Mark | None = None
    leech: bool = False
    """This answer made the card a leech and suspended it."""


class DrillSession:
    """One run through a queue of cards, in review or quiz mode."""

    def __init__(
        self,
        host: SessionHost,
        mode: Mode,
        deck: str,
        queue: Queue,
        *,
        saver: Saver,
        quiz_order: list[str] | None = None,
    ) -> None:
        self.mode: Mode = mode
        self.deck = deck
        self._host = host
        self._saver = saver
        self._main: list[str] = quiz_order if quiz_order is not None else queue.reviews + queue.new
        self._new = set(queue.new)
        self._learning = dict(queue.learning)
        self._pos = 0
        self.total = len(self._main) + len(self._learning)
        self._steps: list[_Step] = []
        self._started = time.monotonic()
        self._shown = time.monotonic()
        self._ended: float | None = None
        self._quiz_id = uuid.uuid4().hex
        self._quiz_rev = 0
        # Measured at the first answer, not here: it asks fsrs about every card of the
        # deck, and a drill must open at once (the queue is built in a few ms).
        self._mastery_before: float | None = None
        self._current = self._pick()
        self.save_problem: SaveFailed | None = None
        """The last save that failed, until one works again."""
        self.leech: str | None = None
        """Id of a card the last answer made a leech (and so suspended)."""

    # ------------------------------------------------------------------ queue

    def _pick(self) -> str | None:
        """The next card: a learning step that is due, else the queue, else the nearest
        learning step early (learn-ahead) rather than ending while cards are left."""
        if self._learning:
            now = self._host.now()
            card, due = min(self._learning.items(), key=lambda item: item[1])
            if due <= now or self._pos >= len(self._main):
                return card
        if self._pos < len(self._main):
            return self._main[self._pos]
        return None

    @property
    def finished(self) -> bool:
        return self._current is None or self._ended is not None

    @property
    def index(self) -> int:
        """Answers so far (the bar's progress)."""
        return len([s for s in self._steps if s.rating is not None])

    @property
    def answered(self) -> int:
        return self.index

    @property
    def queue_ids(self) -> list[str]:
        """The drill's cards in the order they come (learning steps aside)."""
        return list(self._main)

    def current_id(self) -> str | None:
        return None if self.finished else self._current

    def counts(self) -> Counts:
        rest = self._main[self._pos :]
        learning = len(self._learning)
        if self.mode == "quiz":
            return Counts(0, 0, len(rest))
        new = sum(1 for c in rest if c in self._new and c not in self._learning)
        return Counts(new, learning, len(rest) - new)

    def remaining(self) -> int:
        counts = self.counts()
        return counts.new + counts.learning + counts.review

    @property
    def last_review_id(self) -> str | None:
        """Id of the saved review of the last answer still standing (review mode)."""
        for step in reversed(self._steps):
            if isinstance(step.entry, Review):
                return step.entry.id
        return None

    def intervals(self) -> dict[int, dt.timedelta]:
        card_id = self.current_id()
        if self.mode == "quiz" or card_id is None:
            return {}
        host = self._host
        return host.scheduling.intervals(host.state_of(card_id), host.now())

    # ------------------------------------------------------------------ saving

    def _save(self, make: Make) -> Entry | None:
        """Save durably; on failure the saver keeps the entry and the drill goes on."""
        try:
            entry = self._saver.save(make)
        except SaveFailed as problem:
            self.save_problem = problem
            return None
        self.save_problem = None
        return entry

    def retry_save(self) -> bool:
        """Write answers kept from failed saves; True when all are saved."""
        try:
            self._saver.flush()
        except SaveFailed as problem:
            self.save_problem = problem
            return False
        self.save_problem = None
        return True

    # ------------------------------------------------------------------ answering

    def answer(self, rating: int, correct: bool | None = None) -> None:
        if rating not in (1, 2, 3, 4):
            raise ValueError(f"rating must be 1 to 4, not {rating!r}")
        card_id = self.current_id()
        if card_id is None:
            raise ValueError("the session is finished: nothing to answer")
        right = rating >= 2 if correct is None else correct
        self._before()
        pos, learning = self._pos, dict(self._learning)
        previous_mark = self._host.mark_of(card_id)
        self.leech = None
        if self.mode == "review":
            duration = round((time.monotonic() - self._shown) * 1000)
            made: list[Entry] = []

            def make(progress: Progress) -> Entry:
                made.append(self._review(progress, card_id, rating, correct, duration))
                return made[-1]

            self._save(make)
            entry: Entry | None = made[-1] if made else None
            self._after_review(card_id, entry)
        else:
            entry = self._save(lambda _: self._quiz_record(+1, right, finished=False))
        self._advance(card_id)
        made_leech = self.leech == card_id
        self._steps.append(
            _Step(card_id, rating, right, entry, pos, learning, previous_mark, made_leech)
        )
        self._current = self._pick()
        self._shown = time.monotonic()

    def _before(self) -> float:
        if self._mastery_before is None:
            self._mastery_before = self._host.deck_mastery(self.deck)
        return self._mastery_before

    def _advance(self, card_id: str) -> None:
        if self._pos < len(self._main) and self._main[self._pos] == card_id:
            self._pos += 1

    def _after_review(self, card_id: str, entry: Entry | None) -> None:
        """Keep a card still in a (re)learning step in this drill, until its step is due."""
        self._learning.pop(card_id, None)
        if not isinstance(entry, Review):
            return
        after = entry.after
        before = entry.before
        if after.lapses >= LEECH_LAPSES and (before is None or before.lapses < after.lapses):
            self._suspend_leech(card_id)
            return
        if after.state in LEARNING and after.due < end_of_day(self._host.now()):
            self._learning[card_id] = after.due

    def _suspend_leech(self, card_id: str) -> None:
        now = self._host.now()
        self._save(lambda _: Mark(card=card_id, at=now, suspended=True, leech=True))
        self.leech = card_id

    def _review(
        self,
        progress: Progress,
        card_id: str,
        rating: int,
        correct: bool | None,
        duration_ms: int,
    ) -> Review:
        host = self._host
        now = host.now()
        before = progress.cards.get(card_id)
        after = host.scheduling.review(before, rating, now)
        review_id = uuid.uuid4().hex
        lapsed = before is not None and before.state == REVIEW and rating == 1
        state = CardState(
            state=int(after.state),
            step=after.step,
            stability=after.stability,
            difficulty=after.difficulty,
            due=after.due,
            last_review=now,
            reps=(before.reps if before else 0) + 1,
            lapses=(before.lapses if before else 0) + int(lapsed),
            first_day=before.first_day if before else local_day(now),
            last_id=review_id,
        )
        return Review(
            id=review_id,
            card=card_id,
            rating=rating,
            at=now,
            day=local_day(now),
            after=state,
            before=before,
            correct=correct,
            duration_ms=duration_ms,
        )

    def _quiz_record(self, delta: int, right: bool, *, finished: bool) -> Quiz:
        graded = [s for s in self._steps if s.rating is not None]
        answered = len(graded) + delta
        correct = sum(s.correct for s in graded)
        if delta > 0 and right:
            correct += 1
        elif delta < 0 and graded and graded[-1].correct:
            correct -= 1
        self._quiz_rev += 1
        return Quiz(
            id=self._quiz_id,
            deck=self.deck,
            total=self.total,
            answered=answered,
            correct=correct,
            finished=finished,
            at=self._host.now(),
            rev=self._quiz_rev,
        )

    # ------------------------------------------------------------------ setting aside

    def set_aside(self, how: Literal["bury", "suspend"]) -> bool:
        """Bury the current card until tomorrow, or suspend it; undoable. Review mode only."""
        card_id = self.current_id()
        if card_id is None or self.mode != "review":
            return False
        host = self._host
        now = host.now()
        self._before()
        previous = host.mark_of(card_id)
        if how == "bury":
            mark = Mark(card=card_id, at=now, buried_until=local_day(now) + dt.timedelta(days=1))
        else:
            mark = Mark(card=card_id, at=now, suspended=True)
        step = _Step(card_id, None, False, None, self._pos, dict(self._learning), previous)
        entry = self._save(lambda _: mark)
        self._learning.pop(card_id, None)
        self._advance(card_id)
        self._steps.append(
            _Step(card_id, None, False, entry, step.pos, step.learning, step.previous_mark)
        )
        self._current = self._pick()
        return True

    # ------------------------------------------------------------------ undo and end

    @property
    def undo_takes_back_a_set_aside(self) -> bool:
        """Whether :meth:`undo` now would take back a bury or a suspend, not an answer."""
        return bool(self._steps) and self._steps[-1].rating is None

    def undo(self) -> bool:
        """Take back the last answer (or bury / suspend): the card's saved state comes back too."""
        if not self._steps:
            return False
        last = self._steps[-1]
        host = self._host
        if last.rating is None:
            self._restore_mark(last)
        elif self.mode == "review":
            review = last.entry
            if isinstance(review, Review):
                self._save(
                    lambda _: Undo(
                        id=review.id,
                        card=review.card,
                        at=host.now(),
                        day=review.day,
                        restore=review.before,
                    )
                )
            if last.leech:  # the answer that made it a leech is taken back: so is the suspension
                self._restore_mark(last)
        else:
            self._save(lambda _: self._quiz_record(-1, False, finished=False))
        self._steps.pop()
        self._pos = last.pos
        self._learning = dict(last.learning)
        self._current = last.card
        self._ended = None
        self._shown = time.monotonic()
        return True

    def _restore_mark(self, step: _Step) -> None:
        before = step.previous_mark
        restore = Mark(
            card=step.card,
            at=self._host.now(),
            suspended=before.suspended if before else False,
            buried_until=before.buried_until if before else None,
            leech=before.leech if before else False,
        )
        self._save(lambda _: restore)

    def end(self) -> DrillSummary:
        """Finish now (early or not). A quiz with answers goes into the quiz history,
        marked incomplete when cards were left."""
        if self._ended is None:
            self._ended = time.monotonic()
            if self.mode == "quiz" and self.answered:
                self._save(lambda _: self._quiz_record(0, False, finished=True))
        return self.summary()

    def summary(self) -> DrillSummary:
        graded = [s for s in self._steps if s.rating is not None]
        answered = len(graded)
        correct = sum(s.correct for s in graded)
        grades = {rating: 0 for rating in (1, 2, 3, 4)}
        for s in graded:
            assert s.rating is not None
            grades[s.rating] += 1
        end = self._ended if self._ended is not None else time.monotonic()
        total = self.total if self.mode == "quiz" else answered + self.remaining()
        return DrillSummary(
            mode=self.mode,
            deck=self.deck,
            answered=answered,
            correct=correct,
            accuracy=100.0 * correct / answered if answered else 0.0,
            seconds=end - self._started,
            grades=grades,
            mastery_before=self._before(),
            mastery_after=self._host.deck_mastery(self.deck),
            total=total,
            unsaved=self._saver.unsaved(),
            left=self.remaining(),
        )


__all__ = [
    "LEECH_LAPSES",
    "Counts",
    "DrillSession",
    "DrillSummary",
    "Queue",
    "SessionHost",
    "end_of_day",
    "local_day",
]
