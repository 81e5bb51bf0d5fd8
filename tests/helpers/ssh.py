"""Shared pieces for the SSH tests (no tests here): a stand-in app, a client
terminal backed by pyte, and a server running in the test's own event loop."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import textwrap
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import asyncssh
import pyte
import pytest

from backend_tui.ssh.config import ServeConfig
from backend_tui.ssh.server import ClassServer

# A tiny full-screen program standing in for the app: raw mode, redraws on
# SIGWINCH, shows the size, TERM and the names of its environment variables.
STANDIN = textwrap.dedent(
    """
    import os, signal, sys, termios, tty
    # TCSANOW, as the app does: keys typed before this point must survive.
    tty.setraw(0, termios.TCSANOW)
    keys = []
    def show(*_):
        cols, rows = os.get_terminal_size(0)
        names = ",".join(sorted(os.environ))
        where = "/".join(os.getcwd().split("/")[-2:])
        sys.stdout.write(
            f"\\x1b[2J\\x1b[HSTANDIN {cols}x{rows}\\r\\nTERM={os.environ.get('TERM')}"
            f"\\r\\nENV={names}\\r\\nCWD={where}\\r\\nKEYS={''.join(keys)}\\r\\n"
        )
        sys.stdout.flush()
    signal.signal(signal.SIGWINCH, show)
    show()
    while True:
        data = os.read(0, 100).decode()
        if not data:
            sys.exit(5)
        for key in data:
            if key == "q":
                sys.exit(0)
            if key == "x":
                sys.exit(3)
            keys.append(key)
        show()
    """
)


LAUNCHERS = pytest.mark.parametrize("launcher", ["exec", "fork"])
"""Runs a test once with a fresh process per session and once with the launcher."""


def standin_argv(tmp_path: Path) -> Callable[[str], list[str]]:
    script = tmp_path / "standin.py"
    script.write_text(STANDIN, encoding="utf-8")
    return lambda profile: [sys.executable, str(script), profile]


def make_key() -> asyncssh.SSHKey:
    return asyncssh.generate_private_key("ssh-ed25519")


async def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Poll ``condition`` until true; fail after ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        await asyncio.sleep(0.02)


@contextlib.asynccontextmanager
async def running_server(tmp_path: Path, **overrides: Any) -> AsyncIterator[ClassServer]:
    # A fresh process per session unless a test asks for the launcher: starting
    # it costs every server an import of the app.
    config = ServeConfig(data_dir=tmp_path / "data", port=0, launcher="exec")
    server = ClassServer(replace(config, **overrides))
    server.prepare()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


class Terminal(asyncssh.SSHClientSession[bytes]):
    """What a learner's terminal would show, via pyte."""

    def __init__(self, columns: int = 80, rows: int = 24) -> None:
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.stderr = b""
        self.raw = b""
        self.closed = asyncio.Event()
        self.chan: asyncssh.SSHClientChannel[bytes] | None = None

    def connection_made(self, chan: asyncssh.SSHClientChannel[bytes]) -> None:
        self.chan = chan

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        if datatype == asyncssh.EXTENDED_DATA_STDERR:
            self.stderr += data
        else:
            self.raw += data
            self.stream.feed(data)

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed.set()

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def resize(self, columns: int, rows: int) -> None:
        self.screen.resize(rows, columns)


async def connect(
    server: ClassServer, username: str, key: asyncssh.SSHKey | None, **kwargs: Any
) -> asyncssh.SSHClientConnection:
    options: dict[str, Any] = {"agent_path": None, "known_hosts": None, "config": []}
    options.update(kwargs)
    return await asyncssh.connect(
        "127.0.0.1",
        server.port,
        username=username,
        client_keys=[key] if key is not None else [],
        **options,
    )


async def open_terminal(
    conn: asyncssh.SSHClientConnection,
    columns: int = 80,
    rows: int = 24,
    term: str = "xterm-256color",
    **kwargs: Any,
) -> tuple[asyncssh.SSHClientChannel[bytes], Terminal]:
    chan, session = await conn.create_session(
        lambda: Terminal(columns, rows),
        term_type=term,
        term_size=(columns, rows),
        encoding=None,
        **kwargs,
    )
    return chan, session


def open_fds() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


def pid_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # A zombie still answers kill(0); it counts as gone only once reaped.
    return False


def process_dead(pid: int) -> bool:
    """Gone or a zombie: for grandchildren, whose reaping is up to init."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"
