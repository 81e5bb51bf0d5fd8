"""Start-up, memory and tab-switch latency of ``backend-tui`` in a real pseudo-terminal.

Compares against a bare Textual app showing one Static, measured in the same run:

    python bench/bench_startup.py [--runs 7] [--switches 24]

Time to first frame = from spawning the process until the first tab's text has
been written to the terminal. Memory = VmRSS / VmHWM of the process right after
that frame. Tab switch = from writing the key until the new tab's text arrives.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import textwrap
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

COLUMNS, LINES = 80, 24
TIMEOUT = 20.0
BARE_MARKER = "BARE-APP-READY"
BARE_APP = textwrap.dedent(
    f"""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("{BARE_MARKER}")

    Bare().run()
    """
)


@dataclass
class Run:
    first_frame: float
    cpu_first_frame: float
    """CPU seconds the process used up to its first frame: less sensitive to machine load."""
    rss_kib: int
    hwm_kib: int
    switches: list[float] = field(default_factory=list)
    switch_cpu: float = 0.0
    """CPU seconds used by all the tab switches together."""


class Terminal:
    """A child process on a pseudo-terminal of a fixed size, read without blocking."""

    def __init__(self, argv: Sequence[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.buffer = b""

    def read_until(self, marker: bytes, timeout: float = TIMEOUT) -> float:
        """Seconds (perf_counter) at which ``marker`` appeared in the output."""
        deadline = time.perf_counter() + timeout
        while marker not in self.buffer:
            left = deadline - time.perf_counter()
            if left <= 0:
                seen = re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b" ", self.buffer)[-600:]
                raise TimeoutError(f"{marker!r} not seen within {timeout}s; last output: {seen!r}")
            ready, _, _ = select.select([self.master], [], [], min(left, 0.5))
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # child closed the terminal
                    raise TimeoutError(f"terminal closed before {marker!r}") from None
                self.buffer += chunk
        return time.perf_counter()

    def drain(self, quiet: float = 0.15, limit: float = 3.0) -> None:
        """Read until the child has been silent for ``quiet`` seconds (bounded)."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([self.master], [], [], quiet)
            if not ready:
                break
            try:
                os.read(self.master, 65536)
            except OSError:
                break
        self.buffer = b""

    def send(self, data: bytes) -> float:
        now = time.perf_counter()
        os.write(self.master, data)
        return now

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        utime, stime = int(fields[11]), int(fields[12])
        return (utime + stime) / os.sysconf("SC_CLK_TCK")

    def memory(self) -> tuple[int, int]:
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        values = {}
        for line in status.splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
        return values.get("VmRSS", 0), values.get("VmHWM", 0)

    def close(self, quit_key: bytes | None = b"q") -> None:
        try:
            if quit_key and self.proc.poll() is None:
                self.send(quit_key)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.proc.wait(timeout=3)
            if self.proc.poll() is None:
                os.killpg(self.proc.pid, signal.SIGTERM)
                try:
                    self.proc.wait(timeout=3)
                except subprocess.TimeoutExpired:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                    self.proc.wait(timeout=3)
        finally:
            os.close(self.master)


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES), LANG="C.UTF-8")
    for name in ("NO_COLOR", "TEXTUAL", "TEXTUAL_DEBUG", "LC_ALL", "LC_MESSAGES"):
        env.pop(name, None)
    return env


def measure(
    argv: Sequence[str], marker: str, switches: Sequence[tuple[bytes, str]] = (), quit_key=b"q"
) -> Run:
    term = Terminal(argv, child_env())
    try:
        seen = term.read_until(marker.encode())
        cpu = term.cpu_seconds()
        rss, hwm = term.memory()
        run = Run(seen - term.started, cpu, rss, hwm)
        for key, tab_marker in switches:
            term.drain()
            before = term.cpu_seconds()
            sent = term.send(key)
            run.switches.append(term.read_until(tab_marker.encode()) - sent)
            term.drain()  # let the repaint finish before reading the CPU it cost
            run.switch_cpu += term.cpu_seconds() - before
        return run
    finally:
        term.close(quit_key)


