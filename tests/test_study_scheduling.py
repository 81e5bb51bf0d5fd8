"""Review sessions, quizzes and statistics, driven through the public study API."""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
import tomllib
from pathlib import Path

import fsrs
import pytest
from helpers.study import (
    SECTIONS,
    T0,
    Clock,
    fixture_content,
    make_cards,
    make_content,
    open_at,
    settings_for,
)

from backend_tui.content import Card, Option
from backend_tui.study import DECKS, check_typed, open_study, shuffled_options
from backend_tui.study.service import interval_label, local_day


def test_first_answers_follow_fsrs(tmp_path: Path) -> None:
    clock = Clock()
    service = open_at(tmp_path, make_content(2), clock)
    session = service.start_review("duties")
    card_id = session.current_id()
    assert card_id == "c-duties-0"

    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    expected, _ = scheduler.review_card(
        fsrs.Card(card_id=0, due=T0), fsrs.Rating.Good, review_datetime=T0
    )
    labels = {rating: interval_label(delta) for rating, delta in session.intervals().items()}
    assert labels == {1: "1m", 2: "6m", 3: "10m", 4: "8d"}
    session.answer(3)

    state = service.progress.cards[card_id]
    assert state.due == expected.due == T0 + dt.timedelta(minutes=10)
    assert state.stability == expected.stability
    assert state.difficulty == expected.difficulty
    assert state.state == fsrs.State.Learning
    assert state.reps == 1

    # Ten minutes later the card is due again; Good graduates it to Review.
    clock.advance(minutes=10)
    again = service.start_review("duties")
    assert again.current_id() == card_id
    again.answer(3)
    graduated, _ = scheduler.review_card(
        expected, fsrs.Rating.Good, review_datetime=T0 + dt.timedelta(minutes=10)
    )
    assert service.progress.cards[card_id].due == graduated.due
    assert service.progress.cards[card_id].state == fsrs.State.Review


def test_review_queue_due_first_then_new(tmp_path: Path) -> None:
    clock = Clock()
    service = open_at(tmp_path, make_content(4), clock)
    first = service.start_review("skills")
    first.answer(1)  # c-skills-0 due in 1 minute
    first.answer(4)  # c-skills-1 due in days
    first.end()
    clock.advance(minutes=5)
    session = service.start_review("skills")
    ids = [session.current_id()]
    assert ids == ["c-skills-0"]
    assert session.total == 1 + 2  # one due, two never seen
    stats = {d.deck: d for d in service.decks()}
    assert (stats["skills"].due, stats["skills"].new, stats["skills"].learned) == (1, 2, 1)


def test_new_cards_per_day_limit(tmp_path: Path) -> None:
    clock = Clock()
    service = open_at(tmp_path, make_content(5), clock, new_per_day=3)
    assert {d.deck: d.new for d in service.decks()} == {deck: 3 for deck in DECKS}
    session = service.start_review("all")
    assert session.total == 3
    while not session.finished:
        session.answer(4)
    assert all(d.new == 0 for d in service.decks())
    assert service.start_review("role").total == 0

    clock.advance(days=1)  # a new local day gives a fresh allowance
    assert service.start_review("all").total == 3
    # The limit is per profile, not per process: reopening does not reset it.
    reopened = open_at(tmp_path, make_content(5), clock, new_per_day=3)
    clock.advance(days=-1)
    assert all(d.new == 0 for d in reopened.decks())


def test_leech_after_eight_lapses(tmp_path: Path) -> None:
    clock = Clock()
    content = make_content(1)
    service = open_at(tmp_path, content, clock)
    card_id = "c-role-0"

    def review(rating: int) -> None:
        session = service.start_review("role")
        assert session.current_id() == card_id
        session.answer(rating)
        assert (session.leech == card_id) == (service.progress.cards[card_id].lapses == 8)

    review(4)  # straight to Review
    for lapse in range(1, 9):
        assert not service.is_leech(card_id)
        clock.t = service.progress.cards[card_id].due
        review(1)  # forgotten: a lapse
        assert service.progress.cards[card_id].lapses == lapse
        if lapse == 8:
            break  # a leech now, and suspended
        clock.t = service.progress.cards[card_id].due
        review(3)  # relearned, back in Review
        assert service.progress.cards[card_id].state == fsrs.State.Review
    assert service.is_leech(card_id)
    stats = {d.deck: d for d in service.decks()}
    assert stats["role"].leeches == 1 and stats["duties"].leeches == 0
    assert stats["all"].leeches == 1
    reopened = open_at(tmp_path, content, clock)
    assert reopened.is_leech(card_id)
    # As Anki does, the eighth lapse suspended it: no review brings it any more.
    assert reopened.suspended_ids() == [card_id]
    assert stats["role"].suspended == 1
    clock.advance(days=400)
    assert reopened.start_review("role").finished


