"""The app leaves cleanly on SIGTERM, as the SSH server and `kill` ask it to."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path


def _read_until(fd: int, marker: bytes, seen: bytearray, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while marker not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child closed the terminal
            return marker in seen
        if not chunk:
            return marker in seen
        seen += chunk
    return True


def test_sigterm_restores_the_terminal_and_exits_143(tmp_path: Path) -> None:
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "backend_tui", "--data-dir", str(tmp_path), "--profile", "t"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    seen = bytearray()
    try:
        assert _read_until(master, b"Quit", seen), bytes(seen[-400:])
        proc.send_signal(signal.SIGTERM)
        # Leaving the alternate screen is the app giving the terminal back.
        assert _read_until(master, b"\x1b[?1049l", seen), bytes(seen[-400:])
        assert proc.wait(timeout=30) == 128 + signal.SIGTERM
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        os.close(master)


def _spawn_without_controlling_terminal(
    args: list[str], home: Path
) -> tuple[subprocess.Popen[bytes], int]:
    """The app on a pty it only inherits, in a session of its own: it is never the
    terminal's controlling process, so closing the master sends it no SIGHUP (as a
    closed tmux pane or pty does to an app that is not that terminal's foreground)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "backend_tui", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    return proc, master


def test_a_terminal_closed_without_sighup_ends_the_app_and_keeps_its_save(tmp_path: Path) -> None:
    """The terminal hangs up with no SIGHUP: input ends and every write fails. The
    app leaves as on a hang-up (it spun at ~90% CPU) and saves what it saves on the
    way out."""
    content = Path(__file__).resolve().parent / "fixtures" / "content"
    args = ["--content", str(content), "--data-dir", str(tmp_path), "--profile", "t"]
    proc, master = _spawn_without_controlling_terminal([*args, "--lang", "en"], tmp_path)
    seen = bytearray()
    try:
        assert _read_until(master, b"Quit", seen), bytes(seen[-400:])
        # A language switch is saved a moment later, or at once when the app
        # leaves cleanly; the master closes before that moment.
        os.write(master, b"l")
        assert _read_until(master, b"Keluar", seen), bytes(seen[-400:])
        os.close(master)
        master = -1
        assert proc.wait(timeout=30) == 128 + signal.SIGHUP
        prefs = tmp_path / "profiles" / "t" / "preferences.toml"
        assert 'lang = "id"' in prefs.read_text(encoding="utf-8")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        if master >= 0:
            os.close(master)


def test_the_class_overview_ends_when_its_terminal_closes_without_sighup(tmp_path: Path) -> None:
    content = Path(__file__).resolve().parent / "fixtures" / "content"
    args = ["class", "--content", str(content), "--data-dir", str(tmp_path), "--lang", "en"]
    proc, master = _spawn_without_controlling_terminal(args, tmp_path)
    seen = bytearray()
    try:
        assert _read_until(master, b"learners", seen), bytes(seen[-400:])
        os.close(master)
        master = -1
        assert proc.wait(timeout=30) == 128 + signal.SIGHUP
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        if master >= 0:
            os.close(master)
