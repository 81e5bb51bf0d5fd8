"""Drill sessions, scheduling with fsrs, and the learner's statistics."""

from __future__ import annotations

import datetime as dt
import random
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import fsrs

from backend_tui import paths
from backend_tui.content.model import Card, Content
from backend_tui.settings import Settings
from backend_tui.study.preferences import load_preferences
from backend_tui.study.records import CardState, Entry, Quiz, Review, Undo
from backend_tui.study.store import Progress, Store

DECKS: tuple[str, ...] = ("role", "duties", "skills", "career", "all")

LEECH_LAPSES = 8
"""A card forgotten this many times is a leech: worth rewording or studying apart."""

KNOWN_RETRIEVABILITY = 0.9
"""A card counts as known well when fsrs predicts at least this chance of recall now."""

Mode = Literal["review", "quiz"]


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def local_day(moment: dt.datetime) -> dt.date:
    """The learner's calendar day at ``moment`` (local time zone of the process)."""
    return moment.astimezone().date()


def interval_label(delta: dt.timedelta) -> str:
    """Short next-interval label: ``1m``, ``10m``, ``5h``, ``4d``, ``3mo``, ``2y``."""
    minutes = max(1, round(delta.total_seconds() / 60))
    if minutes < 60:
        return f"{minutes}m"
    hours = round(minutes / 60)
    if hours < 24:
        return f"{hours}h"
    days = round(minutes / 1440)
    if days < 30:
        return f"{days}d"
    if days < 365:
        return f"{round(days / 30)}mo"
    years = days / 365
    return f"{years:.1f}y".replace(".0y", "y")


@dataclass(frozen=True)
class DeckStats:
    """Where the learner stands on one deck."""

    deck: str
    total: int
    """Cards in the deck."""
    due: int
    """Already-seen cards due now."""
    new: int
    """Never-seen cards available today (capped by the new-per-day limit)."""
    learned: int
    """Seen cards in fsrs Review state."""
    mastery: float
    """Share (0..1) of the deck's cards known well: in Review state with a predicted
    recall of at least 90% now."""
    best_quiz: float | None
    last_quiz: float | None
    leeches: int
    """Cards forgotten 8 times or more."""


@dataclass(frozen=True)
class DrillSummary:
    mode: str
    deck: str
    answered: int
    correct: int
    accuracy: float
    """Percent 0..100: right answers over answers (a quiz: over every card of the deck)."""
    seconds: float
    grades: dict[int, int]
    mastery_before: float
    mastery_after: float


@dataclass(frozen=True, slots=True)
class _Answer:
    rating: int
    correct: bool
    entry: Entry | None


