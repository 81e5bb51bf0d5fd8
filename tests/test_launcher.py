"""The launcher's own pieces, in this process: reading a request and running a
program as `python` would (exit codes, errors)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from backend_tui.launcher import BadRequest, child_main, parse_request


@pytest.fixture(autouse=True)
def _own_argv(monkeypatch: pytest.MonkeyPatch) -> None:
    """A program run here sets sys.argv, as in a forked child; the test runner keeps its own."""
    monkeypatch.setattr(sys, "argv", list(sys.argv))


def test_a_request_names_what_to_run_where() -> None:
    data = b'{"argv": ["-m", "backend_tui"], "env": {"TERM": "xterm"}, "cwd": "/tmp"}'
    assert parse_request(data) == (["-m", "backend_tui"], {"TERM": "xterm"}, "/tmp")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff", "not JSON"),
        (b"[1]", "not an object"),
        (b'{"argv": [], "env": {}, "cwd": "/"}', "argv"),
        (b'{"argv": ["x", 1], "env": {}, "cwd": "/"}', "argv"),
        (b'{"argv": ["x"], "env": {"A": 1}, "cwd": "/"}', "env"),
        (b'{"argv": ["x"], "env": {}, "cwd": null}', "cwd"),
    ],
)
def test_bad_requests_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(BadRequest, match=message):
        parse_request(data)


@pytest.mark.parametrize(
    ("code", "status"),
    [
        ("pass", 0),
        ("import sys; sys.exit(7)", 7),
        ("import sys; sys.exit(None)", 0),
        ("raise KeyboardInterrupt", 130),
    ],
)
def test_exit_codes_are_those_of_python(code: str, status: int) -> None:
    assert child_main(["-c", code], {}) == status


def test_an_error_prints_its_traceback_and_gives_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert child_main(["-c", "raise ValueError('boom')"], {}) == 1
    assert "ValueError: boom" in capsys.readouterr().err


def test_a_message_exit_prints_it_and_gives_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert child_main(["-c", "raise SystemExit('bye now')"], {}) == 1
    assert "bye now" in capsys.readouterr().err


def test_a_script_gets_its_arguments(tmp_path: Path) -> None:
    script = tmp_path / "args.py"
    script.write_text("import sys\nsys.exit(len(sys.argv) * 10 + int(sys.argv[1]))\n")
    assert child_main([str(script), "4"], {}) == 24


def test_a_module_runs_as_main(capsys: pytest.CaptureFixture[str]) -> None:
    assert child_main(["-m", "this"], {}) == 0
    assert "Beautiful is better than ugly." in capsys.readouterr().out


def test_broken_material_stops_the_launcher_with_the_problems(tmp_path: Path) -> None:
    import socket
    import subprocess

    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    with ours, theirs:
        done = subprocess.run(
            [sys.executable, "-m", "backend_tui.launcher", "--control-fd", str(theirs.fileno()),
             "--content", str(tmp_path)],
            pass_fds=(theirs.fileno(),), capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.startswith("backend-tui launcher: ")
    assert "Traceback" not in done.stderr
