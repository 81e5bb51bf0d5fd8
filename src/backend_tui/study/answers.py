"""Checking answers of choice and typed cards."""

from __future__ import annotations

import random

from backend_tui.content.model import Card, Option
from backend_tui.study.judge import Verdict, judge


def shuffled_options(card: Card, rng: random.Random) -> list[Option]:
    """The card's options in a new random order (a fresh order every showing)."""
    options = list(card.options)
    rng.shuffle(options)
    return options


def judge_typed(card: Card, text: str) -> Verdict:
    """How ``text`` measures against the card's accepted answers (see :mod:`.judge`)."""
    return judge(text, card.answers)


def check_typed(card: Card, text: str) -> bool:
    """True when ``text`` counts as one of the card's accepted answers (a typo forgiven)."""
    return judge_typed(card, text).correct
