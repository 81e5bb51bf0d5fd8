"""The snapshot format on its own: progress.toml text <-> Progress, versions, migrations."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from helpers.study import T0

from backend_tui.study import snapshot
from backend_tui.study.records import CardState, Mark, Quiz
from backend_tui.study.snapshot import SNAPSHOT_HEADER, Progress, SaveFileError


def _progress() -> Progress:
    progress = Progress(reviews_total=3, journal_seq=4)
    progress.cards["c-role-0"] = CardState(
        2, None, 3.2, 5.1, T0 + dt.timedelta(days=3), T0, 2, 0, T0.date(), "r2"
    )
    progress.add_day(T0.date(), 3)
    progress.quizzes["q1"] = Quiz("q1", "role", 5, 5, 4, True, T0, 6)
    progress.marks["c-role-1"] = Mark("c-role-1", T0, suspended=True)
    progress.marks["c-role-2"] = Mark("c-role-2", T0)  # taken back: not kept
    return progress


def test_text_round_trip_keeps_everything_but_marks_taken_back() -> None:
    progress = _progress()
    text = progress.to_toml(T0)
    assert text.startswith(SNAPSHOT_HEADER)
    back = Progress.from_toml(text)
    assert back.cards == progress.cards
    assert back.days == progress.days
    assert back.quizzes == progress.quizzes
    assert (back.reviews_total, back.journal_seq) == (3, 4)
    assert set(back.marks) == {"c-role-1"}
    assert not back.from_newer_release


def test_a_month_of_days_is_one_line() -> None:
    text = _progress().to_toml(T0)
    rows = [line for line in text.splitlines() if line.startswith("2026-11 = [")]
    assert len(rows) == 1 and rows[0].count(",") == 30


def test_an_older_version_is_migrated_step_by_step(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = tomllib.loads(_progress().to_toml(T0))
    raw["total"] = raw.pop("reviews_total")  # pretend version 1 called it "total"
    calls: list[int] = []

    def one(old: dict[str, object]) -> dict[str, object]:
        calls.append(1)
        old["count"] = old.pop("total")
        return old

    def two(old: dict[str, object]) -> dict[str, object]:
        calls.append(2)
        old["reviews_total"] = old.pop("count")
        return old

    monkeypatch.setattr(snapshot, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(snapshot.MIGRATIONS, 1, one)
    monkeypatch.setitem(snapshot.MIGRATIONS, 2, two)
    progress = Progress.from_raw(raw)
    assert calls == [1, 2]
    assert progress.reviews_total == 3 and progress.source_version == 3


def test_a_newer_version_is_read_and_said_to_be_newer() -> None:
    text = _progress().to_toml(T0).replace("schema_version = 1", "schema_version = 9")
    progress = Progress.from_toml(text)
    assert progress.source_version == 9 and progress.from_newer_release
    assert progress.reviews_total == 3


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda t: t.replace("schema_version = 1", 'schema_version = "1"'), "schema_version"),
        (lambda t: t + "\n[[broken", "not valid TOML"),
        (lambda t: t.replace("journal_seq = 4", "journal_seq = -4"), "whole numbers"),
        (lambda t: t.replace("2026-11 = ", "2026-13 = "), "is not a month"),
        (lambda t: "x = " + "[" * 40 + "]" * 40 + "\n" + t, "nested"),
    ],
)
def test_damage_is_a_save_file_error_that_says_what(change: object, why: str) -> None:
    assert callable(change)
    with pytest.raises(SaveFileError, match=why):
        Progress.from_toml(change(_progress().to_toml(T0)))
