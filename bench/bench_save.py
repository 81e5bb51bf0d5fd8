"""How long an answer takes to be durably saved, and whether start-up grows with history.

Run: python bench/bench_save.py [--quick]

Table 1 - answer latency: time of DrillSession.answer() (returns only after the
journal block is fsynced), with 100, 1,000 and 10,000 cards that all have a
saved state, and ten times as many past reviews on disk.

Table 2 - start-up: open_study() + decks() on a profile with no history, with
one review per card, and with 10,000 / 50,000 reviews over the same cards. Every
row is measured in the same run, interleaved, and compared with the first rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from backend_tui.content import Card, Content, Language
from backend_tui.settings import Settings
from backend_tui.study import open_study
from backend_tui.study.journal import entry_line, journal_header
from backend_tui.study.records import CardState, Review
from backend_tui.study.snapshot import Progress
from backend_tui.study.store import JOURNAL

T0 = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
SECTIONS = ("role", "duties", "skills", "career")


def content_of(n: int) -> Content:
    cards = tuple(
        Card(f"card-{i:05d}", f"{SECTIONS[i % 4]}.item{i % 7}", "basic", "q", "a") for i in range(n)
    )
    return Content(Path("memory"), {"id": Language("id", {}, cards)})


class Clock:
    def __init__(self, start: dt.datetime) -> None:
        self.t = start

    def __call__(self) -> dt.datetime:
        return self.t


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@contextmanager
def no_fsync() -> Iterator[None]:
    """Build fixtures fast; the measured parts always fsync."""
    with mock.patch("os.fsync"):
        yield


def synthetic_profile(folder: Path, cards: int, reviews: int) -> None:
    """A profile as many answers would leave it: every card with a state, the
    review log in history journals, a fresh journal. Written directly (much
    faster than answering); the format is the real one."""
    progress = Progress()
    folder.mkdir(parents=True)
    history = folder / "history"
    history.mkdir()
    per_segment = max(64, cards // 3)
    seq = 0
    out: list[bytes] = []
    for r in range(reviews):
        cid = f"card-{r % cards:05d}"
        at = T0 + dt.timedelta(minutes=r)
        before = progress.cards.get(cid)
        state = CardState(
            state=2,
            step=None,
            stability=10.0 + r % 50,
            difficulty=5.0,
            due=at + dt.timedelta(days=1 + r % 30),
            last_review=at,
            reps=(before.reps if before else 0) + 1,
            lapses=0,
            first_day=before.first_day if before else at.date(),
            last_id=f"r{r:08d}",
        )
        review = Review(f"r{r:08d}", cid, 3, at, at.date(), state, before)
        progress.apply(review)
        out.append(entry_line(review))
        if len(out) == per_segment or r == reviews - 1:
            seq += 1
            (history / f"journal-{seq:06d}.jsonl").write_bytes(
                journal_header(seq, at) + b"".join(out)
            )
            out = []
    progress.journal_seq = seq
    (folder / "progress.toml").write_text(progress.to_toml(T0))
    (folder / JOURNAL).write_bytes(journal_header(seq + 1, T0))


def bench_fsync(count: int) -> tuple[float, float, float]:
    """Baseline: append one journal-sized line to a file and fsync it, nothing else."""
    with tempfile.TemporaryDirectory() as where:
        path = Path(where) / "baseline"
        line = b"x" * 420 + b"\n"
        latencies = []
        with open(path, "ab") as fh:
            for _ in range(count):
                start = time.perf_counter()
                fh.write(line)
                fh.flush()
                os.fsync(fh.fileno())
                latencies.append(time.perf_counter() - start)
    return (
        statistics.median(latencies) * 1000,
        pct(latencies, 0.95) * 1000,
        max(latencies) * 1000,
    )


def bench_answers(cards: int, answers: int) -> tuple[float, float, float, int]:
    with tempfile.TemporaryDirectory() as where:
        data = Path(where)
        folder = data / "profiles" / "bench"
        with no_fsync():
            synthetic_profile(folder, cards, reviews=10 * cards)
        clock = Clock(T0 + dt.timedelta(days=400))  # everything due
        service = open_study(Settings(Path("memory"), data, "bench"), content_of(cards), now=clock)
        latencies: list[float] = []
        first_journal = service._store._seq
        session = service.start_review("all")
        for i in range(answers):
            if session.finished:
                clock.t += dt.timedelta(days=400)  # everything due again
                session = service.start_review("all")
            clock.t += dt.timedelta(seconds=7)
            start = time.perf_counter()
            session.answer(1 + i % 4)
            latencies.append(time.perf_counter() - start)
        compactions = service._store._seq - first_journal
        return (
            statistics.median(latencies) * 1000,
            pct(latencies, 0.95) * 1000,
            max(latencies) * 1000,
            compactions,
        )


def build_by_answering(data: Path, cards: int, reviews: int, tail: int = 30) -> int:
    """History made through the public API, then folded, then ``tail`` more answers,
    so every profile starts with the same journal length; returns that length."""
    clock = Clock(T0)
    service = open_study(
        Settings(Path("memory"), data, "bench"), content_of(cards), now=clock, new_per_day=10**9
    )
    done = 0

    def answer(count: int) -> None:
        nonlocal done
        goal = done + count
        while done < goal:
            session = service.start_review("all")
            if session.finished:
                clock.t += dt.timedelta(days=1)
                continue
            while not session.finished and done < goal:
                # One review per card: Easy, so that baseline holds every card in
                # Review state like the long histories do, and only history differs.
                session.answer(4 if reviews <= cards else 3 if done % 5 else 1)
                clock.t += dt.timedelta(seconds=30)
                done += 1

    with no_fsync():
        answer(max(0, reviews - tail))
        service.compact()
        answer(min(tail, reviews))
    return service._store._journal_entries


def time_startup(data: Path, content: Content, now: Callable[[], dt.datetime]) -> float:
    start = time.perf_counter()
    service = open_study(Settings(Path("memory"), data, "bench"), content, now=now)
    service.decks()
    return time.perf_counter() - start


def bench_startup(cards: int, runs: int, histories: list[int]) -> list[tuple[str, float, float]]:
    content = content_of(cards)
    clock = Clock(T0 + dt.timedelta(days=60))
    with tempfile.TemporaryDirectory() as where:
        root = Path(where)
        profiles: list[tuple[str, Path]] = [("empty", root / "empty")]
        (root / "empty").mkdir()
        open_study(Settings(Path("memory"), root / "empty", "bench"), content, now=clock)
        for reviews in histories:
            data = root / f"h{reviews}"
            left = build_by_answering(data, cards, reviews)
            profiles.append((f"{reviews:,} reviews ({left} in journal)", data))
        times: dict[str, list[float]] = {name: [] for name, _ in profiles}
        for _ in range(runs):  # interleaved so drift hits every row alike
            for name, data in profiles:
                times[name].append(time_startup(data, content, clock))
        return [
            (name, statistics.median(v) * 1000, pct(v, 0.95) * 1000) for name, v in times.items()
        ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer answers and runs")
    args = parser.parse_args()
    answers = 100 if args.quick else 300
    runs = 7 if args.quick else 21

    print(f"backend-tui save benchmark  (python {sys.version.split()[0]}, {os.cpu_count()} cpus)")
    print()
    print("Answer -> durably saved (DrillSession.answer, fsync included)")
    print(
        f"{'cards':>8} {'past reviews':>13} {'answers':>8} {'median ms':>10} {'p95 ms':>8}"
        f" {'max ms':>8} {'folds':>5} {'p95/fsync':>10}  target p95"
    )
    base = bench_fsync(answers)
    print(
        f"{'baseline: append + fsync only':>31} {answers:>8} {base[0]:>10.2f} {base[1]:>8.2f}"
        f" {base[2]:>8.1f} {'':>5} {1:>10.2f}"
    )
    targets = {100: None, 1000: 10.0, 10000: 50.0}
    for cards, target in targets.items():
        med, p95, worst, folds = bench_answers(cards, answers)
        mark = "" if target is None else f"<= {target:.0f} ms {'ok' if p95 <= target else 'MISSED'}"
        print(
            f"{cards:>8,} {10 * cards:>13,} {answers:>8} {med:>10.2f} {p95:>8.2f} {worst:>8.1f}"
            f" {folds:>5} {p95 / base[1]:>10.2f}  {mark}"
        )
    print("  folds = answers that also folded the journal into a new snapshot")

    for cards in (100, 1000):
        print()
        print(f"Start-up: open_study() + decks(), {cards:,} cards in the content, {runs} runs each")
        rows = bench_startup(cards, runs, [cards, 10_000, 40_000])
        base_empty = rows[0][1]
        base_seen = rows[1][1]
        print(f"{'profile':<34} {'median ms':>10} {'p95 ms':>8} {'vs empty':>9} {'vs 1/card':>10}")
        for name, med, p95 in rows:
            print(
                f"{name:<34} {med:>10.2f} {p95:>8.2f} {med / base_empty:>9.2f}"
                f" {med / base_seen:>10.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
