"""The dashboard driven by keys, as a learner would, at a small and a large terminal."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.command import CommandList, CommandPalette
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Static

from backend_tui.ui.app import StudyApp
from backend_tui.ui.screens.help import HelpScreen
from backend_tui.ui.widgets.items import DetailPane, ItemList
from backend_tui.ui.widgets.reading import ReadingView

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((140, 50), id="140x50")]

Shown = Callable[[object], str]


def strip_line(app: StudyApp) -> str:
    """The first line of the tab strip as painted: the labels and the language badge."""
    strip = app.dashboard.strip
    return strip.render_lines(Region(0, 0, strip.size.width, 1))[0].text.rstrip()


def tab_labels(app: StudyApp) -> list[str]:
    """The labels read off the painted strip, where the strip says each one sits."""
    line = strip_line(app)
    return [line[start:end] for start, end, _ in app.dashboard.strip.spans()]


def active(app: StudyApp) -> str:
    """The tab whose label is painted bold and underlined, checked against the state."""
    strip = app.dashboard.strip
    first = strip.render_lines(Region(0, 0, strip.size.width, 1))[0]
    marked = {s.text.strip() for s in first if s.style and s.style.bold and s.style.underline}
    spans = {tab_id: strip_line(app)[a:b] for a, b, tab_id in strip.spans()}
    assert marked == {spans[app.dashboard.active_tab]}, (marked, spans)
    return app.dashboard.active_tab


def item_list(app: StudyApp, tab: str) -> ItemList:
    return app.dashboard.query_one(f"#view-{tab} #item-list", ItemList)


def detail(app: StudyApp, tab: str) -> Static:
    return app.dashboard.query_one(f"#view-{tab} #detail-text", Static)


def highlighted_row(app: StudyApp, tab: str, shown: Shown) -> str:
    rows = [line for line in shown(item_list(app, tab)).splitlines() if line.startswith("▶")]
    assert len(rows) == 1, rows
    return rows[0]


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.pause()


async def until(pilot: Pilot[None], condition: Callable[[], bool], tries: int = 100) -> bool:
    """Poll a condition between frames (bounded): layout and scrolling settle over frames."""
    for _ in range(tries):
        if condition():
            return True
        await pilot.pause(0.02)
    return condition()


@pytest.mark.parametrize("size", SIZES)
async def test_opens_on_role_with_all_text_and_focus(make_test_app, shown: Shown, size) -> None:
    app = make_test_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert tab_labels(app) == ["Role", "Duties", "Skills", "Career"]
        assert active(app) == "role"
        role = app.dashboard.query_one("#view-role", ReadingView)
        text = "\n".join(shown(s) for s in role.query(Static))
        assert "What is a backend engineer?" in text
        assert "A short fixture introduction to the role." in text
        for title in ("Hero behind the screen", "Languages", "Why it matters"):
            assert title in text
        assert app.focused is role
        assert strip_line(app).endswith("EN · English")


@pytest.mark.parametrize("size", SIZES)
async def test_digit_keys_jump_to_each_tab_and_focus_its_content(make_test_app, shown, size):
    app = make_test_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("2")
        await settle(pilot)
        assert active(app) == "duties"
        assert app.focused is item_list(app, "duties")
        assert "1. Design and manage servers" in shown(detail(app, "duties"))
        await pilot.press("3")
        await settle(pilot)
        assert active(app) == "skills"
        assert app.focused is item_list(app, "skills")
        assert "1. Programming languages" in shown(detail(app, "skills"))
        await pilot.press("4")
        await settle(pilot)
        assert active(app) == "career"
        career = app.dashboard.query_one("#view-career")
        assert app.focused is career
        chart = shown(career.query_one("#salary-chart"))
        assert "Salary per year, on one US dollar scale" in chart
        await pilot.press("1")
        await settle(pilot)
        assert active(app) == "role"


@pytest.mark.parametrize("size", SIZES)
async def test_brackets_step_through_tabs_and_wrap(make_test_app, size) -> None:
    app = make_test_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert active(app) == "career"
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert active(app) == "role"
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert active(app) == "skills"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("down", "up"), [("j", "k"), ("down", "up")])
async def test_list_keys_move_the_highlight_and_the_detail_follows(
    make_test_app, shown: Shown, size, down: str, up: str
) -> None:
    app = make_test_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("2")
        await settle(pilot)
        assert highlighted_row(app, "duties", shown) == "▶ 1. Design and manage servers"
        await pilot.press(down)
        await settle(pilot)
        assert highlighted_row(app, "duties", shown) == "▶ 2. Develop and manage databases"
        text = shown(detail(app, "duties"))
        assert text.startswith("2. Develop and manage databases")
        assert "Technologies: SQL, NoSQL" in text
        await pilot.press(down)
        await settle(pilot)
        assert shown(detail(app, "duties")).startswith("3. Build APIs")
        await pilot.press(up, up)
        await settle(pilot)
        assert highlighted_row(app, "duties", shown) == "▶ 1. Design and manage servers"
        assert "Study note (not from the article)" in shown(detail(app, "duties"))
        # Above the first entry: the section's introduction.
        await pilot.press(up)
        await settle(pilot)
        assert highlighted_row(app, "duties", shown) == "▶ Introduction"
        assert "Understand the duties before going further." in shown(detail(app, "duties"))


@pytest.mark.parametrize("size", SIZES)
async def test_page_keys_scroll_the_detail_pane(make_test_app, size) -> None:
    app = make_test_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("2", "j", "j", "j")  # 6. Monitoring: a long body
        await settle(pilot)
        pane = app.dashboard.query_one("#view-duties").query_one(DetailPane)
        assert pane.max_scroll_y > 0
        await pilot.press("pagedown")
        await settle(pilot)
        assert pane.scroll_y > 0
        await pilot.press("end")
        await settle(pilot)
        assert pane.scroll_y == pane.max_scroll_y
        await pilot.press("pageup")
        await settle(pilot)
        assert pane.scroll_y < pane.max_scroll_y
        await pilot.press("home")
        await settle(pilot)
        assert pane.scroll_y == 0
        # The list keeps its place: paging scrolled the text, not the list.
        assert item_list(app, "duties").highlighted_option.id == "monitoring"


@pytest.mark.parametrize("size", SIZES)
async def test_page_keys_scroll_the_role_text(make_test_app, size) -> None:
    app = make_test_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        role = app.dashboard.query_one("#view-role", ReadingView)
        assert role.max_scroll_y > 0
        await pilot.press("pagedown")
        await settle(pilot)
        assert role.scroll_y > 0
        await pilot.press("end")
        await settle(pilot)
        assert role.scroll_y == role.max_scroll_y
        await pilot.press("home")
        await settle(pilot)
        assert role.scroll_y == 0


async def open_palette_and_run(pilot: Pilot[None], query: str, opener: str = "slash") -> None:
    app = pilot.app
    await pilot.press(opener)
    await settle(pilot)
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    commands = app.screen.query_one(CommandList)
    for _ in range(100):  # the palette gathers hits in the background
        await pilot.pause(0.02)
        if commands.option_count:
            break
    assert commands.option_count, f"no hit for {query!r}"
    for _ in range(5):
        if not isinstance(app.screen, CommandPalette):
            break
        await pilot.press("enter")
        await settle(pilot)
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("opener", ["slash", "ctrl+p"])
async def test_palette_opens_and_escape_closes_it(make_test_app, size, opener: str) -> None:
    app = make_test_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press(opener)
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.dashboard


@pytest.mark.parametrize("size", SIZES)
async def test_palette_finds_a_word_only_a_body_holds_and_jumps_to_it(
    make_test_app, shown: Shown, size
) -> None:
    app = make_test_app()
    async with app.run_test(size=size) as pilot:
        await open_palette_and_run(pilot, "zanzibar")
        assert app.screen is app.dashboard
        assert active(app) == "duties"
        assert item_list(app, "duties").highlighted_option.id == "databases"
        assert highlighted_row(app, "duties", shown) == "▶ 2. Develop and manage databases"
        assert "zanzibar" in shown(detail(app, "duties"))


@pytest.mark.parametrize("size", SIZES)
async def test_palette_jumps_into_an_unbuilt_reading_tab(make_test_app, size) -> None:
    app = make_test_app()
    async with app.run_test(size=size) as pilot:
        await open_palette_and_run(pilot, "Outlook", opener="ctrl+p")
        assert active(app) == "career"
        career = app.dashboard.query_one("#view-career", ReadingView)
        found = career.entry_line("outlook")
        assert found is not None
        static, line = found
        # The line the view measured is the entry's heading, drawn in bold.
        row = static.render_lines(Region(0, line, static.size.width, 1))[0]
        assert row.text.startswith("Outlook")
        assert all(s.style and s.style.bold for s in row if s.text.strip())
        # Scrolled so the entry is at the top (at 80x24 it starts below the fold).
        top = static.virtual_region.y + line
        assert await until(pilot, lambda: career.scroll_y == min(top, career.max_scroll_y))
        assert career.scroll_y > 0 or career.max_scroll_y == 0


@pytest.mark.parametrize("size", SIZES)
async def test_l_switches_language_keeping_the_selection(make_test_app, shown, size) -> None:
    app = make_test_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("2", "j")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert tab_labels(app) == ["Peran", "Tugas", "Skill", "Karier"]
        assert strip_line(app).endswith("ID · Bahasa Indonesia")
        assert item_list(app, "duties").highlighted_option.id == "databases"
        text = shown(detail(app, "duties"))
        assert text.startswith("2. Mengembangkan dan mengelola database")
        assert "Tujuh tugas backend engineer" in shown(
            app.dashboard.query_one("#view-duties #items-heading")
        )
        # Tabs built before the switch re-render too.
        await pilot.press("1")
        await settle(pilot)
        role_text = shown(app.dashboard.query_one("#view-role #reading-text"))
        assert "Apa itu backend engineer?" in role_text
        await pilot.press("l")
        await settle(pilot)
        assert tab_labels(app) == ["Role", "Duties", "Skills", "Career"]


async def test_study_notes_are_labelled_in_both_languages(make_test_app, shown) -> None:
    app = make_test_app("id")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "j")
        await settle(pilot)
        text = shown(detail(app, "skills"))
        assert "Catatan belajar (bukan dari artikel)" in text
        assert "Catatan fixture: latihan branching." in text


@pytest.mark.parametrize("size", SIZES)
async def test_help_lists_every_key_and_escape_closes_it(make_test_app, shown, size) -> None:
    app = make_test_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("2", "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = shown(app.screen.query_one("#help-text"))
        lines = {line.split("  ")[0].strip(): line for line in text.splitlines()}
        # Rows come from the bindings of the screen, the focused list and the app.
        for key, words in [
            ("1, 2, 3, 4", "Show a tab"),
            ("[", "previous tab"),
            ("]", "next tab"),
            ("/, ^p", "Search"),
            ("l", "Switch language"),
            ("?", "this list of keys"),
            ("q, ^q", "Quit"),
            ("pgup, pgdn", "page up or down"),
            ("home, end", "bottom"),
            ("j, k, ↑, ↓", "Move in a list"),
            ("tab, shift+tab", "Move the focus"),
        ]:
            assert key in lines, (key, text)
            assert words in lines[key]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.dashboard


@pytest.mark.parametrize("size", SIZES)
async def test_q_quits(make_test_app, size) -> None:
    app = make_test_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("q")
        await settle(pilot)
        assert not app.is_running
    assert app.return_code == 0


async def test_clicking_a_tab_label_shows_that_tab(make_test_app) -> None:
    app = make_test_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        spans = {tab_id: (start, end) for start, end, tab_id in app.dashboard.strip.spans()}
        start, end = spans["skills"]
        assert strip_line(app)[start:end] == "Skills"
        await pilot.click("#tab-strip", offset=(start + 1, 0))
        await settle(pilot)
        assert active(app) == "skills"
        assert app.focused is item_list(app, "skills")
        # A click between two labels changes nothing.
        await pilot.click("#tab-strip", offset=(end, 0))
        await settle(pilot)
        assert active(app) == "skills"


async def test_language_is_one_reactive_every_view_follows(make_test_app, shown) -> None:
    """Setting ``app.lang`` (not a key) relabels the tabs and the views already built."""
    app = make_test_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        app.lang = "id"
        await settle(pilot)
        assert tab_labels(app) == ["Peran", "Tugas", "Skill", "Karier"]
        assert "Tujuh tugas backend engineer" in shown(
            app.dashboard.query_one("#view-duties #items-heading")
        )
        await pilot.press("1")
        await settle(pilot)
        assert "Apa itu backend engineer?" in shown(
            app.dashboard.query_one("#view-role #reading-text")
        )


async def test_l_saves_the_language_in_the_learners_preferences(make_test_app, tmp_path) -> None:
    from backend_tui import paths
    from backend_tui.study.preferences import load_preferences

    app = make_test_app()
    folder = paths.profile_dir(tmp_path / "data", "tester")

    def saved() -> str | None:
        return load_preferences(folder).preferences.lang

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        assert await until(pilot, lambda: saved() == "id", tries=500)
        await pilot.press("l", "l", "l")  # one write, once the learner stops
        assert await until(pilot, lambda: saved() == "en", tries=500)
        await pilot.press("l")
    # Quitting at once still saves it.
    assert saved() == "id"


async def test_role_text_switched_back_and_forth_and_resized_reads_as_a_fresh_start(
    make_test_app, shown
) -> None:
    """The reading tab keeps rendered lines per language: they must follow a resize and
    a jump (bold entry), and read exactly as a fresh start in that language."""

    async def role_text(lang: str, size: tuple[int, int]) -> str:
        app = make_test_app(lang)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            return shown(app.dashboard.query_one("#view-role #reading-text"))

    fresh = {
        (lang, size): await role_text(lang, size)
        for lang in ("en", "id")
        for size in ((80, 24), (120, 40))
    }
    app = make_test_app()
    async with app.run_test(size=(80, 24)) as pilot:
        role = app.dashboard.query_one("#view-role #reading-text")
        for lang, size in [("id", (80, 24)), ("en", (80, 24)), ("id", (120, 40))]:
            await pilot.resize_terminal(*size)
            if app.lang != lang:
                await pilot.press("l")
            await settle(pilot)
            assert shown(role) == fresh[lang, size], (lang, size)
        await pilot.resize_terminal(80, 24)
        await pilot.press("l")
        await settle(pilot)
        assert shown(role) == fresh["en", (80, 24)]
        # A jump draws its entry in bold: another text, not the cached one.
        view = app.dashboard.query_one("#view-role", ReadingView)
        entry = view.section.items[0]
        assert view.select_item(entry.id)
        await settle(pilot)
        bold = {
            s.text.strip()
            for strip in role.render_lines(Region(0, 0, role.size.width, role.size.height))
            for s in strip
            if s.style and s.style.bold and s.text.strip()
        }
        assert any(entry.title.split()[0] in words for words in bold), bold
