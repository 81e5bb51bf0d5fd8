"""Start-up, memory and tab-switch latency of ``backend-tui`` in a real pseudo-terminal.

Compares against a bare Textual app showing one Static, measured in the same run:

    python bench/bench_startup.py [--runs 9] [--switches 24] [--switch-runs 3]

Time to first full frame = from spawning the process until the first tab's text
and the footer's keys have been written to the terminal; CPU time = user + system
time of the process by then (machine load disturbs it less than wall time).
Memory = VmRSS / VmHWM of the process right after that frame. Tab switch = from
writing the key until the new tab's text arrives; "settled" = until the last
byte of that repaint (the terminal then stays quiet). The load average is printed
with the results: wall times on a busy machine do not compare with an idle one's.
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
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

COLUMNS, LINES = 80, 24
TIMEOUT = 20.0
BARE_MARKER = "BARE-APP-READY"
FOOTER_MARKER = "Quit"
BARE_APP_TEMPLATE = """
import gc
{pause}
from textual.app import App, ComposeResult
from textual.widgets import Static

class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("{marker}")

    def on_mount(self) -> None:
        {resume}

Bare().run()
"""
BARE_APP = BARE_APP_TEMPLATE.format(pause="", resume="pass", marker=BARE_MARKER)
# The same bare app with the collector paused until its first frame, as backend-tui
# does: shows how much of the difference that setting makes, for a fair reading.
BARE_APP_GC_PAUSED = BARE_APP_TEMPLATE.format(
    pause="gc.disable()",
    resume="self.call_after_refresh(lambda: (gc.freeze(), gc.enable()))",
    marker=BARE_MARKER,
)


@dataclass
class Run:
    first_frame: float
    cpu_first_frame: float
    """CPU seconds the process used up to its first frame: less sensitive to machine load."""
    rss_kib: int
    hwm_kib: int
    first_text: float
    """When the first marker (the first tab's text) appeared, before the rest of the frame."""
    switches: list[float] = field(default_factory=list)
    settled: list[float] = field(default_factory=list)
    """Seconds from the key to the last byte of the repaint it caused."""
    switch_cpu: list[float] = field(default_factory=list)
    """CPU seconds each tab switch used."""


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

    def drain(self, quiet: float = 0.15, limit: float = 3.0) -> float:
        """Read until the child has been silent for ``quiet`` seconds (bounded).

        Returns when (perf_counter) the last byte arrived, or now if none did.
        """
        last = time.perf_counter()
        deadline = last + limit
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([self.master], [], [], quiet)
            if not ready:
                break
            try:
                os.read(self.master, 65536)
            except OSError:
                break
            last = time.perf_counter()
        self.buffer = b""
        return last

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
    argv: Sequence[str],
    markers: Sequence[str],
    switches: Sequence[tuple[bytes, str]] = (),
    quit_key=b"q",
) -> Run:
    """One start; the first frame is complete once every one of ``markers`` is on screen."""
    term = Terminal(argv, child_env())
    try:
        first_text = term.read_until(markers[0].encode())
        seen = max([first_text, *(term.read_until(m.encode()) for m in markers[1:])])
        cpu = term.cpu_seconds()
        rss, hwm = term.memory()
        run = Run(seen - term.started, cpu, rss, hwm, first_text - term.started)
        for key, tab_marker in switches:
            term.drain()
            before = term.cpu_seconds()
            sent = term.send(key)
            run.switches.append(term.read_until(tab_marker.encode()) - sent)
            # Let the repaint finish before reading the CPU it cost.
            run.settled.append(max(term.drain(), sent) - sent)
            run.switch_cpu.append(term.cpu_seconds() - before)
        return run
    finally:
        term.close(quit_key)


