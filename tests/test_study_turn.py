"""A card's turn without a terminal: what Enter and Escape do, which keys count, the grade."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from helpers.study import Clock, make_content, open_at

from backend_tui.content.model import Card, Option
from backend_tui.study.turn import Action, Turn

RECALL = Card("r", "role.def", "basic", "What is a backend engineer?", "Builds the server side.")
CHOICE = Card(
    "c",
    "duties.api",
    "choice",
    "Which one is a data format?",
    "JSON is.",
    options=(Option("JSON", True), Option("HTTP", False), Option("SQL", False)),
)
TYPED = Card(
    "t", "skills.sec", "typed", "Keeping systems safe is called?", "…", answers=("Security",)
)

EVERY_ACTION: tuple[Action, ...] = (
    "pick",
    "grade",
    "undo",
    "bury",
    "suspend",
    "source",
    "language",
    "end",
    "search",
)


def _keys(turn: Turn) -> set[str]:
    return {a for a in EVERY_ACTION if turn.accepts(a)}


def test_a_recall_card_reveals_then_enter_accepts_good() -> None:
    turn = Turn(RECALL)
    assert (turn.phase, turn.enter, turn.escape, turn.hint) == (
        "question",
        "reveal",
        "end",
        "hint_basic",
    )
    assert turn.grade(3) is None  # nothing to grade before the back is shown
    assert "grade" not in _keys(turn) and "pick" not in _keys(turn)
    assert turn.press_enter() == "reveal"
    assert (turn.phase, turn.correct, turn.verdict, turn.suggested) == ("answered", None, None, 3)
    assert turn.enter == "grade" and turn.hint is None
    assert turn.grade() == 3
    assert turn.grade(1) == 1
    with pytest.raises(ValueError, match="rating"):
        turn.grade(5)
    assert _keys(turn) == set(EVERY_ACTION) - {"pick"}


@pytest.mark.parametrize(
    ("typed", "outcome", "correct", "suggested"),
    [
        ("security.", "right", True, 3),
        ("Secuirty", "near", True, 2),
        ("Safety", "wrong", False, 1),
        ("", "wrong", False, 1),
    ],
)
def test_a_typed_card_checks_the_answer_and_suggests_a_grade(
    typed: str, outcome: str, correct: bool, suggested: int
) -> None:
    turn = Turn(TYPED)
    assert turn.typing and turn.enter == "check" and turn.hint == "hint_typed"
    assert _keys(turn) == set()  # every letter goes into the field
    assert turn.press_enter(typed) == "check"
    assert turn.verdict is not None and turn.verdict.outcome == outcome
    assert (turn.phase, turn.correct, turn.suggested) == ("answered", correct, suggested)
    assert not turn.typing and turn.escape == "end"
    assert turn.grade() == suggested
    if outcome == "near":
        assert any(kind != "same" for _, kind in turn.verdict.diff)


def test_escape_leaves_the_field_then_ends_and_enter_goes_back_to_typing() -> None:
    turn = Turn(TYPED)
    assert turn.press_escape() == "leave_field"
    assert not turn.typing and turn.phase == "question"
    assert turn.hint == "hint_typed_left"
    assert _keys(turn) == set(EVERY_ACTION) - {"pick", "grade"}  # u, o, l, ?, q work now
    assert turn.enter == "type"
    assert turn.press_enter() == "type"
    assert turn.typing and turn.phase == "question" and turn.hint == "hint_typed"
    turn.press_escape()
    assert turn.press_escape() == "end"
    assert turn.phase == "question"  # ending is the caller's: nothing was graded


def test_a_choice_is_picked_by_letter_or_arrows_and_judged_as_shown() -> None:
    # Shown as b) c) a): "JSON" (the right one) is the last letter.
    turn = Turn(CHOICE, order=(1, 2, 0))
    assert turn.enter == "choose" and "pick" in _keys(turn)
    assert not turn.pick(3) and turn.cursor == 0
    assert turn.move(-1) and turn.cursor == 2
    assert turn.pick(1) and turn.cursor == 1
    assert turn.move(2) and turn.cursor == 0  # round the list
    turn.pick(2)
    assert turn.press_enter() == "choose"
    assert (turn.chosen, turn.correct, turn.suggested) == (2, True, 3)
    assert not turn.pick(0) and not turn.move(1) and turn.cursor == 2  # locked in
    wrong = Turn(CHOICE, order=(1, 2, 0))
    wrong.press_enter()
    assert (wrong.chosen, wrong.correct, wrong.suggested) == (0, False, 1)


def test_a_shuffled_turn_shows_every_option_once_in_a_seeded_order() -> None:
    orders = {Turn.shuffled(CHOICE, random.Random(seed)).order for seed in range(20)}
    assert all(sorted(order) == [0, 1, 2] for order in orders)
    assert len(orders) > 1
    assert Turn.shuffled(CHOICE, random.Random(5)).order == (
        Turn.shuffled(CHOICE, random.Random(5)).order
    )


def test_a_quiz_turn_cannot_bury_or_suspend() -> None:
    turn = Turn(RECALL, quiz=True)
    assert not turn.accepts("bury") and not turn.accepts("suspend")
    assert turn.accepts("undo") and turn.accepts("end")


def test_another_language_keeps_the_turn_where_it_was() -> None:
    turn = Turn(CHOICE, order=(2, 0, 1))
    turn.pick(1)
    turn.press_enter()
    english = CHOICE._replace(front="Which one is a data format? (en)")
    turn.relabel(english)
    assert turn.card is english
    assert (turn.phase, turn.order, turn.chosen, turn.correct) == ("answered", (2, 0, 1), 1, True)
    turn.relabel(RECALL)  # another card: not this turn's
    assert turn.card is english


def test_undo_brings_the_card_back_as_a_fresh_turn(tmp_path: Path) -> None:
    # The drill screen's loop without the screen: a turn per card, graded into the
    # session, and after undo a fresh turn for the card that came back.
    content = make_content(2)
    cards = {c.id: c for c in content.languages["id"].cards}
    service = open_at(tmp_path, content, Clock())
    session = service.start_review("role")
    first = session.current_id()
    assert first is not None
    turn = Turn(cards[first])
    turn.press_enter()
    rating = turn.grade(1)
    assert rating == 1
    session.answer(rating, turn.correct)
    assert session.current_id() != first
    assert session.undo()
    assert session.current_id() == first
    again = Turn(cards[first])
    assert (again.phase, again.correct, again.suggested) == ("question", None, 3)
    assert service.state_of(first) is None  # the saved answer was taken back too
