"""Text from outside is text: markup in content, progress files and paths is shown as
written, never parsed; control characters are shown as stand-ins, never sent raw."""

from __future__ import annotations

import asyncio
import shutil
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import tomli_w
from helpers.ui import until
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rich.segment import Segment
from textual.command import CommandPalette
from textual.geometry import Region
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DataTable, OptionList

from backend_tui.content import load_content
from backend_tui.content.model import Content
from backend_tui.safetext import visible, visible_line
from backend_tui.settings import Settings
from backend_tui.study import DECKS
from backend_tui.ui.app import StudyApp, make_app
from backend_tui.ui.screens.drill import DrillScreen
from backend_tui.ui.screens.drill_summary import DrillSummaryScreen
from backend_tui.ui.screens.help import HelpScreen

LIMIT = 180
"""Seconds a test may take: an app that crashed mid-test fails it instead of hanging."""
DRILL_FIXTURE = Path(__file__).parent / "fixtures" / "drill_content"

ROLE_TAB = "Ro[/]le"
DUTIES_TAB = "[link=https://evil.example]Duties[/link]"
DUTIES_TITLE = "[bold]Seven[/bold] duties [red]x"
API_TITLE = "Build [@click=app.quit]APIs[/]"
FRONT = "What must a [b]server[/b] handle? [/]"
OPTION = "Drawing [/] the [link=x]UI"


def hostile_content(tmp_path: Path) -> Path:
    """The drill fixture with markup in tab names, titles, a card and an option."""
    root = tmp_path / "content"
    shutil.copytree(DRILL_FIXTURE, root)
    for lang in ("en", "id"):
        folder = root / lang
        for name, old, new in (
            ("role.toml", "tab = ", f'tab = "{ROLE_TAB}"\n#'),
            ("duties.toml", "tab = ", f'tab = "{DUTIES_TAB}"\n#'),
            ("duties.toml", "title = ", f'title = "{DUTIES_TITLE}"\n#'),
        ):
            path = folder / name
            path.write_text(path.read_text().replace(old, new, 1))
    for old, new in (
        ('title = "Build APIs"', f'title = "{API_TITLE}"'),
        ('front = "What must a server handle?"', f'front = "{FRONT}"'),
        ('{ text = "Drawing the user interface" }', f'{{ text = "{OPTION}" }}'),
    ):
        path = root / "en" / ("cards.toml" if "text" in old or "front" in old else "duties.toml")
        assert old in path.read_text(), old
        path.write_text(path.read_text().replace(old, new, 1))
    return root


def app_on(tmp_path: Path, content: Content, root: Path, data: Path | None = None) -> StudyApp:
    settings = Settings(
        content_dir=root, data_dir=data or tmp_path / "data", profile="tester", lang="en"
    )
    return make_app(settings, content)


def widgets(app: StudyApp) -> Iterator[Widget]:
    for widget in app.screen.query("*"):
        if widget.display and widget.size.area:
            yield widget


def lines(widget: Widget) -> list[Strip]:
    width, height = widget.size
    return widget.render_lines(Region(0, 0, width, height))


def painted(widget: Widget) -> Iterator[Segment]:
    for strip in lines(widget):
        yield from strip


def screen_text(app: StudyApp) -> str:
    """Every line every widget of the screen paints, toasts included."""
    return "\n".join(strip.text for widget in widgets(app) for strip in lines(widget))


def assert_nothing_interpreted(app: StudyApp) -> None:
    """No link, no click action and no raw control character anywhere on screen."""
    for widget in widgets(app):
        for segment in painted(widget):
            style = segment.style
            assert not (style and style.link), (widget, segment)
            assert "@click" not in str(style and style.meta), (widget, segment)
            assert "\x1b" not in segment.text and "\x9b" not in segment.text, (widget, segment)


def hits(app: StudyApp) -> str:
    """The palette's hits, every line of each (a hit's help is its second line)."""
    found = app.screen.query(OptionList)
    if not found:
        return ""
    options = found.first()
    return "\n".join(
        str(options.get_option_at_index(n).prompt) for n in range(options.option_count)
    )


async def open_drill_tab(pilot: Pilot[None]) -> DataTable[object]:
    app = pilot.app
    await pilot.press("5")
    await until(pilot, lambda: bool(app.screen.query(DataTable)), "the Drill tab")
    return app.screen.query_one(DataTable)


