"""The pty bridge: one stand-in app per session, resizing, clean environment,
exit status, and nothing left behind when either side goes away."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path

import asyncssh
import pytest
from helpers.ssh import (
    LAUNCHERS,
    Terminal,
    connect,
    make_key,
    open_fds,
    open_terminal,
    pid_gone,
    process_dead,
    running_server,
    standin_argv,
    wait_until,
)

from backend_tui.ssh.child import FALLBACK_TERM, child_env, safe_term
from backend_tui.ssh.server import ClassServer
from backend_tui.ssh.session import exit_status


def _only_pid(server: ClassServer) -> int:
    (session,) = server.sessions
    assert session.child is not None
    return session.child.pid


@LAUNCHERS
async def test_session_runs_app_with_clean_env_and_resizes(tmp_path: Path, launcher: str) -> None:
    async with running_server(
        tmp_path, launcher=launcher, child_argv=standin_argv(tmp_path)
    ) as server:
        conn = await connect(server, "alice", make_key())
        chan, term = await open_terminal(
            conn,
            term="screen-256color",
            env={"LD_PRELOAD": "/tmp/evil.so", "PYTHONPATH": "/tmp", "COLUMNS": "10"},
        )
        await wait_until(lambda: "STANDIN 80x24" in term.text())
        text = term.text()
        assert "TERM=screen-256color" in text
        assert "ENV=BACKEND_TUI_CACHE_DIR,HOME,LANG,PATH,TERM" in text
        assert "CWD=profiles/alice" in text
        (session,) = server.sessions
        assert session.child is not None and session.child.forked == (launcher == "fork")

        chan.write(b"hi")
        await wait_until(lambda: "KEYS=hi" in term.text())

        chan.change_terminal_size(120, 40)
        term.resize(120, 40)
        await wait_until(lambda: "STANDIN 120x40" in term.text())

        chan.write(b"q")
        await wait_until(term.closed.is_set)
        assert chan.get_exit_status() == 0
        conn.close()


@LAUNCHERS
async def test_keys_typed_while_the_app_starts_reach_it(tmp_path: Path, launcher: str) -> None:
    async with running_server(
        tmp_path, launcher=launcher, child_argv=standin_argv(tmp_path)
    ) as server:
        conn = await connect(server, "kim", make_key())

        class Eager(Terminal):
            def connection_made(self, chan: asyncssh.SSHClientChannel[bytes]) -> None:
                # Sent as soon as the channel opens, before the shell request,
                # so it reaches the server before the app can exist.
                super().connection_made(chan)
                chan.write(b"early")

        _chan, term = await conn.create_session(
            Eager, term_type="xterm", term_size=(80, 24), encoding=None
        )
        await wait_until(lambda: "KEYS=early" in term.text())
        conn.close()


async def test_connection_without_session_is_dropped(tmp_path: Path) -> None:
    async with running_server(tmp_path, login_timeout=0.3) as server:
        conn = await connect(server, "lee", make_key())
        await asyncio.wait_for(conn.wait_closed(), 10)
        assert not server.connections


@LAUNCHERS
async def test_app_exit_status_reaches_client(tmp_path: Path, launcher: str) -> None:
    async with running_server(
        tmp_path, launcher=launcher, child_argv=standin_argv(tmp_path)
    ) as server:
        conn = await connect(server, "bob", make_key())
        chan, term = await open_terminal(conn)
        await wait_until(lambda: "STANDIN" in term.text())
        chan.write(b"x")
        await wait_until(term.closed.is_set)
        assert chan.get_exit_status() == 3
        conn.close()


@LAUNCHERS
async def test_client_abort_ends_child_and_frees_fds(tmp_path: Path, launcher: str) -> None:
    before = open_fds()
    async with running_server(
        tmp_path, launcher=launcher, child_argv=standin_argv(tmp_path)
    ) as server:
        listening = open_fds()
        conn = await connect(server, "carol", make_key())
        _chan, term = await open_terminal(conn)
        await wait_until(lambda: "STANDIN" in term.text())
        pid = _only_pid(server)
        conn.abort()
        await wait_until(lambda: pid_gone(pid))
        await wait_until(lambda: not server.sessions and not server.connections)
        await wait_until(lambda: open_fds() == listening)
    assert open_fds() == before


@LAUNCHERS
async def test_app_that_ignores_hangup_is_killed_after_the_grace(
    tmp_path: Path, launcher: str
) -> None:
    stubborn = (
        "import signal, sys, time\n"
        "signal.signal(signal.SIGHUP, signal.SIG_IGN)\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "sys.stdout.write('STUBBORN\\r\\n'); sys.stdout.flush()\n"
        "time.sleep(120)\n"
    )
    argv = [sys.executable, "-c", stubborn]
    async with running_server(
        tmp_path, launcher=launcher, child_argv=lambda _profile: argv, stop_grace=0.3
    ) as server:
        conn = await connect(server, "max", make_key())
        _chan, term = await open_terminal(conn)
        await wait_until(lambda: "STUBBORN" in term.text())
        pid = _only_pid(server)
        conn.abort()
        await wait_until(lambda: pid_gone(pid))
        await wait_until(lambda: not server.sessions)


@LAUNCHERS
async def test_processes_the_app_left_behind_are_ended(tmp_path: Path, launcher: str) -> None:
    leaver = (
        "import signal, subprocess, sys\n"
        # The helper ignores the hangup the kernel sends when the app exits.
        "signal.signal(signal.SIGHUP, signal.SIG_IGN)\n"
        "helper = subprocess.Popen(['sleep', '120'])\n"
        "sys.stdout.write(f'HELPER {helper.pid} END\\r\\n'); sys.stdout.flush()\n"
        "sys.stdin.read(1)\n"
    )
    argv = [sys.executable, "-c", leaver]
    async with running_server(
        tmp_path, launcher=launcher, child_argv=lambda _profile: argv
    ) as server:
        conn = await connect(server, "ned", make_key())
        chan, term = await open_terminal(conn)
        await wait_until(lambda: "END" in term.text())
        helper = int(term.text().split("HELPER ", 1)[1].split()[0])
        assert not process_dead(helper)
        chan.write(b"x\r")
        await wait_until(term.closed.is_set)
        await wait_until(lambda: process_dead(helper))
        conn.close()


def _slow_starter(draws: bool) -> Callable[[str], list[str]]:
    # A first screen is a few KB; this app draws one only when asked to.
    padding = "x" * 4096 if draws else ""
    app = (
        "import sys, time\n"
        f"sys.stdout.write('UP{padding}\\r\\n'); sys.stdout.flush()\n"
        "time.sleep(60)\n"
    )
    return lambda _profile: [sys.executable, "-c", app]


async def test_next_app_starts_once_the_first_has_drawn(tmp_path: Path) -> None:
    async with running_server(
        tmp_path, child_argv=_slow_starter(True), starting_at_once=1, start_bound=60
    ) as server:
        first = await connect(server, "olga", make_key())
        _chan1, term1 = await open_terminal(first)
        await wait_until(lambda: b"UP" in term1.raw)
        second = await connect(server, "pia", make_key())
        _chan2, term2 = await open_terminal(second)
        # Far sooner than the 60 s bound: the slot was freed by the first screen.
        await wait_until(lambda: b"UP" in term2.raw)
        first.close()
        second.close()


async def test_queued_learner_is_told_and_started_after_the_bound(tmp_path: Path) -> None:
    async with running_server(
        tmp_path, child_argv=_slow_starter(False), starting_at_once=1, start_bound=3
    ) as server:
        first = await connect(server, "quinn", make_key())
        _chan1, term1 = await open_terminal(first)
        await wait_until(lambda: "UP" in term1.text())
        second = await connect(server, "rosa", make_key())
        _chan2, term2 = await open_terminal(second)
        await wait_until(lambda: b"backend-tui: starting, one moment..." in term2.raw)
        assert "UP" not in term2.text()
        await wait_until(lambda: "UP" in term2.text())
        first.close()
        second.close()


@LAUNCHERS
async def test_idle_timeout_asks_app_to_exit(tmp_path: Path, launcher: str) -> None:
    async with running_server(
        tmp_path, launcher=launcher, child_argv=standin_argv(tmp_path), idle_timeout=0.3
    ) as server:
        conn = await connect(server, "dana", make_key())
        chan, term = await open_terminal(conn)
        await wait_until(lambda: "STANDIN" in term.text())
        pid = _only_pid(server)
        await wait_until(term.closed.is_set)
        assert term.stderr.endswith(
            b"backend-tui: no key pressed for 0.3 seconds; your progress is saved. Goodbye.\r\n"
        )
        # The stand-in has no SIGTERM handler and ends by the signal, as asked:
        # not a crash, so the client's status is 0 (not 143).
        assert chan.get_exit_status() == 0
        await wait_until(lambda: pid_gone(pid))
        conn.close()


@LAUNCHERS
async def test_server_stop_tells_each_learner_and_ends_apps(tmp_path: Path, launcher: str) -> None:
    async with running_server(
        tmp_path, launcher=launcher, child_argv=standin_argv(tmp_path)
    ) as server:
        terms = []
        for name in ("erin", "finn"):
            conn = await connect(server, name, make_key())
            chan, term = await open_terminal(conn)
            terms.append((chan, term))
        await wait_until(lambda: all("STANDIN" in t.text() for _, t in terms))
        pids = [s.child.pid for s in server.sessions if s.child is not None]
        assert len(pids) == 2
        await server.stop()
        for chan, term in terms:
            await wait_until(term.closed.is_set)
            assert term.stderr.endswith(
                b"backend-tui: the server is shutting down; your progress is saved. Goodbye.\r\n"
            )
            assert chan.get_exit_status() == 0
        assert all(pid_gone(pid) for pid in pids)


async def test_max_sessions_refuses_with_message(tmp_path: Path) -> None:
    async with running_server(
        tmp_path, child_argv=standin_argv(tmp_path), max_sessions=1
    ) as server:
        first = await connect(server, "gus", make_key())
        _chan, term = await open_terminal(first)
        await wait_until(lambda: "STANDIN" in term.text())

        second = await connect(server, "hana", make_key())
        chan2, term2 = await open_terminal(second)
        await wait_until(term2.closed.is_set)
        assert b"the server is full (1 learners)" in term2.stderr
        assert chan2.get_exit_status() == 1
        assert "STANDIN" not in term2.text()
        first.close()
        second.close()


async def test_one_session_per_connection(tmp_path: Path) -> None:
    async with running_server(tmp_path, child_argv=standin_argv(tmp_path)) as server:
        conn = await connect(server, "ivan", make_key())
        _chan, term = await open_terminal(conn)
        await wait_until(lambda: "STANDIN" in term.text())
        with pytest.raises(asyncssh.ChannelOpenError, match="one session per connection"):
            await open_terminal(conn)
        conn.close()


async def test_app_that_cannot_start_gives_message(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-program")
    async with running_server(tmp_path, child_argv=lambda _profile: [missing]) as server:
        conn = await connect(server, "jo", make_key())
        chan, term = await open_terminal(conn)
        await wait_until(term.closed.is_set)
        assert b"the app could not be started" in term.stderr
        assert chan.get_exit_status() == 1
        assert not server.sessions
        conn.close()


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("xterm-256color", "xterm-256color"),
        ("screen.xterm-256color", "screen.xterm-256color"),
        ("rxvt-unicode", "rxvt-unicode"),
        ("", FALLBACK_TERM),
        (None, FALLBACK_TERM),
        ("dumb", FALLBACK_TERM),
        ("xterm;rm -rf /", FALLBACK_TERM),
        ("../../etc/terminfo", FALLBACK_TERM),
        ("x" * 65, FALLBACK_TERM),
        ("xterm\n", FALLBACK_TERM),
    ],
)
def test_term_is_validated(term: str | None, expected: str) -> None:
    assert safe_term(term) == expected


def test_child_env_is_built_from_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEXTUAL_DRIVER", "evil")
    monkeypatch.setenv("COLUMNS", "10")
    env = child_env("xterm", tmp_path / "home", tmp_path / "cache")
    assert env == {
        "TERM": "xterm",
        "LANG": "C.UTF-8",
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(tmp_path / "home"),
        "BACKEND_TUI_CACHE_DIR": str(tmp_path / "cache"),
    }


def test_child_env_names_the_servers_language(tmp_path: Path) -> None:
    """`serve --lang id`: the app's locale rule then starts a new learner in Indonesian."""
    from backend_tui.cli import detect_lang

    env = child_env("xterm", tmp_path / "home", tmp_path / "cache", "id")
    assert env["LANG"] == "C.UTF-8"  # the terminal's encoding stays UTF-8 whatever is installed
    assert detect_lang(env) == "id"
    assert detect_lang(child_env("xterm", tmp_path, tmp_path, "en")) == "en"


@pytest.mark.parametrize(("returncode", "status"), [(0, 0), (3, 3), (-15, 143), (None, 1)])
def test_exit_status(returncode: int | None, status: int) -> None:
    assert exit_status(returncode) == status
