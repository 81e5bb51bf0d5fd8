"""Shared fixtures: study content (a small fixture, and a whole course frozen in
tests/fixtures) and a fresh dashboard app whose data folder is the test's tmp_path.
Helpers that are plain functions live in the ``helpers`` package beside this file."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers.app import FIXTURE_CONTENT, FULL_CONTENT, build_app
from hypothesis import settings

from backend_tui import paths
from backend_tui.content import load_content
from backend_tui.content.model import Content

# Property tests draw the same examples on every run and have no per-example deadline:
# a suite that passes once passes again, on a loaded machine too. (A test that sets
# its own settings still overrides these.)
settings.register_profile("backend-tui", derandomize=True, deadline=None, database=None)
settings.load_profile("backend-tui")

if TYPE_CHECKING:
    # Textual is imported only by the UI tests that use the factory below.
    from backend_tui.ui.app import StudyApp
    from backend_tui.ui.tabs import TabSpec


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
def full_content() -> Content:
    """A whole course, cards included: a frozen copy, not the shipped material."""
    return load_content(FULL_CONTENT)


@pytest.fixture(scope="session")
def content(full_content: Content) -> Content:
    """What the drill tests study: the whole course (a file may define its own)."""
    return full_content


@pytest.fixture
def make_test_app(tmp_path: Path, fixture_content: Content) -> Callable[..., StudyApp]:
    """``make_test_app(lang="en", served=False, content=None, tabs=None)`` -> a fresh app
    on the small fixture, with the reading tabs only unless ``tabs`` says otherwise."""
    from backend_tui.ui.tabs import DEFAULT_TABS

    def build(
        lang: str = "en",
        *,
        served: bool = False,
        content: Content | None = None,
        tabs: Sequence[TabSpec] | None = None,
    ) -> StudyApp:
        return build_app(
            tmp_path,
            content or fixture_content,
            lang=lang,
            served=served,
            tabs=tabs or DEFAULT_TABS,
        )

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