def compile_bytecode() -> None:
    """Compile the app's modules as ``pip install`` does, before anything is timed.

    Textual's modules come precompiled from their install. Ours, in an editable
    install with ``PYTHONDONTWRITEBYTECODE`` set, were compiled from source on every
    start (about 20 ms of the first frame): a cost no installed copy pays, and one
    the bare app never paid, so the ratio measured the setup rather than the app.
    """
    import compileall

    import backend_tui

    compileall.compile_dir(Path(backend_tui.__file__).parent, quiet=1)


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
    # Stopped from outside (timeout, kill), still end the app being measured: a
    # Textual app whose terminal closes without a hang-up can spin on a core and
    # skew every later measurement on the machine.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--switches", type=int, default=24, help="tab switches per run")
    parser.add_argument(
        "--switch-runs", type=int, default=3, help="how many of the runs also switch tabs"
    )
    args = parser.parse_args(argv)

    exe = shutil.which("backend-tui", path=str(Path(sys.executable).parent)) or "backend-tui"
    compile_bytecode()
    markers = tab_markers()
    order = [("2", "duties"), ("3", "skills"), ("4", "career"), ("1", "role")]
    keys = [(k.encode(), markers[t]) for k, t in order] * (args.switches // len(order) + 1)
    keys = keys[: args.switches]

    with tempfile.TemporaryDirectory(prefix="bt-bench-") as tmp:
        bare_script = Path(tmp) / "bare_app.py"
        bare_script.write_text(BARE_APP)
        bare_gc_script = Path(tmp) / "bare_app_gc_paused.py"
        bare_gc_script.write_text(BARE_APP_GC_PAUSED)
        ours_argv = [exe, "--data-dir", str(Path(tmp) / "data"), "--lang", "en"]
        bare_runs: list[Run] = []
        bare_gc_runs: list[Run] = []
        ours_runs: list[Run] = []
        load_before = os.getloadavg()
        # Interleaved so all three see the same machine load.
        for n in range(args.runs):
            bare_runs.append(measure([sys.executable, str(bare_script)], [BARE_MARKER]))
            bare_gc_runs.append(measure([sys.executable, str(bare_gc_script)], [BARE_MARKER]))
            ours_runs.append(
                measure(
                    ours_argv,
                    # The first tab's heading, and the footer's last key: a full frame.
                    [markers["role"], FOOTER_MARKER],
                    keys if n < args.switch_runs else (),
                    quit_key=b"q",
                )
            )
        load_after = os.getloadavg()

    def row(name: str, ours: Sequence[float], bare: Sequence[float], unit: str, target: str) -> str:
        mo, mb = statistics.median(ours), statistics.median(bare)
        return (
            f"| {name} | {mo:.1f} {unit} | {p95(ours):.1f} {unit} | {mb:.1f} {unit} "
            f"| {p95(bare):.1f} {unit} | {mo / mb:.2f}x | {target} |"
        )

    print(f"backend-tui vs bare Textual app, {COLUMNS}x{LINES} pty, {args.runs} runs each\n")
    print("| measure | backend-tui median | p95 | bare median | p95 | ratio | target |")
    print("|---|---|---|---|---|---|---|")
    rows: list[tuple[str, Callable[[Run], float], list[Run], str, str]] = [
        ("first full frame", lambda r: r.first_frame * 1000, bare_runs, "ms", "<= 1.15x"),
        (
            "first full frame, against the bare app with the collector paused too",
            lambda r: r.first_frame * 1000,
            bare_gc_runs,
            "ms",
            "(for reference)",
        ),
        (
            "first tab's text (footer may still be empty)",
            lambda r: r.first_text * 1000,
            bare_runs,
            "ms",
            "",
        ),
        ("CPU time to first frame", lambda r: r.cpu_first_frame * 1000, bare_runs, "ms", ""),
        ("VmRSS after first frame", lambda r: r.rss_kib / 1024, bare_runs, "MiB", "<= 1.25x"),
        ("VmHWM after first frame", lambda r: r.hwm_kib / 1024, bare_runs, "MiB", ""),
    ]
    for name, value, baseline, unit, target in rows:
        ours_values = [value(r) for r in ours_runs]
        print(row(name, ours_values, [value(r) for r in baseline], unit, target))
    switched = [r for r in ours_runs if r.switches]
    if switched:
        # The first visit to each tab builds it; the other switches show a built tab.
        first = len(order)
        again = [s * 1000 for r in switched for s in r.switches[first:]]
        settled = [s * 1000 for r in switched for s in r.settled[first:]]
        cpu = [c * 1000 for r in switched for c in r.switch_cpu[first:]]
        built = [s * 1000 for r in switched for s in r.switches[:first]]
        built_cpu = [c * 1000 for r in switched for c in r.switch_cpu[:first]]
        print(f"\ntab switch (keys 2 3 4 1 ..., {len(switched)} runs x {args.switches} switches)\n")
        print("| tab switch | median | p95 | samples | target |")
        print("|---|---|---|---|---|")
        if again:
            print(
                f"| key to new tab's text | {statistics.median(again):.1f} ms "
                f"| {p95(again):.1f} ms | {len(again)} | median <= 50 ms |"
            )
            print(
                f"| key to repaint settled | {statistics.median(settled):.1f} ms "
                f"| {p95(settled):.1f} ms | {len(settled)} | |"
            )
            print(
                f"| CPU per switch | {statistics.median(cpu):.1f} ms | {p95(cpu):.1f} ms "
                f"| {len(cpu)} | |"
            )
        print(
            f"| first visit (builds the tab): key to text | {statistics.median(built):.1f} ms "
            f"| {p95(built):.1f} ms | {len(built)} | |"
        )
        print(
            f"| first visit: CPU | {statistics.median(built_cpu):.1f} ms "
            f"| {p95(built_cpu):.1f} ms | {len(built_cpu)} | |"
        )
    print(
        f"\nload average (1, 5, 15 min) before: {', '.join(f'{v:.2f}' for v in load_before)}; "
        f"after: {', '.join(f'{v:.2f}' for v in load_after)}; {os.cpu_count()} CPUs"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
