"""The study dashboard: one tab per section, built when first shown."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget

from backend_tui.content.model import Content, Language
from backend_tui.settings import Settings
from backend_tui.ui.strings import text
from backend_tui.ui.tabs import TabSpec, TabView, ViewContext
from backend_tui.ui.widgets.key_footer import KeyFooter
from backend_tui.ui.widgets.render import item_heading
from backend_tui.ui.widgets.tab_strip import TabLabel, TabStrip

if TYPE_CHECKING:
    # Loaded after the first frame: they are not needed to show the first tab.
    from backend_tui.study import StudyService
    from backend_tui.ui.commands import Entry
    from backend_tui.ui.widgets.drill_panel import DrillPanel

WIDE = 100
"""From this many columns the entry list and its detail sit side by side."""

# Group descriptions, like binding descriptions and tooltips, are catalogue keys.
TABS = Binding.Group("group_tabs", compact=True)
CYCLE = Binding.Group("group_cycle", compact=True)
DIGITS = "123456789"


def _study_commands() -> type[Provider]:
    # Loaded when the palette first opens, not at start.
    from backend_tui.ui.commands import StudyCommands

    return StudyCommands


class DashboardScreen(Screen[None]):
    # Styles: dashboard.tcss, loaded by the app (this is its default screen).
    # Focus goes to the shown tab's view, set on mount. (None would mean the app's
    # "*": whatever comes first would be focused, then moved: two restyles at start.)
    AUTO_FOCUS = ""
    # Textual repaints the whole screen whenever the focus moves; the widgets that gain
    # and lose focus repaint themselves, so a tab switch need not paint every widget twice.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (Screen declares it without ClassVar)
        (0, "-narrow"),
        (WIDE, "-wide"),
    ]
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {_study_commands}

    # One binding per digit so the keys stay declared (and remappable by id); digits
    # without a tab are switched off in check_action and hidden from the footer.
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(d, f"show_tab('{d}')", "key_tab", group=TABS, tooltip="help_tab", id=f"tab.{d}")
            for d in DIGITS
        ),
        Binding(
            "[",
            "cycle_tab(-1)",
            "key_previous_tab",
            group=CYCLE,
            tooltip="help_previous_tab",
            id="tab.previous",
        ),
        Binding(
            "]",
            "cycle_tab(1)",
            "key_next_tab",
            group=CYCLE,
            tooltip="help_next_tab",
            id="tab.next",
        ),
        # Textual's own focus keys, listed in help in the learner's language.
        Binding(
            "tab", "app.focus_next", "key_focus", show=False, tooltip="help_focus", id="focus.next"
        ),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "key_focus",
            show=False,
            tooltip="help_focus",
            id="focus.previous",
        ),
        # Listed in help (?) and found by the search; the key bar has no room for it
        # in Indonesian at 80 columns.
        Binding(
            "g",
            "glossary",
            "key_glossary",
            show=False,
            tooltip="help_glossary",
            id="glossary.open",
        ),
    ]

    def __init__(
        self,
        settings: Settings,
        content: Content,
        language: Language,
        tabs: Sequence[TabSpec],
        study: Callable[[], StudyService] | None = None,
    ) -> None:
        super().__init__(id="dashboard")
        self._study = study
        self._settings = settings
        self._content = content
        self._language = language
        self._tabs = tuple(tabs)
        self._builds: dict[str, asyncio.Future[Widget]] = {}
        self._views: dict[str, Widget] = {}
        """The built views, by tab id; a tab is built when first shown."""
        self._focused_tab: str | None = None
        """The tab whose view was last given the focus."""

    # ------------------------------------------------------------------ building

    def _view_context(self) -> ViewContext:
        # The saved progress is opened by the first view that reads it, so the
        # first tab is on screen before any of it is loaded.
        open_study = self._study
        mastery = (lambda source: open_study().item_mastery(source)) if open_study else None
        return ViewContext(self._settings, self._content, self._language, mastery, open_study)

    def compose(self) -> ComposeResult:
        # The width classes are otherwise set by the first Resize, after the first
        # layout: every widget would be styled, laid out and painted a second time.
        # Not styled now: the screen and all it holds are styled when it is first shown.
        width = self.app.size.width
        self.update_classes({"-wide": width >= WIDE, "-narrow": width < WIDE}, update=False)
        first = self._tabs[0]
        yield TabStrip(
            self._labels(), first.id, self._badge(), name=self._settings.profile, id="tab-strip"
        )
        # Only the first tab is built now; the rest when first shown. The views sit
        # straight in the screen, the hidden ones with display off: a switcher
        # container would be one more widget to style, lay out and paint.
        yield self._build_view(first)
        yield KeyFooter(compact=True, show_command_palette=False)

    def _labels(self) -> list[TabLabel]:
        return [TabLabel(s.id, s.label(self._language)) for s in self._tabs]

    def _badge(self) -> tuple[str, str]:
        short = text(self._language.code, "lang_badge")
        return short, f"{short} · {text(self._language.code, 'lang_name')}"

    def _build_view(self, spec: TabSpec) -> Widget:
        view = spec.build(self._view_context())
        # Styled once mounted, not now as well.
        view.add_class("tab-view", update=False)
        self._views[spec.id] = view
        return view

    async def _on_resize(self, event: events.Resize) -> None:
        # Textual lays the whole screen out again on every Resize, and at start three
        # arrive with the size the first frame was just laid out at (the app's own,
        # the terminal's, the screen's region): three more layouts and repaints for
        # nothing, ~2 ms and 4.6 KB of output per start. Any other size goes on to
        # Textual's handler (layout and width classes).
        if event.size == self._compositor.size:
            event.stop()
            event.prevent_default()

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel, init=False)
        self._focus_view(self._tabs[0].id)

    @property
    def strip(self) -> TabStrip:
        return self.query_one("#tab-strip", TabStrip)

    @property
    def active_tab(self) -> str:
        """Id of the tab on screen."""
        return self.strip.active

    def view(self, tab_id: str) -> Widget | None:
        """The view inside a tab, or None while the tab is still unbuilt."""
        return self._views.get(tab_id)

    async def _ensure_built(self, tab_id: str) -> Widget:
        """The tab's view, built and mounted on first use.

        Showing a tab and a palette jump can both ask at once: they share one build.
        """
        if tab_id not in self._builds:
            self._builds[tab_id] = asyncio.ensure_future(self._build(tab_id))
        return await self._builds[tab_id]

    async def _build(self, tab_id: str) -> Widget:
        existing = self.view(tab_id)
        if existing is not None:
            return existing
        spec = next(s for s in self._tabs if s.id == tab_id)
        view = self._build_view(spec)
        # Mounted hidden: it appears with the strip's change, in one frame.
        view.display = False
        await self.mount(view, before=self.query_one(KeyFooter))
        return view

    def _focus_view(self, tab_id: str) -> None:
        view = self.view(tab_id)
        if isinstance(view, TabView):
            view.focus_default()
            self._focused_tab = tab_id

    async def show_tab(self, tab_id: str) -> Widget:
        """Bring a tab on screen (building it the first time) and focus its view."""
        view = await self._ensure_built(tab_id)
        # Strip, view and focus change in one batch: one frame instead of two or three.
        with self.app.batch_update():
            for other, shown in self._views.items():
                shown.display = other == tab_id
            self.strip.active = tab_id
            # Once per show is enough (the Drill tab recounts every deck when focused).
            if self._focused_tab != tab_id or self.focused is None:
                self._focus_view(tab_id)
        return view

    def on_tab_strip_clicked(self, event: TabStrip.Clicked) -> None:
        self.run_worker(self.show_tab(event.tab_id), group="tabs")

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show_tab":
            return any(s.key == parameters[0] for s in self._tabs)
        return True

    async def action_show_tab(self, key: str) -> None:
        spec = next((s for s in self._tabs if s.key == key), None)
        if spec is not None:
            await self.show_tab(spec.id)

    async def action_cycle_tab(self, step: int) -> None:
        ids = [s.id for s in self._tabs]
        here = ids.index(self.active_tab) if self.active_tab in ids else 0
        await self.show_tab(ids[(here + step) % len(ids)])

    def action_glossary(self, term_id: str | None = None) -> None:
        from backend_tui.ui.screens.glossary import GlossaryScreen

        glossary = GlossaryScreen(self._content, self._language.code, term_id, self.palette_entries)
        self.app.push_screen(glossary, self._glossary_done)

    async def _glossary_done(self, see: str | None) -> None:
        if see:
            # A term's place (``section.item``), or a tab chosen in the palette there.
            tab_id, _, item_id = see.partition(".")
            await self.jump_to(tab_id, item_id or None)

    # Handlers named after DrillPanel's messages, so the drill module need not be
    # imported to declare them.
    def on_drill_panel_progress_changed(self, event: DrillPanel.ProgressChanged) -> None:
        from backend_tui.ui.widgets.items import ItemsView

        for view in self.query(ItemsView):
            view.refresh_marks()

    # ------------------------------------------------------------------ language

    def _relabel(self, lang: str) -> None:
        """The tab labels and the badge in ``lang`` (each view relabels itself)."""
        self._language = self._content[lang]
        self.strip.set_labels(self._labels(), self._badge())

    # ------------------------------------------------------------------ palette

    def palette_entries(self) -> Sequence[Entry]:
        from backend_tui.ui.commands import Entry

        lang = self._language
        go = text(lang.code, "go_to_tab")
        entries = [Entry(s.id, None, f"{go}: {s.label(lang)}") for s in self._tabs]
        for spec in self._tabs:
            section = lang.sections.get(spec.id)
            if section is None:
                continue
            for item in section.items:
                label = f"{section.tab} › {item_heading(item)}"  # noqa: RUF001
                words = " ".join((item.body, *item.technologies, item.note))
                entries.append(Entry(spec.id, item.id, label, words))
        from backend_tui.ui.screens.glossary import GLOSSARY

        glossary = text(lang.code, "glossary_title")
        if lang.terms:
            entries.append(Entry(GLOSSARY, None, glossary))
        for term in lang.terms:
            # A term jumps to where it is used; one used nowhere opens the glossary at it.
            tab_id, _, item_id = term.see.partition(".") if term.see else (GLOSSARY, "", term.id)
            label = f"{glossary} › {term.term}"  # noqa: RUF001
            entries.append(Entry(tab_id, item_id or None, label, term.meaning))
        return entries

    async def jump_to(self, tab_id: str, item_id: str | None) -> None:
        """Show a tab and, when given, bring one of its entries into view."""
        if tab_id == "glossary":  # the glossary's palette entries (GLOSSARY)
            self.action_glossary(item_id)
            return
        if not any(s.id == tab_id for s in self._tabs):
            self.notify(text(self._language.code, "not_found"), severity="warning", markup=False)
            return
        view = await self.show_tab(tab_id)
        if item_id is None:
            return
        if not (isinstance(view, TabView) and view.select_item(item_id)):
            self.notify(text(self._language.code, "not_found"), severity="warning", markup=False)
