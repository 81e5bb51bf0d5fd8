"""The Drill tab: decks with their counts, streak, review heatmap and quiz history."""

from __future__ import annotations

import random
from typing import ClassVar, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Label, Sparkline, Static

from backend_tui.content.model import Content
from backend_tui.study import DECKS, StudyService
from backend_tui.ui.formats import count, number
from backend_tui.ui.screens.drill import DrillOutcome, DrillScreen
from backend_tui.ui.strings import text
from backend_tui.ui.widgets.drill_heatmap import ReviewHeatmap
from backend_tui.ui.widgets.drill_marks import deck_label, percent
from backend_tui.ui.widgets.items import mastery_mark

Mode = Literal["review", "quiz"]

COLUMNS = (
    ("deck", "column_deck"),
    ("due", "column_due"),
    ("new", "column_new"),
    ("learned", "column_learned"),
    ("mastery", "column_mastery"),
    ("best", "column_best"),
    ("last", "column_last"),
)
"""Each column's key and its heading's catalogue key."""


class DeckTable(DataTable[str | Text]):
    """One row per deck. Enter reviews the highlighted deck, ``t`` quizzes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "select_cursor",
            "key_review",
            key_display="⏎",
            tooltip="help_review",
            id="drill.review",
        ),
        Binding("t", "quiz", "key_quiz", tooltip="help_quiz", id="drill.quiz"),
        # Told by the line under the table; the key bar has no room left for it.
        Binding(
            "n",
            "note_cards",
            "key_note_cards",
            show=False,
            tooltip="help_note_cards",
            id="drill.note_cards",
        ),
    ]

    class Quiz(Message):
        """The learner asked for a quiz of the highlighted deck."""

    class NoteCards(Message):
        """The learner asked to put the study-note cards in or out of the decks."""

    def action_quiz(self) -> None:
        self.post_message(self.Quiz())

    def action_note_cards(self) -> None:
        self.post_message(self.NoteCards())


class DrillPanel(Vertical):
    """Shows the learner's decks and starts drills; the drill itself is its own screen."""

    DEFAULT_CSS = """
    DrillPanel {
        height: 1fr;
        padding: 0 1;
        #drill-heading { text-style: bold; height: 1; }
        #drill-decks { height: auto; max-height: 8; margin-bottom: 1; }
        #drill-decks.-with-notes { margin-bottom: 0; }
        #drill-notes { height: 1; margin-bottom: 1; color: $text-muted; }
        #drill-activity { height: auto; }
        #drill-heatmap-box { width: auto; height: auto; margin-right: 4; }
        #drill-history-box { width: 1fr; height: auto; }
        .drill-caption { color: $text-muted; }
        #drill-sparkline { height: 2; margin: 0 0 1 0; }
    }
    """

    class ProgressChanged(Message):
        """A drill ended: counts and mastery marks elsewhere should be redrawn."""

    class OpenSource(Message):
        """The learner asked to see a card's source item (``<section>.<item>``)."""

        def __init__(self, source: str) -> None:
            super().__init__()
            self.source = source

    def __init__(
        self,
        service: StudyService,
        content: Content,
        lang: str,
        *,
        rng: random.Random | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.service = service
        self.study = content
        self.lang = lang
        self.rng = rng
        self._fresh = False
        """The stats were drawn at mount and the tab has not been shown since."""
        self._columns_lang: str | None = None
        """The language the table's headings are in."""

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Label(text(lang, "drill_heading"), id="drill-heading", markup=False)
        yield DeckTable(id="drill-decks", cursor_type="row", zebra_stripes=True)
        yield Label("", id="drill-notes", markup=False)
        with Horizontal(id="drill-activity"):
            with Vertical(id="drill-heatmap-box"):
                yield Label("", id="drill-streak", markup=False)
                yield Label(
                    text(lang, "heatmap_caption"),
                    classes="drill-caption",
                    markup=False,
                    id="drill-heatmap-caption",
                )
                yield ReviewHeatmap(id="drill-heatmap")
            with Vertical(id="drill-history-box"):
                yield Label(
                    text(lang, "quiz_caption"),
                    classes="drill-caption",
                    markup=False,
                    id="drill-quiz-caption",
                )
                yield Sparkline([], id="drill-sparkline")
                yield Static("", id="drill-history", markup=False)

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel, init=False)
        self.refresh_stats()
        self._fresh = True

    # TabView -----------------------------------------------------------------

    def focus_default(self) -> None:
        # Called each time the tab is shown: cards fall due while the learner reads.
        # (Not on the first show, right after the mount drew them.)
        if not self._fresh:
            self.refresh_stats()
        self._fresh = False
        self.query_one(DeckTable).focus()

    def select_item(self, item_id: str) -> bool:
        return False

    def _relabel(self, lang: str) -> None:
        self.lang = lang
        self.query_one("#drill-heading", Label).update(text(lang, "drill_heading"))
        self.query_one("#drill-heatmap-caption", Label).update(text(lang, "heatmap_caption"))
        self.query_one("#drill-quiz-caption", Label).update(text(lang, "quiz_caption"))
        # The table and counts: now when on screen, else when next shown (focus_default)
        # or when the drill on top of it ends (_drill_done).
        if self.display and self.screen.is_current:
            self.refresh_stats()
        else:
            self._fresh = False

    def _set_columns(self, table: DeckTable) -> None:
        """The headings in the panel's language (rebuilt only when it changed)."""
        if self._columns_lang == self.lang:
            return
        table.clear(columns=True)
        for n, (key, heading) in enumerate(COLUMNS):
            name = text(self.lang, heading)
            table.add_column(Text(name, justify="right") if n else name, key=key)
        self._columns_lang = self.lang

    # -------------------------------------------------------------------------

    def refresh_stats(self) -> None:
        """Redraw every number from the service (after a drill, or another instance saved)."""
        table = self.query_one(DeckTable)
        row = table.cursor_row
        table.clear()
        self._set_columns(table)
        lang = self.lang
        for stats in self.service.decks():
            cells = (
                number(lang, stats.due),
                number(lang, stats.new),
                f"{number(lang, stats.learned)}/{number(lang, stats.total)}",
                f"{mastery_mark(stats.mastery)} {percent(stats.mastery * 100)}",
                percent(stats.best_quiz),
                percent(stats.last_quiz),
            )
            table.add_row(
                # Text, not str: DataTable reads a str cell as markup.
                Text(deck_label(self.study, lang, stats.deck)),
                *(Text(cell, justify="right") for cell in cells),
                key=stats.deck,
            )
        table.move_cursor(row=min(row, len(DECKS) - 1), animate=False)
        notes = self.query_one("#drill-notes", Label)
        # Said only when the material has note cards to put in or leave out.
        notes.display = any(card.origin == "note" for card in self.service.cards)
        table.set_class(notes.display, "-with-notes")
        if notes.display:
            key = "note_cards_in" if self.service.note_cards else "note_cards_out"
            notes.update(text(self.lang, key))
        days = self.service.streak_days()
        self.query_one("#drill-streak", Label).update(
            text(lang, "streak", days=count(lang, days, "day", "days"))
        )
        self.query_one(ReviewHeatmap).show_days(self.service.heatmap(12), lang)
        scores = self.service.quiz_history()
        sparkline = self.query_one(Sparkline)
        sparkline.data = scores
        sparkline.display = bool(scores)
        history = self.query_one("#drill-history", Static)
        if scores:
            recent = "  ".join(percent(score) for score in scores[-6:])
            quizzes = count(lang, len(scores), "quiz", "quizzes")
            history.update(text(lang, "quiz_history", quizzes=quizzes, recent=recent))
        else:
            history.update(text(lang, "no_quiz"))

    def highlighted_deck(self) -> str:
        table = self.query_one(DeckTable)
        return DECKS[min(max(table.cursor_row, 0), len(DECKS) - 1)]

    @on(DataTable.RowSelected, "#drill-decks")
    def _review(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.start("review")

    @on(DeckTable.Quiz)
    def _quiz(self, event: DeckTable.Quiz) -> None:
        event.stop()
        self.start("quiz")

    @on(DeckTable.NoteCards)
    def _toggle_note_cards(self, event: DeckTable.NoteCards) -> None:
        event.stop()
        self.set_note_cards(not self.service.note_cards)

    def set_note_cards(self, included: bool) -> None:
        """Put the study-note cards in or out of every deck, and remember the choice."""
        from backend_tui.study.preferences import load_preferences, save_preferences

        self.service.note_cards = included
        self.refresh_stats()
        folder = self.service.folder
        try:
            chosen = load_preferences(folder).preferences
            save_preferences(folder, chosen._replace(note_cards=included))
        except OSError as error:
            # The decks still follow the choice for this run; it is just not kept.
            self.notify(
                text(self.lang, "not_saved", error=error.strerror or error), severity="warning"
            )

    def start(self, mode: Mode, deck: str | None = None) -> None:
        """Open a drill of ``deck`` (default: the highlighted one) on its own screen."""
        deck = deck or self.highlighted_deck()
        session = (
            self.service.start_review(deck) if mode == "review" else self.service.start_quiz(deck)
        )
        label = deck_label(self.study, self.lang, deck)
        if session.total == 0:
            key = "nothing_due" if mode == "review" else "no_cards"
            self.notify(text(self.lang, key, deck=label), markup=False)
            return
        screen = DrillScreen(self.service, session, self.study, self.lang, rng=self.rng)
        self.app.push_screen(screen, self._drill_done)

    def _drill_done(self, outcome: DrillOutcome | None) -> None:
        self.refresh_stats()
        self.post_message(self.ProgressChanged())
        if outcome is not None and outcome.open_source:
            self.post_message(self.OpenSource(outcome.open_source))
        else:
            self.query_one(DeckTable).focus()
