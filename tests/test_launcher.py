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


def _styles_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Where the app parsed its styles from, for one headless run to its first frame."""
    import asyncio

    import textual.css.stylesheet
    from helpers.app import FIXTURE_CONTENT, build_app

    from backend_tui.content import load_content

    parsed: list[object] = []
    real_parse = textual.css.stylesheet.parse

    def counting_parse(scope: str, css: str, read_from: object, **kwargs: object):  # type: ignore[no-untyped-def]
        parsed.append(read_from)
        return real_parse(scope, css, read_from, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(textual.css.stylesheet, "parse", counting_parse)
    app = build_app(tmp_path, load_content(FIXTURE_CONTENT))

    async def first_frame() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()

    asyncio.run(first_frame())
    return parsed


def test_after_the_warm_up_an_app_parses_no_styles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from helpers.app import FIXTURE_CONTENT

    from backend_tui.content import load_content
    from backend_tui.launcher import warm_up
    from backend_tui.ui.app import StudyApp

    monkeypatch.setattr(StudyApp, "_shared_css_rules", None)
    # Without the launcher's warm-up, every app parses its own .tcss files.
    assert any("app.tcss" in str(where) for where in _styles_parsed(tmp_path / "a", monkeypatch))
    warm_up({FIXTURE_CONTENT: load_content(FIXTURE_CONTENT)})
    assert _styles_parsed(tmp_path / "b", monkeypatch) == []
