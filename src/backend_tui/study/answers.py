"""Checking answers of choice and typed cards."""

from __future__ import annotations

import random

from backend_tui.content.model import Card, Option


def shuffled_options(card: Card, rng: random.Random) -> list[Option]:
    """The card's options in a new random order (a fresh order every showing)."""
    options = list(card.options)
    rng.shuffle(options)
    return options


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def check_typed(card: Card, text: str) -> bool:
    """True when ``text`` matches one of the card's accepted answers.

    Case is ignored, and so are spaces around the answer and repeated spaces inside it.
    """
    given = _normal(text)
    return bool(given) and any(given == _normal(answer) for answer in card.answers)