class StudyService:
    """A learner's progress over the loaded content. Create with :func:`open_study`."""

    def __init__(
        self,
        store: Store,
        content: Content,
        now: Callable[[], dt.datetime],
        new_per_day: int,
    ) -> None:
        self._store = store
        self._now = now
        self.new_per_day = new_per_day
        self.warnings: list[str] = store.warnings
        lang = "id" if "id" in content.languages else next(iter(content.languages), None)
        self.cards: tuple[Card, ...] = content.languages[lang].cards if lang else ()
        self._card_ids = {card.id for card in self.cards}
        self.scheduler = fsrs.Scheduler(enable_fuzzing=False)
        self.note_cards = True
        """Whether decks hold the study-note cards (the learner's choice, see preferences)."""

    # ------------------------------------------------------------------ helpers

    @property
    def progress(self) -> Progress:
        return self._store.progress

    def now(self) -> dt.datetime:
        return self._now().astimezone(dt.UTC)

    def deck_cards(self, deck: str) -> list[Card]:
        if deck not in DECKS:
            raise ValueError(f"unknown deck {deck!r}; use one of {', '.join(DECKS)}")
        return [
            c
            for c in self.cards
            if (deck == "all" or c.deck == deck) and (self.note_cards or c.origin != "note")
        ]

    def _known(self, state: CardState | None, now: dt.datetime) -> bool:
        if state is None or state.state != fsrs.State.Review:
            return False
        chance = self.scheduler.get_card_retrievability(state.to_fsrs(), now)
        return chance >= KNOWN_RETRIEVABILITY

    def mastery_of(self, cards: Iterable[Card]) -> float:
        cards = list(cards)
        if not cards:
            return 0.0
        now = self.now()
        states = self.progress.cards
        known = sum(self._known(states.get(c.id), now) for c in cards)
        return known / len(cards)

    def new_left_today(self) -> int:
        today = local_day(self.now())
        started = sum(1 for s in self.progress.cards.values() if s.first_day == today)
        return max(0, self.new_per_day - started)

    def _finished_quizzes(self, deck: str | None = None) -> list[Quiz]:
        quizzes = [
            q
            for q in self.progress.quizzes.values()
            if q.finished and (deck is None or q.deck == deck)
        ]
        return sorted(quizzes, key=lambda q: q.at)  # stable: ties keep saving order

    def orphaned_ids(self) -> list[str]:
        """Card ids with saved progress that the content no longer has (progress kept)."""
        return sorted(cid for cid in self.progress.cards if cid not in self._card_ids)

    def cards_seen(self) -> int:
        return sum(1 for cid in self.progress.cards if cid in self._card_ids)

    def reviews_total(self) -> int:
        return self.progress.reviews_total

    def due_today(self) -> int:
        """Seen cards due before the end of the learner's local day."""
        now = self.now()
        local = now.astimezone()
        end = (local + dt.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
        states = self.progress.cards
        return sum(1 for c in self.cards if (s := states.get(c.id)) is not None and s.due < end)

    # ------------------------------------------------------------------ API

    def decks(self) -> list[DeckStats]:
        now = self.now()
        states = self.progress.cards
        new_left = self.new_left_today()
        # Each card's recall chance once, not once per deck it belongs to.
        known = {cid: self._known(state, now) for cid, state in states.items()}
        out: list[DeckStats] = []
        for deck in DECKS:
            cards = self.deck_cards(deck)
            seen = [s for c in cards if (s := states.get(c.id)) is not None]
            quizzes = self._finished_quizzes(deck)
            out.append(
                DeckStats(
                    deck=deck,
                    total=len(cards),
                    due=sum(1 for s in seen if s.due <= now),
                    new=min(len(cards) - len(seen), new_left),
                    learned=sum(1 for s in seen if s.state == fsrs.State.Review),
                    mastery=sum(known[c.id] for c in cards if c.id in known) / len(cards)
                    if cards
                    else 0.0,
                    best_quiz=max((q.score for q in quizzes), default=None),
                    last_quiz=quizzes[-1].score if quizzes else None,
                    leeches=sum(1 for s in seen if s.lapses >= LEECH_LAPSES),
                )
            )
        return out

    def item_mastery(self, source: str) -> float | None:
        cards = [c for c in self.cards if c.source == source]
        if not any(c.id in self.progress.cards for c in cards):
            return None
        return self.mastery_of(cards)

    def streak_days(self) -> int:
        count = self.progress.day_count
        day = local_day(self.now())
        if not count(day):
            day -= dt.timedelta(days=1)
        streak = 0
        while count(day) > 0:
            streak += 1
            day -= dt.timedelta(days=1)
        return streak

    def heatmap(self, weeks: int = 12) -> list[tuple[dt.date, int]]:
        today = local_day(self.now())
        count = self.progress.day_count
        span = 7 * weeks
        return [
            (d, count(d))
            for d in (today - dt.timedelta(days=back) for back in range(span - 1, -1, -1))
        ]

    def quiz_history(self, deck: str | None = None) -> list[float]:
        return [q.score for q in self._finished_quizzes(deck)]

    def is_leech(self, card_id: str) -> bool:
        state = self.progress.cards.get(card_id)
        return state is not None and state.lapses >= LEECH_LAPSES

    def start_review(self, deck: str) -> DrillSession:
        """Due cards first (most overdue first), then new cards up to today's limit."""
        now = self.now()
        cards = self.deck_cards(deck)
        states = self.progress.cards
        due = sorted(
            (c for c in cards if (s := states.get(c.id)) is not None and s.due <= now),
            key=lambda c: states[c.id].due,
        )
        new = [c for c in cards if c.id not in states][: self.new_left_today()]
        return DrillSession(self, "review", deck, [c.id for c in due + new])

    def start_quiz(self, deck: str, seed: int | None = None) -> DrillSession:
        """Every card of the deck in random order; the schedule is not touched."""
        ids = [c.id for c in self.deck_cards(deck)]
        random.Random(seed).shuffle(ids)
        return DrillSession(self, "quiz", deck, ids)

    def reload(self) -> None:
        """Re-read the saved progress (another instance may have written)."""
        self._store.load()

    def compact(self) -> None:
        """Fold the answer journal into progress.toml now (also happens by itself)."""
        self._store.compact()

    @property
    def folder(self) -> Path:
        """The profile folder holding the saved progress."""
        return self._store.folder

    # ------------------------------------------------------------------ saving

    def _save(self, make: Callable[[Progress], Entry]) -> Entry:
        return self._store.append(make)


class DrillSession:
    """One run through a queue of cards, in review or quiz mode."""

    def __init__(self, service: StudyService, mode: Mode, deck: str, ids: list[str]) -> None:
        self.mode: Mode = mode
        self.deck = deck
        self._service = service
        self._ids = ids
        self.total = len(ids)
        self.index = 0
        self._answers: list[_Answer] = []
        self._started = time.monotonic()
        self._shown = time.monotonic()
        self._ended: float | None = None
        self._quiz_id = uuid.uuid4().hex
        self._quiz_rev = 0
        self._mastery_before = service.mastery_of(service.deck_cards(deck))

    @property
    def finished(self) -> bool:
        return self.index >= self.total or self._ended is not None

    @property
    def last_review_id(self) -> str | None:
        """Id of the saved review of the last answer still standing (review mode)."""
        for answer in reversed(self._answers):
            if isinstance(answer.entry, Review):
                return answer.entry.id
        return None

    def current_id(self) -> str | None:
        return None if self.finished else self._ids[self.index]

    def intervals(self) -> dict[int, str]:
        card_id = self.current_id()
        if self.mode == "quiz" or card_id is None:
            return {}
        service = self._service
        now = service.now()
        state = service.progress.cards.get(card_id)
        out: dict[int, str] = {}
        for rating in fsrs.Rating:
            card = state.to_fsrs() if state else fsrs.Card(card_id=0, due=now)
            after, _ = service.scheduler.review_card(card, rating, review_datetime=now)
            out[int(rating)] = interval_label(after.due - now)
        return out

    def answer(self, rating: int, correct: bool | None = None) -> None:
        if rating not in (1, 2, 3, 4):
            raise ValueError(f"rating must be 1 to 4, not {rating!r}")
        card_id = self.current_id()
        if card_id is None:
            raise ValueError("the session is finished: nothing to answer")
        right = rating >= 2 if correct is None else correct
        service = self._service
        if self.mode == "review":
            duration = round((time.monotonic() - self._shown) * 1000)
            entry: Entry = service._save(
                lambda progress: self._review(progress, card_id, rating, correct, duration)
            )
        else:
            entry = service._save(lambda _: self._quiz_record(+1, right, finished=False))
        self._answers.append(_Answer(rating, right, entry))
        self.index += 1
        self._shown = time.monotonic()

    def _review(
        self,
        progress: Progress,
        card_id: str,
        rating: int,
        correct: bool | None,
        duration_ms: int,
    ) -> Review:
        service = self._service
        now = service.now()
        before = progress.cards.get(card_id)
        card = before.to_fsrs() if before else fsrs.Card(card_id=0, due=now)
        after, _ = service.scheduler.review_card(card, fsrs.Rating(rating), review_datetime=now)
        review_id = uuid.uuid4().hex
        lapsed = before is not None and before.state == fsrs.State.Review and rating == 1
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
        answered = len(self._answers) + delta
        correct = sum(a.correct for a in self._answers)
        if delta > 0 and right:
            correct += 1
        elif delta < 0 and self._answers[-1].correct:
            correct -= 1
        self._quiz_rev += 1
        return Quiz(
            id=self._quiz_id,
            deck=self.deck,
            total=self.total,
            answered=answered,
            correct=correct,
            finished=finished,
            at=self._service.now(),
            rev=self._quiz_rev,
        )

    def undo(self) -> bool:
        """Take back the last answer: its card's saved state comes back too."""
        if not self._answers:
            return False
        last = self._answers[-1]
        service = self._service
        if self.mode == "review" and isinstance(last.entry, Review):
            review = last.entry
            service._save(
                lambda _: Undo(
                    id=review.id,
                    card=review.card,
                    at=service.now(),
                    day=review.day,
                    restore=review.before,
                )
            )
        elif self.mode == "quiz":
            service._save(lambda _: self._quiz_record(-1, False, finished=False))
        self._answers.pop()
        self.index -= 1
        self._ended = None
        self._shown = time.monotonic()
        return True

    def end(self) -> DrillSummary:
        """Finish now (early or not). A quiz with answers goes into the quiz history."""
        if self._ended is None:
            self._ended = time.monotonic()
            if self.mode == "quiz" and self._answers:
                self._service._save(lambda _: self._quiz_record(0, False, finished=True))
        return self.summary()

    def summary(self) -> DrillSummary:
        answered = len(self._answers)
        correct = sum(a.correct for a in self._answers)
        if self.mode == "quiz":
            accuracy = 100.0 * correct / self.total if self.total else 0.0
        else:
            accuracy = 100.0 * correct / answered if answered else 0.0
        grades = {rating: 0 for rating in (1, 2, 3, 4)}
        for a in self._answers:
            grades[a.rating] += 1
        end = self._ended if self._ended is not None else time.monotonic()
        service = self._service
        return DrillSummary(
            mode=self.mode,
            deck=self.deck,
            answered=answered,
            correct=correct,
            accuracy=accuracy,
            seconds=end - self._started,
            grades=grades,
            mastery_before=self._mastery_before,
            mastery_after=service.mastery_of(service.deck_cards(self.deck)),
        )


def open_study(
    settings: Settings,
    content: Content,
    *,
    now: Callable[[], dt.datetime] | None = None,
    new_per_day: int = 20,
    read_only: bool = False,
) -> StudyService:
    """Open (creating if needed) the profile's saved progress.

    Never raises for a damaged save file: it is moved aside, progress goes on from
    the newest good copy (or fresh) and :attr:`StudyService.warnings` says so.
    Raises :class:`backend_tui.paths.ProfileNameError` for an unsafe profile name
    and ``OSError`` when the data folder cannot be written at all.
    ``read_only`` reads without creating, locking or repairing anything, so it is
    safe beside a running app (a damaged file is reported, not moved aside).
    """
    clock = now or _utc_now
    folder = paths.profile_dir(settings.data_dir, settings.profile)
    store = Store(folder, lambda: clock().astimezone(dt.UTC), read_only=read_only)
    store.load()
    service = StudyService(store, content, clock, new_per_day)
    chosen = load_preferences(folder)
    service.note_cards = chosen.preferences.note_cards is not False
    if chosen.warning:
        service.warnings.append(chosen.warning)
    return service
