"""One card's turn in a drill, as plain state: what is shown, what Enter does, which keys count.

The drill screen draws a :class:`Turn` and sends it the learner's keys; the turn
never touches the screen, the session or the disk, so every path through a card
(a recall card revealed, a typed answer right, nearly right or wrong, a choice
picked) is tested without a terminal. Grading hands the rating back to the
caller, who saves it with the session and starts the next card's turn.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Literal

from backend_tui.content.model import Card
from backend_tui.study.answers import judge_typed
from backend_tui.study.judge import Verdict

Phase = Literal["question", "answered"]
"""``question``: the card's front is shown and waits for an answer; ``answered``:
the back, the verdict and the grades are shown and wait for a grade."""

EnterDoes = Literal["reveal", "choose", "check", "type", "grade"]
"""What Enter does now: show a recall card's back; lock in the highlighted option;
check the typed answer; go back into the answer field (left with Escape); accept
the suggested grade."""

EscapeDoes = Literal["leave_field", "end"]

Action = Literal["pick", "grade", "undo", "bury", "suspend", "source", "language", "end", "search"]
"""The drill's keys besides Enter and Escape (see :meth:`Turn.accepts`)."""

HINTS = {"basic": "hint_basic", "choice": "hint_choice", "typed": "hint_typed"}
"""The line above the key bar before answering (catalogue keys of ``ui/strings.py``)."""


class Turn:
    """A card from being shown until it is graded."""

    def __init__(self, card: Card, *, quiz: bool = False, order: Sequence[int] = ()) -> None:
        self.card = card
        self.quiz = quiz
        """A quiz: the schedule is not touched, so nothing can be buried or suspended."""
        self.phase: Phase = "question"
        self.correct: bool | None = None
        """Right or wrong once answered; ``None`` for a recall card (the learner judges)."""
        self.verdict: Verdict | None = None
        """How a typed answer measured against the accepted ones."""
        self.suggested = 3
        """The grade Enter accepts once answered: Good, Hard for a near miss, Again if wrong."""
        self.order: tuple[int, ...] = tuple(order) or tuple(range(len(card.options)))
        """A choice card's options as shown: indexes into ``card.options``."""
        self.cursor = 0
        """The highlighted option, as shown (0 is a)."""
        self.chosen: int | None = None
        """The option locked in, as shown."""
        self.typing = card.kind == "typed"
        """The answer field has the keys. Every other key is then a letter typed, so
        only Enter (check) and Escape (leave the field) mean something to the drill."""

    @classmethod
    def shuffled(cls, card: Card, rng: random.Random, *, quiz: bool = False) -> Turn:
        """A turn whose choice options come in a fresh random order."""
        order = list(range(len(card.options)))
        rng.shuffle(order)
        return cls(card, quiz=quiz, order=order)

    # ------------------------------------------------------------------ what now

    @property
    def enter(self) -> EnterDoes:
        if self.phase == "answered":
            return "grade"
        if self.card.kind == "basic":
            return "reveal"
        if self.card.kind == "choice":
            return "choose"
        return "check" if self.typing else "type"

    @property
    def escape(self) -> EscapeDoes:
        return "leave_field" if self.typing else "end"

    @property
    def hint(self) -> str | None:
        """Catalogue key of the line above the key bar; ``None`` once the grades show."""
        if self.phase == "answered":
            return None
        if self.card.kind == "typed" and not self.typing:
            return "hint_typed_left"
        return HINTS[self.card.kind]

    def accepts(self, action: Action) -> bool:
        """Whether a drill key does something now (otherwise it is ignored)."""
        if self.typing:
            return False  # typed into the field, not a drill key
        if action == "pick":
            return self.phase == "question" and self.card.kind == "choice"
        if action == "grade":
            return self.phase == "answered"
        if action in ("bury", "suspend"):
            return not self.quiz
        return True

    # ------------------------------------------------------------------ answering

    def press_enter(self, typed: str = "") -> EnterDoes:
        """Do what Enter does now (``typed``: the field's text, for ``check``); says what it did.

        ``grade`` changes nothing here: the caller grades with :attr:`suggested`.
        """
        does = self.enter
        if does == "reveal":
            self._answered(None)
        elif does == "choose":
            self.chosen = self.cursor
            self._answered(self.card.options[self.order[self.cursor]].correct)
        elif does == "check":
            self.verdict = judge_typed(self.card, typed)
            self.typing = False
            self._answered(self.verdict.correct, self.verdict.suggested)
        elif does == "type":
            self.typing = True
        return does

    def _answered(self, correct: bool | None, suggested: int | None = None) -> None:
        self.phase = "answered"
        self.correct = correct
        if suggested is None:
            suggested = 1 if correct is False else 3
        self.suggested = suggested

    def press_escape(self) -> EscapeDoes:
        """Leave the answer field (the drill keys work again), or say the drill ends."""
        does = self.escape
        if does == "leave_field":
            self.typing = False
        return does

    def pick(self, index: int) -> bool:
        """Highlight option ``index`` (as shown); False when that means nothing now."""
        if not self.accepts("pick") or not 0 <= index < len(self.order):
            return False
        self.cursor = index
        return True

    def move(self, step: int) -> bool:
        """Move the highlight by ``step``, round the list; False when not picking."""
        if not self.accepts("pick") or not self.order:
            return False
        self.cursor = (self.cursor + step) % len(self.order)
        return True

    def grade(self, rating: int | None = None) -> int | None:
        """The rating to save (the suggested one when ``None``); ``None`` before answering."""
        if self.phase != "answered":
            return None
        if rating is None:
            return self.suggested
        if rating not in (1, 2, 3, 4):
            raise ValueError(f"rating must be 1 to 4, not {rating!r}")
        return rating

    def relabel(self, card: Card) -> None:
        """The same card in another language: the turn's state stays as it is."""
        if card.id == self.card.id and card.kind == self.card.kind:
            self.card = card


__all__ = ["Action", "EnterDoes", "EscapeDoes", "Phase", "Turn"]