async def test_markup_in_content_is_shown_as_written(tmp_path: Path) -> None:
    root = hostile_content(tmp_path)
    content = load_content(root)
    app = app_on(tmp_path, content, root)
    async with asyncio.timeout(LIMIT), app.run_test(size=(100, 30)) as pilot:
        shown = screen_text(app)
        assert ROLE_TAB in shown and DUTIES_TAB in shown  # the tab row
        assert_nothing_interpreted(app)

        await pilot.press("2")
        await until(pilot, lambda: DUTIES_TITLE in screen_text(app), "the Duties list")
        assert API_TITLE in screen_text(app)
        assert_nothing_interpreted(app)

        table = await open_drill_tab(pilot)  # pressing 5 crashed on "Ro[/]le"
        shown = screen_text(app)
        assert ROLE_TAB in shown and DUTIES_TAB in shown
        assert_nothing_interpreted(app)

        while table.cursor_row != DECKS.index("duties"):
            await pilot.press("down")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, DrillScreen), "the drill")
        drill = app.screen
        assert isinstance(drill, DrillScreen)
        while not drill.session.finished:
            await pilot.pause()
            card = drill.card
            assert card is not None
            shown = screen_text(app)
            assert DUTIES_TAB in shown  # the drill's title
            if card.id == "duties-servers":
                assert FRONT in shown
            if card.kind == "choice":
                assert OPTION in shown
            assert_nothing_interpreted(app)
            await pilot.press(*(card.answers[0] if card.kind == "typed" else ""), "enter")
            await until(pilot, lambda: drill.phase == "answered", "the answer")
            assert_nothing_interpreted(app)
            await pilot.press("3")
        await until(pilot, lambda: isinstance(app.screen, DrillSummaryScreen), "the summary")
        assert DUTIES_TAB in screen_text(app)
        assert_nothing_interpreted(app)
        await pilot.press("escape")  # a [link=…] deck crashed here
        await until(pilot, lambda: not isinstance(app.screen, DrillSummaryScreen), "the tab")
        assert DUTIES_TAB in screen_text(app)

        await pilot.press("?")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        await pilot.pause()
        assert_nothing_interpreted(app)


async def test_palette_hits_show_markup_as_written(tmp_path: Path) -> None:
    root = hostile_content(tmp_path)
    app = app_on(tmp_path, load_content(root), root)
    async with asyncio.timeout(LIMIT), app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        await until(pilot, lambda: "Go to tab: Ro[/]le" in screen_text(app), "the palette")
        assert f"Go to tab: {DUTIES_TAB}" in screen_text(app)
        await pilot.press(*"apis")  # a title match, highlighted letter by letter
        await until(pilot, lambda: API_TITLE in screen_text(app), "a title hit")
        assert_nothing_interpreted(app)
        for _ in "apis":
            await pilot.press("backspace")
        await pilot.press(*"zanzibar")  # a body match, with a snippet of the body
        await until(pilot, lambda: "zanzibar is a fixture-only" in hits(app), "a body hit")
        assert_nothing_interpreted(app)


async def test_control_characters_are_shown_never_sent(tmp_path: Path) -> None:
    """The loader refuses control characters; material that got past it anyway (an
    older cache, a program building content itself) is still shown, not obeyed."""
    osc52 = "\x1b]52;c;Y3VybCBldmlsIHwgc2g=\x07"
    root = hostile_content(tmp_path)
    content = load_content(root)
    for code, language in content.languages.items():
        sections = dict(language.sections)
        role = sections["role"]
        item = role.items[0]
        sections["role"] = role._replace(
            tab=f"R\x9bole{osc52}",
            items=(item._replace(body=f"{item.body} \x1b[2J\u202egnp.exe"), *role.items[1:]),
        )
        content.languages[code] = language._replace(sections=sections)
    app = app_on(tmp_path, content, root)
    async with asyncio.timeout(LIMIT), app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert visible(f"R\x9bole{osc52}") == "R\ufffdole␛]52;c;Y3VybCBldmlsIHwgc2g=␇"
        assert "R\ufffdole␛]52;c;Y3VybCBldmlsIHwgc2g=␇" in shown
        assert "␛[2J\ufffdgnp.exe" in shown
        assert_nothing_interpreted(app)
        await open_drill_tab(pilot)
        assert "R\ufffdole␛]52;c;" in screen_text(app)
        assert_nothing_interpreted(app)


