"""A drill that teaches, driven by keys on the drill fixture: how typed answers are judged
and shown, and what is saved for them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.app import DRILL_CONTENT, app_settings, build_app
from helpers.ui import until
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from backend_tui.content import load_content
from backend_tui.content.model import Content
from backend_tui.settings import Settings
from backend_tui.study import DECKS, open_study
from backend_tui.study.preferences import Preferences, load_preferences, save_preferences
from backend_tui.study.stats import stats_data
from backend_tui.study.store import Store
from backend_tui.ui.app import StudyApp
from backend_tui.ui.screens.drill import DrillScreen
from backend_tui.ui.screens.drill_source import SourceScreen

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)

Shown = Callable[[object], str]


class Clock:
    def __init__(self) -> None:
        self.t = T0

    def __call__(self) -> dt.datetime:
        return self.t

    def advance(self, **delta: float) -> None:
        self.t += dt.timedelta(**delta)


@pytest.fixture(scope="module")
def drill_content() -> Content:
    return load_content(DRILL_CONTENT)


def settings(tmp_path: Path, lang: str = "en") -> Settings:
    return app_settings(tmp_path / "data", content_dir=DRILL_CONTENT, lang=lang)


def build(tmp_path: Path, content: Content, clock: Clock, lang: str = "en") -> StudyApp:
    return build_app(tmp_path, content, content_dir=DRILL_CONTENT, lang=lang, now=clock)


def drill(app: StudyApp) -> DrillScreen:
    assert isinstance(app.screen, DrillScreen), app.screen
    return app.screen


async def start(pilot: Pilot[None], deck: str, key: str = "enter") -> DrillScreen:
    app = pilot.app
    await pilot.press("5")
    await until(pilot, lambda: bool(app.screen.query(DataTable)), "the Drill tab")
    table = app.screen.query_one(DataTable)
    await until(pilot, lambda: app.focused is table, "the deck table focus")
    while table.cursor_row != DECKS.index(deck):
        await pilot.press("down" if table.cursor_row < DECKS.index(deck) else "up")
    await pilot.press(key)
    await until(pilot, lambda: isinstance(app.screen, DrillScreen), "the drill screen")
    await pilot.pause()
    return drill(app)


async def to_card(pilot: Pilot[None], card_id: str) -> None:
    """Answer cards (Good) until ``card_id`` is shown."""
    app = pilot.app
    for _ in range(20):
        screen = drill(app)
        assert screen.card is not None
        if screen.card.id == card_id:
            return
        if screen.card.kind == "typed":
            await pilot.press(*screen.card.answers[0], "enter")
        elif screen.card.kind == "choice":
            await pilot.press("a", "enter")
        else:
            await pilot.press("enter")
        await until(pilot, lambda: drill(app).phase == "answered", "the answer")
        await pilot.press("3")
        await pilot.pause()
    raise AssertionError(f"{card_id} never came")


def last_rating(tmp_path: Path, card_id: str) -> int:
    store = Store(tmp_path / "data" / "profiles" / "tester", lambda: T0)
    return [r for r in store.review_log() if r.card == card_id][-1].rating


async def test_money_typed_as_a_person_would_is_right(
    tmp_path: Path, drill_content: Content, shown: Shown
) -> None:
    app = build(tmp_path, drill_content, Clock())
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, "career")
        await to_card(pilot, "career-salary-us")
        await pilot.press(*"$160k a year", "enter")
        await until(pilot, lambda: drill(app).phase == "answered", "the answer")
        assert shown(app.screen.query_one("#drill-verdict")).startswith("✓ Right")
        await pilot.press("enter")  # the suggested grade: Good
        await pilot.pause()
    assert last_rating(tmp_path, "career-salary-us") == 3


async def test_a_typo_counts_as_right_suggests_hard_and_shows_the_difference(
    tmp_path: Path, drill_content: Content, shown: Shown
) -> None:
    app = build(tmp_path, drill_content, Clock())
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, "duties")
        await to_card(pilot, "duties-db-heart")
        await pilot.press(*"Databse.", "enter")
        await until(pilot, lambda: drill(app).phase == "answered", "the answer")
        verdict = shown(app.screen.query_one("#drill-verdict"))
        assert verdict.startswith("≈ Right, with a typo: database"), verdict
        assert "Hard" in verdict
        assert "[2 Hard" in shown(app.screen.query_one("#drill-grades"))
        await pilot.press("enter")
        await pilot.pause()
    assert last_rating(tmp_path, "duties-db-heart") == 2


async def test_a_wrong_answer_shows_what_was_typed_against_what_was_expected(
    tmp_path: Path, drill_content: Content, shown: Shown
) -> None:
    app = build(tmp_path, drill_content, Clock())
    async with app.run_test(size=(100, 24)) as pilot:
        await start(pilot, "career")
        await to_card(pilot, "career-salary-us")
        await pilot.press(*"USD 150,000", "enter")
        await until(pilot, lambda: drill(app).phase == "answered", "the answer")
        verdict = shown(app.screen.query_one("#drill-verdict"))
        assert "✗ Wrong" in verdict
        assert "you typed: USD 150,000" in verdict
        assert "expected: USD 160,000 per year" in verdict
        await pilot.press("enter")  # Again
        await pilot.pause()
    assert last_rating(tmp_path, "career-salary-us") == 1


async def test_typed_text_is_shown_literally(
    tmp_path: Path, drill_content: Content, shown: Shown
) -> None:
    app = build(tmp_path, drill_content, Clock())
    async with app.run_test(size=(100, 24)) as pilot:
        await start(pilot, "skills")
        await to_card(pilot, "skills-git")
        await pilot.press(*"[bold]x[/bold]", "enter")
        await until(pilot, lambda: drill(app).phase == "answered", "the answer")
        assert "you typed: [bold]x[/bold]" in shown(app.screen.query_one("#drill-verdict"))


async def test_o_is_a_look_the_drill_waits_on_the_same_card(
    tmp_path: Path, drill_content: Content, shown: Shown
) -> None:
    app = build(tmp_path, drill_content, Clock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, "duties")
        await to_card(pilot, "duties-db-heart")
        index = screen.session.index
        await pilot.press(*"datab")
        await pilot.press("escape", "o")  # out of the field, then the source
        await until(pilot, lambda: isinstance(app.screen, SourceScreen), "the source")
        title = shown(app.screen.query_one("#source-title")).strip()
        assert title == "Source · Duties › 2. Develop and manage databases"  # noqa: RUF001
        assert "heart of the application" in shown(app.screen.query_one("#source-text"))
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen, "the same drill")
        assert screen.card is not None and screen.card.id == "duties-db-heart"
        assert screen.phase == "question" and screen.session.index == index
        assert screen.query_one("#drill-input", Input).value == "datab"
        await pilot.press("o")  # o again closes it too
        await until(pilot, lambda: isinstance(app.screen, SourceScreen), "the source")
        await pilot.press("o")
        await until(pilot, lambda: app.screen is screen, "the same drill")
        await pilot.press("enter")  # back into the field, to finish typing
        await until(pilot, lambda: isinstance(app.focused, Input), "the field")
        await pilot.press(*"ase", "enter")
        await until(pilot, lambda: screen.phase == "answered", "the answer")
        assert shown(app.screen.query_one("#drill-verdict")).startswith("✓ Right")
    # Looking graded and ended nothing: only the answers given are saved.
    assert Store(tmp_path / "data" / "profiles" / "tester", lambda: T0).review_log()[-1].card != (
        "duties-db-heart"
    )


async def test_o_in_a_quiz_saves_no_partial_score(
    tmp_path: Path, drill_content: Content, shown: Shown
) -> None:
    app = build(tmp_path, drill_content, Clock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, "all", key="t")
        if screen.card is not None and screen.card.kind == "typed":
            await pilot.press("escape")
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, SourceScreen), "the source")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen, "the same quiz")
        assert not screen.session.finished
    reopened = open_study(settings(tmp_path), drill_content)
    assert reopened.quizzes() == []


async def test_bury_and_suspend_keys_set_a_card_aside_and_u_takes_it_back(
    tmp_path: Path, drill_content: Content, shown: Shown
) -> None:
    app = build(tmp_path, drill_content, Clock())
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await start(pilot, "all")
        first = screen.card.id if screen.card else None
        await pilot.press("minus")
        await until(pilot, lambda: screen.card is None or screen.card.id != first, "next card")
        await pilot.press("u")
        await until(pilot, lambda: screen.card is not None and screen.card.id == first, "undo")
        await pilot.press("exclamation_mark")
        await until(pilot, lambda: screen.card is None or screen.card.id != first, "next card")
        notices = " ".join(" ".join(str(t.render()).split()) for t in app.screen.query("Toast"))
        assert "Suspended" in notices
    assert open_study(settings(tmp_path), drill_content).suspended_ids() == [first]


async def test_undoing_a_bury_says_so_and_a_quiz_says_it_sets_nothing_aside(
    tmp_path: Path, drill_content: Content
) -> None:
    app = build(tmp_path, drill_content, Clock())

    def notices() -> str:
        return " ".join(" ".join(str(t.render()).split()) for t in app.screen.query("Toast"))

    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await start(pilot, "all")
        first = screen.card.id if screen.card else None
        await pilot.press("minus")
        await until(pilot, lambda: "Buried until tomorrow" in notices(), "the bury notice")
        await pilot.press("u")
        await until(pilot, lambda: screen.card is not None and screen.card.id == first, "undo")
        # The bury notice may still be up: another says the card is back.
        await until(pilot, lambda: "Taken back: the card is in this drill again" in notices())
        await pilot.press("escape", "escape")
        await until(pilot, lambda: not isinstance(app.screen, DrillScreen), "the drill's end")
    app = build(tmp_path, drill_content, Clock())
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await start(pilot, "all", key="t")
        if screen.card is not None and screen.card.kind == "typed":
            await pilot.press("escape")
        await pilot.press("minus")
        await until(pilot, lambda: "A quiz buries and suspends nothing" in notices())
        assert not screen.session.finished


async def test_deck_list_moves_with_j_k_home_end(
    tmp_path: Path, drill_content: Content, shown: Shown
) -> None:
    app = build(tmp_path, drill_content, Clock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await until(pilot, lambda: bool(app.screen.query(DataTable)), "the Drill tab")
        table = app.screen.query_one(DataTable)
        await until(pilot, lambda: app.focused is table, "the deck table focus")
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        await pilot.press("k")
        assert table.cursor_row == 1
        await pilot.press("end")
        assert table.cursor_row == len(DECKS) - 1
        caption = shown(app.screen.query_one("#drill-quiz-caption"))
        assert caption.startswith("Quiz scores · All")  # the chart follows the deck
        await pilot.press("home")
        assert table.cursor_row == 0


async def test_nothing_due_says_when_the_next_card_is_and_plus_adds_new_cards(
    tmp_path: Path, drill_content: Content, shown: Shown
) -> None:
    clock = Clock()
    service = open_study(settings(tmp_path), drill_content, now=clock, new_per_day=1, fuzz=False)
    session = service.start_review("role")
    session.answer(4)  # the only new card of the day, straight to Review
    due = service.progress.cards["role-hero"].due
    app = build(tmp_path, drill_content, clock)
    async with app.run_test(size=(100, 24), notifications=True) as pilot:
        await pilot.press("5")
        await until(pilot, lambda: bool(app.screen.query(DataTable)), "the Drill tab")
        table = app.screen.query_one(DataTable)
        await until(pilot, lambda: app.focused is table, "the deck table focus")
        await pilot.press("enter")
        await until(pilot, lambda: bool(app.screen.query("Toast")), "the notice")
        notice = " ".join(" ".join(str(t.render()).split()) for t in app.screen.query("Toast"))
        wait = due - clock()
        hours = round(wait.total_seconds() / 60) // 60
        assert f"Next card in {hours} h" in notice, notice
        assert f"at {due.astimezone():%H:%M}" in notice or due.astimezone().date().isoformat()
        assert "Press t for a quiz, or + for 10 more new cards" in notice
        await pilot.press("j", "plus")  # Duties: its new cards were over the limit
        await until(pilot, lambda: "Duties" in str(table.get_row("duties")[0]), "the rows")
        assert str(table.get_row("duties")[2]).strip() == "3"


async def test_stats_counts_the_new_cards_plus_added_as_the_drill_tab_does(
    tmp_path: Path, drill_content: Content
) -> None:
    clock = Clock()
    folder = tmp_path / "data" / "profiles" / "tester"
    save_preferences(folder, Preferences(new_per_day=1))
    service = open_study(settings(tmp_path), drill_content, now=clock, fuzz=False)
    service.start_review("role").answer(4)  # today's only new card: none left
    app = build(tmp_path, drill_content, clock)
    async with app.run_test(size=(100, 24), notifications=True) as pilot:
        await pilot.press("5")
        await until(pilot, lambda: bool(app.screen.query(DataTable)), "the Drill tab")
        table = app.screen.query_one(DataTable)
        await until(pilot, lambda: app.focused is table, "the deck table focus")
        assert [str(table.get_row(deck)[2]).strip() for deck in DECKS] == ["0"] * len(DECKS)
        await pilot.press("plus")
        await until(pilot, lambda: str(table.get_row("all")[2]).strip() != "0", "the new cards")
        shown = {deck: int(str(table.get_row(deck)[2])) for deck in DECKS}
    # What `stats` prints, read afresh from the profile as the command does.
    saved = open_study(settings(tmp_path), drill_content, now=clock, read_only=True)
    counted = {deck: row["new"] for deck, row in stats_data(saved, "tester")["decks"].items()}
    assert counted == shown and shown["all"] > 0
    clock.advance(days=1)  # the extra cards were for that day only
    tomorrow = open_study(settings(tmp_path), drill_content, now=clock, read_only=True)
    assert tomorrow.new_limit_today() == 1


async def test_nothing_due_on_a_deck_tells_that_decks_next_card_not_anothers(
    tmp_path: Path, drill_content: Content
) -> None:
    clock = Clock()
    service = open_study(settings(tmp_path), drill_content, now=clock, fuzz=False)
    duties = service.start_review("duties")
    while duties.current_id() is not None:
        duties.answer(4)  # Easy: every Duties card is due in days
    role = service.start_review("role")
    role.answer(1)  # Again: this Role card is due again in a minute
    app = build(tmp_path, drill_content, clock)
    async with app.run_test(size=(100, 24), notifications=True) as pilot:
        await pilot.press("5")
        await until(pilot, lambda: bool(app.screen.query(DataTable)), "the Drill tab")
        table = app.screen.query_one(DataTable)
        await until(pilot, lambda: app.focused is table, "the deck table focus")
        await pilot.press("j", "enter")  # Duties: every card seen, none due for days
        await until(pilot, lambda: bool(app.screen.query("Toast")), "the notice")
        notice = " ".join(" ".join(str(t.render()).split()) for t in app.screen.query("Toast"))
        assert notice.startswith("Duties: nothing is due now. Next card in"), notice
        assert "Next card in 1 min" not in notice  # that is the Role card, not a Duties one


async def test_s_sets_new_cards_a_day_and_keeps_it(
    tmp_path: Path, drill_content: Content, shown: Shown
) -> None:
    app = build(tmp_path, drill_content, Clock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await until(pilot, lambda: bool(app.screen.query(DataTable)), "the Drill tab")
        table = app.screen.query_one(DataTable)
        await until(pilot, lambda: app.focused is table, "the deck table focus")
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.focused, Input), "the setting")
        await pilot.press("backspace", "backspace", "2", "enter")
        await until(pilot, lambda: app.focused is table, "back to the decks")
        assert str(table.get_row("all")[2]).strip() == "2"
    assert load_preferences(tmp_path / "data" / "profiles" / "tester").preferences.new_per_day == 2
    assert open_study(settings(tmp_path), drill_content).new_per_day == 2
