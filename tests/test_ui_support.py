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
