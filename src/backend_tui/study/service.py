"""A learner's progress over the loaded content: deck numbers, queries, and drills.

The numbers mean one thing everywhere (the Drill tab, the summary, ``stats``):

- **due today**: a card seen before, not suspended or buried, due before the end of
  the learner's local day (learning steps included). A review brings exactly these.
- **new**: never-seen cards a review would bring today (capped by the daily limit plus
  the extra new cards asked for today, which the preferences keep).
- **learned**: seen cards in fsrs's Review state (past their learning steps).
- **mastery**: share 0..1 of a deck's cards in Review state whose predicted recall
  right now is at least 90%.
- **quiz score**: percent 0..100 of the answered cards answered right; only a quiz
  answered to the end counts for Best and Last.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from backend_tui import paths
from backend_tui.content.model import Card, Content
from backend_tui.settings import Settings
from backend_tui.study.notices import Notice, os_reason
from backend_tui.study.preferences import load_preferences
from backend_tui.study.records import CardState, Mark, Quiz
from backend_tui.study.saving import SaveFailed, Saver
from backend_tui.study.scheduling import LEARNING, REVIEW, Scheduling
from backend_tui.study.session import (
    LEECH_LAPSES,
    DrillSession,
    DrillSummary,
    Queue,
    end_of_day,
    local_day,
)
from backend_tui.study.snapshot import Progress
from backend_tui.study.store import Store

DECKS: tuple[str, ...] = ("role", "duties", "skills", "career", "all")

KNOWN_RETRIEVABILITY = 0.9
"""A card counts as known well when fsrs predicts at least this chance of recall now."""

NEW_PER_DAY = 20
"""New cards a day unless the learner chose another number (py-fsrs / Anki's default)."""


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


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
    """Seen cards due today (see the module docstring)."""
    new: int
    """Never-seen cards available today (capped by the new-per-day limit)."""
    learned: int
    """Seen cards in fsrs Review state."""
    mastery: float
    """Share (0..1) of the deck's cards known well: in Review state with a predicted
    recall of at least 90% now."""
    best_quiz: float | None
    """Best score (percent) of a quiz answered to the end."""
    last_quiz: float | None
    """Score (percent) of the latest quiz answered to the end."""
    leeches: int
    """Cards forgotten 8 times or more."""
    suspended: int = 0
    """Cards suspended (by the learner, or as leeches)."""


class StudyService:
    """A learner's progress over the loaded content. Create with :func:`open_study`."""

    def __init__(
        self,
        store: Store,
        content: Content,
        now: Callable[[], dt.datetime],
        new_per_day: int,
        *,
        fuzz: bool = True,
    ) -> None:
        self._store = store
        self._now = now
        self.new_per_day = new_per_day
        self.more_new_today: tuple[dt.date, int] | None = None
        """Extra new cards the learner asked for, and the day they are for."""
        self.warnings: list[str] = store.warnings
        lang = "id" if "id" in content.languages else next(iter(content.languages), None)
        self.cards: tuple[Card, ...] = content.languages[lang].cards if lang else ()
        self._card_ids = {card.id for card in self.cards}
        self.scheduling = Scheduling(fuzz=fuzz)
        # The one way a drill writes: it is given these, and never sees the store.
        self.saver = Saver(save=store.append, flush=store.flush, unsaved=lambda: len(store.unsaved))
        self.note_cards = True
        """Whether decks hold the study-note cards (the learner's choice, see preferences)."""

    # ------------------------------------------------------------------ helpers

    @property
    def progress(self) -> Progress:
        return self._store.progress

    @property
    def read_only(self) -> bool:
        """The profile folder cannot be written: answers are kept in memory only."""
        return self._store.read_only

    def now(self) -> dt.datetime:
        return self._now().astimezone(dt.UTC)

    def state_of(self, card_id: str) -> CardState | None:
        return self.progress.cards.get(card_id)

    def mark_of(self, card_id: str) -> Mark | None:
        return self.progress.marks.get(card_id)

    def deck_cards(self, deck: str) -> list[Card]:
        if deck not in DECKS:
            raise ValueError(f"unknown deck {deck!r}; use one of {', '.join(DECKS)}")
        return [
            c
            for c in self.cards
            if (deck == "all" or c.deck == deck) and (self.note_cards or c.origin != "note")
        ]

    def _known(self, state: CardState | None, now: dt.datetime) -> bool:
        if state is None or state.state != REVIEW:
            return False
        return self.scheduling.retrievability(state, now) >= KNOWN_RETRIEVABILITY

    def mastery_of(self, cards: Iterable[Card]) -> float:
        cards = list(cards)
        if not cards:
            return 0.0
        now = self.now()
        states = self.progress.cards
        known = sum(self._known(states.get(c.id), now) for c in cards)
        return known / len(cards)

    def deck_mastery(self, deck: str) -> float:
        return self.mastery_of(self.deck_cards(deck))

    def _hidden(self, today: dt.date) -> set[str]:
        """Cards suspended, or buried until after ``today``."""
        return {cid for cid, mark in self.progress.marks.items() if mark.hides(today)}

    def new_limit_today(self) -> int:
        today = local_day(self.now())
        extra = (
            self.more_new_today[1] if self.more_new_today and self.more_new_today[0] == today else 0
        )
        return self.new_per_day + extra

    def new_left_today(self) -> int:
        today = local_day(self.now())
        started = sum(1 for s in self.progress.cards.values() if s.first_day == today)
        return max(0, self.new_limit_today() - started)

    def add_new_today(self, count: int) -> None:
        """Allow ``count`` more new cards today (on top of the daily limit)."""
        today = local_day(self.now())
        extra = (
            self.more_new_today[1] if self.more_new_today and self.more_new_today[0] == today else 0
        )
        self.more_new_today = (today, extra + count)

    def _complete_quizzes(self, deck: str | None = None) -> list[Quiz]:
        quizzes = [
            q
            for q in self.progress.quizzes.values()
            if q.finished and q.complete and (deck is None or q.deck == deck)
        ]
        return sorted(quizzes, key=lambda q: q.at)  # stable: ties keep saving order

    def quizzes(self, deck: str | None = None) -> list[Quiz]:
        """Every ended quiz (complete or not), oldest first."""
        found = [
            q
            for q in self.progress.quizzes.values()
            if q.finished and (deck is None or q.deck == deck)
        ]
        return sorted(found, key=lambda q: q.at)

    def orphaned_ids(self) -> list[str]:
        """Card ids with saved progress that the content no longer has (progress kept)."""
        return sorted(cid for cid in self.progress.cards if cid not in self._card_ids)

    def suspended_ids(self) -> list[str]:
        """Cards of the content that are suspended, in content order."""
        marks = self.progress.marks
        return [c.id for c in self.cards if (m := marks.get(c.id)) is not None and m.suspended]

    def cards_seen(self) -> int:
        return sum(1 for cid in self.progress.cards if cid in self._card_ids)

    def reviews_total(self) -> int:
        return self.progress.reviews_total

    def _due_today_ids(self, cards: Iterable[Card]) -> list[str]:
        now = self.now()
        end = end_of_day(now)
        hidden = self._hidden(local_day(now))
        states = self.progress.cards
        return [
            c.id
            for c in cards
            if (s := states.get(c.id)) is not None and s.due < end and c.id not in hidden
        ]

    def due_today(self) -> int:
        """Seen cards due today, every deck (see the module docstring)."""
        return len(self._due_today_ids(self.deck_cards("all")))

    def next_due(self, deck: str = "all") -> dt.datetime | None:
        """When the next seen card of ``deck`` falls due after now (suspended and buried
        ones left out)."""
        now = self.now()
        hidden = self._hidden(local_day(now))
        states = self.progress.cards
        dues = [
            s.due
            for c in self.deck_cards(deck)
            if (s := states.get(c.id)) is not None and c.id not in hidden and s.due > now
        ]
        return min(dues, default=None)

    # ------------------------------------------------------------------ API

    def decks(self) -> list[DeckStats]:
        now = self.now()
        end = end_of_day(now)
        today = local_day(now)
        hidden = self._hidden(today)
        states = self.progress.cards
        marks = self.progress.marks
        new_left = self.new_left_today()
        # Each card's recall chance once, not once per deck it belongs to.
        known = {cid: self._known(state, now) for cid, state in states.items()}
        out: list[DeckStats] = []
        for deck in DECKS:
            cards = self.deck_cards(deck)
            seen = [(c.id, s) for c in cards if (s := states.get(c.id)) is not None]
            unseen = sum(1 for c in cards if c.id not in states and c.id not in hidden)
            quizzes = self._complete_quizzes(deck)
            out.append(
                DeckStats(
                    deck=deck,
                    total=len(cards),
                    due=sum(1 for cid, s in seen if s.due < end and cid not in hidden),
                    new=min(unseen, new_left),
                    learned=sum(1 for _, s in seen if s.state == REVIEW),
                    mastery=sum(known[c.id] for c in cards if c.id in known) / len(cards)
                    if cards
                    else 0.0,
                    best_quiz=max((q.score for q in quizzes), default=None),
                    last_quiz=quizzes[-1].score if quizzes else None,
                    leeches=sum(1 for _, s in seen if s.lapses >= LEECH_LAPSES),
                    suspended=sum(
                        1 for c in cards if (m := marks.get(c.id)) is not None and m.suspended
                    ),
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
        """Scores (percent) of quizzes answered to the end, oldest first."""
        return [q.score for q in self._complete_quizzes(deck)]

    def is_leech(self, card_id: str) -> bool:
        state = self.progress.cards.get(card_id)
        return state is not None and state.lapses >= LEECH_LAPSES

    def review_queue(self, deck: str) -> Queue:
        """What a review of ``deck`` brings: cards due today (reviews most overdue first,
        learning steps when they are due), then new cards up to today's limit."""
        now = self.now()
        end = end_of_day(now)
        hidden = self._hidden(local_day(now))
        states = self.progress.cards
        queue = Queue()
        reviews: list[tuple[dt.datetime, str]] = []
        new_left = self.new_left_today()
        for card in self.deck_cards(deck):
            cid = card.id
            if cid in hidden:
                continue
            state = states.get(cid)
            if state is None:
                if len(queue.new) < new_left:
                    queue.new.append(cid)
            elif state.due < end:
                if state.state in LEARNING:
                    queue.learning[cid] = state.due
                else:
                    reviews.append((state.due, cid))
        reviews.sort()
        queue.reviews = [cid for _, cid in reviews]
        return queue

    def start_review(self, deck: str) -> DrillSession:
        return DrillSession(self, "review", deck, self.review_queue(deck), saver=self.saver)

    def start_quiz(self, deck: str, seed: int | None = None) -> DrillSession:
        """Every card of the deck in random order; the schedule is not touched."""
        ids = [c.id for c in self.deck_cards(deck)]
        random.Random(seed).shuffle(ids)
        return DrillSession(self, "quiz", deck, Queue(), saver=self.saver, quiz_order=ids)

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

    def unsaved_count(self) -> int:
        """Answers kept in memory because saving failed (written by the next save that works)."""
        return len(self._store.unsaved)


def open_study(
    settings: Settings,
    content: Content,
    *,
    now: Callable[[], dt.datetime] | None = None,
    new_per_day: int | None = None,
    read_only: bool = False,
    fuzz: bool = True,
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
    try:
        store.load()
    except OSError as exc:
        # Cannot be opened for writing (a full disk while repairing, a folder we may
        # not create): show the progress that can be read, save nothing, and say so.
        store = Store(folder, lambda: clock().astimezone(dt.UTC), read_only=True)
        store.warnings.append(
            Notice(
                "read_only_open",
                "Your progress in {folder} could not be opened for saving ({why});"
                " it is shown read-only: answers are kept only until you quit.",
                folder=folder,
                why=os_reason(exc),
            )
        )
        store.load()
    if store.read_only and not read_only and not any("read-only" in w for w in store.warnings):
        store.warnings.append(
            Notice(
                "read_only_folder",
                "Your progress folder {folder} cannot be written; it is shown read-only:"
                " answers are kept only until you quit.",
                folder=folder,
            )
        )
    chosen = load_preferences(folder)
    # The learner's own limit (preferences.toml) unless the caller sets one.
    limit = new_per_day if new_per_day is not None else chosen.preferences.new_per_day
    service = StudyService(
        store, content, clock, NEW_PER_DAY if limit is None else limit, fuzz=fuzz
    )
    service.note_cards = chosen.preferences.note_cards is not False
    # Today's extra new cards, asked for in the app: `stats` and a restart count them too.
    day, more = chosen.preferences.more_new_day, chosen.preferences.more_new
    if day is not None and more:
        service.more_new_today = (day, more)
    if chosen.warning:
        service.warnings.append(chosen.warning)
    return service


__all__ = [
    "DECKS",
    "NEW_PER_DAY",
    "DeckStats",
    "DrillSession",
    "DrillSummary",
    "SaveFailed",
    "StudyService",
    "interval_label",
    "local_day",
    "open_study",
]
