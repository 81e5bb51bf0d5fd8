"""A thin wrapper around ``fsrs.Scheduler``: our card states in, fsrs's answers out.

Learning and relearning steps are py-fsrs's defaults (learn: 1 min, 10 min;
relearn: 10 min): no measurement here argues for others, and they are the steps
FSRS's own parameters were fitted with.

Fuzzing is on, as py-fsrs ships it: a review interval of a few days or more is
moved by a small random amount, so cards learned together do not fall due
together forever (without it, a class that studies the same deck on the same
day gets the same pile every time, and one heavy day stays heavy). The interval
shown on a grade key is the un-fuzzed one, so the label does not flicker; the
saved due date is fuzzed. Tests turn fuzzing off explicitly (``fuzz=False``), or
seed Python's ``random``, which py-fsrs draws from.
"""

from __future__ import annotations

import datetime as dt

import fsrs

from backend_tui.study.records import CardState

LEARNING = (int(fsrs.State.Learning), int(fsrs.State.Relearning))
"""States whose next step is minutes away: the card comes back in the same drill."""
REVIEW = int(fsrs.State.Review)


class Scheduling:
    """Reviews cards with fsrs. ``fuzz`` as in py-fsrs (on by default)."""

    def __init__(self, *, fuzz: bool = True) -> None:
        self.fuzz = fuzz
        self._scheduler = fsrs.Scheduler(enable_fuzzing=fuzz)
        self._preview = self._scheduler if not fuzz else fsrs.Scheduler(enable_fuzzing=False)

    @property
    def learning_steps(self) -> tuple[dt.timedelta, ...]:
        return self._scheduler.learning_steps

    @property
    def relearning_steps(self) -> tuple[dt.timedelta, ...]:
        return self._scheduler.relearning_steps

    @staticmethod
    def _card(state: CardState | None, now: dt.datetime) -> fsrs.Card:
        return state.to_fsrs() if state is not None else fsrs.Card(card_id=0, due=now)

    def review(self, state: CardState | None, rating: int, now: dt.datetime) -> fsrs.Card:
        """The fsrs card after answering ``rating`` (1 Again .. 4 Easy) at ``now``."""
        after, _ = self._scheduler.review_card(
            self._card(state, now), fsrs.Rating(rating), review_datetime=now
        )
        return after

    def intervals(self, state: CardState | None, now: dt.datetime) -> dict[int, dt.timedelta]:
        """Time until the card is due again for each grade (without fuzz)."""
        out: dict[int, dt.timedelta] = {}
        for rating in fsrs.Rating:
            after, _ = self._preview.review_card(
                self._card(state, now), rating, review_datetime=now
            )
            out[int(rating)] = after.due - now
        return out

    def retrievability(self, state: CardState, now: dt.datetime) -> float:
        """fsrs's predicted chance of recalling the card at ``now``."""
        return float(self._scheduler.get_card_retrievability(state.to_fsrs(), now))


__all__ = ["LEARNING", "REVIEW", "Scheduling"]
