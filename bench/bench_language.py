"""Switching the language with ``l``: how long until the whole screen is repainted.

Runs ``backend-tui`` in a real pseudo-terminal (as ``bench_startup.py`` does), visits
every tab first so that each is built and follows the language, then presses ``l``
again and again:

    python bench/bench_language.py [--runs 3] [--switches 20]

"Key to the new words" = from writing ``l`` until the key bar's last word in the new
language arrives; "key to repaint settled" = until the last byte of that repaint (the
terminal then stays quiet). Target: the settled repaint, median <= 50 ms. A tab
switch (``1`` then ``2``) is measured in the same runs as a baseline.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from bench_startup import FOOTER_MARKER, measure, p95, tab_markers

ID_MARKER = "Keluar"
"""The key bar's last word in Indonesian ("Quit" in English)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--switches", type=int, default=20, help="presses of l per run")
    args = parser.parse_args(argv)
    exe = shutil.which("backend-tui", path=str(Path(sys.executable).parent)) or "backend-tui"
    markers = tab_markers()
    visits = [(b"2", markers["duties"]), (b"3", markers["skills"]), (b"4", markers["career"])]
    visits += [(b"5", "Drill"), (b"1", markers["role"])]
    presses = [(b"l", ID_MARKER), (b"l", FOOTER_MARKER)] * (args.switches // 2)
    tabs = [(b"2", markers["duties"]), (b"1", markers["role"])] * (args.switches // 2)
    load_before = os.getloadavg()
    switch, settled, cpu, tab, tab_settled = [], [], [], [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            argv_ = [exe, "--data-dir", str(Path(tmp) / "data"), "--lang", "en"]
            run = measure(argv_, [markers["role"], FOOTER_MARKER], [*visits, *presses, *tabs])
        start, end = len(visits), len(visits) + len(presses)
        switch += [s * 1000 for s in run.switches[start:end]]
        settled += [s * 1000 for s in run.settled[start:end]]
        cpu += [c * 1000 for c in run.switch_cpu[start:end]]
        tab += [s * 1000 for s in run.switches[end:]]
        tab_settled += [s * 1000 for s in run.settled[end:]]
    load_after = os.getloadavg()

    def row(name: str, values: list[float], target: str = "") -> str:
        return (
            f"| {name} | {statistics.median(values):.1f} ms | {p95(values):.1f} ms "
            f"| {len(values)} | {target} |"
        )

    print(f"l (language) with every tab built, 80x24 pty, {args.runs} runs\n")
    print("| measure | median | p95 | samples | target |")
    print("|---|---|---|---|---|")
    print(row("l: key to the new words", switch))
    print(row("l: key to repaint settled", settled, "median <= 50 ms"))
    print(row("l: CPU per switch", cpu))
    print(row("tab switch (baseline, same runs): key to text", tab))
    print(row("tab switch (baseline): key to repaint settled", tab_settled))
    print(
        f"\nload average (1, 5, 15 min) before: {', '.join(f'{v:.2f}' for v in load_before)}; "
        f"after: {', '.join(f'{v:.2f}' for v in load_after)}; {os.cpu_count()} CPUs"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
