"""The Drill tab: decks with their counts, streak, review heatmap and quiz history."""

from __future__ import annotations

import random
from typing import Any, ClassVar, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content as TextContent
from textual.message import Message
from textual.widgets import DataTable, Label, Static

from backend_tui.content.model import Content
from backend_tui.study import DECKS, StudyService
from backend_tui.ui.formats import count, number
from backend_tui.ui.formats import date as date_text
from backend_tui.ui.notices import reason_text
from backend_tui.ui.screens.drill import DrillOutcome, DrillScreen
from backend_tui.ui.strings import text
from backend_tui.ui.widgets.drill_heatmap import ReviewHeatmap
from backend_tui.ui.widgets.drill_marks import deck_label, percent
from backend_tui.ui.widgets.items import mastery_mark

Mode = Literal["review", "quiz"]

MORE_NEW = 10
"""New cards one press of ``+`` adds for today."""

BARS = " ▁▂▃▄▅▆▇█"


def quiz_bars(scores: list[float]) -> TextContent:
    """One bar per quiz on a fixed 0-100% scale (so 48% is half height, never full)."""
    top = len(BARS) - 1
    glyphs = "".join(BARS[max(1, round(min(100.0, max(0.0, s)) / 100 * top))] for s in scores)
    return TextContent.assemble(("▕", "dim"), (glyphs, "$accent"), ("▏100%", "dim"))


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
        # Lists move with j/k everywhere in the app; Home/End go to the first and last
        # deck (DataTable's own Home/End scroll sideways, which a 5-row table never needs).
        Binding("j", "cursor_down", "key_down", show=False, tooltip="help_move", id="drill.j"),
        Binding("k", "cursor_up", "key_up", show=False, tooltip="help_move", id="drill.k"),
        Binding("home", "scroll_top", "key_top", show=False, tooltip="help_ends", id="drill.home"),
        Binding(
            "end", "scroll_bottom", "key_bottom", show=False, tooltip="help_ends", id="drill.end"
        ),
        Binding(
            "plus",
            "more_new",
            "key_more_new",
            key_display="+",
            show=False,
            tooltip="help_more_new",
            id="drill.more_new",
        ),
        Binding(
            "s",
            "new_limit",
            "key_new_limit",
            show=False,
            tooltip="help_new_limit",
            id="drill.new_limit",
        ),
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

    class MoreNew(Message):
        """The learner asked for more new cards today."""

    class NewLimit(Message):
        """The learner asked to set how many new cards a day."""

    def action_more_new(self) -> None:
        self.post_message(self.MoreNew())

    def action_new_limit(self) -> None:
        self.post_message(self.NewLimit())

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
        #drill-quiz-chart { height: auto; margin: 0 0 1 0; }
    }
    """

    class ProgressChanged(Message):
        """A drill ended: counts and mastery marks elsewhere should be redrawn."""

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
                yield Label("", classes="drill-caption", markup=False, id="drill-quiz-caption")
                yield Static("", id="drill-quiz-chart")
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
        self.show_quizzes()

    def show_quizzes(self) -> None:
        """The highlighted deck's quiz scores on a fixed 0-100% scale, oldest to newest."""
        lang = self.lang
        deck = self.highlighted_deck()
        label = deck_label(self.study, lang, deck)
        caption = text(lang, "quiz_chart_caption", deck=label)
        self.query_one("#drill-quiz-caption", Label).update(caption)
        scores = self.service.quiz_history(deck)
        early = sum(1 for q in self.service.quizzes(deck) if not q.complete)
        chart = self.query_one("#drill-quiz-chart", Static)
        history = self.query_one("#drill-history", Static)
        chart.display = bool(scores)
        if scores:
            chart.update(quiz_bars(scores[-40:]))
            line = text(
                lang,
                "quiz_chart_latest",
                latest=percent(scores[-1]),
                best=percent(max(scores)),
                quizzes=count(lang, len(scores), "quiz", "quizzes"),
            )
        else:
            line = text(lang, "quiz_chart_none")
        if early:
            line += " · " + text(lang, "quiz_chart_early", n=number(lang, early))
        history.update(line)

    def highlighted_deck(self) -> str:
        table = self.query_one(DeckTable)
        return DECKS[min(max(table.cursor_row, 0), len(DECKS) - 1)]

    @on(DataTable.RowHighlighted, "#drill-decks")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.show_quizzes()

    @on(DeckTable.MoreNew)
    def _more_new(self, event: DeckTable.MoreNew) -> None:
        event.stop()
        self.service.add_new_today(MORE_NEW)
        self.refresh_stats()
        # Kept, so `stats` and the next start show the same number of new cards.
        if self.service.more_new_today is not None:
            day, more = self.service.more_new_today
            self._remember(more_new_day=day, more_new=more)
        self.notify(text(self.lang, "more_new_added", n=number(self.lang, MORE_NEW)))

    @on(DeckTable.NewLimit)
    def _new_limit(self, event: DeckTable.NewLimit) -> None:
        event.stop()
        from backend_tui.ui.screens.new_limit import NewLimitScreen

        self.app.push_screen(
            NewLimitScreen(self.service.new_per_day, self.lang), self._set_new_limit
        )

    def _set_new_limit(self, limit: int | None) -> None:
        """Keep the learner's new-cards-a-day in their preferences (used from now on)."""
        self.query_one(DeckTable).focus()
        if limit is None:
            return
        self.service.new_per_day = limit
        self.refresh_stats()
        if self._remember(new_per_day=limit):
            self.notify(text(self.lang, "new_limit_saved", n=number(self.lang, limit)))

    def _remember(self, **changes: Any) -> bool:
        """Keep a choice in the learner's preferences; False (and a notice) when it cannot be."""
        from backend_tui.study.preferences import update_preferences

        try:
            update_preferences(self.service.folder, **changes)
        except OSError as error:
            # The choice still holds for this run; it is just not kept.
            self.notify(
                text(self.lang, "not_saved", error=reason_text(self.lang, error)),
                severity="warning",
                markup=False,
            )
            return False
        return True

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
        self.service.note_cards = included
        self.refresh_stats()
        self._remember(note_cards=included)

    def start(self, mode: Mode, deck: str | None = None) -> None:
        """Open a drill of ``deck`` (default: the highlighted one) on its own screen."""
        deck = deck or self.highlighted_deck()
        session = (
            self.service.start_review(deck) if mode == "review" else self.service.start_quiz(deck)
        )
        label = deck_label(self.study, self.lang, deck)
        if session.total == 0:
            if mode == "quiz":
                self.notify(text(self.lang, "no_cards", deck=label), markup=False)
            else:
                self.notify(self.nothing_due(label, deck), markup=False, timeout=10)
            return
        screen = DrillScreen(self.service, session, self.study, self.lang, rng=self.rng)
        self.app.push_screen(screen, self._drill_done)

    def nothing_due(self, label: str, deck: str) -> str:
        """What to say when a review of ``deck`` has nothing to bring: when its next card
        is, and what to do meanwhile."""
        lang = self.lang
        more = number(lang, MORE_NEW)
        due = self.service.next_due(deck)
        if due is None:
            return text(lang, "nothing_due", deck=label, more=more)
        wait = max(1, round((due - self.service.now()).total_seconds() / 60))
        hours, minutes = divmod(wait, 60)
        if hours:
            waiting = text(lang, "wait_hours", h=number(lang, hours), m=number(lang, minutes))
        else:
            waiting = text(lang, "wait_minutes", m=number(lang, minutes))
        at = due.astimezone()
        if at.date() != self.service.now().astimezone().date():
            clock = f"{date_text(lang, at.date())} {at:%H:%M}"
        else:
            clock = f"{at:%H:%M}"
        return text(lang, "nothing_due_next", deck=label, wait=waiting, time=clock, more=more)

    def _drill_done(self, outcome: DrillOutcome | None) -> None:
        self.refresh_stats()
        self.post_message(self.ProgressChanged())
        self.query_one(DeckTable).focus()
