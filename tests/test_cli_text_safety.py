"""The command line prints outside strings (paths, warnings) as text: markup is not
read, control characters are shown as stand-ins and escaped in JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.study import FIXTURE, Clock, fixture_content, open_at

from backend_tui.cli import main

HOSTILE = "data [red]x[/] :smile: \x1b]0;owned\x07 \x9b2J \u202eevil"


def _damaged_profile(data: Path) -> None:
    service = open_at(data, fixture_content(), Clock())
    service.start_review("duties").answer(3)
    (data / "profiles" / "learner" / "progress.toml").write_text("nonsense = [")


def test_stats_prints_a_hostile_path_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "1000")  # one warning, one line
    data = tmp_path / HOSTILE
    _damaged_profile(data)
    code = main(
        ["stats", "--data-dir", str(data), "--profile", "learner", "--content", str(FIXTURE)]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    warning = next(line for line in out.splitlines() if line.startswith("warning:"))
    assert "data [red]x[/] :smile: ␛]0;owned␇ \ufffd2J \ufffdevil" in warning
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in out + err


def test_stats_json_escapes_control_characters_and_keeps_the_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / HOSTILE
    _damaged_profile(data)
    args = ["--data-dir", str(data), "--profile", "learner", "--content", str(FIXTURE)]
    assert main(["stats", "--json", *args]) == 0
    out = capsys.readouterr().out
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in out
    assert "\\u009b" in out and "\\u202e" in out
    [warning] = json.loads(out)["warnings"]
    assert str(data) in warning  # the same data, only escaped


def test_check_prints_a_hostile_folder_name_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / HOSTILE
    assert main(["check", str(missing)]) == 1
    err = capsys.readouterr().err
    assert "␛]0;owned␇" in err and "[red]x[/]" in err
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in err
