"""Drill sessions: learning steps in the same drill, learn-ahead, what is left, setting cards
aside, honest counts; and saving that fails without losing an answer."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import fsrs
import pytest
from helpers.study import T0, Clock, make_content, open_at, settings_for

from backend_tui.content import Card, Content, Language
from backend_tui.settings import Settings
from backend_tui.study import SaveFailed, open_study
from backend_tui.study.records import CardState
from backend_tui.study.scheduling import Scheduling
from backend_tui.study.session import Counts, end_of_day
from backend_tui.study.store import JOURNAL, Store


def test_again_comes_back_in_the_same_drill_when_its_step_is_due(tmp_path: Path) -> None:
    clock = Clock()
    service = open_at(tmp_path, make_content(3), clock)
    session = service.start_review("role")
    assert session.counts() == Counts(new=3, learning=0, review=0)
    first = session.current_id()
    session.answer(1)  # Again: a learning step of 1 minute
    assert session.counts() == Counts(new=2, learning=1, review=0)
    # Not due yet: the other new cards come first.
    assert session.current_id() != first
    clock.advance(minutes=2)
    session.answer(4)
    # Now its step is due: it comes before the rest of the queue.
    assert session.current_id() == first
    assert session.counts() == Counts(new=1, learning=1, review=0)
    session.answer(3)  # Good: next step, 10 minutes
    assert session.counts().learning == 1
    assert not session.finished


def test_learn_ahead_shows_a_learning_card_early_instead_of_ending(tmp_path: Path) -> None:
    clock = Clock()
    service = open_at(tmp_path, make_content(1), clock)
    session = service.start_review("role")
    card = session.current_id()
    session.answer(3)  # Good on a new card: 10 minutes to the next step
    assert service.progress.cards[card].due == T0 + dt.timedelta(minutes=10)
    # Only that card is left: it is shown now, early, rather than the drill ending.
    assert session.current_id() == card
    assert session.counts() == Counts(new=0, learning=1, review=0)
    session.answer(3)  # graduates to Review: days away, so it leaves the drill
    assert service.progress.cards[card].state == fsrs.State.Review
    assert session.finished
    summary = session.end()
    assert (summary.answered, summary.correct, summary.total) == (2, 2, 2)


def test_a_lapse_relearns_in_the_same_drill(tmp_path: Path) -> None:
    clock = Clock()
    service = open_at(tmp_path, make_content(2), clock)
    session = service.start_review("duties")
    session.answer(4)
    session.answer(4)
    assert session.finished
    clock.t = max(s.due for s in service.progress.cards.values())
    again = service.start_review("duties")
    assert again.counts() == Counts(new=0, learning=0, review=2)
    forgotten = again.current_id()
    again.answer(1)  # a lapse: relearning, 10 minutes
    assert service.progress.cards[forgotten].state == fsrs.State.Relearning
    assert again.counts() == Counts(new=0, learning=1, review=1)
    again.answer(3)
    assert again.current_id() == forgotten  # learn-ahead
    again.answer(3)
    assert again.finished
    assert service.progress.cards[forgotten].state == fsrs.State.Review


def test_undo_restores_the_queue_and_the_learning_steps(tmp_path: Path) -> None:
    clock = Clock()
    service = open_at(tmp_path, make_content(2), clock)
    session = service.start_review("skills")
    first = session.current_id()
    session.answer(1)
    assert session.counts() == Counts(new=1, learning=1, review=0)
    assert session.undo()
    assert session.current_id() == first
    assert session.counts() == Counts(new=2, learning=0, review=0)
    assert first not in service.progress.cards


def test_deck_rows_summary_and_stats_share_due_today(tmp_path: Path) -> None:
    clock = Clock()
    service = open_at(tmp_path, make_content(3), clock)
    session = service.start_review("role")
    session.answer(1)  # learning: due in a minute
    session.answer(4)  # review: due in days
    session.end()
    # Later today the learning card is due; the review card is not.
    assert clock() < end_of_day(clock())
    role = {d.deck: d for d in service.decks()}["role"]
    assert role.due == 1 == service.due_today()
    assert service.review_queue("role").learning  # a review brings exactly that card


def test_next_due_says_when(tmp_path: Path) -> None:
    clock = Clock()
    service = open_at(tmp_path, make_content(1), clock)
    assert service.next_due() is None
    session = service.start_review("role")
    session.answer(4)
    due = service.progress.cards["c-role-0"].due
    assert service.next_due() == due


def test_next_due_of_a_deck_counts_only_its_own_cards(tmp_path: Path) -> None:
    clock = Clock()
    service = open_at(tmp_path, make_content(1), clock)
    session = service.start_review("role")
    session.answer(1)  # Again: due again in a minute, but it is a Role card
    assert service.next_due("role") == service.progress.cards["c-role-0"].due
    assert service.next_due("duties") is None  # nothing of Duties seen yet
    assert service.next_due() == service.next_due("all") == service.next_due("role")


def test_bury_and_suspend_are_saved_and_undoable(tmp_path: Path) -> None:
    clock = Clock()
    content = make_content(3)
    service = open_at(tmp_path, content, clock)
    session = service.start_review("career")
    buried = session.current_id()
    assert session.set_aside("bury")
    suspended = session.current_id()
    assert session.set_aside("suspend")
    assert session.counts() == Counts(new=1, learning=0, review=0)
    reopened = open_at(tmp_path, content, clock)
    assert reopened.suspended_ids() == [suspended]
    assert buried not in reopened.review_queue("career").new
    clock.advance(days=1)
    assert buried in reopened.review_queue("career").new  # back the next day
    assert suspended not in reopened.review_queue("career").new

    assert session.undo()  # the suspension is taken back
    assert session.current_id() == suspended
    assert open_at(tmp_path, content, clock).suspended_ids() == []


def test_new_cards_per_day_and_more_today(tmp_path: Path) -> None:
    clock = Clock()
    service = open_at(tmp_path, make_content(10), clock, new_per_day=3)
    assert len(service.review_queue("all").new) == 3
    service.add_new_today(5)
    assert len(service.review_queue("all").new) == 8
    clock.advance(days=1)
    assert len(service.review_queue("all").new) == 3  # the extra was for that day only


def test_fuzzing_is_on_by_default_and_spreads_reviews(tmp_path: Path) -> None:
    service = open_study(settings_for(tmp_path), make_content(1), now=Clock())
    assert service.scheduling.fuzz
    fuzzed, plain = Scheduling(), Scheduling(fuzz=False)
    state = fsrs.Card(card_id=0, due=T0)
    first, _ = fsrs.Scheduler(enable_fuzzing=False).review_card(
        state, fsrs.Rating.Easy, review_datetime=T0
    )
    saved = CardState(
        2, None, first.stability, first.difficulty, first.due, T0, 1, 0, T0.date(), "x"
    )
    later = first.due + dt.timedelta(days=1)
    random.seed(1234)  # py-fsrs draws its fuzz from Python's random
    dues = {fuzzed.review(saved, 3, later).due for _ in range(30)}
    assert len(dues) > 1  # spread
    assert {plain.review(saved, 3, later).due for _ in range(5)} == {
        plain.review(saved, 3, later).due
    }
    # The label on the grade key is the un-fuzzed interval.
    assert fuzzed.intervals(saved, later) == plain.intervals(saved, later)


# ---------------------------------------------------------------------- failed saves


def _enospc(*_: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_keeps_the_answer_and_writes_it_once_it_can(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    content = make_content(3)
    service = open_at(tmp_path, content, clock)
    session = service.start_review("role")
    session.answer(4)
    first = session.last_review_id

    monkeypatch.setattr(os, "fsync", _enospc)
    session.answer(4)  # the disk is full: no crash
    problem = session.save_problem
    assert isinstance(problem, SaveFailed)
    assert problem.reason == "no space left on device"
    assert problem.path.name == JOURNAL
    kept = session.last_review_id
    assert kept is not None and kept != first
    assert service.unsaved_count() == 1
    assert len(service.progress.cards) == 2  # the drill goes on with it
    assert not session.retry_save()

    monkeypatch.undo()  # space again
    assert session.retry_save()
    assert session.save_problem is None
    assert service.unsaved_count() == 0
    store = Store(tmp_path / "profiles" / "learner", clock)
    store.load()
    assert [r.id for r in store.review_log()] == [first, kept]
    assert store.progress.reviews_total == 2


def test_a_full_disk_then_the_next_answer_writes_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    content = make_content(3)
    service = open_at(tmp_path, content, clock)
    session = service.start_review("duties")
    monkeypatch.setattr(os, "fsync", _enospc)
    session.answer(4)
    monkeypatch.undo()
    session.answer(4)
    assert session.save_problem is None
    fresh = open_at(tmp_path, content, clock)
    assert fresh.reviews_total() == 2
    assert len(fresh.progress.cards) == 2


def _read_only_open(real: object) -> object:
    def fake(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        assert callable(real)
        result = real(path, flags, *args, **kwargs)
        assert isinstance(result, int)
        return result

    return fake


def test_a_folder_turned_read_only_mid_drill(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    content = make_content(2)
    service = open_at(tmp_path, content, clock)
    session = service.start_review("career")
    monkeypatch.setattr(os, "open", _read_only_open(os.open))
    session.answer(4)
    assert session.save_problem is not None
    assert "read-only" in session.save_problem.reason
    session.answer(4)
    assert service.unsaved_count() == 2
    summary = session.end()
    assert summary.unsaved == 2 and summary.answered == 2
    monkeypatch.undo()
    assert session.retry_save()
    assert open_at(tmp_path, content, clock).reviews_total() == 2


def test_a_profile_that_cannot_be_opened_runs_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    content = make_content(2)
    open_at(tmp_path, content, clock).start_review("role").answer(4)
    monkeypatch.setattr(os, "open", _read_only_open(os.open))
    service = open_at(tmp_path, content, clock)
    assert service.read_only
    assert any("read-only" in w for w in service.warnings)
    assert service.cards_seen() == 1
    session = service.start_review("role")
    session.answer(4)  # kept in memory, no crash
    assert session.save_problem is not None


def _can_mount() -> bool:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    probe = subprocess.run(["unshare", "--mount", "true"], capture_output=True, check=False)
    return probe.returncode == 0


FILLING = r"""
import datetime as dt, json, sys
from pathlib import Path
from backend_tui.content import Card, Content, Language
from backend_tui.settings import Settings
from backend_tui.study import open_study

