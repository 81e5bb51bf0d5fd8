"""Typed model of the study material. Never imports Textual."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple

SECTION_IDS: tuple[str, ...] = ("role", "duties", "skills", "career")
"""The study sections, in tab order. Each is one file, ``<id>.toml``, per language."""

CARDS_FILE = "cards.toml"
"""Each language's flashcards, beside its section files."""

GLOSSARY_FILE = "glossary.toml"
"""Each language's glossary (optional), beside its section files."""

LANGUAGES: tuple[str, ...] = ("id", "en")
"""Language folders. ``id`` (Bahasa Indonesia) is the source; ``en`` a translation."""

LANGUAGE_NAMES: dict[str, str] = {"id": "Bahasa Indonesia", "en": "English"}

# The records are NamedTuples, the whole (Content, indexed by language) a frozen
# dataclass. Both are immutable; a NamedTuple class is made about six times faster
# than a frozen dataclass (which compiles each generated method), and these classes
# are made on every start, before the first frame.

CardKind = Literal["basic", "choice", "typed"]
CardOrigin = Literal["article", "note"]
Period = Literal["month", "year"]


class Item(NamedTuple):
    """One entry of a section: a duty, a skill, a part of the role or career."""

    id: str
    """Stable id, shared by every language; cards point at ``<section>.<id>``."""
    title: str
    """Heading, as in the article."""
    body: str
    """The article's text for this entry (faithful to the source)."""
    number: int | None = None
    """The entry's number in the article's list, where it has one."""
    technologies: tuple[str, ...] = ()
    """Languages, tools and standards the article names for this entry."""
    note: str = ""
    """A study note added beyond the article; always shown as such, never as its claim."""


class SalaryRange(NamedTuple):
    """A salary range quoted by the article."""

    id: str
    region: str
    """Where it applies, e.g. ``Indonesia``."""
    currency: str
    """ISO code: ``IDR`` or ``USD``."""
    low: int
    high: int
    period: Period
    """What one figure covers: a month or a year."""
    original: str
    """The article's own words for this range, verbatim."""
    period_stated: bool = True
    """False when the article gives no period and ``period`` is the usual reading."""
    note: str = ""

    def annual(self) -> tuple[int, int]:
        """Low and high per year, in this range's currency."""
        factor = 12 if self.period == "month" else 1
        return self.low * factor, self.high * factor


class ExchangeRate(NamedTuple):
    """How many units of ``currency`` one US dollar buys; used only to draw one scale."""

    currency: str
    per_usd: float
    as_of: dt.date
    approximate: bool
    note: str = ""


class Reference(NamedTuple):
    """A reference the article lists."""

    id: str
    title: str


class Section(NamedTuple):
    """One study tab's material, read from ``<lang>/<id>.toml``."""

    id: str
    tab: str
    """Short label for the tab."""
    title: str
    """Heading shown above the section."""
    intro: str
    items: tuple[Item, ...]
    salaries: tuple[SalaryRange, ...] = ()
    exchange_rate: ExchangeRate | None = None
    references: tuple[Reference, ...] = ()
    path: Path = Path()
    """The file it was read from (for messages)."""

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)


class Option(NamedTuple):
    """One choice of a multiple-choice card."""

    text: str
    correct: bool = False


class Card(NamedTuple):
    """A flashcard. Progress is keyed by ``id``, so rewording keeps its history."""

    id: str
    source: str
    """The item it tests, ``<section>.<item>`` (e.g. ``duties.api``)."""
    kind: CardKind
    front: str
    """The question."""
    back: str
    """The answer (basic) or the explanation shown after answering (choice, typed)."""
    options: tuple[Option, ...] = ()
    """Choices of a ``choice`` card; exactly one is correct."""
    answers: tuple[str, ...] = ()
    """Accepted answers of a ``typed`` card, compared case-insensitively."""
    origin: CardOrigin = "article"
    """``article``: it tests what the article says. ``note``: a study-note card, testing
    what a study note adds beyond the article (never to be shown as the article's claim)."""

    @property
    def deck(self) -> str:
        """The section the card belongs to: its deck."""
        return self.source.split(".", 1)[0]

    @property
    def item_id(self) -> str:
        return self.source.split(".", 1)[1] if "." in self.source else ""


class Term(NamedTuple):
    """One glossary entry: a word the material uses, explained."""

    id: str
    """Stable id, shared by every language, in the same order."""
    term: str
    """The word or phrase, as the material writes it (e.g. ``load balancing``)."""
    meaning: str
    """What it means, in this language."""
    see: str = ""
    """Where it is used, ``<section>.<item>`` (e.g. ``duties.api``); empty when nowhere in
    particular."""
    line: int = 0
    """Line of the term's ``id`` in ``glossary.toml`` (for messages)."""


class Language(NamedTuple):
    """All material in one language."""

    code: str
    sections: dict[str, Section]
    """Keyed by section id, in tab order."""
    cards: tuple[Card, ...] = ()
    terms: tuple[Term, ...] = ()
    """The glossary, in file order; empty when the language has no ``glossary.toml``."""

    @property
    def name(self) -> str:
        return LANGUAGE_NAMES.get(self.code, self.code)

    def card(self, card_id: str) -> Card | None:
        return next((c for c in self.cards if c.id == card_id), None)


@dataclass(frozen=True, slots=True)
class Content:
    """The whole study material, every language, validated."""

    root: Path
    languages: dict[str, Language]

    def __getitem__(self, lang: str) -> Language:
        return self.languages[lang]
