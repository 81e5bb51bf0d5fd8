"""The command line as a person uses it: exit codes and messages, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from backend_tui import __version__
from backend_tui.cli import detect_lang, main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"backend-tui {__version__}"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "id_ID.UTF-8"}, "id"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
        ({"LC_ALL": "id_ID.UTF-8", "LANG": "en_US.UTF-8"}, "id"),
        ({"LC_ALL": "", "LANG": "id_ID"}, "id"),
    ],
)
def test_language_from_locale(environ: dict[str, str], expected: str) -> None:
    assert detect_lang(environ) == expected


def test_unsafe_profile_is_refused_before_the_app_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "--profile", "../escape"]) == 2
    err = capsys.readouterr().err
    assert "profile name '../escape' is not allowed" in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_closed_pipe_is_not_a_traceback(tmp_path: Path, extra: list[str]) -> None:
    # The reader is gone before the command writes anything, as with `| head -c0`.
    proc = subprocess.Popen(
        [sys.executable, "-m", "backend_tui", "stats", "--data-dir", str(tmp_path), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={"BACKEND_TUI_PROFILE": "pipe", "PATH": "", "COLUMNS": "200"},
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err
    assert "BrokenPipeError" not in err


def test_unusable_data_folder_is_one_line_before_the_app_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    assert main(["--data-dir", str(blocker), "--profile", "ana"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"backend-tui: cannot save progress in {blocker}")
    assert "--data-dir" in err
    assert "Traceback" not in err
    assert blocker.read_text() == "a file where the data folder should be"
