"""One drill (a review or a quiz) of one deck, card by card."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static

from backend_tui.content.model import Card
from backend_tui.content.model import Content as StudyContent
from backend_tui.safetext import visible
from backend_tui.study import (
    DrillSession,
    DrillSummary,
    StudyService,
    Verdict,
    interval_label,
)
from backend_tui.study.turn import Phase, Turn
from backend_tui.ui.formats import interval
from backend_tui.ui.notices import reason_text
from backend_tui.ui.screens.drill_summary import DrillSummaryScreen, SummaryChoice
from backend_tui.ui.strings import text
from backend_tui.ui.widgets.drill_choices import LETTERS, ChoiceList
from backend_tui.ui.widgets.drill_header import DrillHeader
from backend_tui.ui.widgets.drill_marks import GRADE_KEYS, deck_label
from backend_tui.ui.widgets.field import InOrderInput
from backend_tui.ui.widgets.key_footer import KeyFooter

RETRY_SECONDS = 5.0
"""How often answers kept after a failed save are tried again."""

PICK = Binding.Group("group_pick", compact=True)
GRADE = Binding.Group("group_grade", compact=True)


def repaint_line(widget: Static, content: Content) -> None:
    """Show ``content`` in ``widget``, laying the screen out again only if its height changes.

    A layout pass re-arranges the whole screen. The hint and the grade line are one
    line each except on narrow terminals, so swapping them is usually a repaint only.
    """
    widget.update(content, layout=False)
    size = widget.content_size
    if not size.width or widget.get_content_height(size, size, size.width) != size.height:
        widget.refresh(layout=True)


def short_path(path: Path) -> str:
    """``…/profile/journal.jsonl``: enough of a path to find it, short enough for a notice."""
    return str(Path("…", *path.parts[-2:]))


def diff_content(verdict: Verdict) -> Content:
    """The typed answer against the expected one, letter by letter.

    Letters only typed are struck through, letters missing are underlined: the
    difference reads without colour too.
    """
    parts: list[Content | str | tuple[str, str]] = []
    for raw, kind in verdict.diff:
        piece = visible(raw)
        if kind == "same":
            parts.append(piece)
        elif kind == "typed":
            parts.append((piece, "strike red"))
        else:
            parts.append((piece, "underline bold green"))
    return Content.assemble(*parts)


def verdict_content(verdict: Verdict, lang: str) -> Content:
    """The verdict line of a typed card: right, right with a typo (shown), or wrong."""
    # Typed text and answers are shown as text, never parsed as markup.
    if verdict.outcome == "right":
        return Content.styled(text(lang, "right"), "bold green")
    if verdict.outcome == "near":
        return Content.assemble(
            (f"{text(lang, 'right_with_typo')}: ", "bold yellow"),
            diff_content(verdict),
            f" ({text(lang, 'hard_suggested')})",
        )
    line = Content.assemble(
        (text(lang, "wrong"), "bold red"),
        f" — {text(lang, 'you_typed')}: ",
        (visible(verdict.typed.strip()) or text(lang, "typed_nothing"), "italic"),
        f" · {text(lang, 'expected')}: ",
        (visible(verdict.expected), "bold"),
    )
    if verdict.diff:
        line = Content.assemble(line, "\n", diff_content(verdict))
    return line


class AnswerInput(InOrderInput):
    """The typed answer's field; its Enter is shown on the key bar while typing.

    The field takes every printable key, so the bar would otherwise show only
    ``esc End``, and nothing would say how to check the answer.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter", "submit", "key_check", key_display="⏎", tooltip="help_check", id="drill.check"
        ),
        # Every other drill key is a letter the field would take: Escape leaves the
        # field so they work (a second Escape, now the screen's, ends the drill).
        Binding(
            "escape",
            "leave",
            "key_leave_field",
            key_display="esc",
            tooltip="help_leave_field",
            id="drill.leave_field",
        ),
    ]

    def action_leave(self) -> None:
        screen = self.screen
        if isinstance(screen, DrillScreen):
            screen.leave_field()
        else:
            screen.set_focus(None)


