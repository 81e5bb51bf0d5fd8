"""A class of three learners on disk, for the teacher's commands and overview."""

from __future__ import annotations

from pathlib import Path

from backend_tui.ssh.keys import fingerprint, server_dir
from backend_tui.ssh.names import NameStore
from helpers.ssh import make_key
from helpers.study import Clock, fixture_content, open_at


def class_of_three(data: Path) -> dict[str, str]:
    """alice: two reviews and a quiz; bob: one review; carol: logged in, no answer yet.
    alice and bob own their names; carol's progress folder has no key (a second mode)."""
    clock = Clock()
    alice = open_at(data, fixture_content(), clock, profile="alice")
    review = alice.start_review("duties")
    review.answer(4)
    review.answer(1)
    review.end()
    quiz = alice.start_quiz("role", seed=1)
    quiz.answer(3, correct=True)
    quiz.answer(1, correct=False)
    quiz.end()
    bob = open_at(data, fixture_content(), clock, profile="bob").start_review("skills")
    bob.answer(3)
    (data / "profiles" / "carol").mkdir(parents=True)
    store = NameStore(server_dir(data))
    prints = {}
    for name in ("alice", "bob"):
        key = make_key()
        assert store.claim(name, key) is None
        prints[name] = fingerprint(key)
    return prints