async def test_a_warning_about_a_path_shows_the_path_as_written(tmp_path: Path) -> None:
    root = hostile_content(tmp_path)
    data = tmp_path / "data [red]x[/] \x1b]0;title\x07"
    folder = data / "profiles" / "tester"
    folder.mkdir(parents=True)
    (folder / "progress.toml").write_text("schema_version = [[[[", encoding="utf-8")
    app = app_on(tmp_path, load_content(root), root, data)
    async with asyncio.timeout(LIMIT), app.run_test(size=(160, 40), notifications=True) as pilot:
        await until(pilot, lambda: bool(app.screen.query("Toast")), "a warning toast")
        toast = screen_text(app)
        assert "data [red]x[/]" in toast and "␛]0;title␇" in toast
        assert_nothing_interpreted(app)


def test_safe_text_stand_ins() -> None:
    assert visible("plain text, [b]not bold[/b]\n\tindented") == (
        "plain text, [b]not bold[/b]\n\tindented"
    )
    assert visible("\x00\x07\x1b\x7f\x85\x9b\u202a\u2066") == "␀␇␛␡\ufffd\ufffd\ufffd\ufffd"
    assert visible_line("two\nlines\t") == "two␊lines␉"
    # One character for one: positions found in the original still point at the same text.
    sample = "a\x1bb\u202ec\x9bd"
    assert len(visible(sample)) == len(sample)


# ------------------------------------------------------------------ fuzzed text

PIECES = (
    "[/]", "[link=x]", "[@click=app.quit]", "[b]", "[/b]", "[red]", "\\", "\\[b]", "[", "]",
    "$x", ":smile:", "{0}", "%s", "\u202e", "\u2066", "\u200f", "漢字", "😀", "e\u0301", "a",
)  # fmt: skip
CONTROLS = ("\x1b]52;c;Y3VybA==\x07", "\x1b[2J", "\x1b[5n", "\x9b31m", "\x85", "\x7f")


def fuzzed(most: int) -> st.SearchStrategy[str]:
    """Markup brackets, escapes, bidi marks, wide and combined characters, behind a
    plain prefix (the loader strips outer whitespace; a letter keeps the text whole)."""
    piece = st.sampled_from(PIECES) | st.characters(
        blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp")
    )
    return st.lists(piece, min_size=1, max_size=most).map(lambda parts: "Q" + "".join(parts))


FIELDS = ("role_tab", "duties_tab", "duties_title", "role_title", "role_body", "region")
CARD_FIELDS = ("front", "back", "option", "answer")


def fuzzed_content(tmp_path: Path, texts: dict[str, str]) -> Path:
    """The drill fixture, its strings replaced with ``texts`` (written as TOML by tomli-w)."""
    root = tmp_path / "fuzzed"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(DRILL_FIXTURE, root)
    for lang in ("en", "id"):
        folder = root / lang

        def rewrite(name: str, change: Callable[[dict[str, Any]], None]) -> None:
            path = folder / name  # noqa: B023
            data = tomllib.loads(path.read_text())
            change(data)
            path.write_text(tomli_w.dumps(data))

        def role(data: dict[str, Any]) -> None:
            data["section"]["tab"] = texts["role_tab"]
            data["items"][0]["title"] = texts["role_title"]
            data["items"][0]["body"] = f"kiwiword {texts['role_body']}"

        def duties(data: dict[str, Any]) -> None:
            data["section"]["tab"] = texts["duties_tab"]
            data["section"]["title"] = texts["duties_title"]

        def career(data: dict[str, Any]) -> None:
            data["salaries"][0]["region"] = texts["region"]

        def cards(data: dict[str, Any]) -> None:
            by_id = {card["id"]: card for card in data["cards"]}
            by_id["duties-servers"]["front"] = texts["front"]
            by_id["duties-servers"]["back"] = texts["back"]
            options = by_id["duties-api-purpose"]["options"]
            next(o for o in options if not o.get("correct"))["text"] = texts["option"]
            by_id["duties-db-heart"]["answers"] = [texts["answer"]]

        for name, change in (
            ("role.toml", role),
            ("duties.toml", duties),
            ("career.toml", career),
            ("cards.toml", cards),
        ):
            rewrite(name, change)
    return root


