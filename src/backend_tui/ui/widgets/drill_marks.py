"""Small text marks for study progress that read without colour."""

from __future__ import annotations

from backend_tui.content.model import Content
from backend_tui.safetext import visible
from backend_tui.ui.formats import percent
from backend_tui.ui.strings import text

HEAT_GLYPHS = "·░▒▓█"
"""No reviews, then four rising levels of activity."""

GRADE_KEYS: dict[int, str] = {1: "grade_1", 2: "grade_2", 3: "grade_3", 4: "grade_4"}
"""Each grade's catalogue key: Again, Hard, Good, Easy (Ulangi, Sulit, Baik, Mudah)."""


def heat_level(count: int, peak: int) -> int:
    """0 for no reviews, else 1..4 relative to the busiest day shown."""
    if count <= 0 or peak <= 0:
        return 0
    return min(4, max(1, -(-count * 4 // peak)))


def deck_label(content: Content, lang: str, deck: str) -> str:
    """A deck's name in the content language: its section's tab label, or "All"."""
    if deck == "all":
        return text(lang, "all_decks")
    section = content.languages[lang].sections.get(deck)
    return visible(section.tab if section else deck)


__all__ = ["GRADE_KEYS", "HEAT_GLYPHS", "deck_label", "heat_level", "percent"]
