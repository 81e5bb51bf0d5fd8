"""Warnings for authors (``backend-tui check --strict``): content that loads but teaches badly.

Run on content that is already valid. Each warning is a :class:`Problem` whose
message starts with ``warning:`` (``problem_warning``), at the line of the card or
item it is about.
Nothing here is needed to run the app, so none of it is on the start-up path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from backend_tui.content.errors import Problem
from backend_tui.content.lines import Locator
from backend_tui.content.model import CARDS_FILE, LANGUAGES, Card, Content, Language
from backend_tui.content.problems import Message

Judge = Callable[[Card, str], bool]
"""Whether a typed card accepts a text: the drill's own judge, passed in by the caller
(content does not import study, which is built on it)."""

MIN_CARDS_PER_ITEM = 2


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


class _Lines:
    """Line numbers, read from a file only when a warning needs one."""

    def __init__(self) -> None:
        self._locators: dict[Path, Locator] = {}

    def at(self, path: Path, table: str, index: int) -> int:
        if path not in self._locators:
            self._locators[path] = Locator(path.read_text(encoding="utf-8-sig"))
        return self._locators[path].key("id", table, index)


def _warning(message: Message) -> Message:
    return Message("problem_warning", message=message)


def strict_warnings(content: Content, accepts: Judge) -> list[Problem]:
    """Every warning about ``content``, in file order; empty when there is nothing to say."""
    lines = _Lines()
    warnings: list[Problem] = []
    for lang in LANGUAGES:
        language = content[lang]
        path = content.root / lang / CARDS_FILE
        warnings.extend(_card_warnings(language, path, lines, accepts))
    source = content[LANGUAGES[0]]
    warnings.extend(_thin_items(source, lines))
    warnings.extend(_answer_counts(content, lines))
    return warnings


def _card_warnings(
    language: Language, path: Path, lines: _Lines, accepts: Judge
) -> Iterator[Problem]:
    def warn(index: int, message: Message) -> Problem:
        return Problem(path, lines.at(path, "cards", index), _warning(message))

    fronts: dict[str, int] = {}
    for index, card in enumerate(language.cards):
        front = _normal(card.front)
        if front in fronts:
            first = language.cards[fronts[front]]
            line = lines.at(path, "cards", fronts[front])
            yield warn(index, Message("problem_same_front", id=card.id, first=first.id, line=line))
        else:
            fronts[front] = index
        if card.kind == "choice":
            right = next((o.text for o in card.options if o.correct), "")
            for option in card.options:
                if not option.correct and _normal(option.text) == _normal(right):
                    yield warn(index, Message("problem_distractor", id=card.id, option=option.text))
        if card.kind == "typed":
            for answer in card.answers:
                if not accepts(card, answer):
                    yield warn(index, Message("problem_own_answer", id=card.id, answer=answer))


def _thin_items(language: Language, lines: _Lines) -> Iterator[Problem]:
    """Items tested by fewer than two cards (one language is enough: both hold the same)."""
    counts: dict[str, int] = {}
    for card in language.cards:
        counts[card.source] = counts.get(card.source, 0) + 1
    for section in language.sections.values():
        for index, item in enumerate(section.items):
            count = counts.get(f"{section.id}.{item.id}", 0)
            if count < MIN_CARDS_PER_ITEM:
                key = "problem_thin_item_one" if count == 1 else "problem_thin_item"
                yield Problem(
                    section.path,
                    lines.at(section.path, "items", index),
                    _warning(Message(key, id=item.id, count=count, min=MIN_CARDS_PER_ITEM)),
                )


def _answer_counts(content: Content, lines: _Lines) -> Iterator[Problem]:
    """Typed cards that accept more answers in one language than in the other."""
    first, second = (content[lang] for lang in LANGUAGES)
    theirs = {card.id: card for card in first.cards}
    path = content.root / second.code / CARDS_FILE
    for index, card in enumerate(second.cards):
        twin = theirs.get(card.id)
        if card.kind == "typed" and twin is not None and len(twin.answers) != len(card.answers):
            message = Message(
                "problem_answer_counts",
                id=card.id,
                mine=len(card.answers),
                theirs=len(twin.answers),
                other=content.root / first.code / CARDS_FILE,
            )
            yield Problem(path, lines.at(path, "cards", index), _warning(message))
