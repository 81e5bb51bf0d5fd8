"""Numbers, dates, durations and counts written the way each language writes them.

Indonesian groups thousands with ``.`` and writes decimals with ``,`` (16.500; 1,5),
English the reverse. CLDR (through Babel) is the reference and the tests compare
with it; this small formatter does only what the app shows, without loading Babel
and its locale data at start.
"""

from __future__ import annotations

import datetime as dt
import re

from backend_tui.ui.strings import text

_SEPARATORS = {"en": str.maketrans(",.", ",."), "id": str.maketrans(",.", ".,")}
"""Per language: Python's ``,`` (thousands) and ``.`` (decimals) as the language writes them."""

_INTERVAL = re.compile(r"(\d+(?:\.\d+)?)(mo|m|h|d|y)")
_INTERVAL_KEYS = {
    "m": "interval_minutes",
    "h": "interval_hours",
    "d": "interval_days",
    "mo": "interval_months",
    "y": "interval_years",
}


def number(lang: str, value: float, decimals: int = 0) -> str:
    """``16,500`` in English, ``16.500`` in Indonesian (rounded to ``decimals``)."""
    return f"{value:,.{decimals}f}".translate(_SEPARATORS.get(lang, _SEPARATORS["en"]))


def percent(value: float | None) -> str:
    """``"87%"`` (the same in both languages), or a dash when there is no score yet."""
    return "-" if value is None else f"{round(value)}%"


def date(lang: str, day: dt.date) -> str:
    """``Jan 5, 2025`` in English, ``5 Jan 2025`` in Indonesian (CLDR's medium date)."""
    month = text(lang, "months").split()[day.month - 1]
    return text(lang, "date", day=day.day, month=month, year=day.year)


def count(lang: str, n: int, one: str, many: str) -> str:
    """``n`` with the catalogue's singular (``one``) or plural (``many``) wording."""
    return text(lang, one if n == 1 else many, n=number(lang, n))


def duration(lang: str, seconds: float) -> str:
    """``45s``, ``3m 05s`` or ``1h 02m`` (Indonesian: ``3 mnt 05 dtk``)."""
    whole = max(0, round(seconds))
    if whole < 60:
        return text(lang, "seconds", s=whole)
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return text(lang, "minutes_seconds", m=minutes, s=f"{secs:02d}")
    hours, minutes = divmod(minutes, 60)
    return text(lang, "hours_minutes", h=hours, m=f"{minutes:02d}")


def interval(lang: str, label: str) -> str:
    """The study schedule's short interval (``10m``, ``4d``, ``3mo``, ``1.5y``) in ``lang``.

    The schedule writes its labels in one fixed form; an unknown form is shown as it is.
    """
    found = _INTERVAL.fullmatch(label)
    if found is None:
        return label
    amount, unit = found.groups()
    decimals = len(amount.partition(".")[2])
    return text(lang, _INTERVAL_KEYS[unit], n=number(lang, float(amount), decimals))