def with_controls(content: Content, control: str) -> Content:
    """Control characters the loader refuses, put in as an older cache could have."""
    for code, language in content.languages.items():
        sections = dict(language.sections)
        role = sections["role"]
        item = role.items[0]
        sections["role"] = role._replace(
            items=(item._replace(body=f"{item.body}{control}end"), *role.items[1:])
        )
        cards = tuple(
            card._replace(back=f"{card.back}{control}end") if card.id == "duties-servers" else card
            for card in language.cards
        )
        content.languages[code] = language._replace(sections=sections, cards=cards)
    return content


@settings(
    # One app per example, each driven through every screen: a few examples, not shrunk
    # (a failure prints its example; shrinking would start dozens more apps).
    max_examples=6,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    texts=st.fixed_dictionaries(
        {name: fuzzed(3 if name.endswith("tab") else 5) for name in FIELDS + CARD_FIELDS}
    ),
    control=st.sampled_from(CONTROLS),
)
async def test_fuzzed_text_is_shown_literally_everywhere(
    tmp_path: Path, texts: dict[str, str], control: str
) -> None:
    root = fuzzed_content(tmp_path, texts)
    content = with_controls(load_content(root), control)
    shutil.rmtree(tmp_path / "data", ignore_errors=True)
    app = app_on(tmp_path, content, root)
    shown = {name: visible(text) for name, text in texts.items()}

    def on_screen(*names: str) -> bool:
        painted_text = screen_text(app)
        return all(shown[name] in painted_text for name in names)

    async with asyncio.timeout(LIMIT), app.run_test(size=(200, 50)) as pilot:
        # Role: the tab row and the reading view, control characters as stand-ins.
        await until(pilot, lambda: on_screen("role_tab", "duties_tab", "role_title"), "Role")
        assert visible(f"{texts['role_body']}{control}end") in screen_text(app)
        assert_nothing_interpreted(app)
        await pilot.press("2")  # a list of entries under its section's title
        await until(pilot, lambda: on_screen("duties_title"), "Duties")
        assert_nothing_interpreted(app)
        await pilot.press("4")  # the salary chart
        await until(pilot, lambda: on_screen("region"), "the salary chart")
        assert_nothing_interpreted(app)
        await pilot.press("slash", *"kiwiword")  # a palette hit's help: the body
        await until(pilot, lambda: shown["role_body"] in hits(app), "a palette hit")
        assert_nothing_interpreted(app)
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, CommandPalette), "no palette")
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        assert_nothing_interpreted(app)
        await pilot.press("escape")

        table = await open_drill_tab(pilot)  # the deck table
        await until(pilot, lambda: on_screen("role_tab", "duties_tab"), "the deck table")
        assert_nothing_interpreted(app)
        while table.cursor_row != DECKS.index("duties"):
            await pilot.press("down")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, DrillScreen), "the drill")
        drill = app.screen
        assert isinstance(drill, DrillScreen)
        seen: set[str] = set()
        while len(seen) < 3:  # the deck's three cards: basic, choice and typed
            card = drill.card
            assert card is not None
            if card.id == "duties-servers":
                await until(pilot, lambda: on_screen("front"), "the card's front")
            if card.kind == "choice":
                await until(pilot, lambda: on_screen("option"), "the options")
            assert_nothing_interpreted(app)
            keys = {"typed": ["z", "z", "enter"], "choice": ["enter"]}.get(card.kind, ["enter"])
            await pilot.press(*keys)
            await until(pilot, lambda: drill.phase == "answered", "the answer")
            if card.id == "duties-servers":
                assert visible(f"{texts['back']}{control}end") in screen_text(app)
            if card.kind == "typed":  # the verdict shows the expected answer
                await until(pilot, lambda: on_screen("answer"), "the verdict")
            assert_nothing_interpreted(app)
            seen.add(card.id)
            await pilot.press("4")
            await until(pilot, lambda: drill.phase == "question" or drill.session.finished, "next")
        if not isinstance(app.screen, DrillSummaryScreen):
            await pilot.press("escape")  # cards still in learning steps: end here
        await until(pilot, lambda: isinstance(app.screen, DrillSummaryScreen), "the summary")
        assert on_screen("duties_tab")
        assert_nothing_interpreted(app)
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, DrillSummaryScreen), "the tab")


def test_palette_help_reads_back_exactly() -> None:
    from textual.content import Content as TextualContent

    from backend_tui.ui.commands import _as_markup

    for text in ("a\\[b]x", "x\\", "[b]\\[b]", "[@click=app.quit]x[/]", "\\\\[/]", "[link=y]z"):
        assert TextualContent.from_markup(_as_markup(text)).plain == text