@dataclass(frozen=True)
class DrillOutcome:
    """What the drill screen hands back when it closes."""

    summary: DrillSummary


class DrillScreen(Screen[DrillOutcome]):
    """Shows the session's current card; every answer is saved before the screen moves on."""

    CSS_PATH = "drill.tcss"
    AUTO_FOCUS = None

    BINDINGS: ClassVar[list[BindingType]] = [
        # "Next" is short enough for the whole key bar to fit 80 columns; the line
        # above the bar says what Enter does at this moment (reveal, check, grade).
        Binding(
            "enter", "primary", "key_next", key_display="⏎", tooltip="help_next", id="drill.primary"
        ),
        # Descriptions and tooltips are catalogue keys (see ui/strings.py); help merges
        # the rows that share a tooltip: "a, b, c, d, ↑, ↓  Pick an option".
        *(
            Binding(
                key,
                f"pick({n})",
                "key_pick",
                group=PICK,
                tooltip="help_pick",
                id=f"drill.pick_{key}",
            )
            for n, key in enumerate(LETTERS)
        ),
        Binding(
            "up",
            "move(-1)",
            "key_previous_option",
            show=False,
            tooltip="help_pick",
            id="drill.up",
        ),
        Binding(
            "down", "move(1)", "key_next_option", show=False, tooltip="help_pick", id="drill.down"
        ),
        *(
            Binding(
                str(n),
                f"grade({n})",
                key,
                group=GRADE,
                tooltip="help_grade",
                id=f"drill.grade_{n}",
            )
            for n, key in GRADE_KEYS.items()
        ),
        Binding("u", "undo", "key_undo", tooltip="help_undo", id="drill.undo"),
        # As in Anki: "-" buries, "!" suspends. In help, not on the bar (no room at 80).
        Binding(
            "minus",
            "set_aside('bury')",
            "key_bury",
            key_display="-",
            show=False,
            tooltip="help_bury",
            id="drill.bury",
        ),
        Binding(
            "exclamation_mark",
            "set_aside('suspend')",
            "key_suspend",
            key_display="!",
            show=False,
            tooltip="help_suspend",
            id="drill.suspend",
        ),
        Binding("o", "open_source", "key_source", tooltip="help_source", id="drill.source"),
        Binding(
            "escape", "escape", "key_end", key_display="esc", tooltip="help_end", id="drill.end"
        ),
        # Not on the key bar (it is full in Indonesian at 80 columns); help lists it.
        Binding(
            "l",
            "language",
            "key_language",
            show=False,
            tooltip="help_language",
            id="drill.language",
        ),
        # Search still works in a drill but is not advertised here: the bar has no room.
        Binding(
            "slash",
            "app.command_palette",
            "key_search",
            show=False,
            tooltip="help_search",
            id="drill.search",
        ),
    ]

    def __init__(
        self,
        service: StudyService,
        session: DrillSession,
        content: StudyContent,
        lang: str,
        *,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__()
        self.service = service
        self.session = session
        self.study = content
        self.lang = lang
        self.rng = rng or random.Random()
        self.turn: Turn | None = None
        """The card on screen and where its turn stands (see study/turn.py)."""
        self._retry: Timer | None = None

    @property
    def card(self) -> Card | None:
        """The card on screen, in the shown language."""
        return self.turn.card if self.turn is not None else None

    @property
    def phase(self) -> Phase:
        return self.turn.phase if self.turn is not None else "question"

    def compose(self) -> ComposeResult:
        yield DrillHeader(self._title(), self.session.total, self.lang, id="drill-top")
        with VerticalScroll(id="drill-body", can_focus=False):
            yield Static("", id="drill-front", markup=False)
            yield ChoiceList(id="drill-choices")
            # Back in the field after a look or Escape, typing goes on after what is there.
            yield AnswerInput(
                placeholder=text(self.lang, "answer_placeholder"),
                select_on_focus=False,
                id="drill-input",
            )
            yield Static("", id="drill-verdict")
            yield Static("", id="drill-back", markup=False)
        yield Static("", id="drill-grades")
        yield KeyFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel, init=False)
        self.show_current()

    # ------------------------------------------------------------------ drawing

    def show_current(self) -> None:
        """Draw the session's current card as a fresh question (or the summary when done)."""
        card_id = self.session.current_id()
        if self.session.finished or card_id is None:
            self._show_summary()
            return
        card = self.study.languages[self.lang].card(card_id)
        if card is None:  # the content changed under a saved session: skip is not ours to do
            card = self.study.languages["id"].card(card_id)
        assert card is not None
        session = self.session
        turn = self.turn = Turn.shuffled(card, self.rng, quiz=session.mode == "quiz")
        left = None
        if session.mode == "review":
            counts = session.counts()
            left = (counts.new, counts.learning, counts.review)
        self.query_one(DrillHeader).show(
            index=session.index,
            total=session.index + session.remaining(),
            leech=self.service.is_leech(card.id),
            left=left,
        )
        self.query_one("#drill-front", Static).update(self._front(card))
        choices = self.query_one("#drill-choices", ChoiceList)
        choices.display = card.kind == "choice"
        if card.kind == "choice":
            choices.show_options(card.options, turn.order)
        field = self.query_one("#drill-input", Input)
        field.display = card.kind == "typed"
        field.value = ""
        # Each change of a pseudo-class restyles the field (a few ms), so its enabled
        # state is set quietly: a shown field is restyled once, by the focus that
        # follows; a hidden one needs no restyle. Disabled, a hidden field cannot
        # take the focus, and Enter.
        field.set_reactive(Input.disabled, card.kind != "typed")
        if turn.typing:
            field.focus()
        else:
            self.set_focus(None)
        verdict = self.query_one("#drill-verdict", Static)
        if verdict.display:
            verdict.update("")
            verdict.display = False
        # Hidden rather than emptied: a hidden widget is not painted at all.
        self.query_one("#drill-back", Static).display = False
        repaint_line(self.query_one("#drill-grades", Static), self._hint())
        self.query_one("#drill-body", VerticalScroll).scroll_home(animate=False)

    def _front(self, card: Card) -> Content:
        """The question; a study-note card says first that it is not the article's claim."""
        if card.origin != "note":
            return Content(visible(card.front))
        mark = Content.styled(text(self.lang, "note_card"), "not bold italic $accent")
        return Content.assemble(mark, "\n", visible(card.front))

    def _hint(self) -> Content:
        """The line above the key bar: what to do before answering, the grades after."""
        turn = self.turn
        if turn is None:
            return Content("")
        if turn.hint is None:
            return self._grade_line()
        # The letters a card's options have: a-c for three, not always a-d.
        last = LETTERS[max(0, min(len(turn.card.options), len(LETTERS)) - 1)]
        return Content.styled(text(self.lang, turn.hint, last=last), "dim")

    def _show_answer(self) -> None:
        self._draw_answer()
        repaint_line(self.query_one("#drill-grades", Static), self._hint())
        self.set_focus(None)

    def _draw_answer(self) -> None:
        turn = self.turn
        assert turn is not None
        correct = turn.correct
        verdict = self.query_one("#drill-verdict", Static)
        verdict.display = correct is not None
        if turn.verdict is not None:
            verdict.update(verdict_content(turn.verdict, self.lang))
        elif correct is True:
            verdict.update(Content.styled(text(self.lang, "right"), "bold green"))
        elif correct is False:
            verdict.update(Content.styled(text(self.lang, "wrong"), "bold red"))
        back = self.query_one("#drill-back", Static)
        back.update(visible(turn.card.back))
        back.display = True

    def _grade_line(self) -> Content:
        intervals = self.session.intervals()
        parts: list[Content | str | tuple[str, str]] = []
        for rating, key in GRADE_KEYS.items():
            label = f"{rating} {text(self.lang, key)}"
            if rating in intervals:
                label += f" · {interval(self.lang, interval_label(intervals[rating]))}"
            if self.turn is not None and rating == self.turn.suggested:
                parts.append((f"[{label}] ⏎", "bold reverse"))
            else:
                parts.append(label)
            parts.append("   ")
        return Content.assemble(*parts[:-1])

    # ------------------------------------------------------------------ actions

    # Every key stays shown and enabled whatever the card's phase: the footer never
    # changes during a drill, because rebuilding it would cost more than the rest of
    # a keypress. The line above the footer says what Enter does now.

    def action_primary(self) -> None:
        """Enter: reveal, lock in the pick, go back to typing, or accept the suggested grade."""
        turn = self.turn
        if turn is None:
            return
        if turn.enter == "grade":
            self._grade(None)
            return
        if turn.enter == "check":
            # The field's own Enter checks; this one means the field lost the focus
            # some other way (a click): Enter gives it back.
            self.query_one("#drill-input", Input).focus()
            return
        does = turn.press_enter()
        if does == "choose":
            self.query_one("#drill-choices", ChoiceList).submit()
            self._show_answer()
        elif does == "reveal":
            self._show_answer()
        elif does == "type":
            self.query_one("#drill-input", Input).focus()
            repaint_line(self.query_one("#drill-grades", Static), self._hint())

    def action_pick(self, index: int) -> None:
        if self.turn is not None and self.turn.pick(index):
            self.query_one("#drill-choices", ChoiceList).pick(self.turn.cursor)

    def action_move(self, step: int) -> None:
        if self.turn is not None and self.turn.move(step):
            self.query_one("#drill-choices", ChoiceList).pick(self.turn.cursor)
        else:  # a long answer: the arrows scroll it
            self.query_one("#drill-body", VerticalScroll).scroll_relative(y=step, animate=False)

    @on(Input.Submitted, "#drill-input")
    def _typed(self, event: Input.Submitted) -> None:
        turn = self.turn
        if turn is None:
            return
        if turn.enter == "grade":
            # A second Enter typed before the first was handled still reached the Input:
            # it means "go on", as it would have once the answer showed.
            self._grade(None)
            return
        field = self.query_one("#drill-input", Input)
        # Disabled quietly: _show_answer takes the focus away, which restyles it once.
        field.set_reactive(Input.disabled, True)
        turn.typing = True  # the field had the keys: this Enter was its own
        turn.press_enter(event.value)
        self._show_answer()

    def action_grade(self, rating: int) -> None:
        self._grade(rating)

    def _grade(self, rating: int | None) -> None:
        turn = self.turn
        if turn is None:
            return
        chosen = turn.grade(rating)
        if chosen is None:
            return
        # Saved durably by answer() before anything on screen moves on; when saving
        # fails the answer is kept in memory and the learner is told (never a crash).
        self.session.answer(chosen, turn.correct)
        self._report_session()
        self.show_current()

    def _report_session(self) -> None:
        """Tell the learner about a failed save or a card just suspended as a leech."""
        problem = self.session.save_problem
        if problem is not None and self._retry is None:
            # Kept answers are written by the next save; this writes them even if the
            # learner stops answering (once the disk has room again).
            self._retry = self.set_interval(RETRY_SECONDS, self._retry_save)
        if problem is not None:
            self.notify(
                text(
                    self.lang,
                    "save_failed",
                    reason=reason_text(self.lang, problem.reason),
                    path=short_path(problem.path),
                ),
                severity="error",
                timeout=10,
                markup=False,
            )
        leech = self.session.leech
        if leech is not None:
            self.notify(
                text(self.lang, "leech_suspended"),
                severity="warning",
                timeout=10,
                markup=False,
            )

    def _retry_save(self) -> None:
        if self.session.retry_save() and self._retry is not None:
            self._retry.stop()
            self._retry = None
            self.notify(text(self.lang, "saved_again"), markup=False)

    def action_undo(self) -> None:
        set_aside = self.session.undo_takes_back_a_set_aside
        if self.session.undo():
            self.show_current()
            if set_aside:
                # The "Buried until tomorrow" notice may still be up: say it is undone.
                self.notify(text(self.lang, "card_taken_back"), markup=False)
        else:
            self.notify(text(self.lang, "nothing_to_undo"), severity="warning")

    async def action_language(self) -> None:
        """Switch the language everywhere; this card keeps its state (see ``_relabel``)."""
        await self.app.run_action("app.toggle_language")

    def _relabel(self, lang: str) -> None:
        if lang == self.lang or lang not in self.study.languages:
            return
        self.lang = lang
        self.query_one(DrillHeader).set_title(self._title(), lang)
        field = self.query_one("#drill-input", Input)
        field.placeholder = text(lang, "answer_placeholder")
        turn = self.turn
        if turn is None:
            return
        repaint_line(self.query_one("#drill-grades", Static), self._hint())
        card = self.study.languages[lang].card(turn.card.id)
        if card is None:
            return
        turn.relabel(card)
        self.query_one("#drill-front", Static).update(self._front(turn.card))
        if turn.card.kind == "choice":
            self.query_one("#drill-choices", ChoiceList).relabel(turn.card.options)
        if turn.phase == "answered":
            self._draw_answer()

    def _title(self) -> str:
        mode = text(self.lang, "mode_quiz" if self.session.mode == "quiz" else "mode_review")
        return f"{mode} · {deck_label(self.study, self.lang, self.session.deck)}"

    def action_open_source(self) -> None:
        """A look at the card's source, over the drill: nothing is graded or ended."""
        if self.turn is None:
            return
        from backend_tui.ui.screens.drill_source import SourceScreen

        self.app.push_screen(SourceScreen(self.study, self.lang, self.turn.card.source))

    def action_set_aside(self, how: str) -> None:
        if how not in ("bury", "suspend"):
            return
        if self.session.mode != "review":
            self.notify(text(self.lang, "set_aside_in_quiz"), markup=False)
            return
        if self.session.set_aside("bury" if how == "bury" else "suspend"):
            said = "card_buried" if how == "bury" else "card_suspended"
            self.notify(text(self.lang, said), markup=False)
            self._report_session()
            self.show_current()

    def on_screen_resume(self) -> None:
        # Back from a look at the source: the focus is where the learner left it
        # (out of the answer field if they had left it, so o closes and opens again).
        turn = self.turn
        if turn is not None and turn.card.kind == "typed" and not turn.typing:
            # After Textual's own resume, which gives the focus back to the last widget.
            self.call_after_refresh(self.set_focus, None)

    def leave_field(self) -> None:
        """Escape pressed in the answer field: it had the keys, whatever brought it there."""
        if self.turn is not None and self.turn.card.kind == "typed":
            self.turn.typing = True
        self.action_escape()

    def action_escape(self) -> None:
        """Leave the answer field (then say how to get back, or how to end), else end."""
        turn = self.turn
        if turn is None or turn.press_escape() == "end":
            self._show_summary()
            return
        self.set_focus(None)
        repaint_line(self.query_one("#drill-grades", Static), self._hint())

    # ------------------------------------------------------------------ summary

    def _show_summary(self) -> None:
        screen = DrillSummaryScreen(
            self.session.summary(),
            self.study,
            self.session.deck,
            self.session.summary().total,
            self.lang,
        )
        self.app.push_screen(screen, self._after_summary)

    def _after_summary(self, choice: SummaryChoice | None) -> None:
        if choice == "undo":
            if self.session.undo():
                self.show_current()
                return
            self.notify(text(self.lang, "nothing_to_undo"), severity="warning")
            if self.session.finished:
                self._show_summary()
            return
        self.dismiss(DrillOutcome(self.session.end()))
