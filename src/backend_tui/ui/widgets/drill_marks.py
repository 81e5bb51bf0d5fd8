"""Small text marks for study progress that read without colour."""

from __future__ import annotations

from backend_tui.content.model import Content

HEAT_GLYPHS = "·░▒▓█"
"""No reviews, then four rising levels of activity."""

GRADE_NAMES: dict[int, str] = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}

ALL_DECK_LABELS: dict[str, str] = {"id": "Semua", "en": "All"}


def heat_level(count: int, peak: int) -> int:
    """0 for no reviews, else 1..4 relative to the busiest day shown."""
    if count <= 0 or peak <= 0:
        return 0
    return min(4, max(1, -(-count * 4 // peak)))


def percent(value: float | None) -> str:
    """``"87%"``, or a dash when there is no score yet."""
    return "-" if value is None else f"{round(value)}%"


def duration(seconds: float) -> str:
    """``"45s"``, ``"3m 05s"`` or ``"1h 02m"``."""
    whole = max(0, round(seconds))
    if whole < 60:
        return f"{whole}s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes}m {secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m"


def deck_label(content: Content, lang: str, deck: str) -> str:
    """A deck's name in the content language: its section's tab label, or "All"."""
    if deck == "all":
        return ALL_DECK_LABELS.get(lang, ALL_DECK_LABELS["en"])
    section = content.languages[lang].sections.get(deck)
    return section.tab if section else deck