data = Path(sys.argv[1])
cards = tuple(Card(f"k{i}", f"role.item{i}", "basic", "q", "a" * 10) for i in range(400))
content = Content(Path("memory"), {"id": Language("id", {}, cards)})
clock = [dt.datetime(2026, 11, 2, 12, tzinfo=dt.UTC)]
service = open_study(Settings(Path("memory"), data, "p"), content, now=lambda: clock[0],
                     new_per_day=10**6, fuzz=False)
session = service.start_review("role")
failed = answered = 0
while not session.finished and answered < 400:
    session.answer(4)
    answered += 1
    if session.save_problem is not None:
        failed += 1
        reason = session.save_problem.reason
print(json.dumps({"answered": answered, "failed": failed,
                  "unsaved": service.unsaved_count(), "reason": reason if failed else None}))
"""


@pytest.mark.skipif(not _can_mount(), reason="needs root and mount namespaces for a tiny tmpfs")
def test_a_disk_that_fills_mid_drill(tmp_path: Path) -> None:
    """A real 64 KiB tmpfs fills while answering: no crash, every answer counted, kept."""
    script = tmp_path / "fill.py"
    script.write_text(FILLING)
    mount = tmp_path / "small"
    mount.mkdir()
    shell = (
        f"mount -t tmpfs -o size=64k tmpfs {mount} && "
        f"{sys.executable} {script} {mount} ; status=$? ; umount {mount} ; exit $status"
    )
    done = subprocess.run(
        ["unshare", "--mount", "sh", "-c", shell],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0 and "mount" in done.stderr and "permission" in done.stderr.lower():
        pytest.skip("tmpfs mount not permitted here")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["answered"] == 400
    assert result["failed"] > 0  # the disk did fill
    assert result["reason"] == "no space left on device"
    assert result["unsaved"] > 0


RELEARNING = r"""
import datetime as dt, sys
from pathlib import Path
from backend_tui.content import Card, Content, Language
from backend_tui.settings import Settings
from backend_tui.study import open_study