def p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def tab_markers() -> dict[str, str]:
    """Text each tab shows near its top (the section titles of the English material)."""
    from backend_tui import paths
    from backend_tui.content import load_content

    english = load_content(paths.bundled_content_dir())["en"]
    # A styled run is written contiguously; the first words of a heading are enough.
    return {sid: " ".join(s.title.split()[:3]) for sid, s in english.sections.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--switches", type=int, default=24)
    args = parser.parse_args(argv)

    exe = shutil.which("backend-tui", path=str(Path(sys.executable).parent)) or "backend-tui"
    markers = tab_markers()
    order = [("2", "duties"), ("3", "skills"), ("4", "career"), ("1", "role")]
    keys = [(k.encode(), markers[t]) for k, t in order] * (args.switches // len(order) + 1)
    keys = keys[: args.switches]

    with tempfile.TemporaryDirectory(prefix="bt-bench-") as tmp:
        bare_script = Path(tmp) / "bare_app.py"
        bare_script.write_text(BARE_APP)
        ours_argv = [exe, "--data-dir", str(Path(tmp) / "data"), "--lang", "en"]
        bare_runs: list[Run] = []
        ours_runs: list[Run] = []
        # Interleaved so both see the same machine load.
        for n in range(args.runs):
            bare_runs.append(measure([sys.executable, str(bare_script)], BARE_MARKER))
            ours_runs.append(
                measure(ours_argv, markers["role"], keys if n == 0 else (), quit_key=b"q")
            )

    def row(name: str, ours: Sequence[float], bare: Sequence[float], unit: str, target: str) -> str:
        mo, mb = statistics.median(ours), statistics.median(bare)
        return (
            f"| {name} | {mo:.1f} {unit} | {p95(ours):.1f} {unit} | {mb:.1f} {unit} "
            f"| {p95(bare):.1f} {unit} | {mo / mb:.2f}x | {target} |"
        )

    print(f"backend-tui vs bare Textual app, {COLUMNS}x{LINES} pty, {args.runs} runs each\n")
    print("| measure | backend-tui median | p95 | bare median | p95 | ratio | target |")
    print("|---|---|---|---|---|---|---|")
    print(
        row(
            "first frame",
            [r.first_frame * 1000 for r in ours_runs],
            [r.first_frame * 1000 for r in bare_runs],
            "ms",
            "<= 1.15x",
        )
    )
    print(
        row(
            "CPU time to first frame",
            [r.cpu_first_frame * 1000 for r in ours_runs],
            [r.cpu_first_frame * 1000 for r in bare_runs],
            "ms",
            "",
        )
    )
    print(
        row(
            "VmRSS after first frame",
            [r.rss_kib / 1024 for r in ours_runs],
            [r.rss_kib / 1024 for r in bare_runs],
            "MiB",
            "<= 1.25x",
        )
    )
    print(
        row(
            "VmHWM after first frame",
            [r.hwm_kib / 1024 for r in ours_runs],
            [r.hwm_kib / 1024 for r in bare_runs],
            "MiB",
            "",
        )
    )
    switches = [s * 1000 for s in ours_runs[0].switches]
    print(
        f"\ntab switch, key to new tab's text ({len(switches)} samples, keys 2 3 4 1 ...): "
        f"median {statistics.median(switches):.1f} ms, p95 {p95(switches):.1f} ms "
        f"(target median <= 50 ms); CPU per switch, mean: "
        f"{ours_runs[0].switch_cpu / max(1, len(switches)) * 1000:.1f} ms"
    )
    shown_before = switches[len(order) :]
    if shown_before:
        print(
            f"  of which to a tab shown before ({len(shown_before)} samples): "
            f"median {statistics.median(shown_before):.1f} ms, p95 {p95(shown_before):.1f} ms"
        )
    print(f"load average during the run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
