"""The class overview: one row per learner, sortable by key, refreshed as answers land."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from backend_tui import classroom
from backend_tui.content.model import Content as StudyContent
from backend_tui.ui.formats import count as plural
from backend_tui.ui.strings import text
from backend_tui.ui.widgets.drill_marks import deck_label

REFRESH_SECONDS = 2.0
"""How often the progress files are looked at (a stat per learner; rows are read
again only for learners whose files changed)."""


class SortKey(NamedTuple):
    key: str
    """The key that sorts by it."""
    column: str
    """Catalogue key of the column's heading."""
    value: Callable[[classroom.Row], object]
    descending: bool
    """Its natural order: the most active, most due, best first."""


SORTS: tuple[SortKey, ...] = (
    SortKey("n", "class_col_profile", lambda r: r["profile"].casefold(), False),
    SortKey("t", "class_col_seen", lambda r: r["last_seen"] or "", True),
    SortKey("r", "class_col_reviews", lambda r: r["reviews_total"], True),
    SortKey("s", "class_col_streak", lambda r: r["streak_days"], True),
    SortKey("d", "class_col_due", lambda r: r["due_today"], True),
    SortKey("m", "class_col_mastery", classroom.mastery, True),
)


def ago(lang: str, iso: str | None, now: dt.datetime) -> str:
    """How long ago, in the catalogue's words: who is studying right now stands out."""
    if iso is None:
        return "-"
    seconds = max(0.0, (now - dt.datetime.fromisoformat(iso)).total_seconds())
    if seconds < 60:
        return text(lang, "class_seen_now")
    if seconds < 3600:
        return text(lang, "class_seen_minutes", n=int(seconds // 60))
    if seconds < 86400:
        return text(lang, "class_seen_hours", n=int(seconds // 3600))
    return text(lang, "class_seen_days", n=int(seconds // 86400))


class ClassOverviewScreen(Screen[None]):
    """Every learner under one data folder; keyboard only."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(s.key, f"sort('{s.key}')", s.column, show=False, id=f"class.sort.{s.key}")
            for s in SORTS
        ),
        Binding("l", "app.toggle_language", "language", show=False, id="class.language"),
        Binding("q", "app.quit", "quit", show=False, id="class.quit"),
    ]

    def __init__(
        self,
        data_dir: Path,
        content: StudyContent,
        now: Callable[[], dt.datetime],
    ) -> None:
        super().__init__()
        self._data_dir = data_dir
        self._content = content
        self._now = now
        self._rows: dict[str, classroom.Row] = {}
        self._stamps: dict[str, float | None] = {}
        self._watched: tuple[tuple[str, float], ...] = ()
        self._sort = SORTS[0]
        self._reverse = False
        self._updated: dt.datetime | None = None

    @property
    def lang(self) -> str:
        return str(getattr(self.app, "lang", "en"))

    def compose(self) -> ComposeResult:
        yield Static(id="class-title", markup=False)
        table: DataTable[str | Text] = DataTable(
            id="class-table", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield Static(id="class-empty", markup=False)
        yield Static(id="class-keys", markup=False)

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel, init=False)
        self.check_for_changes()
        self.set_interval(REFRESH_SECONDS, self.check_for_changes)

    # ------------------------------------------------------------------ data

    def check_for_changes(self) -> bool:
        """Read again what changed on disk since the last look; True if anything did."""
        watched = classroom.watched_stamp(self._data_dir)
        if watched == self._watched and self._updated is not None:
            return False
        self._watched = watched
        names = classroom.learners(self._data_dir)
        for gone in set(self._rows) - set(names):
            del self._rows[gone]
            self._stamps.pop(gone, None)
        for profile, key in names.items():
            stamp = classroom.last_change(self._data_dir / classroom.PROFILES / profile)
            row = self._rows.get(profile)
            if row is None or self._stamps.get(profile) != stamp or row["fingerprint"] != key:
                self._rows[profile] = classroom.learner_row(
                    self._data_dir, self._content, profile, key, now=self._now
                )
                self._stamps[profile] = stamp
        self._updated = self._now()
        self._show()
        return True

    def rows(self) -> list[classroom.Row]:
        """The rows in the order shown."""
        rows = sorted(self._rows.values(), key=lambda r: r["profile"].casefold())
        descending = self._sort.descending != self._reverse
        return sorted(rows, key=self._sort.value, reverse=descending)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ drawing

    def _decks(self) -> list[str]:
        return classroom.deck_names(list(self._rows.values()))

    def _deck_name(self, deck: str, lang: str) -> str:
        """The deck's tab name in ``lang`` (as the Drill tab says it), else its id."""
        if lang not in self._content.languages:
            return deck
        return deck_label(self._content, lang, deck)

    def _show(self) -> None:
        lang = self.lang
        table = self.query_one("#class-table", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        mark = "▼" if self._sort.descending != self._reverse else "▲"
        for sort in SORTS:
            heading = text(lang, sort.column)
            if sort is self._sort:
                heading = f"{heading} {mark}"
            table.add_column(Text(heading), key=sort.key)
        table.add_column(Text(text(lang, "class_col_key")), key="key")
        quiz = text(lang, "class_col_quiz")
        for deck in self._decks():
            name = self._deck_name(deck, lang)
            table.add_column(Text(name), key=f"deck:{deck}")
            table.add_column(Text(f"{name} {quiz}"), key=f"quiz:{deck}")
        now = self._now()
        for row in self.rows():
            cells: list[str | Text] = [
                # Names come from folders and keys: shown as they are, never as markup.
                Text(row["profile"]),
                Text(ago(lang, row["last_seen"], now)),
                Text(str(row["reviews_total"]), justify="right"),
                Text(str(row["streak_days"]), justify="right"),
                Text(str(row["due_today"]), justify="right"),
                Text(f"{classroom.mastery(row) * 100:.0f}%", justify="right"),
                Text(classroom.short_key(row["fingerprint"])),
            ]
            for deck in self._decks():
                stats = row["decks"].get(deck) or {}
                mastery = stats.get("mastery")
                shown = "-" if mastery is None else f"{mastery:.0f}%"
                cells.append(Text(shown, justify="right"))
                cells.append(Text(classroom.quiz_cell(stats), justify="right"))
            table.add_row(*cells, key=row["profile"])
        if self._rows:
            table.move_cursor(row=min(cursor, len(self._rows) - 1))
        self._show_labels()

    def _show_labels(self) -> None:
        lang = self.lang
        count = len(self._rows)
        updated = self._updated.astimezone().strftime("%H:%M:%S") if self._updated else "-"
        learners = plural(lang, count, "class_learner", "class_learners")
        title = text(lang, "class_title", learners=learners, updated=updated)
        self.query_one("#class-title", Static).update(Content(title))
        empty = self.query_one("#class-empty", Static)
        empty.display = count == 0
        empty.update(Content(text(lang, "class_empty", folder=str(self._data_dir))))
        keys = [f"{s.key} {text(lang, s.column)}" for s in SORTS]
        keys += [f"l {text(lang, 'class_key_language')}", f"q {text(lang, 'class_key_quit')}"]
        line = text(lang, "class_sort_by") + " " + "  ".join(keys)
        self.query_one("#class-keys", Static).update(Content(line))

    def _relabel(self, _lang: str) -> None:
        self._show()

    # ------------------------------------------------------------------ actions

    def action_sort(self, key: str) -> None:
        """Sort by the column of ``key``; the same key again turns the order round."""
        sort = next(s for s in SORTS if s.key == key)
        if sort is self._sort:
            self._reverse = not self._reverse
        else:
            self._sort, self._reverse = sort, False
        self._show()
