"""The Drill tab and drill screens, driven by keys through the real app.

Progress is checked in the saved files: a fresh service opened on the test's
data folder reads what the app wrote.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.app import FULL_CONTENT, app_settings, build_app
from helpers.ui import until
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList

from backend_tui.content.model import Card, Content
from backend_tui.settings import Settings
from backend_tui.study import DECKS, StudyService, interval_label, open_study
from backend_tui.ui.app import StudyApp
from backend_tui.ui.screens.dashboard import DashboardScreen
from backend_tui.ui.screens.drill import DrillScreen
from backend_tui.ui.screens.drill_summary import DrillSummaryScreen
from backend_tui.ui.screens.help import HelpScreen
from backend_tui.ui.widgets.drill_panel import DrillPanel
from backend_tui.ui.widgets.items import mastery_mark

Shown = Callable[[object], str]


# ---------------------------------------------------------------------- helpers


def settings(tmp_path: Path) -> Settings:
    return app_settings(tmp_path / "data", content_dir=FULL_CONTENT)


def saved(tmp_path: Path, content: Content) -> StudyService:
    """What is on disk now, read by a fresh service (as the next start would)."""
    return open_study(settings(tmp_path), content)


def reviews_today(service: StudyService) -> int:
    return service.heatmap(1)[-1][1]


def drill(app: StudyApp) -> DrillScreen:
    assert isinstance(app.screen, DrillScreen), app.screen
    return app.screen


def card(app: StudyApp) -> Card:
    current = drill(app).card
    assert current is not None
    return current


async def open_drill_tab(pilot: Pilot[None]) -> DrillPanel:
    app = pilot.app
    await pilot.press("5")
    await until(pilot, lambda: bool(app.screen.query(DrillPanel)), "the Drill tab")
    panel = app.screen.query_one(DrillPanel)
    await until(pilot, lambda: app.focused is panel.query_one(DataTable), "the deck table focus")
    return panel


async def start(pilot: Pilot[None], deck: str, key: str = "enter") -> DrillScreen:
    """Highlight ``deck`` on the Drill tab and press ``key`` (enter: review, t: quiz)."""
    app = pilot.app
    table = app.screen.query_one(DataTable)
    while table.cursor_row != DECKS.index(deck):
        await pilot.press("down" if table.cursor_row < DECKS.index(deck) else "up")
    await pilot.press(key)
    await until(pilot, lambda: isinstance(app.screen, DrillScreen), "the drill screen")
    await pilot.pause()
    return drill(app)


def screen_text(app: StudyApp, shown: Shown) -> str:
    """Every text widget of the active screen, painted, in order."""
    return "\n".join(shown(widget) for widget in app.screen.query("Static"))


def text_of(app: StudyApp, selector: str, shown: Shown) -> str:
    return shown(app.screen.query_one(selector))


def choice_letter(app: StudyApp, shown: Shown, correct: bool) -> str:
    """The letter a learner would press for the right (or a wrong) option, read off the screen."""
    current = card(app)
    wanted = next(o.text for o in current.options if o.correct == correct)
    for line in text_of(app, "#drill-choices", shown).splitlines():
        found = re.match(r"^[▶ ] ([a-d])\) (.*)$", line)
        if found and wanted.startswith(found.group(2).rstrip("…")):
            return found.group(1)
    raise AssertionError(f"option {wanted!r} not on screen")


async def answer(pilot: Pilot[None], shown: Shown, right: bool, grade: str = "enter") -> str:
    """Answer the current card by keys, right or wrong; returns its kind."""
    app = pilot.app
    current = card(app)
    if current.kind == "basic":
        await pilot.press("enter")
    elif current.kind == "choice":
        await pilot.press(choice_letter(app, shown, right), "enter")
    else:
        await pilot.press(*(current.answers[0] if right else "nonsense"), "enter")
    await until(pilot, lambda: drill(app).phase == "answered", "the answer")
    if current.kind != "basic":
        verdict = text_of(app, "#drill-verdict", shown)
        assert verdict.startswith("✓ Right" if right else "✗ Wrong"), verdict
    await pilot.press(grade)
    await pilot.pause()
    return current.kind


def deck_row(app: StudyApp, deck: str) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [str(cell).strip() for cell in table.get_row(deck)]


# ---------------------------------------------------------------------- tests


async def test_drill_tab_shows_every_deck_streak_heatmap_and_quiz_history(
    tmp_path: Path, content: Content, shown: Shown
) -> None:
    app = build_app(tmp_path, content, content_dir=FULL_CONTENT)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_drill_tab(pilot)
        table = panel.query_one(DataTable)
        assert [str(table.get_row(d)[0]) for d in DECKS] == [
            "Role",
            "Duties",
            "Skills",
            "Career & Salary",
            "All",
        ]
        role = deck_row(app, "role")
        assert role[1:4] == ["0", "15", "0/15"]
        assert role[4:] == ["○ 0%", "-", "-"]
        assert shown(panel.query_one("#drill-streak")) == "Streak: 0 days"
        assert "No quiz done to the end yet" in shown(panel.query_one("#drill-history"))
        heat = shown(panel.query_one("#drill-heatmap"))
        rows = heat.splitlines()
        assert len(rows) == 8  # seven weekdays and the legend
        assert all(len(r.split()[1]) == 24 for r in rows[:7])  # 12 weeks, 2 columns each
        assert "·░▒▓█" in rows[7]


async def test_review_a_whole_deck_by_keys_then_summary_and_back(
    tmp_path: Path, content: Content, shown: Shown
) -> None:
    app = build_app(tmp_path, content, content_dir=FULL_CONTENT)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_drill_tab(pilot)
        screen = await start(pilot, "role")
        assert screen.session.mode == "review"
        total = screen.session.total
        assert total == 15
        kinds = []
        card_ids = []
        n = 0
        # Every card once, some wrong; the wrong ones come back in the same drill (a
        # learning step), shown early once nothing else is left, until answered right.
        while not isinstance(app.screen, DrillSummaryScreen):
            assert isinstance(app.screen, DrillScreen)
            current = card(app)
            card_ids.append(current.id)
            assert current.front[:30] in text_of(app, "#drill-front", shown)
            first_time = card_ids.count(current.id) == 1
            right = not (first_time and n % 3 == 1)
            kinds.append(await answer(pilot, shown, right=right, grade="enter" if right else "1"))
            n += 1
            assert reviews_today(saved(tmp_path, content)) == n
            await pilot.pause()
        assert {"basic", "choice", "typed"} <= set(kinds)
        assert set(card_ids) == {c.id for c in screen.service.deck_cards("role")}
        assert n > total  # the forgotten ones came back

        await until(pilot, lambda: isinstance(app.screen, DrillSummaryScreen), "the summary")
        summary = screen_text(app, shown)
        assert "Review finished · Role" in summary
        assert f"{n} answered" in summary and "0 left" in summary
        assert "Accuracy" in summary
        assert "Mastery" in summary and "→" in summary

        # Undo works after the last card too: back to it, its review gone from the log.
        last = card_ids[-1]
        await pilot.press("u")
        await until(pilot, lambda: isinstance(app.screen, DrillScreen), "the drill again")
        assert card(app).id == last
        assert reviews_today(saved(tmp_path, content)) == n - 1
        await answer(pilot, shown, right=True, grade="4")
        await until(pilot, lambda: isinstance(app.screen, DrillSummaryScreen), "the summary")
        assert reviews_today(saved(tmp_path, content)) == n

        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen), "the dashboard")
        await pilot.pause()
        role = deck_row(app, "role")
        assert role[2] == "0"  # no new card left in the deck
        assert shown(app.screen.query_one("#drill-streak")) == "Streak: 1 day"


async def test_enter_enter_accepts_the_suggested_grade(
    tmp_path: Path, content: Content, shown: Shown
) -> None:
    app = build_app(tmp_path, content, content_dir=FULL_CONTENT)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_drill_tab(pilot)
        await start(pilot, "role")
        expected = {1: 0, 2: 0, 3: 0, 4: 0}
        for _ in range(5):
            kind = card(app).kind
            front = card(app).id
            await pilot.press("enter")
            await until(pilot, lambda: drill(app).phase == "answered", "the answer")
            grades = text_of(app, "#drill-grades", shown)
            # A basic card suggests Good; an unanswered pick or empty text is checked wrong.
            suggested = 3 if kind == "basic" else 1
            if kind == "choice" and "✓ Right" in text_of(app, "#drill-verdict", shown):
                suggested = 3  # the first option happened to be the right one
            assert re.search(rf"\[{suggested} \w+ · \w+\] ⏎", grades), grades
            expected[suggested] += 1
            await pilot.press("enter")
            await until(pilot, lambda f=front: card(app).id != f, "the next card")
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        help_text = shown(app.screen.query_one("#help-text"))
        for row in ("Reveal or check", "Grade yourself: Again, Hard, Good, Easy", "Undo the last"):
            assert row in help_text
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, DrillScreen), "the drill again")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, DrillSummaryScreen), "the summary")
        summary = screen_text(app, shown)
        assert "5 answered, " in summary
        assert f"Again {expected[1]}" in summary and f"Good {expected[3]}" in summary
        # Help on the summary lists the summary's keys, not the dashboard's.
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the summary's help")
        help_text = shown(app.screen.query_one("#help-text"))
        assert "Back to the Drill tab" in help_text and "Undo the last answer" in help_text
        assert "Previous tab" not in help_text
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, DrillSummaryScreen), "the summary")


async def test_grade_keys_show_their_next_interval_and_are_saved(
    tmp_path: Path, content: Content, shown: Shown
) -> None:
    app = build_app(tmp_path, content, content_dir=FULL_CONTENT)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_drill_tab(pilot)
        screen = await start(pilot, "skills")
        for grade in "4321":
            while card(app).kind != "basic":  # grade basic cards: nothing to check first
                await answer(pilot, shown, right=True)
            await pilot.press("enter")
            await until(pilot, lambda: screen.phase == "answered", "the back of the card")
            assert card(app).back[:30] in text_of(app, "#drill-back", shown)
            line = text_of(app, "#drill-grades", shown)
            intervals = screen.session.intervals()
            for rating, name in ((1, "Again"), (2, "Hard"), (3, "Good"), (4, "Easy")):
                assert f"{rating} {name} · {interval_label(intervals[rating])}" in line
            card_id = card(app).id
            await pilot.press(grade)
            await until(pilot, lambda c=card_id: card(app).id != c, "the next card")
            state = saved(tmp_path, content).progress.cards[card_id]
            assert state.reps == 1
            # Only Easy takes a new card straight to Review; the others keep learning it.
            assert (state.state == 2) == (grade == "4")


async def test_choice_by_arrows_and_typed_right_and_wrong(
    tmp_path: Path, content: Content, shown: Shown
) -> None:
    app = build_app(tmp_path, content, content_dir=FULL_CONTENT)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_drill_tab(pilot)
        screen = await start(pilot, "role")
        seen_choice = seen_typed_right = seen_typed_wrong = False
        typed_right_next = True
        while not (seen_choice and seen_typed_right and seen_typed_wrong):
            current = card(app)
            if current.kind == "choice" and not seen_choice:
                before = text_of(app, "#drill-choices", shown)
                assert before.splitlines()[0].startswith("▶ a)")
                target = choice_letter(app, shown, correct=True)
                for _ in range("abcd".index(target)):
                    await pilot.press("down")
                marked = text_of(app, "#drill-choices", shown).splitlines()["abcd".index(target)]
                assert marked.startswith(f"▶ {target})")
                await pilot.press("enter")
                await until(pilot, lambda: screen.phase == "answered", "the answer")
                assert text_of(app, "#drill-verdict", shown).startswith("✓ Right")
                picked = text_of(app, "#drill-choices", shown).splitlines()
                assert any(line.startswith(f"✓ {target})") for line in picked)
                # The language switch redraws this very card, result and order kept.
                await pilot.press("l")
                indonesian = content["id"].card(current.id)
                assert indonesian is not None
                await until(
                    pilot,
                    lambda i=indonesian: i.front[:25] in text_of(app, "#drill-front", shown),
                    "the card in Indonesian",
                )
                right_text = next(o.text for o in indonesian.options if o.correct)
                relabelled = text_of(app, "#drill-choices", shown).splitlines()
                assert relabelled["abcd".index(target)].startswith(f"✓ {target}) {right_text[:20]}")
                assert screen.phase == "answered"
                await pilot.press("l")
                seen_choice = True
                await pilot.press("enter")
            elif current.kind == "typed" and not seen_typed_wrong:
                # Enter twice in a row, as fast as keys go: submit (wrong), then go on.
                assert app.focused is screen.query_one("#drill-input")
                index = screen.session.index
                await pilot.press("x", "enter", "enter")
                await until(pilot, lambda i=index: screen.session.index == i + 1, "the next card")
                seen_typed_wrong = True
            elif current.kind == "typed":
                assert app.focused is screen.query_one("#drill-input")
                await answer(pilot, shown, right=typed_right_next)
                seen_typed_right |= typed_right_next
                seen_typed_wrong |= not typed_right_next
                typed_right_next = not typed_right_next
            else:
                await answer(pilot, shown, right=False)
            await pilot.pause()


async def test_undo_several_levels_restores_saved_state_also_from_the_summary(
    tmp_path: Path, content: Content, shown: Shown
) -> None:
    app = build_app(tmp_path, content, content_dir=FULL_CONTENT)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_drill_tab(pilot)
        screen = await start(pilot, "role")
        answered: list[str] = []
        for _ in range(3):
            answered.append(card(app).id)
            await answer(pilot, shown, right=True)
        assert reviews_today(saved(tmp_path, content)) == 3
        # From the summary first: back to the last card answered.
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, DrillSummaryScreen), "the summary")
        await pilot.press("u")
        await until(pilot, lambda: isinstance(app.screen, DrillScreen), "the drill again")
        for level in range(3):
            await pilot.pause()
            expected = answered[-1 - level]
            if level:
                await pilot.press("u")
                await until(pilot, lambda e=expected: card(app).id == e, "the previous card")
            assert card(app).id == expected
            assert screen.phase == "question"
            on_disk = saved(tmp_path, content)
            assert reviews_today(on_disk) == 2 - level
            assert expected not in on_disk.progress.cards  # back to a new card
        assert f"Card 1 of {screen.session.total}" in text_of(app, "#drill-top", shown)
        await pilot.press("u")  # nothing left: the screen stays, says so
        await pilot.pause()
        assert card(app).id == answered[0]


async def test_quiz_scores_in_percent_keeps_the_schedule_and_updates_best_last(
    tmp_path: Path, content: Content, shown: Shown
) -> None:
    app = build_app(tmp_path, content, content_dir=FULL_CONTENT)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_drill_tab(pilot)
        screen = await start(pilot, "role", key="t")
        assert screen.session.mode == "quiz"
        assert "Quiz · Role" in text_of(app, "#drill-top", shown)
        total = screen.session.total
        assert total == len([c for c in content["id"].cards if c.deck == "role"])
        assert screen.session.intervals() == {}
        right = 0
        for n in range(total):
            ok = n % 2 == 0
            await answer(pilot, shown, right=ok, grade="enter" if ok else "1")
            right += ok
        await until(pilot, lambda: isinstance(app.screen, DrillSummaryScreen), "the summary")
        score = round(100 * right / total)
        summary = screen_text(app, shown)
        assert f"Quiz score  {score}%" in summary
        assert "schedule" in summary
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen), "the dashboard")
        await pilot.pause()
        assert deck_row(app, "role")[5:] == [f"{score}%", f"{score}%"]
        history = shown(app.screen.query_one("#drill-history"))
        assert history == f"latest {score}% · best {score}% · 1 quiz done"
        caption = shown(app.screen.query_one("#drill-quiz-caption"))
        assert caption == "Quiz scores · Role · 0–100%"  # noqa: RUF001

    on_disk = saved(tmp_path, content)
    assert on_disk.progress.cards == {}  # no card was scheduled
    assert reviews_today(on_disk) == 0
    assert on_disk.quiz_history("role") == [pytest.approx(100 * right / total)]


async def test_mastery_marks_on_the_duties_list_after_a_drill(
    tmp_path: Path, content: Content, shown: Shown
) -> None:
    app = build_app(tmp_path, content, content_dir=FULL_CONTENT)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await until(pilot, lambda: bool(app.screen.query("#view-duties #item-list")), "Duties")
        items = app.screen.query_one("#view-duties #item-list", OptionList)
        assert not re.search("[○◔◑◕●]", shown(items))
        await open_drill_tab(pilot)
        screen = await start(pilot, "duties")
        sources = set()
        for _ in range(4):
            sources.add(card(app).source)
            await answer(pilot, shown, right=True, grade="4")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, DrillSummaryScreen), "the summary")
        assert "Mastery     0% → " in screen_text(app, shown)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen), "the dashboard")
        cards = len([c for c in content["id"].cards if c.deck == "duties"])
        assert deck_row(app, "duties")[4].endswith(f" {round(100 * 4 / cards)}%")
        await pilot.press("2")
        titles = {i.id: i.title for i in content["en"].sections["duties"].items}
        service = saved(tmp_path, content)

        def marks() -> dict[str, str]:
            rows = [line for line in shown(items).splitlines() if line.strip()]
            return {
                source: next(r for r in rows if titles[source.split(".")[1]][:20] in r)
                for source in sources
            }

        await until(pilot, lambda: all(re.search("[◔◑◕●]", r) for r in marks().values()), "marks")
        for source, row in marks().items():
            mastery = service.item_mastery(source)
            assert mastery is not None and mastery > 0
            assert row.rstrip().endswith(mastery_mark(mastery))
        assert screen.session.finished


async def test_the_eighth_lapse_suspends_a_leech_with_a_notice(
    tmp_path: Path, content: Content, shown: Shown
) -> None:
    clock = [dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)]

    def now() -> dt.datetime:
        return clock[0]

    service = open_study(settings(tmp_path), content, now=now, new_per_day=1, fuzz=False)
    for rating in [4] + [1] * 7:
        session = service.start_review("role")
        session.answer(rating)
        while not session.finished:  # relearning steps, in the same drill
            session.answer(4)
        leech = next(iter(service.progress.cards))
        clock[0] = service.progress.cards[leech].due
    assert service.progress.cards[leech].lapses == 7

    app = build_app(tmp_path, content, content_dir=FULL_CONTENT, now=now)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_drill_tab(pilot)
        await start(pilot, "role")
        assert card(app).id == leech
        await answer(pilot, shown, right=False, grade="1")
        await until(pilot, lambda: bool(app.screen.query("Toast")), "the notice")
        notices = " ".join(" ".join(str(t.render()).split()) for t in app.screen.query("Toast"))
        assert "leech" in notices and "suspended" in notices
        assert not isinstance(app.screen, DrillScreen) or card(app).id != leech
    assert saved(tmp_path, content).suspended_ids() == [leech]


async def test_a_corrupt_save_is_reported_on_screen(tmp_path: Path, content: Content) -> None:
    folder = tmp_path / "data" / "profiles" / "tester"
    folder.mkdir(parents=True)
    (folder / "progress.toml").write_text("this is [not toml", encoding="utf-8")
    app = build_app(tmp_path, content, content_dir=FULL_CONTENT)
    assert app.study.warnings
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await until(pilot, lambda: bool(app.screen.query("Toast")), "a warning toast")
        toasts = app.screen.query("Toast")
        shown_text = " ".join(str(t.render()) for t in toasts)
        assert app.study.warnings[0][:40] in " ".join(shown_text.split())


async def test_a_corrupt_save_is_reported_in_the_learners_language(
    tmp_path: Path, content: Content
) -> None:
    folder = tmp_path / "data" / "profiles" / "tester"
    folder.mkdir(parents=True)
    (folder / "progress.toml").write_text("this is [not toml", encoding="utf-8")
    app = build_app(tmp_path, content, content_dir=FULL_CONTENT, lang="id")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await until(pilot, lambda: bool(app.screen.query("Toast")), "a warning toast")
        shown_text = " ".join(" ".join(str(t.render()) for t in app.screen.query("Toast")).split())
        assert "Progres tersimpan" in shown_text and "tidak bisa dibaca" in shown_text
        assert "progress.corrupt-" in shown_text  # the kept copy is named
        assert "could not be read" not in shown_text and "newest good copy" not in shown_text
    # The English sentence is still what `stats` and the logs see.
    assert "could not be read" in app.study.warnings[0]


async def test_quit_in_the_middle_of_a_drill_loses_no_answer(
    tmp_path: Path, content: Content, shown: Shown
) -> None:
    app = build_app(tmp_path, content, content_dir=FULL_CONTENT)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_drill_tab(pilot)
        await start(pilot, "career")
        answered = []
        for _ in range(2):
            answered.append(card(app).id)
            await answer(pilot, shown, right=True)
        await pilot.press("enter")  # the next card shown or revealed: q must still be safe
        await pilot.press("q")
    assert app.return_code == 0
    on_disk = saved(tmp_path, content)
    assert sorted(on_disk.progress.cards) == sorted(answered)
    assert reviews_today(on_disk) == 2


async def test_on_a_typed_card_escape_leaves_the_field_then_every_drill_key_works(
    tmp_path: Path, content: Content, shown: Shown
) -> None:
    app = build_app(tmp_path, content, content_dir=FULL_CONTENT)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_drill_tab(pilot)
        screen = await start(pilot, "role")
        while card(app).kind != "typed":
            await answer(pilot, shown, right=True)
        typed_card = card(app).id
        field = screen.query_one("#drill-input", Input)
        assert app.focused is field
        index = screen.session.index
        await pilot.press("u", "o", "q", "1", "t")  # letters of an answer, while typing
        assert field.value == "uoq1t"
        assert drill(app) is screen and screen.session.index == index
        assert screen.phase == "question"
        await pilot.press("escape")  # leaves the field; the drill goes on
        await until(pilot, lambda: app.focused is None, "the field left")
        assert drill(app) is screen
        assert "Escape: end the drill" in text_of(app, "#drill-grades", shown)
        await pilot.press("u")  # now a drill key: the previous answer is taken back
        await until(pilot, lambda: screen.session.index == index - 1, "the undo")
        assert card(app).id != typed_card
        await answer(pilot, shown, right=True)
        assert card(app).id == typed_card
        await pilot.press("escape", "escape")  # out of the field, then the drill ends
        await until(pilot, lambda: isinstance(app.screen, DrillSummaryScreen), "the summary")
        assert f"{index} answered, " in screen_text(app, shown)


async def test_on_a_narrow_terminal_the_grade_line_wraps_and_the_hint_fits_again(
    tmp_path: Path, content: Content, shown: Shown
) -> None:
    """The line above the key bar grows to two lines for the grades and back to one after."""
    app = build_app(tmp_path, content, content_dir=FULL_CONTENT)
    async with app.run_test(size=(60, 24)) as pilot:
        await open_drill_tab(pilot)
        screen = await start(pilot, "role")
        grades = screen.query_one("#drill-grades")
        while card(app).kind != "basic":
            await answer(pilot, shown, right=True)
        assert grades.region.height == 1
        await pilot.press("enter")
        await until(pilot, lambda: screen.phase == "answered", "the back of the card")
        await pilot.pause()
        line = " ".join(text_of(app, "#drill-grades", shown).split())
        assert "1 Again" in line and "4 Easy" in line, line
        assert grades.region.height == 2
        # The body gave up the line: it ends where the grades begin.
        body = screen.query_one("#drill-body")
        assert body.region.bottom == grades.region.y
        await pilot.press("3")
        await until(pilot, lambda: screen.phase == "question", "the next card")
        await pilot.pause()
        assert grades.region.height == 1
        assert body.region.bottom == grades.region.y


async def test_the_answer_field_looks_disabled_after_submitting_and_fresh_on_the_next_card(
    tmp_path: Path, content: Content, shown: Shown
) -> None:
    """Disabling and re-enabling the field share a restyle with the focus change: both show."""
    app = build_app(tmp_path, content, content_dir=FULL_CONTENT)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_drill_tab(pilot)
        screen = await start(pilot, "all")
        field = screen.query_one("#drill-input", Input)
        submitted = 0
        while submitted < 2:
            while card(app).kind != "typed":
                await answer(pilot, shown, right=True)
            await pilot.pause()
            assert app.focused is field
            assert not field.disabled and field.styles.opacity == 1.0
            assert field.has_pseudo_class("focus")
            await pilot.press(*"nonsense", "enter")
            await until(pilot, lambda: screen.phase == "answered", "the answer")
            await pilot.pause()
            assert field.disabled and field.styles.opacity == 0.7, field.styles.opacity
            assert app.focused is None
            assert field.value == "nonsense"
            submitted += 1
            await pilot.press("3")
            await until(pilot, lambda: screen.phase == "question", "the next card")