data, stamp = Path(sys.argv[1]), sys.argv[2]
cards = tuple(Card(f"k{i}", f"role.item{i}", "basic", "q", "a") for i in range(200))
content = Content(Path("memory"), {"id": Language("id", {}, cards)})
clock = [dt.datetime.fromisoformat(stamp)]
service = open_study(
    Settings(Path("memory"), data, "p"), content, now=lambda: clock[0], new_per_day=1, fuzz=False
)
session = service.start_review("role")
session.answer(4)  # k0 learned: in review, due in some days
print("learned", session.last_review_id, service.progress.cards["k0"].due.isoformat(), flush=True)
clock[0] = dt.datetime.fromisoformat(sys.stdin.readline().strip())
service.add_new_today(10**6)
session = service.start_review("role")
assert session.current_id() == "k0"
session.answer(1)  # forgotten: a lapse, into relearning
print("relearning", session.last_review_id, flush=True)
# New cards go on being answered and saved, k0 waiting for its step, until killed.
while session.current_id() not in (None, "k0"):
    session.answer(4)
    print("saved", session.last_review_id, flush=True)
sys.stdin.readline()
"""


def test_a_process_killed_during_relearning_loses_no_answer(tmp_path: Path) -> None:
    """SIGKILL while a lapsed card is in its relearning step and answers go on being
    saved: every answer reported saved is there, and the card comes back when due."""
    script = tmp_path / "relearn.py"
    script.write_text(RELEARNING)
    child = subprocess.Popen(
        [sys.executable, str(script), str(tmp_path), T0.isoformat()],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    word, learned, due = child.stdout.readline().split()
    assert word == "learned"
    lapse_at = dt.datetime.fromisoformat(due)
    child.stdin.write(lapse_at.isoformat() + "\n")
    child.stdin.flush()
    word, relearned = child.stdout.readline().split()
    assert word == "relearning"
    saved = [child.stdout.readline().split()[1] for _ in range(2)]
    child.send_signal(signal.SIGKILL)  # mid-drill, likely in the middle of a save
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL

    cards = tuple(Card(f"k{i}", f"role.item{i}", "basic", "q", "a") for i in range(200))
    content = Content(Path("memory"), {"id": Language("id", {}, cards)})
    clock = Clock(lapse_at + dt.timedelta(seconds=30))
    service = open_study(Settings(Path("memory"), tmp_path, "p"), content, now=clock, fuzz=False)
    assert service.warnings == []
    state = service.progress.cards["k0"]
    assert state.state == fsrs.State.Relearning
    assert state.last_id == relearned and state.lapses == 1
    kept = {r.id for r in service._store.review_log()}
    assert {learned, relearned, *saved} <= kept
    session = service.start_review("role")
    assert session.counts().learning == 1
    assert session.current_id() != "k0"  # its step is not due yet: a new card first
    clock.advance(minutes=10)  # py-fsrs's relearning step
    session.answer(4)
    assert session.current_id() == "k0"  # its step is due: back in the new drill
    session.answer(3)
    assert service.progress.cards["k0"].state == fsrs.State.Review


READ_ONLY = r"""
import datetime as dt, json, subprocess, sys
from pathlib import Path
from backend_tui.content import Card, Content, Language
from backend_tui.settings import Settings
from backend_tui.study import open_study

