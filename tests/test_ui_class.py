"""The teacher's live overview (`backend-tui class`): rows, sorting by key, both
languages, new answers picked up on the next look, and a snapshot at 80x24."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.classroom import class_of_three
from helpers.study import Clock, fixture_content, open_at

from backend_tui import classroom
from backend_tui.ui.class_app import ClassApp
from backend_tui.ui.screens.class_overview import ClassOverviewScreen, ago

NOW = dt.datetime(2026, 11, 2, 12, 30, tzinfo=dt.UTC)
KEYS = {"alice": "SHA256:Al1ceKeyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "bob": "SHA256:B0bKeyBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"}  # fmt: skip


@pytest.fixture
def class_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Three learners whose files last changed at fixed times, with fixed keys."""
    class_of_three(tmp_path)
    seen = {"alice": NOW - dt.timedelta(minutes=5), "bob": NOW - dt.timedelta(hours=3)}
    for name, when in seen.items():
        for path in (tmp_path / "profiles" / name).rglob("*"):
            os.utime(path, (when.timestamp(), when.timestamp()))
    monkeypatch.setattr(classroom, "bound_names", lambda _data: dict(KEYS))
    # The title shows the local time of the last look.
    zone = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield tmp_path
    if zone is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = zone
    time.tzset()


def _app(data: Path, lang: str = "en") -> ClassApp:
    return ClassApp(data, fixture_content(), lang, now=lambda: NOW)


def _order(app: ClassApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, ClassOverviewScreen)
    return [row["profile"] for row in screen.rows()]


def test_overview_snapshot(snap_compare, class_dir: Path) -> None:
    assert snap_compare(_app(class_dir), terminal_size=(80, 24))


def test_overview_snapshot_in_indonesian_sorted_by_reviews(snap_compare, class_dir: Path) -> None:
    assert snap_compare(_app(class_dir, "id"), press=["r"], terminal_size=(80, 24))


async def test_keys_sort_and_the_same_key_turns_the_order_round(class_dir: Path) -> None:
    app = _app(class_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        assert _order(app) == ["alice", "bob", "carol"]
        await pilot.press("r")
        assert _order(app) == ["alice", "bob", "carol"]  # most reviews first
        await pilot.press("r")
        assert _order(app) == ["carol", "bob", "alice"]
        await pilot.press("t")
        assert _order(app) == ["alice", "bob", "carol"]  # most recent first
        await pilot.press("n", "n")
        assert _order(app) == ["carol", "bob", "alice"]
        table = app.screen.query_one("#class-table")
        first = table.get_row_at(0)  # type: ignore[attr-defined]
        assert str(first[0]) == "carol"


async def test_l_switches_the_language_of_every_label(class_dir: Path) -> None:
    app = _app(class_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        title = app.screen.query_one("#class-title")
        assert "Class: 3 learners" in str(title.render())
        await pilot.press("l")
        assert "Kelas: 3 pelajar" in str(title.render())
        assert "Urutkan:" in str(app.screen.query_one("#class-keys").render())


async def test_deck_columns_are_headed_by_the_decks_names_in_the_language(
    class_dir: Path,
) -> None:
    app = _app(class_dir, "id")
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#class-table")

        def headings() -> list[str]:
            return [str(column.label) for column in table.columns.values()]  # type: ignore[attr-defined]

        assert "Peran" in headings()
        assert "Peran kuis terbaik/terakhir" in headings()
        assert not {"role", "career"} & set(headings())  # the decks' ids, English words
        await pilot.press("l")
        assert {"Role", "Career"} <= set(headings())


async def test_a_new_answer_shows_at_the_next_look(class_dir: Path) -> None:
    app = _app(class_dir)
    async with app.run_test(size=(80, 24)):
        screen = app.screen
        assert isinstance(screen, ClassOverviewScreen)
        assert not screen.check_for_changes()  # nothing changed since the first look

        review = open_at(class_dir, fixture_content(), Clock(), profile="carol")
        session = review.start_review("duties")
        session.answer(3)
        assert screen.check_for_changes()
        carol = next(r for r in screen.rows() if r["profile"] == "carol")
        assert carol["reviews_total"] == 1

        # A learner who logs in for the first time gets a row of their own.
        (class_dir / "profiles" / "dave").mkdir()
        assert screen.check_for_changes()
        assert "dave" in [r["profile"] for r in screen.rows()]


async def test_one_learner_is_not_counted_as_learners(
    class_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for profile in (class_dir / "profiles").iterdir():
        if profile.name != "alice":
            shutil.rmtree(profile)
    monkeypatch.setattr(classroom, "bound_names", lambda _data: {"alice": KEYS["alice"]})
    app = _app(class_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        title = app.screen.query_one("#class-title")
        assert "Class: 1 learner ·" in str(title.render())
        await pilot.press("l")
        assert "Kelas: 1 pelajar ·" in str(title.render())


async def test_an_empty_class_says_where_learners_will_appear(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)):
        empty = app.screen.query_one("#class-empty")
        assert empty.display
        assert "No learners yet" in str(empty.render())


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(10, "just now"), (300, "5 min ago"), (7200, "2 h ago"), (3 * 86400, "3 d ago")],
)
def test_last_seen_reads_as_time_ago(seconds: int, shown: str) -> None:
    then = (NOW - dt.timedelta(seconds=seconds)).isoformat()
    assert ago("en", then, NOW) == shown
    assert ago("en", None, NOW) == "-"
