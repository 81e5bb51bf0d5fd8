"""Real processes: killed mid-answer, and several writing one profile at once."""

from __future__ import annotations

import json
import queue
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path

from helpers.study import Clock, make_content, open_at

from backend_tui.study.journal import parse_entries
from backend_tui.study.snapshot import Progress

# Answers cards of one deck in a loop through the public API, printing each
# review id only after answer() has returned (so it claims to be saved).
CHILD = r"""
import datetime as dt, random, sys
from pathlib import Path
from backend_tui.content import Card, Content, Language
from backend_tui.settings import Settings
from backend_tui.study import open_study, store

data, profile = Path(sys.argv[1]), sys.argv[2]
store.COMPACT_MIN, seed, limit = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
cards = tuple(Card(f"k{i}", f"role.item{i}", "basic", "q", "a") for i in range(12))
content = Content(Path("memory"), {"id": Language("id", {}, cards)})
rng = random.Random(seed)
clock = [dt.datetime(2026, 11, 2, 12, tzinfo=dt.UTC)]
service = open_study(
    Settings(Path("memory"), data, profile), content, now=lambda: clock[0], new_per_day=10**6
)
answered = 0
while limit == 0 or answered < limit:
    session = service.start_review("role")
    if session.finished:
        clock[0] += dt.timedelta(days=30)
        continue
    while not session.finished and (limit == 0 or answered < limit):
        session.answer(rng.randint(1, 4))
        answered += 1
        print("saved", session.last_review_id, flush=True)
        clock[0] += dt.timedelta(minutes=rng.randint(1, 900))
        if rng.random() < 0.15:
            rid = session.last_review_id
            print("undoing", rid, flush=True)
            session.undo()
            print("undone", rid, flush=True)
"""

TIMEOUT = 60.0


def _start(data: Path, seed: int, limit: int, compact_min: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            CHILD,
            str(data),
            "learner",
            str(compact_min),
            str(seed),
            str(limit),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )


def _reader(proc: subprocess.Popen[str]) -> queue.Queue[str | None]:
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line.strip())
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return lines


def _drain(lines: queue.Queue[str | None]) -> list[str]:
    out: list[str] = []
    while (line := lines.get(timeout=TIMEOUT)) is not None:
        out.append(line)
    return out


class Claims:
    """What children said about their answers."""

    def __init__(self) -> None:
        self.saved: set[str] = set()
        self.undoing: set[str] = set()
        self.undone: set[str] = set()

    def add(self, line: str) -> None:
        word, rid = line.split()
        {"saved": self.saved, "undoing": self.undoing, "undone": self.undone}[word].add(rid)

    def check(self, kept: set[str], kills: int = 0) -> None:
        # Killed during an undo: either outcome is fine.
        assert self.saved - self.undoing <= kept
        assert not (self.undone & kept)
        # A kill may land after an answer was saved but before it was printed.
        assert len(kept - self.saved) <= kills


def _files_parse(folder: Path) -> None:
    progress = folder / "progress.toml"
    if progress.exists():
        Progress.from_toml(progress.read_text())
    backup = folder / "progress.bak.toml"
    if backup.exists():
        Progress.from_toml(backup.read_text())
    journals = [folder / "journal.jsonl", *sorted((folder / "history").glob("*.jsonl"))]
    for path in journals:
        if path.exists():
            data = path.read_bytes()
            assert all(json.loads(line) for line in data.splitlines()), path
            assert parse_entries(data).bad == 0, path
    assert not list(folder.glob("*.corrupt-*"))


def test_killed_at_random_moments_loses_no_saved_answer(tmp_path: Path) -> None:
    rng = random.Random(20261127)
    folder = tmp_path / "profiles" / "learner"
    claims = Claims()
    for round_ in range(6):
        proc = _start(tmp_path, seed=round_, limit=0, compact_min=3)
        lines = _reader(proc)
        try:
            for _ in range(rng.randint(1, 40)):
                line = lines.get(timeout=TIMEOUT)
                assert line is not None, "the child stopped by itself"
                claims.add(line)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=TIMEOUT)
        for line in _drain(lines):
            claims.add(line)
        assert proc.returncode == -signal.SIGKILL
        _files_parse(folder)

    service = open_at(tmp_path, make_content(1), Clock())
    assert service.warnings == []
    log = service._store.review_log()
    claims.check({r.id for r in log}, kills=6)
    assert service.reviews_total() == len(log)
    assert sum(map(sum, service.progress.days.values())) == len(log)
    assert not list(folder.glob(".*.tmp"))
    assert len(claims.saved) > 6


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    writers = [_start(tmp_path, seed=100 + n, limit=100, compact_min=10) for n in range(3)]
    claims = Claims()
    for proc in writers:
        for line in _drain(_reader(proc)):
            claims.add(line)
        assert proc.wait(timeout=TIMEOUT) == 0
    assert len(claims.saved) == 300
    service = open_at(tmp_path, make_content(1), Clock())
    assert service.warnings == []
    log = service._store.review_log()
    claims.check({r.id for r in log})
    assert {r.id for r in log} == claims.saved - claims.undone
    assert service.reviews_total() == len(log)
    _files_parse(tmp_path / "profiles" / "learner")
