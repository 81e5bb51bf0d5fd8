"""Start-up of the real app with a long review history against an empty profile.

    python bench/bench_history.py [--runs 7] [--reviews 10000]

Both profiles use the bundled content and are measured in the same run,
interleaved. Two moments are timed in a real pseudo-terminal: the first frame,
and the Drill tab showing the learner's deck numbers after `5` is pressed at
once (that is when saved progress has been read). Target: ratio <= 1.1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_startup import Terminal, child_env, p95

from backend_tui.content import load_content
from backend_tui.paths import bundled_content_dir
from backend_tui.settings import Settings
from backend_tui.study import open_study

PROFILE = "bench"
FIRST_FRAME = b"Backend Engineer"
DRILL_READY = b"Mastery"


class Clock:
    def __init__(self, start: dt.datetime) -> None:
        self.t = start

    def __call__(self) -> dt.datetime:
        return self.t


def build_history(data: Path, reviews: int) -> tuple[int, dt.datetime]:
    """``reviews`` answers through the public API, on a clock that ends before now."""
    content = load_content(bundled_content_dir())
    clock = Clock(dt.datetime.now(dt.UTC) - dt.timedelta(days=3 * 365))
    service = open_study(
        Settings(bundled_content_dir(), data, PROFILE), content, now=clock, new_per_day=10**6
    )
    done = 0
    while done < reviews:
        session = service.start_review("all")
        if session.finished:
            clock.t += dt.timedelta(hours=6)
            continue
        while not session.finished and done < reviews:
            # Mostly Again/Hard keeps intervals short, so many reviews fit before now.
            session.answer((1, 2, 3, 1, 2)[done % 5])
            clock.t += dt.timedelta(seconds=20)
            done += 1
    return done, clock.t


def measure(data: Path) -> tuple[float, float]:
    argv = [sys.executable, "-m", "backend_tui", "--data-dir", str(data)]
    argv += ["--profile", PROFILE, "--lang", "en"]
    term = Terminal(argv, child_env())
    try:
        first = term.read_until(FIRST_FRAME) - term.started
        term.send(b"5")
        ready = term.read_until(DRILL_READY) - term.started
        return first, ready
    finally:
        term.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--reviews", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as where:
        root = Path(where)
        empty, full = root / "empty", root / "history"
        empty.mkdir()
        began = time.perf_counter()
        made, last = build_history(full, args.reviews)
        print(
            f"history: {made:,} reviews of the bundled cards, last at {last:%Y-%m-%d},"
            f" built in {time.perf_counter() - began:.1f} s"
        )
        times: dict[str, list[tuple[float, float]]] = {"empty": [], "history": []}
        measure(empty)  # warm the OS file cache for both alike
        for _ in range(args.runs):
            for name, data in (("empty", empty), ("history", full)):
                times[name].append(measure(data))
    load = os.getloadavg()[0]
    print(f"\nruns: {args.runs} each, interleaved; load average {load:.1f}\n")
    print(f"{'profile':<10}{'first frame ms':>30}{'drill tab ready ms':>30}")
    print(f"{'':<10}{'median':>15}{'p95':>15}{'median':>15}{'p95':>15}")
    medians = {}
    for name, rows in times.items():
        firsts = [r[0] for r in rows]
        readies = [r[1] for r in rows]
        medians[name] = (statistics.median(firsts), statistics.median(readies))
        print(
            f"{name:<10}{statistics.median(firsts) * 1000:>15.0f}{p95(firsts) * 1000:>15.0f}"
            f"{statistics.median(readies) * 1000:>15.0f}{p95(readies) * 1000:>15.0f}"
        )
    ratio_first = medians["history"][0] / medians["empty"][0]
    ratio_ready = medians["history"][1] / medians["empty"][1]
    print(f"{'ratio':<10}{ratio_first:>15.2f}{'':>15}{ratio_ready:>15.2f}   (target <= 1.1)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
