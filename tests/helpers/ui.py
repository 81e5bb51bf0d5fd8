"""Shared helpers for the UI tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot


async def until(
    pilot: Pilot[Any], condition: Callable[[], bool], what: str = "the app to get there"
) -> None:
    """Let frames pass until ``condition`` holds (bounded): the app settles over frames."""
    for _ in range(200):
        if condition():
            return
        await pilot.pause()
    raise AssertionError(f"timed out waiting for {what}")


def screen_text(app: Any) -> str:
    """The whole terminal as a learner sees it: the screen on top, what shows beneath a
    modal, and notifications. (The composited frame, as ``export_screenshot`` takes it.)"""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)
