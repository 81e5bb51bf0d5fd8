from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from backend_tui.study.preferences import (
    Preferences,
    load_preferences,
    save_preferences,
)


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    result = load_preferences(tmp_path)
    assert result.preferences == Preferences() and result.warning is None


def test_leaving_out_note_cards_comes_back(tmp_path: Path) -> None:
    save_preferences(tmp_path, Preferences(note_cards=False))
    assert load_preferences(tmp_path).preferences == Preferences(note_cards=False)
    assert "note_cards = false" in (tmp_path / "preferences.toml").read_text()


def test_saved_choices_come_back(tmp_path: Path) -> None:
    save_preferences(tmp_path / "p", Preferences(lang="id", new_per_day=35))
    assert load_preferences(tmp_path / "p").preferences == Preferences("id", 35)
    assert not [p for p in (tmp_path / "p").iterdir() if p.name.endswith(".tmp")]


def test_extra_new_cards_for_a_day_come_back(tmp_path: Path) -> None:
    chosen = Preferences(more_new_day=dt.date(2026, 11, 2), more_new=20)
    save_preferences(tmp_path, chosen)
    assert load_preferences(tmp_path).preferences == chosen
    assert "more_new_day = 2026-11-02" in (tmp_path / "preferences.toml").read_text()


@pytest.mark.parametrize(
    "text",
    [
        'more_new_day = "tomorrow"',
        "more_new_day = 2026-11-02T10:00:00",
        "more_new = -10",
        "more_new = true",
        'lang = "fr"',
        "new_per_day = -1",
        "new_per_day = true",
        "note_cards = 1",
        'note_cards = "no"',
        "lang = [",
        "[" * 5000,
        "x" * 70000,
    ],
)
def test_a_damaged_file_is_moved_aside_with_a_warning(tmp_path: Path, text: str) -> None:
    (tmp_path / "preferences.toml").write_text(text)
    result = load_preferences(tmp_path)
    assert result.preferences == Preferences()
    assert result.warning is not None and "preferences.corrupt-" in result.warning
    assert not (tmp_path / "preferences.toml").exists()
    assert len(list(tmp_path.glob("preferences.corrupt-*.toml"))) == 1
