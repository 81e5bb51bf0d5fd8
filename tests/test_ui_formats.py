"""Numbers, dates and durations per language, checked against CLDR (Babel) as the oracle."""

from __future__ import annotations

import datetime as dt

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from backend_tui.study.service import interval_label
from backend_tui.ui.formats import count, date, duration, interval, number

LANGS = ["en", "id"]


@pytest.mark.parametrize("lang", LANGS)
@given(value=st.integers(min_value=-(10**12), max_value=10**12))
def test_whole_numbers_match_cldr(lang: str, value: int) -> None:
    assert number(lang, value) == format_decimal(value, locale=lang)


@pytest.mark.parametrize("lang", LANGS)
@given(value=st.decimals(min_value=-(10**9), max_value=10**9, places=1, allow_nan=False))
def test_one_decimal_matches_cldr(lang: str, value: object) -> None:
    written = number(lang, float(value), 1)  # type: ignore[arg-type]
    assert written == format_decimal(value, format="#,##0.0", locale=lang)


def test_the_figures_of_the_issue() -> None:
    assert number("id", 16_500) == "16.500"
    assert number("en", 16_500) == "16,500"
    assert number("id", 1.5, 1) == "1,5"


@pytest.mark.parametrize("lang", LANGS)
@given(day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_dates_match_cldr_medium(lang: str, day: dt.date) -> None:
    assert date(lang, day) == format_date(day, "medium", locale=lang)


def test_counts_and_durations() -> None:
    assert count("en", 1, "day", "days") == "1 day"
    assert count("en", 3, "day", "days") == "3 days"
    assert count("id", 1_200, "day", "days") == "1.200 hari"
    assert duration("en", 185) == "3m 05s"
    assert duration("id", 185) == "3 mnt 05 dtk"
    assert duration("id", 3725) == "1 j 02 mnt"


@pytest.mark.parametrize(
    ("delta", "en", "id_"),
    [
        (dt.timedelta(minutes=10), "10m", "10 mnt"),
        (dt.timedelta(hours=5), "5h", "5 j"),
        (dt.timedelta(days=4), "4d", "4 hr"),
        (dt.timedelta(days=90), "3mo", "3 bln"),
        (dt.timedelta(days=548), "1.5y", "1,5 th"),
    ],
)
def test_schedule_intervals_in_each_language(delta: dt.timedelta, en: str, id_: str) -> None:
    label = interval_label(delta)
    assert interval("en", label) == en
    assert interval("id", label) == id_
