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