def test_quiz_scores_percent_and_leaves_schedule_alone(tmp_path: Path) -> None:
    clock = Clock()
    content = make_content(4)
    service = open_at(tmp_path, content, clock)
    session = service.start_review("duties")
    session.answer(3)
    session.end()
    service.compact()
    schedule = dict(service.progress.cards)
    snapshot_before = (tmp_path / "profiles" / "learner" / "progress.toml").read_bytes()

    quiz = service.start_quiz("duties", seed=7)
    assert quiz.total == 4 and quiz.mode == "quiz"
    assert sorted(quiz.queue_ids) == sorted(c.id for c in service.deck_cards("duties"))
    assert quiz.intervals() == {}
    quiz.answer(3, correct=True)
    quiz.answer(1, correct=False)
    quiz.answer(3, correct=True)
    quiz.answer(2)  # a basic card rated Hard counts as right
    summary = quiz.end()
    assert summary.accuracy == 75.0 and summary.correct == 3 and summary.answered == 4
    assert service.progress.cards == schedule
    assert service.reviews_total() == 1

    # A quiz ended early is scored on the cards answered, kept as incomplete, and
    # is neither Best nor Last.
    short = service.start_quiz("duties", seed=8)
    short.answer(3, correct=True)
    ended = short.end()
    assert ended.accuracy == 100.0 and ended.answered == 1 and not ended.complete

    stats = {d.deck: d for d in service.decks()}
    assert (stats["duties"].best_quiz, stats["duties"].last_quiz) == (75.0, 75.0)
    assert stats["role"].best_quiz is None
    reopened = open_at(tmp_path, content, clock)
    assert reopened.quiz_history("duties") == [75.0]
    assert reopened.quiz_history() == [75.0]
    kept = reopened.quizzes("duties")
    assert [(q.answered, q.correct, q.total, q.complete) for q in kept] == [
        (4, 3, 4, True),
        (1, 1, 4, False),
    ]
    assert reopened.quiz_history("skills") == []
    assert reopened.progress.cards == schedule
    reopened.compact()
    after = tomllib.loads((tmp_path / "profiles" / "learner" / "progress.toml").read_text())
    assert after["cards"] == tomllib.loads(snapshot_before.decode())["cards"]


def test_quiz_order_is_shuffled_by_seed(tmp_path: Path) -> None:
    service = open_at(tmp_path, make_content(10), Clock())
    one = service.start_quiz("all", seed=1).queue_ids
    assert one == service.start_quiz("all", seed=1).queue_ids
    assert one != service.start_quiz("all", seed=2).queue_ids
    assert one != [c.id for c in service.deck_cards("all")]


def test_quiz_undo_and_unfinished_quiz_not_in_history(tmp_path: Path) -> None:
    clock = Clock()
    service = open_at(tmp_path, make_content(2), clock)
    quiz = service.start_quiz("role", seed=1)
    quiz.answer(3, correct=True)
    quiz.answer(1, correct=False)
    assert quiz.undo() and quiz.index == 1
    quiz.answer(3, correct=True)
    assert quiz.finished
    # Left without end(): kept on disk, but not a score.
    assert open_at(tmp_path, make_content(2), clock).quiz_history() == []
    assert quiz.end().accuracy == 100.0
    assert open_at(tmp_path, make_content(2), clock).quiz_history("role") == [100.0]


def _profile_tables(folder: Path) -> dict[str, object]:
    raw = tomllib.loads((folder / "progress.toml").read_text())
    return {key: raw[key] for key in ("cards", "days", "reviews_total")}


def test_undo_several_levels_restores_saved_state(tmp_path: Path) -> None:
    clock = Clock()
    content = make_content(3)
    service = open_at(tmp_path, content, clock)
    warmup = service.start_review("career")
    warmup.answer(4)
    warmup.end()
    service.compact()
    folder = tmp_path / "profiles" / "learner"
    saved = _profile_tables(folder)

    clock.advance(days=30)
    session = service.start_review("career")
    assert session.current_id() == "c-career-0"  # due again, then two new cards
    # Hard keeps the review card in Review, Easy takes the new ones past learning:
    # none of them comes back in this drill.
    for rating in (2, 4, 4):
        clock.advance(seconds=20)
        session.answer(rating)
    assert session.finished and session.current_id() is None
    assert service.reviews_total() == 4

    for left in (2, 1, 0):
        assert session.undo()
        assert session.index == left
        assert not session.finished
    assert session.current_id() == "c-career-0"
    assert not session.undo()

    # What a fresh instance reads equals what was saved before the answers.
    fresh = open_at(tmp_path, content, clock)
    fresh.compact()
    assert _profile_tables(folder) == saved
    summary = session.end()
    assert summary.answered == 0


