"""Study-note cards: marked in the drill in both languages, and in or out of the decks."""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from backend_tui.content import load_content
from backend_tui.content.model import Content
from backend_tui.ui.app import StudyApp
from backend_tui.ui.screens.drill import DrillScreen
from backend_tui.ui.tabs import ALL_TABS
from backend_tui.ui.widgets.drill_panel import DrillPanel

DRILL_CONTENT = Path(__file__).parent / "fixtures" / "drill_content"

NOTE_CARD = {
    "en": ("What does HTTP status 404 mean?", "The resource was not found."),
    "id": ("Apa arti status HTTP 404?", "Sumber daya tidak ditemukan."),
}


@pytest.fixture
def note_content(tmp_path: Path) -> Content:
    """The drill fixture and one study-note card on duties.api."""
    folder = tmp_path / "content"
    shutil.copytree(DRILL_CONTENT, folder)
    for lang, (front, back) in NOTE_CARD.items():
        with open(folder / lang / "cards.toml", "a", encoding="utf-8") as cards:
            cards.write(
                '\n[[cards]]\nid = "duties-api-404"\nsource = "duties.api"\ntype = "basic"\n'
                f'origin = "note"\nfront = "{front}"\nback = "{back}"\n'
            )
    return load_content(folder)


async def until(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.02)
    assert condition()


async def drill_tab(pilot: Pilot[None]) -> DrillPanel:
    app = pilot.app
    await pilot.press("5")
    await until(pilot, lambda: bool(app.screen.query(DrillPanel)))
    panel = app.screen.query_one(DrillPanel)
    await until(pilot, lambda: app.focused is panel.query_one(DataTable))
    return panel


def deck_total(panel: DrillPanel, deck: str) -> int:
    """The deck's card count as the Learned column shows it (``seen/total``)."""
    table = panel.query_one(DataTable)
    return int(str(table.get_cell(deck, "learned")).split("/")[1])


def saved_choice(app: StudyApp) -> object:
    folder = app.settings.data_dir / "profiles" / app.settings.profile
    with open(folder / "preferences.toml", "rb") as stream:
        return tomllib.load(stream).get("note_cards")


@pytest.mark.parametrize(
    ("lang", "mark"),
    [
        ("en", "✎ Study note card (not from the article)"),
        ("id", "✎ Kartu catatan belajar (bukan dari artikel)"),
    ],
)
async def test_a_note_card_says_so_above_its_question(
    make_test_app, note_content: Content, shown, lang: str, mark: str
) -> None:
    app = make_test_app(lang, content=note_content, tabs=ALL_TABS)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await drill_tab(pilot)
        await pilot.press("down")  # Duties
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, DrillScreen))
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        seen = []
        for _ in range(len(panel.service.deck_cards("duties"))):
            assert screen.card is not None
            front = shown(screen.query_one("#drill-front"))
            seen.append(screen.card.id)
            if screen.card.origin == "note":
                assert front.splitlines()[0].strip() == mark
                assert NOTE_CARD[lang][0] in front
            else:
                assert mark not in front
            await pilot.press("enter", "enter")
            await pilot.pause()
        assert "duties-api-404" in seen


async def test_n_leaves_note_cards_out_and_the_choice_is_kept(
    make_test_app, note_content: Content, shown
) -> None:
    app = make_test_app("en", content=note_content, tabs=ALL_TABS)
    async with app.run_test(size=(80, 24)) as pilot:
        articles = [c for c in note_content["en"].cards if c.origin == "article"]
        duties = len([c for c in articles if c.deck == "duties"])
        panel = await drill_tab(pilot)
        assert deck_total(panel, "duties") == duties + 1
        assert deck_total(panel, "all") == len(articles) + 1
        assert "Study-note cards are in the decks" in shown(panel.query_one("#drill-notes"))
        await pilot.press("n")
        await pilot.pause()
        assert deck_total(panel, "duties") == duties
        assert deck_total(panel, "all") == len(articles)
        assert "left out of the decks" in shown(panel.query_one("#drill-notes"))
        assert "duties-api-404" not in [c.id for c in panel.service.deck_cards("all")]
        assert saved_choice(app) is False

    again = make_test_app("id", content=note_content, tabs=ALL_TABS)
    async with again.run_test(size=(80, 24)) as pilot:
        panel = await drill_tab(pilot)
        assert deck_total(panel, "duties") == duties
        assert "tidak ikut di dek" in shown(panel.query_one("#drill-notes"))
        await pilot.press("n")
        await pilot.pause()
        assert deck_total(panel, "duties") == duties + 1
        assert saved_choice(again) is True


async def test_help_on_the_drill_tab_tells_the_note_cards_key(
    make_test_app, note_content: Content, shown
) -> None:
    from backend_tui.ui.screens.help import HelpScreen

    app = make_test_app("id", content=note_content, tabs=ALL_TABS)
    async with app.run_test(size=(100, 50)) as pilot:
        await drill_tab(pilot)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause()
        # what the learner reads, with the help's own line wrapping undone
        words = " ".join(shown(app.screen.query_one("#help-text")).split())
        assert "n Masukkan atau keluarkan kartu catatan belajar dari semua dek (diingat)" in words
        assert "g Glosarium: istilah bahasa Inggris yang dipakai materi" in words
