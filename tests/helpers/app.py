"""The one way tests build Settings and a fresh app: data under the test's own folder.

Textual is imported only when an app is built, so the study and content tests
that use :func:`app_settings` never load it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from backend_tui.content.model import Content
from backend_tui.settings import Settings

if TYPE_CHECKING:
    from backend_tui.ui.app import StudyApp
    from backend_tui.ui.tabs import TabSpec

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FIXTURE_CONTENT = FIXTURES / "content"
"""A few entries per section in both languages, no cards: the reading tabs."""
FULL_CONTENT = FIXTURES / "full_content"
"""A frozen copy of a whole course (every section, ~110 cards, a glossary): stands in
for the shipped material, which changes whenever it is improved."""
DRILL_CONTENT = FIXTURES / "drill_content"
"""A handful of cards of every kind: the drill's screens on a fixed clock."""


def app_settings(
    data_dir: Path,
    *,
    content_dir: Path = FIXTURE_CONTENT,
    profile: str = "tester",
    lang: str = "en",
    served: bool = False,
) -> Settings:
    return Settings(
        content_dir=content_dir, data_dir=data_dir, profile=profile, lang=lang, served=served
    )


def build_app(
    tmp_path: Path,
    content: Content,
    *,
    content_dir: Path = FIXTURE_CONTENT,
    lang: str = "en",
    served: bool = False,
    tabs: Sequence[TabSpec] | None = None,
    now: Callable[[], dt.datetime] | None = None,
) -> StudyApp:
    """A fresh app on ``content`` whose progress is saved under ``tmp_path / "data"``.

    Every tab, the Drill tab included, unless ``tabs`` says otherwise.
    """
    from backend_tui.ui.app import make_app
    from backend_tui.ui.tabs import ALL_TABS

    settings = app_settings(tmp_path / "data", content_dir=content_dir, lang=lang, served=served)
    return make_app(settings, content, ALL_TABS if tabs is None else tabs, now=now)
