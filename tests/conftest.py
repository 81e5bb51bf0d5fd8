"""Shared fixtures: study content (a small stable fixture, and the bundled material)
and a factory for a fresh dashboard app whose data folder is the test's tmp_path."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from backend_tui import paths
from backend_tui.content import load_content
from backend_tui.content.model import Content
from backend_tui.settings import Settings

if TYPE_CHECKING:
    # Textual is imported only by the UI tests that use the factory below.
    from backend_tui.ui.app import StudyApp
    from backend_tui.ui.tabs import TabSpec

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"


@pytest.fixture(autouse=True)
def _cache_in_tmp(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever a test starts (the CLI in-process or as a child) caches under a temp folder."""
    monkeypatch.setenv(paths.CACHE_DIR_ENV, str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def fixture_content() -> Content:
    """A few entries per section in both languages; stable whatever the real material says."""
    return load_content(FIXTURE_CONTENT)


@pytest.fixture(scope="session")
def bundled_content() -> Content:
    """The material shipped with the app, cards included."""
    return load_content(paths.bundled_content_dir())


@pytest.fixture(scope="session")
def content(bundled_content: Content) -> Content:
    """What the drill tests study: the shipped material (a file may define its own)."""
    return bundled_content


@pytest.fixture
def make_test_app(tmp_path: Path, fixture_content: Content) -> Callable[..., StudyApp]:
    """``make_test_app(lang="en", served=False, content=None, tabs=None)`` -> a fresh app."""
    from backend_tui.ui.app import make_app
    from backend_tui.ui.tabs import DEFAULT_TABS

    def build(
        lang: str = "en",
        *,
        served: bool = False,
        content: Content | None = None,
        tabs: Sequence[TabSpec] | None = None,
    ) -> StudyApp:
        settings = Settings(
            content_dir=FIXTURE_CONTENT,
            data_dir=tmp_path / "data",
            profile="tester",
            lang=lang,
            served=served,
        )
        return make_app(settings, content or fixture_content, tabs or DEFAULT_TABS)

    return build


def visible_text(widget: object) -> str:
    """The text a widget paints right now, line by line (what a learner would read)."""
    from textual.geometry import Region
    from textual.widget import Widget

    assert isinstance(widget, Widget)
    width, height = widget.size
    strips = widget.render_lines(Region(0, 0, width, height))
    return "\n".join(strip.text.rstrip() for strip in strips)


@pytest.fixture
def shown() -> Callable[[object], str]:
    """``shown(widget)``: the text a widget paints (see :func:`visible_text`)."""
    return visible_text