data, how = Path(sys.argv[1]), sys.argv[2]
folder = data / "profiles" / "p"
cards = tuple(Card(f"k{i}", f"role.item{i}", "basic", "q", "a") for i in range(6))
content = Content(Path("memory"), {"id": Language("id", {}, cards)})
now = dt.datetime(2026, 11, 2, 12, tzinfo=dt.UTC)
settings = Settings(Path("memory"), data, "p")
service = open_study(settings, content, now=lambda: now, fuzz=False)


def read_only(on):
    if how == "mount":  # a real read-only file system (root, in its own mount namespace)
        mode = "remount,ro,bind" if on else "remount,rw,bind"
        subprocess.run(["mount", "-o", mode, str(folder), str(folder)], check=True)
        return
    for path in (folder, *folder.rglob("*")):  # no write permission (anyone else)
        path.chmod((0o555 if on else 0o755) if path.is_dir() else (0o444 if on else 0o644))


session = service.start_review("role")
session.answer(4)
session.answer(4)
if how == "mount":
    subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True)
read_only(True)
reasons = []
for _ in range(2):
    session.answer(4)
    reasons.append(session.save_problem.reason if session.save_problem else None)
summary = session.end()
still = session.retry_save()
read_only(False)
saved = session.retry_save()
again = open_study(settings, content, now=lambda: now, fuzz=False)
print(json.dumps({"reasons": reasons, "answered": summary.answered, "unsaved": summary.unsaved,
                  "still": still, "saved": saved, "total": again.reviews_total(),
                  "warnings": again.warnings}))
"""


def test_a_folder_made_read_only_mid_drill_keeps_the_answers_and_writes_them_after(
    tmp_path: Path,
) -> None:
    script = tmp_path / "read_only.py"
    script.write_text(READ_ONLY)
    command = [sys.executable, str(script), str(tmp_path)]
    if os.geteuid() != 0:
        done = subprocess.run([*command, "chmod"], capture_output=True, text=True, timeout=120)
    else:  # root writes through permissions: only a read-only mount stops it
        if not _can_mount():
            pytest.skip("root without mount namespaces: no way to make a read-only folder")
        done = subprocess.run(
            ["unshare", "--mount", *command, "mount"], capture_output=True, text=True, timeout=120
        )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert [r is not None and "read-only" in r for r in result["reasons"]] == [True, True]
    assert (result["answered"], result["unsaved"]) == (4, 2)
    assert result["still"] is False  # still read-only: kept, not lost
    assert result["saved"] is True
    assert result["total"] == 4 and result["warnings"] == []
