"""The dashboard's tabs, in order. Adding a tab is one more ``TabSpec`` in the list."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple, Protocol, runtime_checkable

from textual.widget import Widget

from backend_tui.content.model import Content, Language
from backend_tui.settings import Settings
from backend_tui.ui.strings import text
from backend_tui.ui.widgets.reading import CareerView, ReadingView

if TYPE_CHECKING:
    # The study package, the lists and the drill widgets load when first needed:
    # the first tab is on screen sooner.
    from backend_tui.study import StudyService
    from backend_tui.ui.widgets.items import Mastery


class ViewContext(NamedTuple):
    """What a tab's view is built from."""

    settings: Settings
    content: Content
    language: Language
    mastery: Callable[[str], float | None] | None = None
    """Given ``<section>.<item id>``, the learner's mastery (0..1) or None."""
    open_study: Callable[[], StudyService] | None = None
    """Opens (once) the learner's saved progress; only views that need it call it."""

    @property
    def study(self) -> StudyService | None:
        """The learner's saved progress, for the Drill tab."""
        return self.open_study() if self.open_study is not None else None


@runtime_checkable
class TabView(Protocol):
    """What the dashboard asks of a tab's view (the widget inside the tab pane)."""

    def focus_default(self) -> None:
        """Focus the widget the keys should act on when the tab is shown."""

    def select_item(self, item_id: str) -> bool:
        """Bring an entry into view; False when this view has no such entry."""


class TabSpec(NamedTuple):
    """One tab: its pane id, the key that jumps to it, its label and how to build its view."""

    id: str
    key: str
    label: Callable[[Language], str]
    build: Callable[[ViewContext], Widget]


def _section_mastery(ctx: ViewContext, section_id: str) -> Mastery | None:
    mastery = ctx.mastery
    if mastery is None:
        return None
    return lambda item_id: mastery(f"{section_id}.{item_id}")


def _label(section_id: str) -> Callable[[Language], str]:
    return lambda language: language.sections[section_id].tab


def _reading(section_id: str) -> Callable[[ViewContext], Widget]:
    def build(ctx: ViewContext) -> Widget:
        return ReadingView(ctx.content, section_id, ctx.language.code, id=f"view-{section_id}")

    return build


def _items(section_id: str) -> Callable[[ViewContext], Widget]:
    def build(ctx: ViewContext) -> Widget:
        from backend_tui.ui.widgets.items import ItemsView

        return ItemsView(
            ctx.content,
            section_id,
            ctx.language.code,
            mastery=_section_mastery(ctx, section_id),
            id=f"view-{section_id}",
        )

    return build


def _career(ctx: ViewContext) -> Widget:
    return CareerView(ctx.content, "career", ctx.language.code, id="view-career")


def _drill_label(language: Language) -> str:
    return text(language.code, "drill_tab")


def _drill(ctx: ViewContext) -> Widget:
    from backend_tui.ui.widgets.drill_panel import DrillPanel

    assert ctx.study is not None, "the Drill tab needs the app's StudyService"
    return DrillPanel(ctx.study, ctx.content, ctx.language.code, id="view-drill")


DEFAULT_TABS: tuple[TabSpec, ...] = (
    TabSpec("role", "1", _label("role"), _reading("role")),
    TabSpec("duties", "2", _label("duties"), _items("duties")),
    TabSpec("skills", "3", _label("skills"), _items("skills")),
    TabSpec("career", "4", _label("career"), _career),
)
"""Role, Duties, Skills, Career & Salary.

A Drill tab is one more entry: ``(*DEFAULT_TABS, TabSpec("drill", "5", ...))``.
"""

DRILL_TAB = TabSpec("drill", "5", _drill_label, _drill)
ALL_TABS: tuple[TabSpec, ...] = (*DEFAULT_TABS, DRILL_TAB)
"""The study tabs and the Drill tab: what the app shows."""