def test_undo_after_compaction_still_restores(tmp_path: Path) -> None:
    clock = Clock()
    content = make_content(2)
    service = open_at(tmp_path, content, clock)
    session = service.start_review("role")
    session.answer(3)
    service.compact()
    assert session.undo()
    assert "c-role-0" not in service.progress.cards
    assert "c-role-0" not in open_at(tmp_path, content, clock).progress.cards


def test_streak_and_heatmap_count_local_days(tmp_path: Path) -> None:
    clock = Clock()
    service = open_at(tmp_path, make_content(10), clock, new_per_day=100)
    assert service.streak_days() == 0
    for _ in range(3):
        session = service.start_review("all")
        session.answer(3)
        session.answer(3)
        session.end()
        clock.advance(days=1)
    # Today has no review yet: the streak still stands until the day is over.
    assert service.streak_days() == 3
    clock.advance(days=1)
    assert service.streak_days() == 0
    heat = service.heatmap()
    assert len(heat) == 84
    today = local_day(clock())
    assert heat[-1][0] == today and heat[0][0] == today - dt.timedelta(days=83)
    assert [n for _, n in heat[-5:]] == [2, 2, 2, 0, 0]
    assert sum(n for _, n in service.heatmap(weeks=1)) == 6
    assert len(service.heatmap(weeks=2)) == 14


def test_mastery_and_item_mastery(tmp_path: Path) -> None:
    clock = Clock()
    cards = make_cards(3)
    service = open_at(tmp_path, make_content(cards=cards), clock)
    assert service.item_mastery("skills.item0") is None
    session = service.start_review("skills")
    session.answer(4)  # c-skills-0 (item0): Review, well known
    session.answer(1)  # c-skills-1 (item1): still learning
    summary = session.end()
    assert summary.mastery_before == 0.0
    assert summary.mastery_after == pytest.approx(1 / 3)
    assert service.item_mastery("skills.item0") == 1.0
    assert service.item_mastery("skills.item1") == 0.0
    assert service.item_mastery("skills.item2") is None
    stats = {d.deck: d for d in service.decks()}
    assert stats["skills"].mastery == pytest.approx(1 / 3)
    assert stats["all"].mastery == pytest.approx(1 / 12)
    # Long overdue, recall is no longer likely: not counted as known.
    clock.advance(days=200)
    assert service.item_mastery("skills.item0") == 0.0


def test_answer_checks() -> None:
    typed = Card("t", "skills.git", "typed", "q", "b", answers=("Git", "version control"))
    assert check_typed(typed, "  git ")
    assert check_typed(typed, "Version   Control")
    assert not check_typed(typed, "svn")
    assert not check_typed(typed, "   ")
    choice = Card(
        "c",
        "duties.api",
        "choice",
        "q",
        "b",
        options=tuple(Option(str(i), i == 0) for i in range(4)),
    )
    rng = random.Random(3)
    orders = {tuple(o.text for o in shuffled_options(choice, rng)) for _ in range(20)}
    assert len(orders) > 1
    assert all(sorted(order) == ["0", "1", "2", "3"] for order in orders)


def test_bad_calls_are_refused(tmp_path: Path) -> None:
    service = open_at(tmp_path, make_content(1), Clock())
    with pytest.raises(ValueError, match="unknown deck"):
        service.start_review("nope")
    session = service.start_review("role")
    with pytest.raises(ValueError, match="rating"):
        session.answer(5)
    session.answer(4)  # Easy: straight to Review, so it leaves the drill
    with pytest.raises(ValueError, match="finished"):
        session.answer(3)


def test_interval_labels() -> None:
    labels = [
        interval_label(dt.timedelta(**kw))
        for kw in ({"seconds": 5}, {"minutes": 10}, {"hours": 5}, {"days": 4}, {"days": 95})
    ]
    assert labels == ["1m", "10m", "5h", "4d", "3mo"]
    assert interval_label(dt.timedelta(days=730)) == "2y"


def test_default_clock_is_utc(tmp_path: Path) -> None:
    service = open_study(settings_for(tmp_path), make_content(1))
    before = dt.datetime.now(dt.UTC)
    session = service.start_review("role")
    session.answer(3)
    saved = service.progress.cards["c-role-0"].last_review
    assert saved.tzinfo == dt.UTC and saved >= before - dt.timedelta(seconds=1)


def test_study_never_imports_textual() -> None:
    code = (
        "import sys, backend_tui.study, backend_tui.study.stats, backend_tui.cli\n"
        "sys.exit('textual' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_the_study_helpers_make_every_deck() -> None:
    content = make_content(2)
    assert {c.deck for c in content.languages["id"].cards} == set(SECTIONS)
    assert len(fixture_content().languages["en"].cards) == 6
